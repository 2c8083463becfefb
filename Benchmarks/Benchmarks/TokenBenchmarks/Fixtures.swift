import Tessera

/// One algorithm's benchmark inputs: a key, an issuer minting realistic access tokens
/// (`iss sub aud exp iat jti sid scope`), verifiers with and without the verified-token cache,
/// and one minted token with its signing input (`header.payload`) for the floor.
struct Fixture: Sendable {
    static let issuerName = "https://auth.example.com"
    static let audience = "api.example.com"
    /// A realistic request: a user id, two scopes, a server-minted session id.
    static let request = TokenRequest(
        subject: "user-8f14e45fceea167a", scopes: ["read:profile", "write:orders"],
        sessionID: "Vq3XoZ1l0m2lJ6nq8c5e7g")

    let algorithm: Algorithm
    let key: SigningKey
    let issuer: Issuer
    let verifier: Verifier
    let cachedVerifier: Verifier
    let cache: VerifiedTokenCache
    let token: String
    /// `header.payload` of ``token``: what the signature covers.
    let signingInput: [UInt8]

    init(_ algorithm: Algorithm, revocation: RevocationList? = nil) throws {
        self.algorithm = algorithm
        key = try SigningKey.generate(algorithm)
        issuer = try Issuer(key: key, issuer: Self.issuerName, audience: [Self.audience], lifetime: 3600)
        let rules = try ClaimRules(issuer: Self.issuerName, audiences: [Self.audience])
        verifier = try Verifier(keys: KeySet(key.verificationKey), rules: rules, revocation: revocation)
        cache = VerifiedTokenCache()
        cachedVerifier = try Verifier(keys: KeySet(key.verificationKey), rules: rules, revocation: revocation, cache: cache)
        token = try issuer.issue(Self.request).token
        let utf8 = Array(token.utf8)
        signingInput = Array(utf8[..<utf8.lastIndex(of: UInt8(ascii: "."))!])
    }

    /// The raw HMAC secret, read back from the private JWK (`k`), for the HMAC floor.
    var hmacSecret: [UInt8] { base64URLDecode(jwkMember("k")) }

    /// One string member of the private JWK (`k` for HMAC, `d` and `x` for Ed25519).
    func jwkMember(_ name: String) -> String {
        let jwk = key.privateJWK
        let start = jwk.range(of: "\"\(name)\":\"")!.upperBound
        let end = jwk[start...].firstIndex(of: "\"")!
        return String(jwk[start..<end])
    }
}

/// Decodes unpadded base64url (test fixture only).
func base64URLDecode(_ text: String) -> [UInt8] {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    var bits = 0, value = 0
    var out: [UInt8] = []
    for c in text.utf8 {
        value = value << 6 | alphabet.firstIndex(of: c)!
        bits += 6
        if bits >= 8 {
            bits -= 8
            out.append(UInt8(truncatingIfNeeded: value >> bits))
        }
    }
    return out
}
