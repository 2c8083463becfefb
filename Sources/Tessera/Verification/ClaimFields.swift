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
                // One integer compare per name instead of up to eight string compares. A 3-byte
                // raw name with an escape decodes to 2 characters, so it is never one of these.
                switch name.hasEscapes ? 0 : threeBytes(r.bytes, at: name.start) {
                case 0x70_7865: fields.expiresAt = try r.readNumericDate()  // "exp"
                case 0x62_7573: fields.subject = try string()  // "sub"
                case 0x73_7369: fields.issuer = try string()  // "iss"
                case 0x69_746A: fields.tokenID = try string()  // "jti"
                case 0x74_6169: fields.issuedAt = try r.readNumericDate()  // "iat"
                case 0x66_626E: fields.notBefore = try r.readNumericDate()  // "nbf"
                case 0x64_6973: fields.sessionID = try string()  // "sid"
                case 0x64_7561: fields.audience = try readAudience(&r)  // "aud"
                default: try r.skipValue(depth: 0)
                }
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

    /// Three bytes at `start` as a little-endian integer ("exp" is 0x707865).
    @inline(__always)
    private static func threeBytes(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt32 {
        UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16
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
