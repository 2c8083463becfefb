import Tessera

/// The store's schema and its migrations: the one place the schema changes.
///
/// The schema version lives in `PRAGMA user_version`. Opening a store applies every migration
/// after its version inside one `BEGIN IMMEDIATE` transaction (so two processes opening a new
/// store at once do not both migrate), and refuses a store newer than this code knows.
enum SQLiteSchema {
    /// `migrations[n]` takes a store from version `n` to `n + 1`.
    static let migrations: [StaticString] = [
        """
        CREATE TABLE revoked_token (jti TEXT PRIMARY KEY NOT NULL, until INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX revoked_token_until ON revoked_token (until);
        CREATE TABLE revoked_session (sid TEXT PRIMARY KEY NOT NULL, until INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX revoked_session_until ON revoked_session (until);
        CREATE TABLE subject_epoch (sub TEXT PRIMARY KEY NOT NULL, epoch INTEGER NOT NULL, bumped_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE store_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT INTO store_version (id, version) VALUES (1, 0);
        """,
        // 2: login sessions and their refresh-token digests (never a token), and the indexes
        // the bounded cleanup on every write walks.
        """
        CREATE TABLE login_session (
            sid TEXT PRIMARY KEY NOT NULL, sub TEXT NOT NULL, auth_time INTEGER NOT NULL, scope TEXT NOT NULL,
            aud TEXT NOT NULL, iss TEXT, created_at INTEGER NOT NULL, last_used_at INTEGER NOT NULL,
            idle_expires_at INTEGER NOT NULL, absolute_expires_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
            access_lifetime INTEGER NOT NULL, idle_timeout INTEGER NOT NULL, client TEXT, ip_prefix TEXT,
            access_until INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX login_session_sub ON login_session (sub, created_at);
        CREATE INDEX login_session_expires ON login_session (expires_at, sid);
        CREATE TABLE refresh_digest (
            selector TEXT PRIMARY KEY NOT NULL, sid TEXT NOT NULL, secret_hash TEXT NOT NULL,
            issued_at INTEGER NOT NULL, consumed_at INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX refresh_digest_sid ON refresh_digest (sid, issued_at);
        CREATE INDEX subject_epoch_bumped ON subject_epoch (bumped_at);
        """,
    ]

    /// The version this code writes.
    static var current: Int64 { Int64(migrations.count) }

    /// Puts the connection in WAL mode with full syncs, then migrates to ``current``.
    static func prepare(_ db: SQLiteConnection) throws(TesseraError) {
        // WAL: readers (verifiers) never block the writer (the CLI) and vice versa.
        try db.withStatement("PRAGMA journal_mode = WAL") { (mode) throws(TesseraError) in _ = try mode.step() }
        // FULL: a revocation survives a power cut once its command has returned.
        try db.execute("PRAGMA synchronous = FULL")
        if try userVersion(db) == current { return }
        try db.execute("BEGIN IMMEDIATE")
        do throws(TesseraError) {
            let found = try userVersion(db)
            guard found <= current else {
                throw TesseraError(.storeUnavailable, "the revocation store at \(db.path) has schema version \(found); this tessera knows up to \(current)")
            }
            for step in Int(found)..<Int(current) {
                try db.execute(migrations[step])
                try setUserVersion(db, Int64(step + 1))
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    private static func userVersion(_ db: SQLiteConnection) throws(TesseraError) -> Int64 {
        try db.withStatement("PRAGMA user_version") { (statement) throws(TesseraError) in
            try statement.step() ? statement.int64(0) : 0
        }
    }

    /// `PRAGMA` takes no bound parameters, so each version has its own fixed statement.
    private static func setUserVersion(_ db: SQLiteConnection, _ version: Int64) throws(TesseraError) {
        switch version {
        case 1: try db.execute("PRAGMA user_version = 1")
        case 2: try db.execute("PRAGMA user_version = 2")
        default: throw TesseraError(.storeUnavailable, "no statement sets schema version \(version)")
        }
    }
}
