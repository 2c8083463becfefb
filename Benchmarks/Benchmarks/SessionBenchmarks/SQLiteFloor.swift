import CBenchSQLite
import Foundation

/// The floor for session writes: one bare single-row write transaction (`BEGIN IMMEDIATE`,
/// one `INSERT OR REPLACE` with bound values, `COMMIT`) on a WAL database with
/// `synchronous = FULL`, exactly the durability settings of `SQLiteRevocationStore`, in the
/// same folder as the store under test (so on the same file system).
final class SQLiteFloor: @unchecked Sendable {  // used from one benchmark task at a time
    private var db: OpaquePointer?
    private var insert: OpaquePointer?
    private var counter: Int64 = 0

    init(path: String) {
        precondition(sqlite3_open(path, &db) == SQLITE_OK)
        for sql in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                    "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"] {
            precondition(sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK)
        }
        precondition(sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO t (id, v) VALUES (?1, ?2)", -1, &insert, nil) == SQLITE_OK)
    }

    deinit {
        sqlite3_finalize(insert)
        sqlite3_close(db)
    }

    /// One durable single-row write transaction.
    func write() {
        counter += 1
        precondition(sqlite3_exec(db, "BEGIN IMMEDIATE", nil, nil, nil) == SQLITE_OK)
        sqlite3_bind_int64(insert, 1, counter % 1000)
        sqlite3_bind_text(insert, 2, "a value of about the size of a session row", -1, tessera_bench_sqlite_transient())
        precondition(sqlite3_step(insert) == SQLITE_DONE)
        sqlite3_reset(insert)
        precondition(sqlite3_exec(db, "COMMIT", nil, nil, nil) == SQLITE_OK)
    }
}
