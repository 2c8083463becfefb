/// A private key that signs tokens: an HMAC secret or an Ed25519 private key, bound to one
/// ``Algorithm`` and one key id.
///
/// Keys are immutable, `Sendable`, and safe to use from many threads at once. Secret material is
/// wiped when the last copy is released, and never appears in `description`.
public struct SigningKey: Sendable, CustomStringConvertible {
    let core: KeyCore

    init(core: KeyCore) { self.core = core }

    /// The one algorithm this key signs with.
    public var algorithm: Algorithm { core.algorithm }
    /// The key id written into the token header (`kid`). Defaults to the RFC 7638 thumbprint.
    public var keyID: String { core.keyID }

    /// Creates a fresh key from OpenSSL's CSPRNG: a 32-byte Ed25519 key, or an HMAC secret of
    /// the hash's output length (RFC 7518 §3.2).
    public static func generate(_ algorithm: Algorithm, keyID: String? = nil) throws(TesseraError) -> SigningKey {
        switch algorithm {
        case .edDSA:
            return try SigningKey(ed25519: Ed25519Key.generate(), keyID: keyID)
        case .hs256, .hs384, .hs512:
            var secret = try OpenSSL.randomBytes(count: algorithm.minimumKeyLength)
            defer { secret.withUnsafeMutableBytes { OpenSSL.cleanse($0) } }
            return try SigningKey(hmacSecret: secret, algorithm: algorithm, keyID: keyID)
        }
    }

    /// An HMAC key from a secret. Secrets shorter than the hash output (32/48/64 bytes) are
    /// refused with `invalid_key`: short secrets are brute-forced offline (RFC 8725 §3.5).
    public init(hmacSecret secret: [UInt8], algorithm: Algorithm, keyID: String? = nil) throws(TesseraError) {
        guard algorithm.isHMAC else {
            throw TesseraError(.invalidKey, "\(algorithm) is not an HMAC algorithm; use SigningKey.generate(.edDSA) or a PEM/JWK")
        }
        guard secret.count >= algorithm.minimumKeyLength else {
            throw TesseraError(.invalidKey, "an \(algorithm) secret must be at least \(algorithm.minimumKeyLength) bytes, got \(secret.count); generate one with `tessera keygen --alg \(algorithm)`")
        }
        let stored = SecretBytes.copying(secret)
        let digest: HMACKey.Digest = algorithm == .hs256 ? .sha256 : algorithm == .hs384 ? .sha384 : .sha512
        let hmac = try stored.withBytes { (bytes) throws(TesseraError) in try HMACKey(digest: digest, secret: bytes) }
        let kid = keyID ?? Thumbprint.oct(secret: secret)
        self.init(core: KeyCore(algorithm: algorithm, keyID: kid, material: .hmac(hmac, stored)))
    }

    init(ed25519 key: Ed25519Key, keyID: String?) throws(TesseraError) {
        guard key.isPrivate else { throw TesseraError(.invalidKey, "a signing key needs the Ed25519 private key, not the public key") }
        self.init(core: KeyCore(algorithm: .edDSA, keyID: keyID ?? Thumbprint.okp(x: key.publicBytes), material: .ed25519(key)))
    }

    /// An Ed25519 private key from PEM (PKCS#8 `PRIVATE KEY`, as `openssl genpkey -algorithm
    /// ed25519` writes it).
    public init(pem: String, keyID: String? = nil) throws(TesseraError) {
        try self.init(ed25519: Ed25519Key.fromPEM(Array(pem.utf8)), keyID: keyID)
    }

    /// The key that verifies this key's tokens. For HMAC it holds the same secret.
    public var verificationKey: VerificationKey { VerificationKey(core: core) }

    /// The private JWK (RFC 7517), including `d` or `k`. Treat the result as a secret.
    public var privateJWK: String { JWK.export(core, includePrivate: true) }

    /// PKCS#8 PEM of an Ed25519 private key. Treat the result as a secret.
    public func privatePEM() throws(TesseraError) -> String {
        guard case .ed25519(let key) = core.material else {
            throw TesseraError(.invalidKey, "PEM export is for Ed25519 keys; HMAC secrets export as JWK")
        }
        return try key.pem(private: true)
    }

    /// Safe to print: algorithm and key id only.
    public var description: String { "SigningKey(\(algorithm), kid: \(keyID))" }
}
