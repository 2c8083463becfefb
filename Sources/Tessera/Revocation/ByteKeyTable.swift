#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// An immutable open-addressing hash table of byte strings, optionally with an `Int64` per key.
///
/// Layout (all in plain allocations, so a lookup touches no reference count):
/// - `slots`: a power-of-two array, at most half full. A slot is 0 when empty, otherwise
///   `fingerprint << 32 | (entry + 1)`, where the fingerprint is the top 32 bits of the key's hash.
/// - `ends`: per entry, where its bytes end in `arena` (they start where the previous entry's end).
/// - `values`: per entry, the associated value (epoch tables only).
///
/// A lookup hashes the key once, probes linearly, and compares the full bytes only when a
/// fingerprint matches: a miss (the common case: the token is not revoked) usually reads one
/// slot. The memory is owned by ``SnapshotStorage``, which frees it exactly once in `deinit`.
struct ByteKeyTable {
    private let slots: UnsafeMutablePointer<UInt64>
    private let mask: Int
    private let ends: UnsafeMutablePointer<UInt32>
    private let arena: UnsafeMutablePointer<UInt8>
    private let values: UnsafeMutablePointer<Int64>
    private let seed: UInt64
    /// Number of distinct keys.
    let count: Int
    /// Bytes allocated for this table.
    let allocatedBytes: Int

    /// Collects keys, then builds the table (duplicates keep the largest value).
    struct Builder {
        private(set) var arena: [UInt8] = []
        private(set) var ends: [UInt32] = []
        private(set) var values: [Int64] = []

        /// Appends a key.
        mutating func add(_ key: UnsafeRawBufferPointer, value: Int64 = 0) {
            arena.append(contentsOf: key)
            precondition(arena.count <= Int(UInt32.max), "a revocation snapshot holds at most 4 GiB of ids")
            ends.append(UInt32(arena.count))
            values.append(value)
        }

        /// Appends a key given as a string.
        mutating func add(_ key: String, value: Int64 = 0) {
            var key = key
            key.withUTF8 { add(UnsafeRawBufferPointer($0), value: value) }
        }

        func build() -> ByteKeyTable { ByteKeyTable(self) }
    }

    private init(_ builder: Builder) {
        let entries = builder.ends.count
        var capacity = 2
        while capacity < entries * 2 { capacity <<= 1 }
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        let ends = UnsafeMutablePointer<UInt32>.allocate(capacity: max(entries, 1))
        ends.initialize(from: builder.ends, count: entries)
        let arena = UnsafeMutablePointer<UInt8>.allocate(capacity: max(builder.arena.count, 1))
        arena.initialize(from: builder.arena, count: builder.arena.count)
        let values = UnsafeMutablePointer<Int64>.allocate(capacity: max(entries, 1))
        values.initialize(from: builder.values, count: entries)
        let seed = UInt64.random(in: .min ... .max)
        var distinct = 0
        for entry in 0..<entries {
            let key = Self.key(entry, ends: ends, arena: arena)
            if let existing = Self.find(key, slots: slots, mask: capacity - 1, seed: seed, ends: ends, arena: arena) {
                values[existing] = max(values[existing], values[entry])
            } else {
                Self.insert(entry, hash: ByteHash.hash(key, seed: seed), slots: slots, mask: capacity - 1)
                distinct += 1
            }
        }
        self.slots = slots
        self.mask = capacity - 1
        self.ends = ends
        self.arena = arena
        self.values = values
        self.seed = seed
        count = distinct
        allocatedBytes = capacity * 8 + max(entries, 1) * 12 + max(builder.arena.count, 1)
    }

    /// Frees the table's memory. Called once, by the owning ``SnapshotStorage``.
    func deallocate() {
        slots.deallocate()
        ends.deallocate()
        arena.deallocate()
        values.deallocate()
    }

    @inline(__always)
    private static func key(_ entry: Int, ends: UnsafeMutablePointer<UInt32>, arena: UnsafeMutablePointer<UInt8>) -> UnsafeRawBufferPointer {
        let from = entry == 0 ? 0 : Int(ends[entry - 1])
        return UnsafeRawBufferPointer(start: arena + from, count: Int(ends[entry]) - from)
    }

    private static func insert(_ entry: Int, hash: UInt64, slots: UnsafeMutablePointer<UInt64>, mask: Int) {
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index] != 0 { index = (index + 1) & mask }
        slots[index] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(entry + 1)
    }

    @inline(__always)
    private static func find(
        _ key: UnsafeRawBufferPointer, slots: UnsafeMutablePointer<UInt64>, mask: Int, seed: UInt64,
        ends: UnsafeMutablePointer<UInt32>, arena: UnsafeMutablePointer<UInt8>
    ) -> Int? {
        let hash = ByteHash.hash(key, seed: seed)
        let fingerprint = hash & 0xFFFF_FFFF_0000_0000
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == 0 { return nil }
            if slot & 0xFFFF_FFFF_0000_0000 == fingerprint {
                let entry = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                let candidate = Self.key(entry, ends: ends, arena: arena)
                if candidate.count == key.count, candidate.count == 0 || memcmp(candidate.baseAddress!, key.baseAddress!, key.count) == 0 {
                    return entry
                }
            }
            index = (index + 1) & mask
        }
    }

    /// The entry holding exactly `key`, if any.
    @inline(__always)
    func entry(_ key: UnsafeRawBufferPointer) -> Int? {
        guard count > 0 else { return nil }
        return Self.find(key, slots: slots, mask: mask, seed: seed, ends: ends, arena: arena)
    }

    /// The value stored with entry `entry`.
    func value(_ entry: Int) -> Int64 { values[entry] }

    /// The entry whose key is the (unescaped) JSON string `ref` of `payload`. Strings with escapes
    /// are rare in ids; they are decoded first (the one path that allocates).
    @inline(__always)
    func entry(_ ref: JSONStringRef, in payload: UnsafeBufferPointer<UInt8>) -> Int? {
        guard count > 0 else { return nil }
        if !ref.hasEscapes {
            // The reader produced `ref` inside `payload`, so the range is in bounds.
            return entry(UnsafeRawBufferPointer(start: payload.baseAddress! + ref.start, count: ref.end - ref.start))
        }
        return JSONReader(payload).decodeBytes(ref).withUnsafeBytes { entry($0) }
    }

    /// The entry holding `key`.
    func entry(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { entry(UnsafeRawBufferPointer($0)) }
    }
}
