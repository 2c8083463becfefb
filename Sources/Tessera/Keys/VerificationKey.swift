/// A key that verifies tokens: an Ed25519 public key, or an HMAC secret, bound to one
/// ``Algorithm`` and one key id.
///
/// For HMAC the verification key *is* the secret: it is never exported in a public form.
public struct VerificationKey: Sendable, CustomStringConvertible {
    let core: KeyCore

    init(core: KeyCore) { self.core = core }

    /// The one algorithm this key accepts; a token whose header names another is rejected.
    public var algorithm: Algorithm { core.algorithm }
    /// The key id a token must name in its header to be checked with this key.
    public var keyID: String { core.keyID }

    /// An Ed25519 public key from PEM (SPKI `PUBLIC KEY`, as `openssl pkey -pubout` writes it).
    public init(pem: String, keyID: String? = nil) throws(TesseraError) {
        let key = try Ed25519Key.fromPEM(Array(pem.utf8))
        self.init(core: KeyCore(algorithm: .edDSA, keyID: keyID ?? Thumbprint.okp(x: key.publicBytes), material: .ed25519(key)))
    }

    /// An Ed25519 public key from its 32 raw bytes.
    public init(ed25519PublicKey bytes: [UInt8], keyID: String? = nil) throws(TesseraError) {
        let key = try Ed25519Key.publicKey(bytes)
        self.init(core: KeyCore(algorithm: .edDSA, keyID: keyID ?? Thumbprint.okp(x: bytes), material: .ed25519(key)))
    }

    /// True for an Ed25519 key (which has a public form); false for an HMAC secret.
    public var isPublic: Bool {
        if case .ed25519 = core.material { return true }
        return false
    }

    /// The public JWK (`kty`, `crv`, `x`, `alg`, `kid`, `use`), or nil for an HMAC secret,
    /// which has no public form. Never contains `d` or `k`.
    public var publicJWK: String? { isPublic ? JWK.export(core, includePrivate: false) : nil }

    /// SPKI PEM of an Ed25519 public key.
    public func publicPEM() throws(TesseraError) -> String {
        guard case .ed25519(let key) = core.material else {
            throw TesseraError(.invalidKey, "an HMAC secret has no public PEM form")
        }
        return try key.pem(private: false)
    }

    /// Safe to print: algorithm and key id only.
    public var description: String { "VerificationKey(\(algorithm), kid: \(keyID))" }
}
