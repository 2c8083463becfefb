/// The keys a verifier trusts, looked up by the token's `kid`.
///
/// An unknown `kid` is `key_not_found`, never a fallback to another key. A token without a
/// `kid` is accepted only when the set holds exactly one key.
public struct KeySet: Sendable {
    /// The keys, in the order given.
    public let keys: [VerificationKey]
    private let byID: [String: VerificationKey]

    /// A set of keys. Two keys with the same key id are refused (`invalid_key`).
    public init(_ keys: [VerificationKey]) throws(TesseraError) {
        guard !keys.isEmpty else { throw TesseraError(.invalidKey, "a key set needs at least one key") }
        var byID: [String: VerificationKey] = [:]
        for key in keys {
            guard byID.updateValue(key, forKey: key.keyID) == nil else {
                throw TesseraError(.invalidKey, "two keys share the key id '\(key.keyID)'")
            }
        }
        self.keys = keys
        self.byID = byID
    }

    /// A set holding one key.
    public init(_ key: VerificationKey) {
        keys = [key]
        byID = [key.keyID: key]
    }

    /// Parses a JWK Set (RFC 7517 §5): `{"keys":[…]}`. Keys of types Tessera does not use
    /// (RSA, EC) are skipped; a set with no usable key is refused.
    public init(jwks: String) throws(TesseraError) {
        let parsed = try KeyFile(contents: Array(jwks.utf8))
        try self.init(parsed.verificationKeys)
    }

    /// The key for a token's `kid` (nil when the header had none).
    public func key(for keyID: String?) throws(TesseraError) -> VerificationKey {
        guard let keyID else {
            guard keys.count == 1 else {
                throw TesseraError(.keyNotFound, "the token has no 'kid' and \(keys.count) keys are configured")
            }
            return keys[0]
        }
        guard let key = byID[keyID] else { throw TesseraError(.keyNotFound, "no key with the token's kid is configured") }
        return key
    }

    /// The public JWK Set of the Ed25519 keys. HMAC secrets are never included.
    public var publicJWKS: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("keys")
        writer.beginArray()
        for key in keys where key.isPublic {
            JWK.write(key.core, includePrivate: false, into: &writer)
        }
        writer.endArray()
        writer.endObject()
        return writer.text
    }
}
