/// The key material behind ``SigningKey`` and ``VerificationKey``, shared by reference.
enum KeyMaterial: Sendable {
    /// An HMAC key: the precomputed states and the raw secret (kept for JWK export).
    case hmac(HMACKey, SecretBytes)
    /// An Ed25519 key, private or public only.
    case ed25519(Ed25519Key)
}

/// One key, bound to one algorithm, with its JWS header segment encoded once.
final class KeyCore: Sendable {
    let algorithm: Algorithm
    let keyID: String
    let material: KeyMaterial
    /// `base64url({"alg":…,"kid":…,"typ":"at+jwt"})`: what this key writes, and what the
    /// verifier's fast path compares byte for byte.
    let encodedHeader: [UInt8]

    init(algorithm: Algorithm, keyID: String, material: KeyMaterial) {
        self.algorithm = algorithm
        self.keyID = keyID
        self.material = material
        var header = JSONWriter(capacity: 96)
        header.beginObject()
        header.key("alg"); header.string(algorithm.name)
        header.key("kid"); header.string(keyID)
        header.key("typ"); header.string(TokenType.accessToken)
        header.endObject()
        var encoded: [UInt8] = []
        header.bytes.withUnsafeBytes { Base64URL.encode($0, into: &encoded) }
        encodedHeader = encoded
    }

    var canSign: Bool {
        switch material {
        case .hmac: true
        case .ed25519(let key): key.isPrivate
        }
    }

    /// Verifies `signature` over `message` with this key.
    @inline(__always)
    func verify(_ signature: UnsafeRawBufferPointer, over message: UnsafeRawBufferPointer) -> Bool {
        switch material {
        case .hmac(let key, _): key.verify(signature, over: message)
        case .ed25519(let key): key.verify(signature, over: message)
        }
    }

    /// Signs `message` into `signature` (``Algorithm/signatureLength`` bytes).
    @inline(__always)
    func sign(_ message: UnsafeRawBufferPointer, into signature: UnsafeMutableRawBufferPointer) throws(TesseraError) {
        switch material {
        case .hmac(let key, _):
            guard key.authenticate(message, into: signature) else { throw TesseraError(.cryptoFailure, "HMAC failed") }
        case .ed25519(let key):
            try key.sign(message, into: signature)
        }
    }
}

/// The explicit token type (RFC 9068 §2.1, RFC 8725 §3.11).
enum TokenType {
    static let accessToken = "at+jwt"

    /// True when `value` names the access-token type: `at+jwt` or `application/at+jwt`,
    /// compared case-insensitively (RFC 7515 §4.1.9).
    static func matches(_ value: some StringProtocol, expected: String) -> Bool {
        if value == expected { return true }  // the common case, decided without allocating
        let lower = value.lowercased()
        let want = expected.lowercased()
        return lower == want || lower == "application/" + want
    }
}
