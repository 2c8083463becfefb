/// RFC 7638 JWK thumbprints: base64url(SHA-256(canonical JWK)), the default `kid`.
enum Thumbprint {
    /// Thumbprint of an `OKP`/`Ed25519` key from its public bytes.
    static func okp(x: [UInt8]) -> String {
        digest("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"\(Base64URL.encode(x))\"}")
    }

    /// Thumbprint of an `oct` key. It is a one-way hash of the secret, safe to publish.
    static func oct(secret: [UInt8]) -> String {
        digest("{\"k\":\"\(Base64URL.encode(secret))\",\"kty\":\"oct\"}")
    }

    private static func digest(_ canonical: String) -> String {
        Base64URL.encode(OpenSSL.sha256(Array(canonical.utf8)))
    }
}
