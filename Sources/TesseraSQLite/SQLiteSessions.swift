public import Tessera

/// ``SessionStore`` on the SQLite file: sessions in `login_session`, refresh digests in
/// `refresh_digest` (selector → SHA-256 of the secret; never a token), each call one
/// `BEGIN IMMEDIATE` transaction, so two refreshes racing on one token are serialised and the
/// second sees the first's rotation.
extension SQLiteRevocationStore {
    /// See ``SessionStore/createSession(_:refresh:limit:replacing:now:)``.
    /// Group-committed with concurrent session writes (``SQLiteGroupCommit``).
    public func createSession(_ session: SessionRecord, refresh: RefreshDigest, limit: Int, replacing: String?, now: Int64)
        async throws(TesseraError) -> (ended: [String], epoch: Int64)
    {
        try RevocationRetention.checkID(session.id, "session id")
        let outcome = await groupCommit.perform { (db) throws(TesseraError) -> (Result<SessionCreation, TesseraError>, changed: Bool) in
            var ended: [String] = []
            if let replacing, try SQLiteSessionRows.end(replacing, db, now: now) { ended.append(replacing) }
            try SQLiteSessionRows.insert(session, db)
            try SQLiteSessionRows.addDigest(refresh, session: session.id, db, now: now)
            // The new session is never the one evicted, even among sessions of the same second.
            let others = try db.rows("SELECT sid FROM login_session WHERE sub = ?1 AND expires_at > ?2 AND sid != ?3 ORDER BY created_at, sid",
                                     .text(session.subject), .integer(now), .text(session.id)) { (row) throws(TesseraError) in row.string(0) ?? "" }
            for oldest in others.prefix(max(0, others.count + 1 - limit)) where try SQLiteSessionRows.end(oldest, db, now: now) {
                ended.append(oldest)
            }
            return (.success(SessionCreation(ended: ended, epoch: try Self.epoch(of: session.subject, db))), !ended.isEmpty)
        }
        let created = try outcome.get()
        return (created.ended, created.epoch)
    }

    /// See ``SessionStore/rotateRefresh(_:next:grace:client:now:)``.
    /// Group-committed with concurrent session writes (``SQLiteGroupCommit``).
    public func rotateRefresh(_ presented: RefreshDigest, next: RefreshDigest, grace: Int64, client: String?, now: Int64)
        async throws(TesseraError) -> (session: SessionRecord, epoch: Int64)
    {
        let outcome = await groupCommit.perform { (db) throws(TesseraError) -> (Result<SessionRotation, TesseraError>, changed: Bool) in
            let (record, consumedAt) : (SessionRecord, Int64?)
            switch try SQLiteSessionRows.check(presented, grace: grace, db, now: now) {
            case .failure(let error): return (.failure(error), error.code == .refreshReused)
            case .success(let found): (record, consumedAt) = found
            }
            try db.run("UPDATE refresh_digest SET consumed_at = ?2 WHERE sid = ?1 AND consumed_at IS NULL",
                       .text(record.id), .integer(consumedAt ?? now))
            try SQLiteSessionRows.addDigest(next, session: record.id, db, now: now)
            let updated = record.refreshed(at: now, accessExpiry: record.accessExpiry(at: now), client: client)
            try db.run("""
                UPDATE login_session SET last_used_at = ?2, idle_expires_at = ?3, expires_at = ?4, access_until = ?5,
                client = ?6 WHERE sid = ?1
                """, .text(updated.id), .integer(updated.lastUsedAt), .integer(updated.idleExpiresAt),
                .integer(updated.expiresAt), .integer(updated.accessTokensUntil), .text(updated.client))
            return (.success(SessionRotation(session: updated, epoch: try Self.epoch(of: record.subject, db))), false)
        }
        let rotated = try outcome.get()
        return (rotated.session, rotated.epoch)
    }

    /// See ``SessionStore/session(forRefresh:grace:now:)``.
    public func session(forRefresh presented: RefreshDigest, grace: Int64, now: Int64) throws(TesseraError) -> SessionRecord {
        let outcome = try write(now: now) { (db) throws(TesseraError) -> (Result<SessionRecord, TesseraError>, changed: Bool) in
            let checked = try SQLiteSessionRows.check(presented, grace: grace, db, now: now)
            if case .failure(let error) = checked { return (.failure(error), error.code == .refreshReused) }
            return (checked.map(\.0), false)
        }
        return try outcome.get()
    }

    /// See ``SessionStore/session(id:now:)``.
    public func session(id: String, now: Int64) throws(TesseraError) -> SessionRecord? {
        try read { (db) throws(TesseraError) in try SQLiteSessionRows.find(id, db).flatMap { $0.isLive(at: now) ? $0 : nil } }
    }

    /// See ``SessionStore/sessions(subject:now:)``.
    public func sessions(subject: String, now: Int64) throws(TesseraError) -> [SessionRecord] {
        try read { (db) throws(TesseraError) in
            try db.rows("""
                SELECT sid, sub, auth_time, scope, aud, iss, created_at, last_used_at, idle_expires_at, absolute_expires_at,
                access_lifetime, idle_timeout, client, ip_prefix, access_until
                FROM login_session WHERE sub = ?1 AND expires_at > ?2 ORDER BY created_at DESC, sid DESC
                """, .text(subject), .integer(now), row: SQLiteSessionRows.record)
        }
    }

    /// See ``SessionStore/endSession(id:now:)``.
    public func endSession(id: String, now: Int64) throws(TesseraError) -> Bool {
        try write(now: now) { (db) throws(TesseraError) in
            let ended = try SQLiteSessionRows.end(id, db, now: now)
            return (ended, ended)
        }
    }

    /// See ``SessionStore/endSessions(subject:except:now:)``.
    public func endSessions(subject: String, except: String?, now: Int64) throws(TesseraError) -> [String] {
        try write(now: now) { (db) throws(TesseraError) in
            let ids = try db.rows("SELECT sid FROM login_session WHERE sub = ?1 AND sid IS NOT ?2", .text(subject), .text(except)) {
                (row) throws(TesseraError) in row.string(0) ?? ""
            }
            var ended: [String] = []
            for id in ids where try SQLiteSessionRows.end(id, db, now: now) { ended.append(id) }
            return (ended, !ended.isEmpty)
        }
    }
}

/// A created session's outcome, carried out of a group-commit batch.
struct SessionCreation: Sendable {
    let ended: [String]
    let epoch: Int64
}

/// A refresh's outcome, carried out of a group-commit batch.
struct SessionRotation: Sendable {
    let session: SessionRecord
    let epoch: Int64
}
