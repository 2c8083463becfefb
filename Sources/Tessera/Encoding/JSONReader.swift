#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A string value's place in the source bytes (between the quotes) and whether it has escapes.
struct JSONStringRef: Sendable, Equatable {
    var start: Int
    var end: Int
    var hasEscapes: Bool

    var count: Int { end - start }
}

/// A strict, allocation-free RFC 8259 reader over a byte buffer, for the flat objects of JOSE.
///
/// Strict where JSON parsers commonly are lenient: no duplicate members (compared after
/// unescaping), UTF-8 validated (no overlong forms, no surrogates, nothing past U+10FFFF),
/// `\u` escapes must pair surrogates, no control characters, no leading zeros, no trailing
/// content, no NaN/Infinity, nesting bounded by ``maxDepth``. It never allocates for the common
/// case; values are handed out as byte ranges and decoded only when a caller asks.
struct JSONReader {
    /// Deepest nesting accepted (objects and arrays).
    static let maxDepth = 32

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    enum Kind { case string, number, object, array, bool, null }

    static func fail(_ reason: String) -> TesseraError { TesseraError(.malformed, reason) }

    // MARK: Structure

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The kind of the next value (after whitespace), without consuming it.
    mutating func peekKind() throws(TesseraError) -> Kind {
        skipWhitespace()
        guard index < bytes.count else { throw Self.fail("unexpected end of JSON") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw Self.fail("unexpected character in JSON")
        }
    }

    private mutating func expect(_ byte: UInt8) throws(TesseraError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else {
            throw Self.fail("expected '\(Character(Unicode.Scalar(byte)))' in JSON")
        }
        index += 1
    }

    /// Requires that only whitespace remains.
    mutating func finish() throws(TesseraError) {
        skipWhitespace()
        guard index == bytes.count else { throw Self.fail("trailing data after JSON value") }
    }

    /// Reads an object, calling `member` once per member with the reader positioned at the value;
    /// `member` must consume exactly that value. Duplicate member names are rejected.
    mutating func readObject(
        depth: Int = 0, _ member: (inout JSONReader, JSONStringRef) throws(TesseraError) -> Void
    ) throws(TesseraError) {
        guard depth < Self.maxDepth else { throw Self.fail("JSON nested too deeply") }
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        // Member names seen so far: a small inline list first, spilling to the heap only for
        // unusually wide objects.
        var inline = (JSONStringRef?.none, JSONStringRef?.none, JSONStringRef?.none, JSONStringRef?.none,
                      JSONStringRef?.none, JSONStringRef?.none, JSONStringRef?.none, JSONStringRef?.none,
                      JSONStringRef?.none, JSONStringRef?.none, JSONStringRef?.none, JSONStringRef?.none,
                      JSONStringRef?.none, JSONStringRef?.none, JSONStringRef?.none, JSONStringRef?.none)
        let inlineCapacity = 16
        // Names past the inline list, decoded, in a hash set: a linear scan here made a wide
        // object (e.g. a 64 KiB header, parsed before the signature check) quadratic.
        var spilled = Set<[UInt8]>()
        var seen = 0
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Self.fail("expected a member name in JSON object") }
            let name = try readString()
            // Duplicate check (RFC 7515 §5.2 / RFC 8725 §3.x: reject, never "last one wins").
            // Rebind with an explicit capacity: `withUnsafeBytes(of:)` spans the tuple's *size*,
            // which is less than 16 strides, and would address only 15 slots.
            let duplicate: Bool = withUnsafeMutablePointer(to: &inline) { tuple in
                tuple.withMemoryRebound(to: JSONStringRef?.self, capacity: inlineCapacity) { list in
                    for i in 0..<min(seen, inlineCapacity) where equal(list[i]!, name) { return true }
                    return false
                }
            } || (seen >= inlineCapacity && !spilled.insert(decodeBytes(name)).inserted)
            if duplicate { throw Self.fail("duplicate member in JSON object") }
            if seen < inlineCapacity {
                withUnsafeMutablePointer(to: &inline) { tuple in
                    tuple.withMemoryRebound(to: JSONStringRef?.self, capacity: inlineCapacity) { $0[seen] = name }
                }
            }
            seen += 1
            try expect(UInt8(ascii: ":"))
            let before = index
            try member(&self, name)
            guard index > before else { throw Self.fail("JSON member value not consumed") }
            skipWhitespace()
            guard index < bytes.count else { throw Self.fail("unterminated JSON object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return }
            throw Self.fail("expected ',' or '}' in JSON object")
        }
    }

    /// Reads an array, calling `element` once per element positioned at it.
    mutating func readArray(depth: Int = 0, _ element: (inout JSONReader) throws(TesseraError) -> Void) throws(TesseraError) {
        guard depth < Self.maxDepth else { throw Self.fail("JSON nested too deeply") }
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            let before = index
            try element(&self)
            guard index > before else { throw Self.fail("JSON array element not consumed") }
            skipWhitespace()
            guard index < bytes.count else { throw Self.fail("unterminated JSON array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return }
            throw Self.fail("expected ',' or ']' in JSON array")
        }
    }

    /// Validates and skips any value. `depth` is the depth of the container holding it (0 for a
    /// member of a top-level object), so nesting is bounded exactly as ``JSONValue`` bounds it.
    mutating func skipValue(depth: Int = 0) throws(TesseraError) {
        switch try peekKind() {
        case .string: _ = try readString()
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        case .object: try readObject(depth: depth + 1) { (reader, _) throws(TesseraError) in try reader.skipValue(depth: depth + 1) }
        case .array: try readArray(depth: depth + 1) { (reader) throws(TesseraError) in try reader.skipValue(depth: depth + 1) }
        }
    }

    // MARK: Scalars

    mutating func readBool() throws(TesseraError) -> Bool {
        skipWhitespace()
        if try literal("true") { return true }
        if try literal("false") { return false }
        throw Self.fail("expected true or false in JSON")
    }

    mutating func readNull() throws(TesseraError) {
        skipWhitespace()
        guard try literal("null") else { throw Self.fail("expected null in JSON") }
    }

    private mutating func literal(_ word: StaticString) throws(TesseraError) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// Reads a number per the RFC 8259 grammar and returns its source range.
    mutating func readNumber() throws(TesseraError) -> Range<Int> {
        skipWhitespace()
        let start = index
        func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digit(index) else { throw Self.fail("invalid JSON number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if digit(index) { throw Self.fail("leading zero in JSON number") }
        } else {
            while digit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digit(index) else { throw Self.fail("invalid JSON number fraction") }
            while digit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digit(index) else { throw Self.fail("invalid JSON number exponent") }
            while digit(index) { index += 1 }
        }
        return start..<index
    }

    /// Reads a string, validating escapes and UTF-8, and returns where its content lies.
    mutating func readString() throws(TesseraError) -> JSONStringRef {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Self.fail("expected a JSON string") }
        index += 1
        let start = index
        var hasEscapes = false
        while index < bytes.count {
            // Fast path: a run of printable ASCII other than `"` and `\`, scanned with locals.
            if let base = bytes.baseAddress {
                var i = index
                let end = bytes.count
                while i < end {
                    let c = base[i]
                    guard c >= 0x20, c < 0x80, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") else { break }
                    i += 1
                }
                index = i
                guard i < end else { break }
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let ref = JSONStringRef(start: start, end: index, hasEscapes: hasEscapes)
                index += 1
                return ref
            }
            if byte < 0x20 { throw Self.fail("control character in JSON string") }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try skipEscape()
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw Self.fail("unterminated JSON string")
    }

    private mutating func skipEscape() throws(TesseraError) {
        index += 1  // the backslash
        guard index < bytes.count else { throw Self.fail("unterminated JSON escape") }
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 1
        case UInt8(ascii: "u"):
            index += 1
            let unit = try readHex4()
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw Self.fail("unpaired surrogate in JSON string")
                }
                index += 2
                let low = try readHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else { throw Self.fail("unpaired surrogate in JSON string") }
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw Self.fail("unpaired surrogate in JSON string")
            }
        default:
            throw Self.fail("invalid JSON escape")
        }
    }

    private mutating func readHex4() throws(TesseraError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw Self.fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let nibble: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = c - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = c - 0x57
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = c - 0x37
            default: throw Self.fail("invalid \\u escape")
            }
            value = value << 4 | UInt32(nibble)
            index += 1
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629 table; no overlongs, no surrogates).
    private mutating func skipUTF8Sequence() throws(TesseraError) {
        let lead = bytes[index]
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: throw Self.fail("invalid UTF-8 in JSON string")
        }
        guard index + length <= bytes.count else { throw Self.fail("truncated UTF-8 in JSON string") }
        let second = bytes[index + 1]
        guard second >= lower && second <= upper else { throw Self.fail("invalid UTF-8 in JSON string") }
        for offset in 2..<max(length, 2) where bytes[index + offset] & 0xC0 != 0x80 {
            throw Self.fail("invalid UTF-8 in JSON string")
        }
        index += length
    }
}
