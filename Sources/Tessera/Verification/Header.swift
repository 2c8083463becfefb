/// The JOSE header of a token, read strictly (RFC 7515 §4, RFC 8725 §3.1).
struct Header: Sendable {
    /// The `alg` value exactly as written.
    var algorithm: String
    var keyID: String?
    var type: String?

    /// Members that would let the token choose its own key, or that belong to other JOSE
    /// formats: refused outright, never consulted.
    private static let refused: Set<String> = ["jwk", "jku", "x5u", "x5c", "enc", "zip", "b64", "cty"]

    /// Parses a decoded header. `crit` is refused because Tessera understands no extensions
    /// (RFC 7515 §4.1.11); `alg` is required.
    static func parse(_ json: UnsafeBufferPointer<UInt8>) throws(TesseraError) -> Header {
        var reader = JSONReader(json)
        guard try reader.peekKind() == .object else { throw JSONReader.fail("the header must be a JSON object") }
        var alg: String?
        var kid: String?
        var typ: String?
        try reader.readObject { (r, nameRef) throws(TesseraError) in
            let name = r.decodeString(nameRef)
            func string() throws(TesseraError) -> String {
                guard try r.peekKind() == .string else { throw JSONReader.fail("header '\(name)' must be a string") }
                return r.decodeString(try r.readString())
            }
            switch name {
            case "alg": alg = try string()
            case "kid": kid = try string()
            case "typ": typ = try string()
            case "crit": throw JSONReader.fail("the header has 'crit'; Tessera supports no critical extensions")
            case _ where refused.contains(name):
                throw JSONReader.fail("the header has '\(name)'; keys come from configuration only, never from the token")
            default: try r.skipValue(depth: 0)
            }
        }
        try reader.finish()
        guard let alg else { throw JSONReader.fail("the header has no 'alg'") }
        return Header(algorithm: alg, keyID: kid, type: typ)
    }
}
