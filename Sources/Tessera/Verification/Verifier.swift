#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Verifies access tokens offline: one pipeline of small ordered steps, cheapest and least
/// trusting first (RFC 8725):
///
/// 1. **size**: at most ``maxTokenSize`` bytes (`too_large`)
/// 2. **split**: exactly three segments (`malformed`)
/// 3. **encoding**: strict, canonical base64url in every segment (`malformed`)
/// 4. **header**: JSON object; `crit`, `jwk`, `jku`, `x5u`, `x5c` refused (`malformed`)
/// 5. **key**: by `kid` from the ``KeySet``; unknown is `key_not_found`, never a fallback
/// 6. **algorithm**: the header's `alg` must be the key's (`unsupported_algorithm`; `none` never)
/// 7. **signature**: constant-time for HMAC (`bad_signature`)
/// 8. **payload**: only now decoded: a JSON object, no duplicates, typed claims (`malformed`)
/// 9. **claims**: ``ClaimRules`` (`expired`, `not_yet_valid`, `missing_claim`, `wrong_*`)
/// 10. **revocation**: the ``RevocationList`` snapshot, if any (`revoked`)
///
/// A `Verifier` is an immutable value: build it once and share it across threads.
public struct Verifier: Sendable {
    /// Default size cap: 8 KiB.
    public static let defaultMaxTokenSize = 8192
    /// Accepted range for the size cap.
    public static let maxTokenSizeRange: ClosedRange<Int> = 256...65_536

    /// The trusted keys.
    public let keys: KeySet
    /// The claim rules.
    public let rules: ClaimRules
    /// Tokens longer than this are rejected before any parsing.
    public let maxTokenSize: Int
    /// Consulted last, for tokens that passed every other step.
    public let revocation: RevocationList?
    /// Tokens that already verified, re-checked (claims, revocation) but not re-verified on a hit.
    public let cache: VerifiedTokenCache?

    /// A verifier. `maxTokenSize` outside ``maxTokenSizeRange`` is `invalid_configuration`.
    /// `cache` (off by default) makes repeat verifies of a token skip its signature check; see
    /// ``VerifiedTokenCache``.
    public init(
        keys: KeySet, rules: ClaimRules = .standard, maxTokenSize: Int = Verifier.defaultMaxTokenSize,
        revocation: RevocationList? = nil, cache: VerifiedTokenCache? = nil
    ) throws(TesseraError) {
        guard Self.maxTokenSizeRange.contains(maxTokenSize) else {
            throw TesseraError(.invalidConfiguration, "maxTokenSize must be \(Self.maxTokenSizeRange.lowerBound) to \(Self.maxTokenSizeRange.upperBound) bytes")
        }
        self.keys = keys
        self.rules = rules
        self.maxTokenSize = maxTokenSize
        self.revocation = revocation
        self.cache = cache
    }

    /// Verifies a compact token, returning its claims or the first reason it is rejected.
    public func verify(_ token: String) throws(TesseraError) -> VerifiedToken {
        var token = token
        let result = token.withUTF8 { verify(utf8: $0) }
        return try result.get()
    }

    /// Verifies a compact token given as UTF-8 bytes.
    public func verify(utf8 token: UnsafeBufferPointer<UInt8>) -> Result<VerifiedToken, TesseraError> {
        do throws(TesseraError) {
            return .success(try pipeline(token))
        } catch {
            return .failure(error)
        }
    }

    private func pipeline(_ token: UnsafeBufferPointer<UInt8>) throws(TesseraError) -> VerifiedToken {
        // 1. size
        guard token.count <= maxTokenSize else { throw TesseraError(.tooLarge, "the token is \(token.count) bytes; the limit is \(maxTokenSize)") }
        if let cache, let hit = cache.lookup(token), let verified = try recheck(hit, token, in: cache) { return verified }
        // 2. split
        let segments = try Segments(token)
        // 3. encoding (the payload is decoded here, not parsed)
        try segments.checkEncoding()
        let payload = try segments.decodePayload()
        // 4–6. header, key, algorithm
        let (key, type) = try selectKey(segments)
        // 7. signature
        try checkSignature(segments, key: key)
        // 8. payload: only now read as JSON
        let fields = try payload.withUnsafeBufferPointer { (bytes) throws(TesseraError) in try ClaimFields.read(bytes) }
        let verified = VerifiedToken(algorithm: key.algorithm, keyID: key.keyID, type: type, payload: payload, fields: fields)
        // 9–10. claims, revocation
        try checkClaimsAndRevocation(verified)
        cache?.insert(token, key: key, verified: verified, now: rules.clock.now())
        return verified
    }

    /// Steps 9–10, for a token whose signature holds: the claim rules, then revocation. Also
    /// run on every cache hit, so a cached token expires and is revoked like any other.
    func checkClaimsAndRevocation(_ verified: VerifiedToken) throws(TesseraError) {
        try verified.payload.withUnsafeBufferPointer { (bytes) throws(TesseraError) in
            try rules.check(verified.fields, type: verified.type, payload: bytes)
        }
        if let revocation { try revocation.check(verified) }
    }

    /// Steps 4–6: our own pre-encoded headers are recognised byte for byte; anything else is
    /// parsed strictly, its `kid` looked up and its `alg` compared with the key's.
    private func selectKey(_ segments: Segments) throws(TesseraError) -> (KeyCore, String?) {
        let headerBytes = segments.header
        for key in keys.keys where key.core.encodedHeader.count == headerBytes.count {
            let same = key.core.encodedHeader.withUnsafeBufferPointer { memcmp($0.baseAddress!, headerBytes.baseAddress!, headerBytes.count) == 0 }
            if same { return (key.core, TokenType.accessToken) }
        }
        let header = try segments.decodeHeader()
        if header.algorithm.lowercased() == "none" {
            throw TesseraError(.unsupportedAlgorithm, "'alg: none' (unsigned tokens) is never accepted")
        }
        let key = try keys.key(for: header.keyID).core
        guard Algorithm(joseName: header.algorithm) == key.algorithm else {
            throw TesseraError(.unsupportedAlgorithm, "the header's alg is not \(key.algorithm), the algorithm of key '\(key.keyID)'")
        }
        return (key, header.type)
    }

    /// Step 7.
    private func checkSignature(_ segments: Segments, key: KeyCore) throws(TesseraError) {
        let signature = segments.signature
        guard let length = Base64URL.decodedLength(signature.count), length == key.algorithm.signatureLength else {
            throw TesseraError(.badSignature, "the signature has the wrong length for \(key.algorithm)")
        }
        let valid = withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { buffer -> Bool in
            guard let written = Base64URL.decode(signature, into: buffer), written == length else { return false }
            return key.verify(UnsafeRawBufferPointer(rebasing: buffer[0..<written]), over: UnsafeRawBufferPointer(segments.signingInput))
        }
        guard valid else { throw TesseraError(.badSignature, "the signature does not verify with key '\(key.keyID)'") }
    }
}
