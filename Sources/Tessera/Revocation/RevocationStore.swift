/// Where revocations live, shared by every issuer and verifier that trust the same tokens.
///
/// Three kinds of entry:
/// - a revoked **token** (`jti`), kept until the token's own `exp` plus leeway, then pruned;
/// - a revoked **session** (`sid`), kept until a given time (when the session's last token expires);
/// - a subject's **epoch** (forced logout, password change): see ``bumpEpoch(subject:)``.
///
/// Verifiers do not query a store per token: they hold a ``RevocationList`` and refresh it
/// (``RevocationList/refresh(from:)``), which asks ``loadIfChanged(since:)`` and so costs one
/// cheap version read when nothing changed. Every write advances the store's ``version()``.
///
/// Every method throws ``TesseraError``: `store_unavailable` when the store cannot be read or
/// written (unreadable, locked past its timeout, corrupt, unreachable), `invalid_configuration`
/// for an id that is empty or too long. A failure is never reported as "not revoked".
public protocol RevocationStore: Sendable {
    /// Revokes token id `jti` until `until` (seconds since the epoch; pass the token's
    /// `exp` + ``RevocationRetention/leeway``). Revoking again keeps the later time.
    func revokeToken(id jti: String, until: Int64) async throws(TesseraError)

    /// Revokes session id `sid` until `until` (seconds since the epoch).
    func revokeSession(id sid: String, until: Int64) async throws(TesseraError)

    /// Forced logout: sets the subject's epoch to `max(now in milliseconds, previous + 1)` and
    /// returns it. Tokens minted earlier carry a lower `ep` and are revoked from now on.
    func bumpEpoch(subject: String) async throws(TesseraError) -> Int64

    /// The subject's current epoch (0 when it has none): what an issuer stamps as `ep`.
    func currentEpoch(subject: String) async throws(TesseraError) -> Int64

    /// The store's change counter: it increases with every write (revoke, bump, or a prune
    /// that removed something).
    func version() async throws(TesseraError) -> Int64

    /// Everything in force now, with the version it reflects. Entries whose time has passed are
    /// never loaded, pruned or not.
    func load() async throws(TesseraError) -> VersionedSnapshot

    /// Like ``load()``, but nil (after one cheap version read) when the version is still `version`.
    func loadIfChanged(since version: Int64) async throws(TesseraError) -> VersionedSnapshot?

    /// Drops entries no token can need any more: tokens and sessions whose `until` is before
    /// `now`, and epochs bumped more than ``RevocationRetention/epochSeconds`` before `now`.
    /// Writes already remove a bounded batch of these in passing, so calling this is optional.
    func prune(now: Int64) async throws(TesseraError) -> PruneCounts

    /// Entry counts and the oldest expiry.
    func stats() async throws(TesseraError) -> RevocationStats
}

/// A snapshot and the store version it reflects.
public struct VersionedSnapshot: Sendable {
    /// The store's version when it was read.
    public let version: Int64
    /// The revocations.
    public let snapshot: RevocationSnapshot

    /// Pairs a snapshot with its version.
    public init(version: Int64, snapshot: RevocationSnapshot) {
        self.version = version
        self.snapshot = snapshot
    }
}

/// How many entries a prune removed.
public struct PruneCounts: Sendable, Hashable {
    /// Token entries removed.
    public var tokens: Int
    /// Session entries removed.
    public var sessions: Int
    /// Epoch entries removed.
    public var epochs: Int
    /// Expired login sessions removed (``SessionStore``; 0 for a store without sessions).
    public var loginSessions: Int

    /// Counts.
    public init(tokens: Int = 0, sessions: Int = 0, epochs: Int = 0, loginSessions: Int = 0) {
        self.tokens = tokens
        self.sessions = sessions
        self.epochs = epochs
        self.loginSessions = loginSessions
    }

    /// All entries removed.
    public var total: Int { tokens + sessions + epochs + loginSessions }
}

/// What a store holds.
public struct RevocationStats: Sendable, Hashable {
    /// Revoked token ids.
    public var tokens: Int
    /// Revoked sessions.
    public var sessions: Int
    /// Subjects with an epoch.
    public var epochs: Int
    /// The earliest `until` among token and session entries (seconds), nil when there are none.
    public var oldestExpiry: Int64?
    /// The store's version.
    public var version: Int64
    /// Login session rows (live, or expired and not yet cleaned up); 0 without sessions.
    public var loginSessions: Int

    /// Stats.
    public init(tokens: Int, sessions: Int, epochs: Int, oldestExpiry: Int64?, version: Int64, loginSessions: Int = 0) {
        self.tokens = tokens
        self.sessions = sessions
        self.epochs = epochs
        self.oldestExpiry = oldestExpiry
        self.version = version
        self.loginSessions = loginSessions
    }
}
