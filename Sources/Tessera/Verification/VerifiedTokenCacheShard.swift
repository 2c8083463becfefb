import Synchronization

/// One shard of a ``VerifiedTokenCache``: a fixed number of slots, an index from hash to slot,
/// and a CLOCK hand, all behind one `Mutex`.
final class CacheShard: Sendable {
    private let state: Mutex<State>

    init(capacity: Int) { state = Mutex(State(capacity: capacity)) }

    var count: Int { state.withLock { $0.index.count } }

    func removeAll() { state.withLock { $0 = State(capacity: $0.capacity) } }

    /// The entry whose bytes equal `token`; marks it used.
    func lookup(_ token: UnsafeBufferPointer<UInt8>, hash: UInt64) -> CachedToken? {
        state.withLock { state -> CachedToken? in
            guard let slot = state.index[hash], let entry = state.slots[slot].entry, entry.matches(token) else { return nil }
            state.slots[slot].used = true
            return entry
        }
    }

    func insert(_ entry: CachedToken, now: Int64) {
        state.withLock { $0.insert(entry, now: now) }
    }

    func remove(_ token: UnsafeBufferPointer<UInt8>, hash: UInt64) {
        state.withLock { state in
            guard let slot = state.index[hash], let entry = state.slots[slot].entry, entry.matches(token) else { return }
            state.index[hash] = nil
            state.slots[slot].entry = nil
        }
    }

    struct Slot {
        var entry: CachedToken?
        var used = false
    }

    struct State {
        let capacity: Int
        var slots: [Slot] = []
        /// Hash → slot. One slot per hash: a colliding token replaces the other (a miss, never a
        /// wrong hit, since hits compare the full bytes).
        var index: [UInt64: Int] = [:]
        var hand = 0

        init(capacity: Int) {
            self.capacity = capacity
            slots.reserveCapacity(capacity)
            index.reserveCapacity(capacity)
        }

        mutating func insert(_ entry: CachedToken, now: Int64) {
            if let slot = index[entry.hash] {
                slots[slot] = Slot(entry: entry, used: false)
                return
            }
            let slot: Int
            if slots.count < capacity {
                slot = slots.count
                slots.append(Slot(entry: entry))
            } else {
                slot = victim(now: now)
                if let old = slots[slot].entry { index[old.hash] = nil }
                slots[slot] = Slot(entry: entry)
            }
            index[entry.hash] = slot
        }

        /// CLOCK: the first slot that is empty, expired, or unused since the hand last passed.
        /// Ends within two turns, because the first turn clears every `used` bit.
        private mutating func victim(now: Int64) -> Int {
            while true {
                let slot = hand
                hand = (hand + 1) % capacity
                guard let entry = slots[slot].entry else { return slot }
                if !slots[slot].used || entry.verified.expiresAt + ClaimRules.maximumLeeway <= now { return slot }
                slots[slot].used = false
            }
        }
    }
}
