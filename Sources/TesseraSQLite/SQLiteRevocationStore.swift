public import Tessera
import Synchronization

/// The embedded default ``RevocationStore`` and ``SessionStore``: one SQLite file, shared safely
/// by a running server and the `tessera` CLI at the same time.
///
/// WAL journal (readers and the writer never block each other), `synchronous = FULL`, a busy
/// timeout (default 5 s) for the rare moments two writers meet, every write in one transaction
/// that also advances the store's version, every value bound. An unreadable, locked (past the
/// timeout) or corrupt file throws `store_unavailable`; it is never read as "nothing revoked".
///
/// ```swift
/// let store = try SQLiteRevocationStore(path: "/var/lib/tessera/revocations.db")
/// try store.revokeToken(id: token.tokenID!, until: token.expiresAt + RevocationRetention.leeway)
/// let epoch = try store.bumpEpoch(subject: "user-42")        // forced logout
/// ```
public final class SQLiteRevocationStore: SessionStore {
    /// The default busy timeout: how long a call waits for another process's lock.
    public static let defaultBusyTimeout: Int32 = 5000

    /// The database file.
    public let path: String
    private let connection: SQLiteConnectionLock
    let clock: RevocationClock

    /// Opens the store at `path`, creating the file and schema when `create` is true (otherwise
    /// a missing file is `store_unavailable`), and migrating an older schema.
    public init(
        path: String, create: Bool = true, busyTimeoutMilliseconds: Int32 = SQLiteRevocationStore.defaultBusyTimeout,
        clock: RevocationClock = .system
    ) throws(TesseraError) {
        let db = try SQLiteConnection(path: path, create: create, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        try SQLiteSchema.prepare(db)
        self.path = path
        self.clock = clock
        let connection = SQLiteConnectionLock(db)
        self.connection = connection
        groupCommit = SQLiteGroupCommit { batch in Self.commit(batch, on: connection, clock: clock) }
    }

    /// Batches concurrent session writes into one transaction (see ``SQLiteGroupCommit``).
    let groupCommit: SQLiteGroupCommit

    /// One group-commit batch: each operation in its own savepoint, then one commit.
    private static func commit(_ batch: [SQLiteGroupCommit.Operation], on connection: SQLiteConnectionLock, clock: RevocationClock) {
        let failure = connection.mutex.withLock { (db) -> TesseraError? in
            do throws(TesseraError) {
                try db.execute("BEGIN IMMEDIATE")
            } catch {
                return error
            }
            var changed = false
            var failed: [Int: TesseraError] = [:]
            for (index, operation) in batch.enumerated() {
                do throws(TesseraError) {
                    try db.execute("SAVEPOINT operation")
                    do throws(TesseraError) {
                        changed = try operation.run(db) || changed
                        try db.execute("RELEASE operation")
                    } catch {
                        try? db.execute("ROLLBACK TO operation")
                        try? db.execute("RELEASE operation")
                        failed[index] = error
                    }
                } catch {
                    failed[index] = error
                }
            }
            do throws(TesseraError) {
                if changed { try db.withStatement("UPDATE store_version SET version = version + 1 WHERE id = 1") { (s) throws(TesseraError) in try s.run() } }
                try SQLiteCleanup.batch(db, now: clock.seconds())
                try db.execute("COMMIT")
            } catch {
                try? db.execute("ROLLBACK")
                return error
            }
            for (index, error) in failed { batch[index].finish(error) }
            for index in batch.indices where failed[index] == nil { batch[index].finish(nil) }
            return nil
        }
        if let failure { for operation in batch { operation.finish(failure) } }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, advancing the version when `body` says it
    /// changed something, and removing a bounded batch of expired rows in passing (so no
    /// deployment needs a cron job for `prune`); rolls back on any error.
    func write<R>(now: Int64? = nil, _ body: (SQLiteConnection) throws(TesseraError) -> (R, changed: Bool)) throws(TesseraError) -> R {
        let now = now ?? clock.seconds()
        return try connection.mutex.withLock { (db) throws(TesseraError) -> R in
            try db.execute("BEGIN IMMEDIATE")
            do throws(TesseraError) {
                let (result, changed) = try body(db)
                if changed { try db.withStatement("UPDATE store_version SET version = version + 1 WHERE id = 1") { (s) throws(TesseraError) in try s.run() } }
                try SQLiteCleanup.batch(db, now: now)
                try db.execute("COMMIT")
                return result
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs `body` in one read transaction, so everything it reads is one consistent state.
    func read<R>(_ body: (SQLiteConnection) throws(TesseraError) -> R) throws(TesseraError) -> R {
        try connection.mutex.withLock { (db) throws(TesseraError) -> R in
            try db.execute("BEGIN")
            do throws(TesseraError) {
                let result = try body(db)
                try db.execute("COMMIT")
                return result
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// See ``RevocationStore/revokeToken(id:until:)``.
    public func revokeToken(id jti: String, until: Int64) throws(TesseraError) {
        try RevocationRetention.checkID(jti, "token id")
        try write { (db) throws(TesseraError) in
            try db.run("INSERT INTO revoked_token (jti, until) VALUES (?1, ?2) ON CONFLICT (jti) DO UPDATE SET until = max(until, excluded.until)",
                       .text(jti), .integer(until))
            return ((), true)
        }
    }

    /// See ``RevocationStore/revokeSession(id:until:)``.
    public func revokeSession(id sid: String, until: Int64) throws(TesseraError) {
        try RevocationRetention.checkID(sid, "session id")
        try write { (db) throws(TesseraError) in
            try db.run("INSERT INTO revoked_session (sid, until) VALUES (?1, ?2) ON CONFLICT (sid) DO UPDATE SET until = max(until, excluded.until)",
                       .text(sid), .integer(until))
            return ((), true)
        }
    }

    /// See ``RevocationStore/bumpEpoch(subject:)``. Also ends every login session of the subject
    /// (their access tokens are revoked by the epoch itself).
    public func bumpEpoch(subject: String) throws(TesseraError) -> Int64 {
        try RevocationRetention.checkSubject(subject)
        let now = clock.milliseconds()
        return try write(now: now / 1000) { (db) throws(TesseraError) in
            let epoch = RevocationRetention.nextEpoch(after: try Self.epoch(of: subject, db), nowMilliseconds: now)
            try db.run("INSERT INTO subject_epoch (sub, epoch, bumped_at) VALUES (?1, ?2, ?3) ON CONFLICT (sub) DO UPDATE SET epoch = excluded.epoch, bumped_at = excluded.bumped_at",
                       .text(subject), .integer(epoch), .integer(now / 1000))
            try db.run("DELETE FROM refresh_digest WHERE sid IN (SELECT sid FROM login_session WHERE sub = ?1)", .text(subject))
            try db.run("DELETE FROM login_session WHERE sub = ?1", .text(subject))
            return (epoch, true)
        }
    }

    /// See ``RevocationStore/currentEpoch(subject:)``.
    public func currentEpoch(subject: String) throws(TesseraError) -> Int64 {
        try read { (db) throws(TesseraError) in try Self.epoch(of: subject, db) }
    }

    static func epoch(of subject: String, _ db: SQLiteConnection) throws(TesseraError) -> Int64 {
        try db.integer("SELECT epoch FROM subject_epoch WHERE sub = ?1", .text(subject)) ?? 0
    }

    /// See ``RevocationStore/version()``.
    public func version() throws(TesseraError) -> Int64 {
        try read { (db) throws(TesseraError) in try Self.version(db) }
    }

    private static func version(_ db: SQLiteConnection) throws(TesseraError) -> Int64 {
        guard let version = try db.integer("SELECT version FROM store_version WHERE id = 1") else {
            throw TesseraError(.storeUnavailable, "the revocation store at \(db.path) has no version row")
        }
        return version
    }

    /// See ``RevocationStore/load()``. Entries whose time has passed are left out.
    public func load() throws(TesseraError) -> VersionedSnapshot {
        let now = clock.seconds()
        return try read { (db) throws(TesseraError) in try Self.load(db, now: now) }
    }

    /// See ``RevocationStore/loadIfChanged(since:)``.
    public func loadIfChanged(since version: Int64) throws(TesseraError) -> VersionedSnapshot? {
        let now = clock.seconds()
        return try read { (db) throws(TesseraError) in try Self.version(db) == version ? nil : try Self.load(db, now: now) }
    }

    /// Reads every entry in force straight into a snapshot builder, without a `String` per row.
    private static func load(_ db: SQLiteConnection, now: Int64) throws(TesseraError) -> VersionedSnapshot {
        let version = try version(db)
        var builder = RevocationSnapshot.Builder()
        try db.withStatement("SELECT jti FROM revoked_token WHERE until >= ?1") { (rows) throws(TesseraError) in
            try rows.bind([.integer(now)])
            while try rows.step() { rows.withText(0) { builder.revokeToken(utf8: $0) } }
        }
        try db.withStatement("SELECT sid FROM revoked_session WHERE until >= ?1") { (rows) throws(TesseraError) in
            try rows.bind([.integer(now)])
            while try rows.step() { rows.withText(0) { builder.revokeSession(utf8: $0) } }
        }
        try db.withStatement("SELECT sub, epoch FROM subject_epoch WHERE bumped_at >= ?1") { (rows) throws(TesseraError) in
            try rows.bind([.integer(now - RevocationRetention.epochSeconds)])
            while try rows.step() {
                let epoch = rows.int64(1)
                rows.withText(0) { builder.setEpoch(epoch, forSubject: $0) }
            }
        }
        return VersionedSnapshot(version: version, snapshot: builder.build())
    }

    /// See ``RevocationStore/prune(now:)``. Also removes login sessions expired for longer than
    /// ``SessionRetention/expiredRetention``, with their refresh digests.
    public func prune(now: Int64) throws(TesseraError) -> PruneCounts {
        try write(now: now) { (db) throws(TesseraError) in
            let cutoff = now - SessionRetention.expiredRetention
            try db.run("DELETE FROM refresh_digest WHERE sid IN (SELECT sid FROM login_session WHERE expires_at < ?1)", .integer(cutoff))
            let counts = PruneCounts(
                tokens: try db.run("DELETE FROM revoked_token WHERE until < ?1", .integer(now)),
                sessions: try db.run("DELETE FROM revoked_session WHERE until < ?1", .integer(now)),
                epochs: try db.run("DELETE FROM subject_epoch WHERE bumped_at < ?1", .integer(now - RevocationRetention.epochSeconds)),
                loginSessions: try db.run("DELETE FROM login_session WHERE expires_at < ?1", .integer(cutoff)))
            return (counts, counts.total > 0)
        }
    }

    /// Prunes with the store's clock.
    public func prune() throws(TesseraError) -> PruneCounts { try prune(now: clock.seconds()) }

    /// See ``RevocationStore/stats()``.
    public func stats() throws(TesseraError) -> RevocationStats {
        try read { (db) throws(TesseraError) in
            RevocationStats(
                tokens: Int(try db.integer("SELECT count(*) FROM revoked_token") ?? 0),
                sessions: Int(try db.integer("SELECT count(*) FROM revoked_session") ?? 0),
                epochs: Int(try db.integer("SELECT count(*) FROM subject_epoch") ?? 0),
                oldestExpiry: try db.integer("SELECT min(until) FROM (SELECT until FROM revoked_token UNION ALL SELECT until FROM revoked_session)"),
                version: try Self.version(db),
                loginSessions: Int(try db.integer("SELECT count(*) FROM login_session") ?? 0))
        }
    }
}

/// The one connection behind its mutex, shared by the store and its group-commit queue.
final class SQLiteConnectionLock: Sendable {
    let mutex: Mutex<SQLiteConnection>

    init(_ connection: sending SQLiteConnection) { mutex = Mutex(connection) }
}
