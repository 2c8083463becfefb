import Testing
import Tessera

@Suite("Revocation semantics")
struct SnapshotSemanticsTests {
    @Test("a revoked jti rejects that token only")
    func revokedTokenID() throws {
        let fixture = try Fixture()
        let revoked = try fixture.mint(), other = try fixture.mint()
        let list = RevocationList(RevocationSnapshot(tokenIDs: [revoked.claims.tokenID!]))
        let verifier = try fixture.verifier(list)
        #expect(Fixture.outcome(verifier, revoked.token) == .revoked)
        #expect(Fixture.outcome(verifier, other.token) == nil)
    }

    @Test("a revoked sid rejects every token of that session")
    func revokedSession() throws {
        let fixture = try Fixture()
        let a = try fixture.mint(session: "session-1"), b = try fixture.mint(session: "session-1")
        let c = try fixture.mint(session: "session-2"), d = try fixture.mint()
        let verifier = try fixture.verifier(RevocationList(RevocationSnapshot(sessionIDs: ["session-1"])))
        #expect(Fixture.outcome(verifier, a.token) == .revoked)
        #expect(Fixture.outcome(verifier, b.token) == .revoked)
        #expect(Fixture.outcome(verifier, c.token) == nil)
        #expect(Fixture.outcome(verifier, d.token) == nil)
    }

    @Test("an epoch bump revokes older tokens of that subject, even ones without ep, and no other subject's")
    func epochRevokesOlder() async throws {
        let fixture = try Fixture()
        let store = InMemoryRevocationStore()
        let before = try fixture.mint("alice", epoch: try await store.currentEpoch(subject: "alice"))
        let bob = try fixture.mint("bob", epoch: try await store.currentEpoch(subject: "bob"))
        let epoch = try await store.bumpEpoch(subject: "alice")
        let after = try fixture.mint("alice", epoch: try await store.currentEpoch(subject: "alice"))
        #expect(epoch > 0)
        let verifier = try fixture.verifier(try await RevocationList.load(from: store))
        #expect(Fixture.outcome(verifier, before.token) == .revoked)
        #expect(Fixture.outcome(verifier, after.token) == nil)
        #expect(Fixture.outcome(verifier, bob.token) == nil)
    }

    @Test("bumps in the same millisecond still yield increasing epochs; a token minted right after is valid")
    func sameMillisecondBump() async throws {
        let fixture = try Fixture()
        let store = InMemoryRevocationStore(clock: .fixed(milliseconds: 1_800_000_000_000))
        let first = try await store.bumpEpoch(subject: "alice")
        let stamped = try fixture.mint("alice", epoch: first)
        let second = try await store.bumpEpoch(subject: "alice")
        let fresh = try fixture.mint("alice", epoch: second)
        #expect(first == 1_800_000_000_000)
        #expect(second == first + 1)
        let verifier = try fixture.verifier(try await RevocationList.load(from: store))
        #expect(Fixture.outcome(verifier, stamped.token) == .revoked)
        #expect(Fixture.outcome(verifier, fresh.token) == nil)
    }

    @Test("ids written with JSON escapes are matched by their decoded value")
    func escapedIDs() throws {
        let fixture = try Fixture()
        let token = try fixture.mint(session: "caf\u{E9}/\"quoted\"")
        let verifier = try fixture.verifier(RevocationList(RevocationSnapshot(sessionIDs: ["caf\u{E9}/\"quoted\""])))
        #expect(Fixture.outcome(verifier, token.token) == .revoked)
    }

    @Test("near misses are not revoked: prefixes, longer ids, other kinds of id")
    func nearMisses() throws {
        let fixture = try Fixture()
        let token = try fixture.mint(session: "abcdefghijklmnopqrstuv")
        let jti = token.claims.tokenID!
        let snapshot = RevocationSnapshot(
            tokenIDs: [String(jti.dropLast()), jti + "x", "abcdefghijklmnopqrstuv"],
            sessionIDs: [jti, "abcdefghijklmnopqrstu", "abcdefghijklmnopqrstuvw"])
        #expect(try Fixture.outcome(fixture.verifier(RevocationList(snapshot)), token.token) == nil)
    }

    @Test("a snapshot of 100,000 ids finds every one of them and no others")
    func largeSnapshot() throws {
        let ids = (0..<100_000).map { "id-\($0)" }
        let snapshot = RevocationSnapshot(tokenIDs: ids, epochs: ["alice": 5, "bob": 7])
        #expect(snapshot.tokenCount == 100_000)
        #expect(ids.allSatisfy(snapshot.isTokenRevoked))
        #expect(!(100_000..<110_000).contains { snapshot.isTokenRevoked("id-\($0)") })
        #expect(snapshot.epoch(forSubject: "bob") == 7)
        #expect(snapshot.epoch(forSubject: "carol") == 0)
    }

    @Test("duplicate entries collapse, and a subject given twice keeps the larger epoch")
    func duplicates() {
        var builder = RevocationSnapshot.Builder()
        builder.revokeToken("a"); builder.revokeToken("a")
        builder.setEpoch(9, forSubject: "alice"); builder.setEpoch(3, forSubject: "alice")
        let snapshot = builder.build()
        #expect(snapshot.tokenCount == 1)
        #expect(snapshot.epoch(forSubject: "alice") == 9)
    }
}
