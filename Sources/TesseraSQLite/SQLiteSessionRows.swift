import Tessera

/// The statements behind ``SQLiteRevocationStore``'s sessions, each run inside a transaction
/// the caller holds. Column order of `SELECT`s that return a session is always the one
/// ``record(_:)`` reads.
enum SQLiteSessionRows {
    /// Separates audiences in the `aud` column (a control character no audience contains:
    /// ``SessionManager`` refuses them).
    static let audienceSeparator = "\u{1F}"

    static func insert(_ session: SessionRecord, _ db: SQLiteConnection) throws(TesseraError) {
        try db.run("""
            INSERT INTO login_session (sid, sub, auth_time, scope, aud, iss, created_at, last_used_at, idle_expires_at,
            absolute_expires_at, expires_at, access_lifetime, idle_timeout, client, ip_prefix, access_until)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """, .text(session.id), .text(session.subject), .integer(session.authTime), .text(session.scopes.joined(separator: " ")),
            .text(session.audience.joined(separator: audienceSeparator)), .text(session.issuer), .integer(session.createdAt),
            .integer(session.lastUsedAt), .integer(session.idleExpiresAt), .integer(session.absoluteExpiresAt),
            .integer(session.expiresAt), .integer(session.accessLifetime), .integer(session.idleTimeout), .text(session.client),
            .text(session.ipPrefix), .integer(session.accessTokensUntil))
    }

    static func find(_ id: String, _ db: SQLiteConnection) throws(TesseraError) -> SessionRecord? {
        try db.rows("""
            SELECT sid, sub, auth_time, scope, aud, iss, created_at, last_used_at, idle_expires_at, absolute_expires_at,
            access_lifetime, idle_timeout, client, ip_prefix, access_until FROM login_session WHERE sid = ?1
            """, .text(id), row: record).first
    }

    /// A session from the current row.
    static func record(_ row: SQLiteStatement) throws(TesseraError) -> SessionRecord {
        let scope = row.string(3) ?? ""
        let audience = row.string(4) ?? ""
        return SessionRecord(
            id: row.string(0) ?? "", subject: row.string(1) ?? "", authTime: row.int64(2),
            scopes: scope.split(separator: " ").map(String.init),
            audience: audience.isEmpty ? [] : audience.split(separator: audienceSeparator, omittingEmptySubsequences: false).map(String.init),
            issuer: row.string(5), createdAt: row.int64(6), lastUsedAt: row.int64(7), idleExpiresAt: row.int64(8),
            absoluteExpiresAt: row.int64(9), accessLifetime: row.int64(10), idleTimeout: row.int64(11), client: row.string(12),
            ipPrefix: row.string(13), accessTokensUntil: row.int64(14))
    }

    /// Stores a new current digest and forgets used ones beyond ``SessionRetention/digestsPerSession``.
    static func addDigest(_ digest: RefreshDigest, session: String, _ db: SQLiteConnection, now: Int64) throws(TesseraError) {
        try db.run("INSERT INTO refresh_digest (selector, sid, secret_hash, issued_at) VALUES (?1, ?2, ?3, ?4)",
                   .text(digest.selector), .text(session), .text(digest.secretHash), .integer(now))
        try db.run("""
            DELETE FROM refresh_digest WHERE sid = ?1 AND consumed_at IS NOT NULL AND selector NOT IN
            (SELECT selector FROM refresh_digest WHERE sid = ?1 ORDER BY issued_at DESC, selector DESC LIMIT ?2)
            """, .text(session), .integer(Int64(SessionRetention.digestsPerSession)))
    }

    /// The shared checks (``RefreshRotation``) for a presented digest: the live session and when
    /// the digest was used (nil: current), or the error to answer. A reuse past the grace has
    /// already ended the session when this returns `refresh_reused` (the caller commits it).
    static func check(_ presented: RefreshDigest, grace: Int64, _ db: SQLiteConnection, now: Int64)
        throws(TesseraError) -> Result<(SessionRecord, Int64?), TesseraError>
    {
        let found = try db.rows("SELECT sid, secret_hash, consumed_at FROM refresh_digest WHERE selector = ?1", .text(presented.selector)) {
            (row) throws(TesseraError) in (row.string(0) ?? "", row.string(1) ?? "", row.isNull(2) ? nil : row.int64(2))
        }
        guard let (sid, hash, consumedAt) = found.first, presented.matches(hash), let record = try find(sid, db) else {
            return .failure(RefreshRotation.unknown)
        }
        do throws(TesseraError) { try RefreshRotation.checkLive(record, now: now) } catch { return .failure(error) }
        if RefreshRotation.decide(consumedAt: consumedAt, now: now, grace: grace) == .reused {
            _ = try end(sid, db, now: now)
            return .failure(RefreshRotation.reuse)
        }
        return .success((record, consumedAt))
    }

    /// Ends session `id`: deletes it and its digests and revokes its `sid` while its access
    /// tokens may live. False when there was no such session.
    static func end(_ id: String, _ db: SQLiteConnection, now: Int64) throws(TesseraError) -> Bool {
        guard let until = try db.integer("SELECT access_until FROM login_session WHERE sid = ?1", .text(id)) else { return false }
        try db.run("DELETE FROM refresh_digest WHERE sid = ?1", .text(id))
        try db.run("DELETE FROM login_session WHERE sid = ?1", .text(id))
        let revokeUntil = until + RevocationRetention.leeway
        if revokeUntil >= now {
            try db.run("INSERT INTO revoked_session (sid, until) VALUES (?1, ?2) ON CONFLICT (sid) DO UPDATE SET until = max(until, excluded.until)",
                       .text(id), .integer(revokeUntil))
        }
        return true
    }
}
