/// Where login sessions live: a ``RevocationStore`` (the same database) that also keeps
/// session rows and their refresh-token digests, so that ending a session and revoking its
/// `sid` happen in one transaction. ``RevocationStore/bumpEpoch(subject:)`` (logout-all, a
/// password change) ends every session of the subject in the same transaction as the bump.
///
/// The rules are shared: every store decides a refresh with ``RefreshRotation`` inside one
/// transaction and cleans up with ``SessionRetention``, and all of them pass one conformance
/// suite. Times are seconds since the epoch, passed in by the caller (``SessionManager`` reads
/// its clock once per call), so tests can pin them.
///
/// Every method throws ``TesseraError``: `store_unavailable` when the store cannot be read or
/// written (never reported as success), and the session codes where documented.
public protocol SessionStore: RevocationStore {
    /// Stores a new session and its first refresh digest. In the same transaction it ends
    /// `replacing` (a re-authentication or privilege change), then, while the subject has more
    /// than `limit` live sessions, the oldest ones. Returns the ids it ended and the subject's
    /// epoch read in that transaction (what the access token must carry as `ep`).
    func createSession(_ session: SessionRecord, refresh: RefreshDigest, limit: Int, replacing: String?, now: Int64)
        async throws(TesseraError) -> (ended: [String], epoch: Int64)

    /// One refresh, atomically: finds the session by `presented`'s selector, checks the digest
    /// (constant time), and applies ``RefreshRotation/decide(consumedAt:now:grace:)``:
    /// - current, or used within `grace`: stores `next` as the only current digest, marks the
    ///   others used, slides the idle deadline, records `accessExpiry`, returns the new record;
    /// - used before `grace`: ends the session (its `sid` revoked) and throws `refresh_reused`;
    /// - unknown selector, wrong secret, ended session: `session_revoked`;
    /// - past a deadline: `session_expired`.
    /// `client`, when given, replaces the stored label. The epoch is the subject's, read in the
    /// same transaction: a logout-all that commits later revokes the token minted with it.
    func rotateRefresh(_ presented: RefreshDigest, next: RefreshDigest, grace: Int64, client: String?, now: Int64)
        async throws(TesseraError) -> (session: SessionRecord, epoch: Int64)

    /// The live session `presented` belongs to, checked as ``rotateRefresh(_:next:grace:client:now:)``
    /// checks it (a reuse after the grace ends the session here too), without rotating.
    func session(forRefresh presented: RefreshDigest, grace: Int64, now: Int64) async throws(TesseraError) -> SessionRecord

    /// The live session `id`, or nil when it is unknown, ended or expired.
    func session(id: String, now: Int64) async throws(TesseraError) -> SessionRecord?

    /// The subject's live sessions, newest first.
    func sessions(subject: String, now: Int64) async throws(TesseraError) -> [SessionRecord]

    /// Ends session `id`: its refresh tokens stop working and its `sid` is revoked until its
    /// last access token has expired. False when there was no such live session.
    func endSession(id: String, now: Int64) async throws(TesseraError) -> Bool

    /// Ends every session of `subject` except `except`; returns the ids it ended.
    func endSessions(subject: String, except: String?, now: Int64) async throws(TesseraError) -> [String]
}

/// How long session state is kept, and how much cleanup each write does: the rules every
/// store shares, so that no deployment needs a cron job.
public enum SessionRetention {
    /// An expired session row is kept this long after its deadline (seconds), so a late
    /// refresh still answers `session_expired` rather than `session_revoked`; then it goes.
    public static let expiredRetention: Int64 = 86_400
    /// How many expired rows of each kind a write removes in passing (bounded, so a write's
    /// cost never depends on how much has piled up).
    public static let cleanupBatch = 32
    /// How many used refresh digests a session remembers for reuse detection (the newest).
    public static let digestsPerSession = 64
}

/// The decision at the heart of refresh-token rotation (RFC 9700 §4.14.2), shared by every store.
public enum RefreshRotation {
    /// What to do with a presented refresh token whose digest matched.
    public enum Decision: Sendable, Hashable {
        /// The current token: rotate.
        case rotate
        /// A token used within the grace: rotate again; the session keeps one lineage.
        case retryWithinGrace
        /// A token used longer ago than the grace: theft. End the session.
        case reused
    }

    /// Decides for a token used at `consumedAt` (nil: still current). Times are whole seconds,
    /// so a grace of `g` accepts a retry up to `g` seconds (rounded) after the use; a grace of
    /// 0 accepts none.
    public static func decide(consumedAt: Int64?, now: Int64, grace: Int64) -> Decision {
        guard let consumedAt else { return .rotate }
        return grace > 0 && now - consumedAt <= grace ? .retryWithinGrace : .reused
    }

    /// Throws `session_expired` when `session` is past a deadline at `now`.
    public static func checkLive(_ session: SessionRecord, now: Int64) throws(TesseraError) {
        guard session.isLive(at: now) else {
            let which = now >= session.absoluteExpiresAt ? "absolute deadline" : "idle timeout"
            throw TesseraError(.sessionExpired, "the session passed its \(which); log in again")
        }
    }

    /// The error for a token that matches no live session.
    public static let unknown = TesseraError(.sessionRevoked, "the refresh token belongs to no live session (ended, replaced or unknown)")

    /// The error after a reuse ended the session.
    public static let reuse = TesseraError(.refreshReused, "this refresh token was already used; the session has been ended as a precaution")
}
