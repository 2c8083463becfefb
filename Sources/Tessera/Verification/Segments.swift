#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The three segments of a compact JWS, as views into the token's bytes (steps 2–3).
struct Segments {
    let header: UnsafeBufferPointer<UInt8>
    let payload: UnsafeBufferPointer<UInt8>
    let signature: UnsafeBufferPointer<UInt8>
    /// `header.payload`: what the signature covers.
    let signingInput: UnsafeBufferPointer<UInt8>

    /// Splits at the two dots; any other count of dots is `malformed`.
    init(_ token: UnsafeBufferPointer<UInt8>) throws(TesseraError) {
        guard let first = Self.dot(in: token, from: 0) else {
            throw TesseraError(.malformed, "a token has three dot-separated segments; this has one")
        }
        guard let second = Self.dot(in: token, from: first + 1) else {
            throw TesseraError(.malformed, "a token has three dot-separated segments; this has two")
        }
        guard Self.dot(in: token, from: second + 1) == nil else {
            throw TesseraError(.malformed, "a token has three dot-separated segments; this has more (JWE and JSON serialization are not accepted)")
        }
        header = UnsafeBufferPointer(rebasing: token[..<first])
        payload = UnsafeBufferPointer(rebasing: token[(first + 1)..<second])
        signature = UnsafeBufferPointer(rebasing: token[(second + 1)...])
        signingInput = UnsafeBufferPointer(rebasing: token[..<second])
    }

    /// The index of the first `.` at or after `start` (`memchr`: the split is on every verify).
    @inline(__always)
    private static func dot(in token: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < token.count, let base = token.baseAddress,
              let found = memchr(base + start, Int32(UInt8(ascii: ".")), token.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Every segment must be canonical base64url. The header and signature are checked here;
    /// the payload is checked by ``decodePayload()`` in the same pass that decodes it (one pass
    /// over the largest segment instead of two). Decoding is not parsing: the payload's JSON is
    /// still read only after the signature holds.
    func checkEncoding() throws(TesseraError) {
        // Two calls rather than a loop over an array literal: the array would be allocated on
        // every verify.
        try Self.requireCanonical(header, "header")
        try Self.requireCanonical(signature, "signature")
    }

    private static func requireCanonical(_ segment: UnsafeBufferPointer<UInt8>, _ name: StaticString) throws(TesseraError) {
        guard Base64URL.isCanonical(segment) else {
            throw TesseraError(.malformed, "the \(name) segment is not canonical unpadded base64url")
        }
    }

    /// Decodes and parses the header (not used for Tessera's own pre-encoded headers).
    func decodeHeader() throws(TesseraError) -> Header {
        guard let length = Base64URL.decodedLength(header.count), length > 0 else {
            throw TesseraError(.malformed, "the header segment is empty")
        }
        let result = withUnsafeTemporaryAllocation(byteCount: length, alignment: 1) { buffer -> Result<Header, TesseraError> in
            guard let written = Base64URL.decode(header, into: buffer) else {
                return .failure(TesseraError(.malformed, "the header segment is not base64url"))
            }
            do throws(TesseraError) {
                return .success(try Header.parse(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[0..<written])))
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Decodes the payload, rejecting non-canonical base64url: the one allocation of a verify.
    func decodePayload() throws(TesseraError) -> [UInt8] {
        guard let length = Base64URL.decodedLength(payload.count) else {
            throw TesseraError(.malformed, "the payload segment is not canonical unpadded base64url")
        }
        // An empty payload decodes to nothing; the JSON step refuses it after the signature.
        guard length > 0 else { return [] }
        var ok = true
        let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
            if let written = Base64URL.decode(payload, into: UnsafeMutableRawBufferPointer(buffer)) {
                count = written
            } else {
                ok = false
                count = 0
            }
        }
        guard ok else { throw TesseraError(.malformed, "the payload segment is not canonical unpadded base64url") }
        return bytes
    }
}
