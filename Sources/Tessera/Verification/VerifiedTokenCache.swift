#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A bounded, concurrent cache of tokens whose signature and payload already verified, so that a
/// repeat verify of the same token costs a hash, a lookup and a byte compare instead of a
/// signature check: the same for HMAC and Ed25519.
///
/// Opt in by passing one to ``Verifier/init(keys:rules:maxTokenSize:revocation:cache:)``.
///
/// What a hit still checks, every time: the key that verified the token is still one of the
/// verifier's keys, every ``ClaimRules`` check (`exp`, `nbf`, `iat` against the clock, and
/// `iss`, `aud`, `typ`), and revocation. Only the signature check and the payload parse are
/// skipped. So a cached token that expires is rejected `expired` (and dropped), and a token
/// revoked after it was cached is rejected `revoked`.
///
/// The key is the whole token: an entry keeps a copy of the token's bytes and a hit compares
/// them in full. A 64-bit hash of the token's tail (seeded per cache) only picks the shard and
/// slot; a hash collision is a miss, never a wrong hit.
///
/// Memory is bounded: at most ``capacity`` entries, and tokens longer than
/// ``maxCachedTokenSize`` are never cached, so the cache holds at most about
/// `capacity × 2 × maxCachedTokenSize` bytes (the token and its decoded payload) plus a small
/// per-entry overhead. With typical 300-byte tokens and the default capacity that is about 8 MB.
///
/// Eviction: entries live in ``shardCount`` shards (chosen by hash), each a `Mutex`-protected
/// table with a fixed share of the capacity. When a full shard takes a new token it evicts by
/// CLOCK (second chance): the hand skips, and clears, entries used since it last passed, and
/// evicts the first entry that was not used or that has expired (past `exp` plus the largest
/// leeway). Verifying threads contend only when they touch the same shard at the same moment.
public final class VerifiedTokenCache: Sendable {
    /// Default number of entries.
    public static let defaultCapacity = 10_000
    /// Default number of shards.
    public static let defaultShardCount = 16
    /// Tokens longer than this (bytes) are verified normally but never cached.
    public static let maxCachedTokenSize = 4096

    /// The most entries the cache holds.
    public let capacity: Int
    /// Independent shards (a power of two).
    public let shardCount: Int
    private let shards: [CacheShard]
    private let seed: UInt64

    /// A cache of at most `capacity` tokens (at least 1), split over `shardCount` shards (rounded
    /// down to a power of two, and to no more shards than entries).
    public init(capacity: Int = VerifiedTokenCache.defaultCapacity, shardCount: Int = VerifiedTokenCache.defaultShardCount) {
        let capacity = max(capacity, 1)
        var shards = 1
        while shards * 2 <= min(max(shardCount, 1), capacity) { shards *= 2 }
        self.capacity = capacity
        self.shardCount = shards
        self.shards = (0..<shards).map { index in
            CacheShard(capacity: capacity / shards + (index < capacity % shards ? 1 : 0))
        }
        seed = UInt64.random(in: .min ... .max)
    }

    /// Number of tokens cached now.
    public var count: Int { shards.reduce(0) { $0 + $1.count } }

    /// Drops every entry (for example after a key is withdrawn).
    public func removeAll() { for shard in shards { shard.removeAll() } }

    // MARK: Verifier hooks

    /// A cached entry for exactly these token bytes, if any.
    func lookup(_ token: UnsafeBufferPointer<UInt8>) -> CachedToken? {
        let hash = slotHash(token)
        return shard(hash).lookup(token, hash: hash)
    }

    /// Caches a token that has just passed the whole pipeline.
    func insert(_ token: UnsafeBufferPointer<UInt8>, key: KeyCore, verified: VerifiedToken, now: Int64) {
        guard token.count <= Self.maxCachedTokenSize else { return }
        let hash = slotHash(token)
        shard(hash).insert(CachedToken(hash: hash, token: Array(token), key: key, verified: verified), now: now)
    }

    /// Drops the entry for these token bytes (an expired token).
    func remove(_ token: UnsafeBufferPointer<UInt8>) {
        let hash = slotHash(token)
        shard(hash).remove(token, hash: hash)
    }

    /// The hash that picks shard and slot: of the token's last 64 bytes (its signature, which
    /// differs between any two tokens we signed) and its length. It only chooses where to look:
    /// a token that shares the tail of a cached one lands in the same slot and fails the full
    /// byte compare.
    @inline(__always)
    private func slotHash(_ token: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let tail = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(token)[max(token.count - 64, 0)...])
        return ByteHash.hash(tail, seed: seed ^ UInt64(truncatingIfNeeded: token.count))
    }

    @inline(__always)
    private func shard(_ hash: UInt64) -> CacheShard {
        shards[Int(truncatingIfNeeded: hash >> 32) & (shardCount - 1)]
    }
}

/// One cached token: its full bytes, the key that verified its signature, and the result.
struct CachedToken: Sendable {
    let hash: UInt64
    let token: [UInt8]
    let key: KeyCore
    let verified: VerifiedToken

    /// True when `other` is byte for byte this token.
    func matches(_ other: UnsafeBufferPointer<UInt8>) -> Bool {
        token.withUnsafeBufferPointer { mine in
            mine.count == other.count && (mine.isEmpty || memcmp(mine.baseAddress!, other.baseAddress!, mine.count) == 0)
        }
    }
}

extension Verifier {
    /// A cache hit: the signature is not checked again, but the key must still be one of this
    /// verifier's, and claims (step 9) and revocation (step 10) are checked as for a new token.
    /// Nil when the key is no longer trusted: the caller then runs the whole pipeline.
    func recheck(_ hit: CachedToken, _ token: UnsafeBufferPointer<UInt8>, in cache: VerifiedTokenCache) throws(TesseraError) -> VerifiedToken? {
        guard keys.keys.contains(where: { $0.core === hit.key }) else { return nil }
        do throws(TesseraError) {
            try checkClaimsAndRevocation(hit.verified)
        } catch {
            if error.code == .expired { cache.remove(token) }
            throw error
        }
        return hit.verified
    }
}
