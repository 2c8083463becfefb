internal import CSQLite
import Tessera

/// The only code that calls the SQLite C API: one connection and its prepared statements.
///
/// Why the system library: the store needs about a dozen calls (open, prepare, bind, step,
/// column, exec, close), libsqlite3 is in the base image, and a wrapper package would add a large
/// dependency for that. SQL text is always a `StaticString`, so no statement can be built from
/// input: values are bound with `bind`. Every result code goes through ``check(_:_:)``, which
/// turns a failure into `store_unavailable` with SQLite's own message.
///
/// Not thread-safe by itself: ``SQLiteRevocationStore`` owns each connection behind a mutex.
final class SQLiteConnection {
    private let db: OpaquePointer
    /// Where the database lives (shown in errors).
    let path: String

    /// Opens (and with `create`, creates) the database at `path`, waiting up to
    /// `busyTimeoutMilliseconds` whenever another connection holds a conflicting lock.
    init(path: String, create: Bool, busyTimeoutMilliseconds: Int32) throws(TesseraError) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            let hint = create ? "" : " (it must exist: create it with 'tessera store init --store \(path)')"
            throw TesseraError(.storeUnavailable, "cannot open the revocation store at \(path): \(message)\(hint)")
        }
        db = handle
        self.path = path
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    }

    deinit {
        for statement in prepared.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    /// Turns a result code other than `SQLITE_OK`/`SQLITE_ROW`/`SQLITE_DONE` into an error.
    @discardableResult
    func check(_ code: Int32, _ doing: @autoclosure () -> String) throws(TesseraError) -> Int32 {
        switch code {
        case SQLITE_OK, SQLITE_ROW, SQLITE_DONE: return code
        default:
            let primary = code & 0xFF
            let why = primary == SQLITE_BUSY || primary == SQLITE_LOCKED
                ? "the store is locked by another process (gave up after the busy timeout)"
                : primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT ? "the store is corrupt or not a SQLite database" : "SQLite error"
            throw TesseraError(.storeUnavailable, "\(doing()) failed for \(path): \(why): \(String(cString: sqlite3_errmsg(db))) (code \(code))")
        }
    }

    /// Runs fixed SQL (one or more statements, no values). For migrations and transaction control.
    func execute(_ sql: StaticString) throws(TesseraError) {
        try check(sqlite3_exec(db, sql.description, nil, nil, nil), "'\(sql.description.prefix(40))'")
    }

    /// Prepared statements by the address of their SQL text: every SQL text is a `StaticString`,
    /// so its address identifies it for the life of the process. Preparing costs more than
    /// running most of these statements, and a refresh runs about a dozen.
    private var prepared: [UnsafeRawPointer: OpaquePointer] = [:]

    /// Until when (seconds) writes skip the cleanup batch because the last one found nothing.
    var cleanupIdleUntil: Int64 = .min

    /// Runs `body` with the (cached) prepared statement for `sql`, then resets it and clears its
    /// bindings before returning, so no statement is still "in progress" when a transaction
    /// commits and no bound value outlives the call.
    func withStatement<R>(_ sql: StaticString, _ body: (SQLiteStatement) throws(TesseraError) -> R) throws(TesseraError) -> R {
        let key = UnsafeRawPointer(sql.utf8Start)
        let handle: OpaquePointer
        if let cached = prepared[key] {
            handle = cached
        } else {
            var fresh: OpaquePointer?
            try check(sqlite3_prepare_v2(db, sql.description, -1, &fresh, nil), "preparing '\(sql.description.prefix(40))'")
            guard let fresh else { throw TesseraError(.storeUnavailable, "SQLite returned no statement for \(path)") }
            prepared[key] = fresh
            handle = fresh
        }
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        return try body(SQLiteStatement(handle, connection: self))
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(db)) }
}

/// A prepared statement, valid only inside ``SQLiteConnection/withStatement(_:_:)``.
struct SQLiteStatement {
    fileprivate let statement: OpaquePointer
    fileprivate let connection: SQLiteConnection

    fileprivate init(_ statement: OpaquePointer, connection: SQLiteConnection) {
        self.statement = statement
        self.connection = connection
    }

    /// Binds an integer to parameter `index` (1-based).
    func bind(_ index: Int32, _ value: Int64) throws(TesseraError) {
        try connection.check(sqlite3_bind_int64(statement, index, value), "binding a value")
    }

    /// Binds text to parameter `index` (1-based); SQLite copies it.
    func bind(_ index: Int32, _ value: String) throws(TesseraError) {
        var value = value
        let code = value.withUTF8 { sqlite3_bind_text(statement, index, $0.baseAddress, Int32($0.count), tessera_sqlite_transient()) }
        try connection.check(code, "binding a value")
    }

    /// Binds NULL to parameter `index` (1-based).
    func bindNull(_ index: Int32) throws(TesseraError) {
        try connection.check(sqlite3_bind_null(statement, index), "binding a value")
    }

    /// Steps once: true when a row is available, false when done.
    func step() throws(TesseraError) -> Bool {
        try connection.check(sqlite3_step(statement), "reading or writing") == SQLITE_ROW
    }

    /// Steps to completion (for statements that return no rows).
    func run() throws(TesseraError) {
        while try step() {}
    }

    /// Column `index` (0-based) of the current row as an integer.
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(statement, index) }

    /// Column `index` of the current row as a `String`, nil when NULL.
    func string(_ index: Int32) -> String? {
        isNull(index) ? nil : withText(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// True when column `index` of the current row is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_NULL }

    /// Column `index` of the current row as UTF-8 bytes, valid only inside `body`.
    func withText<R>(_ index: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let text = sqlite3_column_text(statement, index)
        let count = Int(sqlite3_column_bytes(statement, index))
        return body(UnsafeRawBufferPointer(start: text, count: count))
    }
}
