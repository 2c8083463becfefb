/// Strict base64url (RFC 4648 §5) without padding, as JWS requires (RFC 7515 §2).
///
/// Decoding rejects padding, `+` and `/`, whitespace, a length of 1 mod 4, and a final character
/// whose unused bits are not zero (so every byte string has exactly one accepted encoding).
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// 0xFF marks a byte that is not in the alphabet.
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(value) }
        return table
    }()

    /// Number of characters needed to encode `count` bytes.
    static func encodedLength(_ count: Int) -> Int { (count * 4 + 2) / 3 }

    /// Number of bytes an encoded segment of `count` characters decodes to, or nil if no
    /// canonical encoding has that length.
    static func decodedLength(_ count: Int) -> Int? {
        count % 4 == 1 ? nil : count * 3 / 4
    }

    /// Encodes `bytes`, appending the characters to `output`.
    static func encode(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: encodedLength(bytes.count)))
        output.withUnsafeMutableBufferPointer { _ = encode(bytes, to: $0.baseAddress! + start) }
    }

    /// Encodes `bytes` into `out`, which must have room for `encodedLength(bytes.count)` bytes.
    /// Returns the number of characters written. (Writing through a pointer rather than appending
    /// one character at a time keeps signing cheap.)
    @discardableResult
    static func encode(_ bytes: UnsafeRawBufferPointer, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let count = bytes.count
        return alphabet.withUnsafeBufferPointer { abc in
            var index = 0
            var written = 0
            while index + 3 <= count {
                let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
                out[written] = abc[Int(chunk >> 18 & 63)]
                out[written + 1] = abc[Int(chunk >> 12 & 63)]
                out[written + 2] = abc[Int(chunk >> 6 & 63)]
                out[written + 3] = abc[Int(chunk & 63)]
                index += 3
                written += 4
            }
            switch count - index {
            case 1:
                let chunk = UInt32(bytes[index]) << 16
                out[written] = abc[Int(chunk >> 18 & 63)]
                out[written + 1] = abc[Int(chunk >> 12 & 63)]
                written += 2
            case 2:
                let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
                out[written] = abc[Int(chunk >> 18 & 63)]
                out[written + 1] = abc[Int(chunk >> 12 & 63)]
                out[written + 2] = abc[Int(chunk >> 6 & 63)]
                written += 3
            default:
                break
            }
            return written
        }
    }

    /// Encodes `bytes` as a String.
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        let copy = Array(bytes)
        copy.withUnsafeBytes { encode($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `input` into `output`, which must hold at least `decodedLength(input.count)` bytes.
    /// Returns the number of bytes written, or nil if `input` is not canonical base64url.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableRawBufferPointer) -> Int? {
        guard let length = decodedLength(input.count), output.count >= length else { return nil }
        return table.withUnsafeBufferPointer { table -> Int? in
            var written = 0
            var index = 0
            let whole = input.count & ~3
            while index < whole {
                let a = table[Int(input[index])], b = table[Int(input[index + 1])]
                let c = table[Int(input[index + 2])], d = table[Int(input[index + 3])]
                guard (a | b | c | d) & 0xC0 == 0 else { return nil }
                let chunk = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                output[written] = UInt8(truncatingIfNeeded: chunk >> 16)
                output[written + 1] = UInt8(truncatingIfNeeded: chunk >> 8)
                output[written + 2] = UInt8(truncatingIfNeeded: chunk)
                written += 3
                index += 4
            }
            switch input.count - whole {
            case 2:
                let a = table[Int(input[index])], b = table[Int(input[index + 1])]
                guard (a | b) & 0xC0 == 0, b & 0x0F == 0 else { return nil }
                output[written] = a << 2 | b >> 4
                written += 1
            case 3:
                let a = table[Int(input[index])], b = table[Int(input[index + 1])], c = table[Int(input[index + 2])]
                guard (a | b | c) & 0xC0 == 0, c & 0x03 == 0 else { return nil }
                output[written] = a << 2 | b >> 4
                output[written + 1] = (b & 0x0F) << 4 | c >> 2
                written += 2
            default:
                break
            }
            return written
        }
    }

    /// Decodes a whole string, or returns nil if it is not canonical base64url.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { input -> [UInt8]? in
            guard let length = decodedLength(input.count) else { return nil }
            var failed = false
            let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
                if let written = decode(UnsafeBufferPointer(input), into: UnsafeMutableRawBufferPointer(buffer)) {
                    count = written
                } else {
                    failed = true
                    count = 0
                }
            }
            return failed ? nil : bytes
        }
    }
}

extension Base64URL {
    /// True when `input` is canonical unpadded base64url (alphabet, length, zero unused bits).
    static func isCanonical(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard input.count % 4 != 1 else { return false }
        return table.withUnsafeBufferPointer { table in
            var bad: UInt8 = 0
            for c in input { bad |= table[Int(c)] }
            guard bad & 0xC0 == 0, let last = input.last else { return bad & 0xC0 == 0 }
            switch input.count % 4 {
            case 2: return table[Int(last)] & 0x0F == 0
            case 3: return table[Int(last)] & 0x03 == 0
            default: return true
            }
        }
    }
}
