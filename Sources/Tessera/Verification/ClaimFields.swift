/// Where each known claim lies in a decoded payload, read in one pass by ``read(_:)``.
///
/// Strings stay as byte ranges so that verifying allocates nothing for them; ``VerifiedToken``
/// decodes a claim only when asked for it.
struct ClaimFields: Sendable {
    enum Audience: Sendable {
        case none
        case one(JSONStringRef)
        /// The array's source range; its elements were validated as strings.
        case many(Range<Int>)
    }

    var issuer: JSONStringRef?
    var subject: JSONStringRef?
    var audience: Audience = .none
    var expiresAt: Int64?
    var notBefore: Int64?
    var issuedAt: Int64?
    var tokenID: JSONStringRef?
    var sessionID: JSONStringRef?
    var scope: JSONStringRef?
    var authTime: Int64?
    var epoch: Int64?

    /// Reads the claims object. Registered claims with the wrong JSON type are `malformed`;
    /// unknown members are validated and skipped.
    static func read(_ payload: UnsafeBufferPointer<UInt8>) throws(TesseraError) -> ClaimFields {
        var fields = ClaimFields()
        var reader = JSONReader(payload)
        guard try reader.peekKind() == .object else { throw JSONReader.fail("the claims must be a JSON object") }
        try reader.readObject { (r, name) throws(TesseraError) in
            func string() throws(TesseraError) -> JSONStringRef {
                guard try r.peekKind() == .string else { throw JSONReader.fail("a registered string claim has another type") }
                return try r.readString()
            }
            switch name.count {
            case 2 where r.equals(name, "ep"): fields.epoch = try r.readNonNegativeInteger()
            case 3:
                if r.equals(name, "exp") { fields.expiresAt = try r.readNumericDate() }
                else if r.equals(name, "sub") { fields.subject = try string() }
                else if r.equals(name, "iss") { fields.issuer = try string() }
                else if r.equals(name, "jti") { fields.tokenID = try string() }
                else if r.equals(name, "iat") { fields.issuedAt = try r.readNumericDate() }
                else if r.equals(name, "nbf") { fields.notBefore = try r.readNumericDate() }
                else if r.equals(name, "sid") { fields.sessionID = try string() }
                else if r.equals(name, "aud") { fields.audience = try readAudience(&r) }
                else { try r.skipValue(depth: 0) }
            case 5 where r.equals(name, "scope"): fields.scope = try string()
            case 9 where r.equals(name, "auth_time"): fields.authTime = try r.readNumericDate()
            default:
                if name.hasEscapes {
                    // "\u0065xp" is "exp": match escaped names by their decoded value.
                    try readEscapedName(name, &r, &fields)
                } else {
                    try r.skipValue(depth: 0)
                }
            }
        }
        try reader.finish()
        return fields
    }

    private static func readEscapedName(_ name: JSONStringRef, _ r: inout JSONReader, _ fields: inout ClaimFields) throws(TesseraError) {
        let registered = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "sid", "scope", "auth_time", "ep"]
        if registered.contains(r.decodeString(name)) {
            throw JSONReader.fail("a registered claim name is written with escapes")
        }
        try r.skipValue(depth: 0)
    }

    private static func readAudience(_ r: inout JSONReader) throws(TesseraError) -> Audience {
        switch try r.peekKind() {
        case .string:
            return .one(try r.readString())
        case .array:
            r.skipWhitespace()
            let start = r.index
            var count = 0
            try r.readArray(depth: 1) { (element) throws(TesseraError) in
                guard try element.peekKind() == .string else { throw JSONReader.fail("'aud' must hold strings") }
                _ = try element.readString()
                count += 1
            }
            guard count > 0 else { throw JSONReader.fail("'aud' must not be an empty array") }
            return .many(start..<r.index)
        default:
            throw JSONReader.fail("'aud' must be a string or an array of strings")
        }
    }
}
