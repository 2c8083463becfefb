import Synchronization
import Testing
@testable import Tessera

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let seconds: Atomic<Int64>
    init(_ start: Int64) { seconds = Atomic(start) }
    var clock: TokenClock { TokenClock { [self] in seconds.load(ordering: .relaxed) } }
    func advance(_ by: Int64) { seconds.add(by, ordering: .relaxed) }
}

/// The verified-token cache: a hit skips only the signature; claims and revocation are re-checked.
@Suite struct VerifiedTokenCacheTests {
    let key: SigningKey
    let clock = ManualClock(Fixture.now)

    init() throws { key = try SigningKey.generate(.hs256) }

    private func issue(lifetime: Int64 = 600) throws -> IssuedToken {
        let issuer = try Issuer(key: key, issuer: "https://auth.example", audience: ["api"], lifetime: lifetime, clock: clock.clock)
        return try issuer.issue(TokenRequest(subject: "alice", scopes: ["read"], sessionID: RandomID.generate()))
    }

    private func verifier(_ cache: VerifiedTokenCache, revocation: RevocationList? = nil, keys: [VerificationKey]? = nil,
                          audiences: [String] = ["api"]) throws -> Verifier {
        let rules = try ClaimRules(issuer: "https://auth.example", audiences: audiences, leeway: 0, clock: clock.clock)
        return try Verifier(keys: KeySet(keys ?? [key.verificationKey]), rules: rules, revocation: revocation, cache: cache)
    }

    @Test func aHitReturnsTheSameClaims() throws {
        let cache = VerifiedTokenCache()
        let verifier = try verifier(cache)
        let issued = try issue()
        let first = try verifier.verify(issued.token)
        #expect(cache.count == 1)
        let second = try verifier.verify(issued.token)
        #expect(Array(issued.token.utf8).withUnsafeBufferPointer { cache.lookup($0) } != nil)
        #expect(second.claims == first.claims)
        #expect(second.claims == issued.claims)
        #expect(second.keyID == key.keyID)
        #expect(cache.count == 1)
    }

    @Test func anExpiredCachedTokenIsRejectedExpiredAndDropped() throws {
        let cache = VerifiedTokenCache()
        let verifier = try verifier(cache)
        let issued = try issue(lifetime: 60)
        _ = try verifier.verify(issued.token)
        #expect(cache.count == 1)
        clock.advance(60)
        #expect(errorCode { try verifier.verify(issued.token) } == .expired)
        #expect(cache.count == 0)
    }

    @Test func aTokenRevokedAfterCachingIsRejected() throws {
        let cache = VerifiedTokenCache()
        let revocation = RevocationList()
        let verifier = try verifier(cache, revocation: revocation)
        let issued = try issue()
        _ = try verifier.verify(issued.token)
        #expect(cache.count == 1)
        revocation.replace(with: RevocationSnapshot(tokenIDs: [issued.claims.tokenID!]))
        #expect(errorCode { try verifier.verify(issued.token) } == .revoked)
    }

    @Test func aTokenDifferingInOneByteIsNotAHit() throws {
        let cache = VerifiedTokenCache()
        let verifier = try verifier(cache)
        let issued = try issue()
        _ = try verifier.verify(issued.token)
        var bytes = Array(issued.token.utf8)
        let index = bytes.count - 10  // inside the signature, not its last (partial) character
        bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let forged = String(decoding: bytes, as: UTF8.self)
        #expect(errorCode { try verifier.verify(forged) } == .badSignature)
        #expect(cache.count == 1)
    }

    @Test func theCapacityBoundHolds() throws {
        let cache = VerifiedTokenCache(capacity: 8, shardCount: 4)
        let verifier = try verifier(cache)
        var last = ""
        for _ in 0..<100 {
            last = try issue().token
            _ = try verifier.verify(last)
            #expect(cache.count <= 8)
        }
        #expect(cache.count > 0)
        #expect(cache.capacity == 8)
        _ = try verifier.verify(last)
    }

    @Test func aCacheSharedWithAnotherVerifierDoesNotLendItsKeysOrRules() throws {
        let cache = VerifiedTokenCache()
        let issued = try issue()
        _ = try verifier(cache).verify(issued.token)
        let otherKey = try SigningKey.generate(.hs256, keyID: key.keyID)
        let otherVerifier = try verifier(cache, keys: [otherKey.verificationKey])
        let billing = try verifier(cache, audiences: ["billing"])
        #expect(errorCode { try otherVerifier.verify(issued.token) } == .badSignature)
        #expect(errorCode { try billing.verify(issued.token) } == .wrongAudience)
    }

    @Test func removeAllEmptiesTheCache() throws {
        let cache = VerifiedTokenCache()
        _ = try verifier(cache).verify(issue().token)
        cache.removeAll()
        #expect(cache.count == 0)
    }
}
