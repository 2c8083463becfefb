/// A token's header and claims decoded **without checking anything**: not the signature, not
/// the expiry, not the issuer, not the key.
///
/// - Warning: This is the dangerous path, for debugging only (`tessera inspect`). Anyone can
///   write any claims into a token; never make a decision based on an `UnverifiedToken`. To
///   accept a token, use ``Verifier/verify(_:)``, which checks the signature before it reads
///   the claims.
///
/// Decoding is still strict: three segments, canonical base64url, and a JSON object (parsed by
/// the same strict reader as the verifier) in the header and in the payload; anything else is
/// `malformed`, and a token longer than ``maximumSize`` is `too_large`.
public struct UnverifiedToken: Sendable {
    /// The largest token decoded: the largest size cap a ``Verifier`` accepts.
    public static let maximumSize = Verifier.maxTokenSizeRange.upperBound

    /// The header as compact JSON, members in their original order. Unverified.
    public let headerJSON: String
    /// The payload (claims) as compact JSON, members in their original order. Unverified.
    public let claimsJSON: String

    /// Decodes `token` without verifying it. Read the warning on ``UnverifiedToken`` first.
    public static func decodeUnverified(_ token: String) throws(TesseraError) -> UnverifiedToken {
        let bytes = Array(token.utf8)
        guard bytes.count <= maximumSize else {
            throw TesseraError(.tooLarge, "the token is \(bytes.count) bytes; inspect reads at most \(maximumSize)")
        }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(TesseraError) -> UnverifiedToken in
            let segments = try Segments(buffer)
            try segments.checkEncoding()
            return UnverifiedToken(
                headerJSON: try compactObject(segments.header, "header"),
                claimsJSON: try compactObject(segments.payload, "payload"))
        }
    }

    private init(headerJSON: String, claimsJSON: String) {
        self.headerJSON = headerJSON
        self.claimsJSON = claimsJSON
    }

    /// Decodes one segment, requires a JSON object, and re-writes it compactly.
    private static func compactObject(_ segment: UnsafeBufferPointer<UInt8>, _ name: String) throws(TesseraError) -> String {
        guard let decoded = Base64URL.decode(String(decoding: segment, as: UTF8.self)), !decoded.isEmpty else {
            throw TesseraError(.malformed, "the \(name) segment is empty or not base64url")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(decoded) } catch {
            throw TesseraError(.malformed, "the \(name) is not valid JSON: \(error.detail)")
        }
        guard case .object = value else { throw TesseraError(.malformed, "the \(name) is not a JSON object") }
        var writer = JSONWriter()
        value.write(into: &writer)
        return writer.text
    }
}
