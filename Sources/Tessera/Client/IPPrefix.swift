#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A coarse network prefix of a client address ("203.0.113.0/24", "2001:db8:1200::/48"): what
/// an account page may show, and what client binding hashes, instead of the address itself.
public struct IPPrefix: Sendable, Hashable, CustomStringConvertible {
    /// The default prefix lengths for account pages: IPv4 /24, IPv6 /48.
    public static let defaultBits = (v4: 24, v6: 48)

    /// The masked address bytes (4 or 16).
    public let bytes: [UInt8]
    /// The prefix length in bits.
    public let bits: Int

    /// The prefix of `address` (dotted IPv4 or RFC 4291 IPv6 text, an IPv4-mapped IPv6 address
    /// counts as IPv4), keeping `v4Bits` or `v6Bits` bits. A malformed address or a length out
    /// of range (IPv4 8–32, IPv6 16–128) is `invalid_configuration`; the detail never repeats
    /// the address.
    public init(address: String, v4Bits: Int = IPPrefix.defaultBits.v4, v6Bits: Int = IPPrefix.defaultBits.v6) throws(TesseraError) {
        guard (8...32).contains(v4Bits), (16...128).contains(v6Bits) else {
            throw TesseraError(.invalidConfiguration, "an IP prefix length must be 8–32 bits for IPv4 and 16–128 for IPv6")
        }
        var text = address
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        guard text.utf8.count <= 64, !text.isEmpty else { throw Self.malformed }
        var v4 = in_addr()
        var v6 = in6_addr()
        var raw: [UInt8]
        if inet_pton(AF_INET, text, &v4) == 1 {
            raw = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            raw = withUnsafeBytes(of: &v6) { Array($0) }
            if raw[0..<10].allSatisfy({ $0 == 0 }), raw[10] == 0xFF, raw[11] == 0xFF { raw = Array(raw[12...]) }
        } else {
            throw Self.malformed
        }
        let keep = raw.count == 4 ? v4Bits : v6Bits
        for index in raw.indices {
            let bitsHere = max(0, min(8, keep - index * 8))
            raw[index] &= bitsHere == 8 ? 0xFF : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsHere))
        }
        bytes = raw
        bits = keep
    }

    /// True for an IPv4 prefix.
    public var isIPv4: Bool { bytes.count == 4 }

    /// `address/bits` in the canonical text form.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: 64)
        var copy = bytes
        let ok = copy.withUnsafeMutableBytes { raw in
            inet_ntop(isIPv4 ? AF_INET : AF_INET6, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        let text = ok ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        return "\(text)/\(bits)"
    }

    private static let malformed = TesseraError(.invalidConfiguration, "not an IPv4 or IPv6 address")
}
