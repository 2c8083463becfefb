import Tessera

/// The bounded cleanup every write transaction does: at most ``SessionRetention/cleanupBatch``
/// expired rows of each kind, found through an index on their expiry, so a write's cost never
/// depends on how much has piled up, and a store that is written to never needs `prune`.
///
/// Removing expired revocation entries changes nothing in force (``SQLiteRevocationStore/load()``
/// never loads them), so it does not advance the version. A pass that finds nothing lets the
/// writes of the rest of that second skip the pass (one indexed probe per kind saved per write);
/// a pass that removed something runs again on the next write, so a backlog drains at the write
/// rate.
enum SQLiteCleanup {
    static func batch(_ db: SQLiteConnection, now: Int64) throws(TesseraError) {
        guard now >= db.cleanupIdleUntil else { return }
        let limit = Int64(SessionRetention.cleanupBatch)
        var removed = try db.run("DELETE FROM revoked_token WHERE jti IN (SELECT jti FROM revoked_token WHERE until < ?1 LIMIT ?2)",
                   .integer(now), .integer(limit))
        removed += try db.run("DELETE FROM revoked_session WHERE sid IN (SELECT sid FROM revoked_session WHERE until < ?1 LIMIT ?2)",
                   .integer(now), .integer(limit))
        removed += try db.run("DELETE FROM subject_epoch WHERE sub IN (SELECT sub FROM subject_epoch WHERE bumped_at < ?1 LIMIT ?2)",
                   .integer(now - RevocationRetention.epochSeconds), .integer(limit))
        let cutoff = now - SessionRetention.expiredRetention
        let expired = try db.rows(
            "SELECT sid FROM login_session WHERE expires_at < ?1 ORDER BY expires_at, sid LIMIT ?2", .integer(cutoff), .integer(limit)
        ) { (row) throws(TesseraError) in row.string(0) ?? "" }
        for sid in expired {
            try db.run("DELETE FROM refresh_digest WHERE sid = ?1", .text(sid))
            removed += try db.run("DELETE FROM login_session WHERE sid = ?1", .text(sid))
        }
        db.cleanupIdleUntil = removed == 0 ? now + 1 : .min
    }
}
