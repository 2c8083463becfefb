#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Comparing and decoding the string values a ``JSONReader`` validated, and reading numbers
/// as NumericDates. Split from JSONReader.swift, which holds the grammar.
extension JSONReader {
    /// True when two member names are equal after unescaping.
    func equal(_ a: JSONStringRef, _ b: JSONStringRef) -> Bool {
        if !a.hasEscapes && !b.hasEscapes {
            return a.count == b.count && memcmpEqual(a.start, b.start, a.count)
        }
        return decodeBytes(a) == decodeBytes(b)
    }

    /// True when the string's unescaped content equals `literal`.
    func equals(_ ref: JSONStringRef, _ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        if !ref.hasEscapes {
            guard ref.count == literal.count else { return false }
            for offset in 0..<ref.count where bytes[ref.start + offset] != literal[offset] { return false }
            return true
        }
        return decodeBytes(ref).elementsEqual(literal)
    }

    /// True when the string's unescaped content equals the ASCII/UTF-8 `literal`.
    func equals(_ ref: JSONStringRef, _ literal: StaticString) -> Bool {
        equals(ref, UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    fileprivate func memcmpEqual(_ a: Int, _ b: Int, _ count: Int) -> Bool {
        for offset in 0..<count where bytes[a + offset] != bytes[b + offset] { return false }
        return true
    }

    /// The unescaped UTF-8 bytes of a (validated) string.
    func decodeBytes(_ ref: JSONStringRef) -> [UInt8] {
        let raw = UnsafeBufferPointer(rebasing: bytes[ref.start..<ref.end])
        guard ref.hasEscapes else { return Array(raw) }
        return Self.unescape(raw)
    }

    /// The unescaped string value.
    func decodeString(_ ref: JSONStringRef) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[ref.start..<ref.end])
        return ref.hasEscapes ? String(decoding: Self.unescape(raw), as: UTF8.self) : String(decoding: raw, as: UTF8.self)
    }

    /// Unescapes already-validated string content.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = raw[at + k]
                v = v << 4 | UInt32(c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57)
            }
            return v
        }
        while i < raw.count {
            let c = raw[i]
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                i += 1
                continue
            }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(i)
                i += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    let low = hex4(i + 2)
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
            default: out.append(e)  // " \ /
            }
        }
        return out
    }
}

extension JSONReader {
    /// Reads a NumericDate (RFC 7519 §2): a JSON number, fractional seconds truncated, within
    /// 0 ... 253402300799 (year 9999). Anything else is `malformed`.
    mutating func readNumericDate() throws(TesseraError) -> Int64 {
        guard try peekKind() == .number else { throw Self.fail("a NumericDate must be a JSON number") }
        let range = try readNumber()
        guard let value = Self.numericValue(UnsafeBufferPointer(rebasing: bytes[range])),
              value >= 0, value <= 253_402_300_799 else {
            throw Self.fail("NumericDate out of range")
        }
        return value
    }

    /// Reads a non-negative integer (no fraction, no exponent) up to 2^53.
    mutating func readNonNegativeInteger() throws(TesseraError) -> Int64 {
        guard try peekKind() == .number else { throw Self.fail("expected an integer") }
        let range = try readNumber()
        var value: Int64 = 0
        guard range.count <= 16 else { throw Self.fail("integer out of range") }
        for i in range {
            let c = bytes[i]
            guard c >= 0x30 && c <= 0x39 else { throw Self.fail("expected a non-negative integer") }
            value = value * 10 + Int64(c - 0x30)
        }
        guard value <= 1 << 53 else { throw Self.fail("integer out of range") }
        return value
    }

    /// The value of a validated JSON number, truncated toward negative infinity to whole
    /// seconds, or nil when it does not fit.
    static func numericValue(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        // Fast path: plain integers of up to 15 digits are exact.
        if text.count <= 16, !text.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) {
            var value: Int64 = 0
            let negative = text.first == UInt8(ascii: "-")
            for c in text.dropFirst(negative ? 1 : 0) { value = value * 10 + Int64(c - 0x30) }
            return negative ? -value : value
        }
        guard text.count <= 64 else { return nil }
        // Fractions and exponents: parse as a double (exact for any whole second in range).
        let parsed: Double = withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer in
            for (i, c) in text.enumerated() { buffer[i] = CChar(bitPattern: c) }
            buffer[text.count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
        guard parsed.isFinite, parsed > -9.0e15, parsed < 9.0e15 else { return nil }
        return Int64(parsed.rounded(.down))
    }
}
