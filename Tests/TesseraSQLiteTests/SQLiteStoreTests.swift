import Testing
import Tessera
import TesseraSQLite

@Suite("SQLite revocation store")
struct SQLiteStoreTests {
    @Test("revocations written by one store instance are seen by another on the same file")
    func persistence() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fixture = try Fixture()
        let token = try fixture.mint(session: "s-1")
        do {
            let writer = try SQLiteRevocationStore(path: dir.file("r.db"))
            try writer.revokeToken(id: "jti-1", until: 4_000_000_000)
            try writer.revokeSession(id: "s-1", until: 4_000_000_000)
            _ = try writer.bumpEpoch(subject: "bob")
        }
        let reader = try SQLiteRevocationStore(path: dir.file("r.db"), create: false)
        let loaded = try reader.load()
        #expect(loaded.snapshot.isTokenRevoked("jti-1"))
        #expect(loaded.snapshot.isSessionRevoked("s-1"))
        #expect(try reader.currentEpoch(subject: "bob") > 0)
        #expect(try reader.currentEpoch(subject: "alice") == 0)
        #expect(try Fixture.outcome(fixture.verifier(RevocationList(loaded.snapshot)), token.token) == .revoked)
    }

    @Test("every write advances the version, and an unchanged store loads nothing")
    func versioning() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteRevocationStore(path: dir.file("r.db"))
        let v0 = try store.version()
        #expect(try store.loadIfChanged(since: v0) == nil)
        try store.revokeToken(id: "a", until: 10)
        let v1 = try store.version()
        #expect(v1 > v0)
        #expect(try store.loadIfChanged(since: v0)?.version == v1)
        _ = try store.bumpEpoch(subject: "alice")
        #expect(try store.version() > v1)
    }

    @Test("a RevocationList refreshes from the store only when it changed")
    func listRefresh() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteRevocationStore(path: dir.file("r.db"))
        let list = try await RevocationList.load(from: store)
        #expect(try await list.refresh(from: store) == false)
        try store.revokeToken(id: "late", until: 4_000_000_000)
        #expect(try await list.refresh(from: store) == true)
        #expect(list.snapshot.isTokenRevoked("late"))
    }

    @Test("bumping twice in the same millisecond gives increasing epochs that persist")
    func sameMillisecondBump() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteRevocationStore(path: dir.file("r.db"), clock: .fixed(milliseconds: 1_800_000_000_000))
        let a = try store.bumpEpoch(subject: "alice"), b = try store.bumpEpoch(subject: "alice")
        #expect(a == 1_800_000_000_000)
        #expect(b == a + 1)
        #expect(try store.currentEpoch(subject: "alice") == b)
        #expect(try store.load().snapshot.epoch(forSubject: "alice") == b)
    }

    @Test("revoking again keeps the later expiry")
    func revokeTwice() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteRevocationStore(path: dir.file("r.db"), clock: .fixed(milliseconds: 1_000))
        try store.revokeToken(id: "x", until: 500)
        try store.revokeToken(id: "x", until: 100)
        #expect(try store.stats().oldestExpiry == 500)
        #expect(try store.stats().tokens == 1)
    }

    @Test("empty or oversized ids are refused as invalid_configuration")
    func badIDs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteRevocationStore(path: dir.file("r.db"))
        #expect(throws: TesseraError.self) { try store.revokeToken(id: "", until: 1) }
        #expect(throws: TesseraError.self) { try store.revokeSession(id: String(repeating: "a", count: 2000), until: 1) }
        #expect(throws: TesseraError.self) { _ = try store.bumpEpoch(subject: String(repeating: "a", count: 256)) }
    }
}

@Suite("Pruning")
struct PruningTests {
    @Test("prune drops expired token and session entries and epochs older than 24 h + leeway")
    func prune() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let clock = ManualClock(milliseconds: 1_800_000_000_000)
        let store = try SQLiteRevocationStore(path: dir.file("r.db"), clock: clock.clock)
        let now: Int64 = 1_800_000_000
        try store.revokeToken(id: "old", until: now + 10)
        try store.revokeToken(id: "live", until: now + 100)
        try store.revokeSession(id: "old-session", until: now + 10)
        try store.revokeSession(id: "live-session", until: now + 100)
        _ = try store.bumpEpoch(subject: "alice")
        clock.advance(seconds: 11)
        #expect(try store.prune() == PruneCounts(tokens: 1, sessions: 1, epochs: 0))
        let stats = try store.stats()
        #expect(stats.tokens == 1 && stats.sessions == 1 && stats.epochs == 1)
        #expect(stats.oldestExpiry == now + 100)

        clock.advance(seconds: RevocationRetention.epochSeconds - 11)
        #expect(try store.prune() == PruneCounts(tokens: 1, sessions: 1, epochs: 0))
        clock.advance(seconds: 1)
        #expect(try store.prune() == PruneCounts(epochs: 1))
        #expect(try store.stats() == RevocationStats(tokens: 0, sessions: 0, epochs: 0, oldestExpiry: nil, version: try store.version()))
    }

    @Test("a prune that removes nothing leaves the version alone")
    func idlePrune() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteRevocationStore(path: dir.file("r.db"))
        let version = try store.version()
        #expect(try store.prune(now: 0).total == 0)
        #expect(try store.version() == version)
    }

    @Test("after an epoch is pruned, a new bump still revokes every token stamped before it")
    func bumpAfterPrune() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let clock = ManualClock(milliseconds: 1_800_000_000_000)
        let store = try SQLiteRevocationStore(path: dir.file("r.db"), clock: clock.clock)
        // Many bumps in one millisecond push the epoch ahead of the clock.
        var last: Int64 = 0
        for _ in 0..<50 { last = try store.bumpEpoch(subject: "alice") }
        clock.advance(seconds: RevocationRetention.epochSeconds + 1)
        #expect(try store.prune().epochs == 1)
        #expect(try store.currentEpoch(subject: "alice") == 0)
        let next = try store.bumpEpoch(subject: "alice")
        #expect(next > last)
    }

    @Test("the in-memory store prunes the same way")
    func inMemory() async throws {
        let clock = ManualClock(milliseconds: 1_800_000_000_000)
        let store = InMemoryRevocationStore(clock: clock.clock)
        try store.revokeToken(id: "old", until: 1_800_000_010)
        _ = try store.bumpEpoch(subject: "alice")
        clock.advance(seconds: RevocationRetention.epochSeconds + 1)
        #expect(try store.prune(now: clock.clock.seconds()) == PruneCounts(tokens: 1, epochs: 1))
    }
}
