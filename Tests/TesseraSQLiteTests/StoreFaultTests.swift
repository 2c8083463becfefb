import Foundation
import Testing
import Tessera
@testable import TesseraSQLite

@Suite("Store faults are store_unavailable, never 'not revoked'")
struct StoreFaultTests {
    private func expectUnavailable(_ mentioning: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected store_unavailable")
        } catch let error as TesseraError {
            #expect(error.code == .storeUnavailable)
            #expect(error.detail.contains(mentioning), "\(error.detail)")
        } catch {
            Issue.record("not a TesseraError: \(error)")
        }
    }

    @Test("a write while another process holds the write lock fails after the busy timeout; reads go on (WAL)")
    func lockedForWriting() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("r.db")
        let store = try SQLiteRevocationStore(path: path, busyTimeoutMilliseconds: 200)
        try store.revokeToken(id: "before", until: 4_000_000_000)
        let locker = try SQLiteConnection(path: path, create: false, busyTimeoutMilliseconds: 0)
        try locker.execute("BEGIN EXCLUSIVE")
        try locker.execute("UPDATE store_version SET version = version + 1")
        let started = ContinuousClock.now
        expectUnavailable("locked") { try store.revokeToken(id: "during", until: 4_000_000_000) }
        #expect(ContinuousClock.now - started >= .milliseconds(150))
        expectUnavailable("locked") { _ = try store.bumpEpoch(subject: "alice") }
        #expect(try store.load().snapshot.isTokenRevoked("before"))
        try locker.execute("COMMIT")
        try store.revokeToken(id: "after", until: 4_000_000_000)
        #expect(try store.load().snapshot.isTokenRevoked("after"))
    }

    @Test("a store file held under an exclusive lock cannot be opened: store_unavailable after the timeout")
    func lockedExclusively() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("r.db")
        let locker = try SQLiteConnection(path: path, create: true, busyTimeoutMilliseconds: 0)
        try locker.execute("PRAGMA locking_mode = EXCLUSIVE")
        try locker.execute("BEGIN EXCLUSIVE")
        try locker.execute("CREATE TABLE held (x INTEGER)")
        let started = ContinuousClock.now
        expectUnavailable("locked") { _ = try SQLiteRevocationStore(path: path, busyTimeoutMilliseconds: 200) }
        #expect(ContinuousClock.now - started >= .milliseconds(150))
        try locker.execute("ROLLBACK")
    }

    @Test("a file of garbage bytes is reported as corrupt")
    func corrupt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("r.db")
        var garbage = [UInt8](repeating: 0, count: 8192)
        for i in garbage.indices { garbage[i] = UInt8(truncatingIfNeeded: i &* 7919 &+ 13) }
        try Data(garbage).write(to: URL(fileURLWithPath: path))
        expectUnavailable("corrupt") { _ = try SQLiteRevocationStore(path: path) }
    }

    @Test("a store that becomes corrupt after opening fails its next read")
    func corruptedLater() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("r.db")
        let store = try SQLiteRevocationStore(path: path)
        try store.revokeToken(id: "a", until: 4_000_000_000)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        let reopened = Result { () throws(TesseraError) in try SQLiteRevocationStore(path: path).load() }
        guard case .failure(let error) = reopened else { Issue.record("a corrupted store loaded"); return }
        #expect(error.code == .storeUnavailable)
    }

    @Test("a path that cannot be opened (a directory, a file's child) is store_unavailable")
    func unreadablePath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir.file("plain")))
        expectUnavailable("cannot open") { _ = try SQLiteRevocationStore(path: dir.file("plain") + "/r.db") }
        expectUnavailable(dir.path) { _ = try SQLiteRevocationStore(path: dir.path) }
    }

    @Test("opening a missing store without create fails instead of starting empty")
    func missingWithoutCreate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        expectUnavailable("must exist") { _ = try SQLiteRevocationStore(path: dir.file("absent.db"), create: false) }
        #expect(!FileManager.default.fileExists(atPath: dir.file("absent.db")))
    }

    @Test("a store with a newer schema is refused")
    func newerSchema() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("r.db")
        _ = try SQLiteRevocationStore(path: path)
        let raw = try SQLiteConnection(path: path, create: false, busyTimeoutMilliseconds: 100)
        try raw.execute("PRAGMA user_version = 99")
        expectUnavailable("schema version 99") { _ = try SQLiteRevocationStore(path: path) }
    }
}

/// A store whose every call fails, as an unreachable database would.
private struct BrokenStore: RevocationStore {
    private var error: TesseraError { TesseraError(.storeUnavailable, "disk on fire") }
    func revokeToken(id jti: String, until: Int64) throws(TesseraError) { throw error }
    func revokeSession(id sid: String, until: Int64) throws(TesseraError) { throw error }
    func bumpEpoch(subject: String) throws(TesseraError) -> Int64 { throw error }
    func currentEpoch(subject: String) throws(TesseraError) -> Int64 { throw error }
    func version() throws(TesseraError) -> Int64 { throw error }
    func load() throws(TesseraError) -> VersionedSnapshot { throw error }
    func loadIfChanged(since version: Int64) throws(TesseraError) -> VersionedSnapshot? { throw error }
    func prune(now: Int64) throws(TesseraError) -> PruneCounts { throw error }
    func stats() throws(TesseraError) -> RevocationStats { throw error }
}

@Suite("Fail-closed and fail-open")
struct FailurePolicyTests {
    @Test("by default a failed refresh makes every verify fail with store_unavailable until a refresh succeeds")
    func failClosed() async throws {
        let fixture = try Fixture()
        let token = try fixture.mint()
        let list = RevocationList()
        let verifier = try fixture.verifier(list)
        #expect(Fixture.outcome(verifier, token.token) == nil)
        await #expect(throws: TesseraError.self) { try await list.refresh(from: BrokenStore()) }
        #expect(Fixture.outcome(verifier, token.token) == .storeUnavailable)
        try await list.refresh(from: InMemoryRevocationStore())
        #expect(Fixture.outcome(verifier, token.token) == nil)
    }

    @Test("fail-open keeps answering from the last snapshot")
    func failOpen() async throws {
        let fixture = try Fixture()
        let revoked = try fixture.mint(), fine = try fixture.mint()
        let list = RevocationList(RevocationSnapshot(tokenIDs: [revoked.claims.tokenID!]), failurePolicy: .failOpen)
        let verifier = try fixture.verifier(list)
        await #expect(throws: TesseraError.self) { try await list.refresh(from: BrokenStore()) }
        #expect(Fixture.outcome(verifier, revoked.token) == .revoked)
        #expect(Fixture.outcome(verifier, fine.token) == nil)
    }

    @Test("loading a list from an unavailable store throws instead of returning an empty list")
    func loadFails() async {
        await #expect(throws: TesseraError.self) { _ = try await RevocationList.load(from: BrokenStore()) }
    }
}
