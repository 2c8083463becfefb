/// A fast, seeded 64-bit hash of short byte strings (ids and subjects), for ``ByteKeyTable``.
///
/// Built from 64-bit folded multiplies (the `mum` step of wyhash): a 22-byte `jti` costs three
/// multiplies. The seed is random per table, so an attacker who can choose revoked ids cannot
/// aim collisions at one slot. A hash match is never trusted on its own: the table compares the
/// full bytes before it answers "revoked".
enum ByteHash {
    private static let p0: UInt64 = 0xA076_1D64_78BD_642F
    private static let p1: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let p2: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// The hash of `bytes` under `seed`.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let count = bytes.count
        var h = mix(seed ^ p0, UInt64(truncatingIfNeeded: count) ^ p1)
        var offset = 0
        while offset + 8 <= count {
            h = mix(h ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self), p1)
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            if count >= 8 {
                // Re-read the last 8 bytes (overlapping the previous word): one load, no loop.
                tail = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else {
                var shift: UInt64 = 0
                while offset < count {
                    tail |= UInt64(bytes[offset]) << shift
                    shift += 8
                    offset += 1
                }
            }
            h = mix(h ^ tail, p2)
        }
        return mix(h, p0 ^ p2)
    }
}
