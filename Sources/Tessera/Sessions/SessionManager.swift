/// Login sessions on top of stateless access tokens: start, refresh with rotation and theft
/// detection, re-authenticate, list and end.
///
/// ```swift
/// let sessions = try SessionManager(store: store, key: signingKey)
/// let grant = try await sessions.start(SessionRequest(subject: "user-42", client: ClientLabel.fromUserAgent(ua)))
/// // … 15 minutes later, the client sends grant.refreshToken:
/// let next = try await sessions.refresh(grant.refreshToken)   // same session, new pair
/// try await sessions.end(sessionID: next.session.id)          // logout: sid revoked everywhere
/// ```
///
/// **Lifecycle.** A session gets a fresh 128-bit id at start (never a caller's), an idle and an
/// absolute deadline (``SessionPolicy``), an access token (`sid`, `auth_time`, `ep` stamped,
/// `exp` ≤ the absolute deadline) and an opaque ``RefreshToken``. Each refresh consumes the
/// presented refresh token and returns a new pair, sliding the idle deadline but never past
/// the absolute one. Ending a session (or a reuse, or logout-all) makes its refresh tokens fail
/// and revokes its `sid` until its last access token has expired, so verifiers that follow the
/// store reject its access tokens too.
///
/// **Theft detection.** A used refresh token presented again within ``SessionPolicy/reuseGrace``
/// (concurrent tabs, a retried request) rotates again: one lineage, the session lives on.
/// Later, the session is ended and the call fails with `refresh_reused`: whoever holds the
/// newest token (the thief or the user) is logged out, and the access tokens are `revoked`.
public struct SessionManager: Sendable {
    /// Where sessions and revocations live.
    public let store: any SessionStore
    /// Signs the access tokens.
    public let key: SigningKey
    /// Lifetimes, grace and limits.
    public let policy: SessionPolicy
    /// The time source (seconds).
    public let clock: TokenClock

    /// A manager. An invalid `policy` or a key that cannot sign is an error.
    public init(store: any SessionStore, key: SigningKey, policy: SessionPolicy = .standard, clock: TokenClock = .system) throws(TesseraError) {
        try policy.validate()
        guard key.core.canSign else { throw TesseraError(.invalidKey, "session access tokens need a private (signing) key") }
        self.store = store
        self.key = key
        self.policy = policy
        self.clock = clock
    }

    /// Starts a session for a user who has just authenticated: a new id, `auth_time` = now.
    public func start(_ request: SessionRequest) async throws(TesseraError) -> SessionGrant {
        try await start(request, authTime: clock.now(), replacing: nil)
    }

    /// Refreshes: consumes `refreshToken`, returns a new access and refresh token for the same
    /// session. Throws `malformed`, `session_revoked`, `session_expired` or `refresh_reused`.
    /// `client` replaces the device label when given.
    public func refresh(_ refreshToken: String, client: String? = nil) async throws(TesseraError) -> SessionGrant {
        let presented = try RefreshToken.parse(refreshToken)
        let now = clock.now()
        let next = try RefreshToken.generate()
        let (session, epoch) = try await store.rotateRefresh(presented, next: next.digest, grace: policy.reuseGrace,
                                                             client: client.flatMap(ClientLabel.sanitize), now: now)
        return try grant(for: session, refresh: next, epoch: epoch, now: now)
    }

    /// Re-authentication or privilege change (the user just typed their password again, or
    /// gains `scopes`): replaces the session of `refreshToken` with a new one — new `sid`,
    /// `auth_time` = now, new tokens — and ends the old one. Same checks as ``refresh(_:client:)``.
    public func reauthenticate(_ refreshToken: String, scopes: [String]? = nil) async throws(TesseraError) -> SessionGrant {
        let old = try await session(forRefresh: refreshToken)
        let now = clock.now()
        let request = SessionRequest(
            subject: old.subject, scopes: scopes ?? old.scopes, audience: old.audience, issuer: old.issuer, client: old.client,
            ipPrefix: nil, accessLifetime: old.accessLifetime, idleTimeout: old.idleTimeout,
            absoluteLifetime: old.absoluteExpiresAt - old.createdAt)
        return try await start(request, authTime: now, replacing: old.id, keepingPrefix: old.ipPrefix)
    }

    /// Ends one session (logout of one device). False when it was not live.
    @discardableResult
    public func end(sessionID: String) async throws(TesseraError) -> Bool {
        try await store.endSession(id: sessionID, now: clock.now())
    }

    /// Ends every session of `subject` (optionally all but `except`, the current one).
    @discardableResult
    public func endAll(subject: String, except: String? = nil) async throws(TesseraError) -> [String] {
        try await store.endSessions(subject: subject, except: except, now: clock.now())
    }

    /// The subject's live sessions, newest first: the account page.
    public func sessions(subject: String) async throws(TesseraError) -> [SessionRecord] {
        try await store.sessions(subject: subject, now: clock.now())
    }

    /// The live session `refreshToken` belongs to, checked as a refresh checks it (a reuse after
    /// the grace ends the session and throws `refresh_reused`), without consuming the token:
    /// what logout uses to find the session a refresh cookie names.
    public func session(forRefresh refreshToken: String) async throws(TesseraError) -> SessionRecord {
        try await store.session(forRefresh: try RefreshToken.parse(refreshToken), grace: policy.reuseGrace, now: clock.now())
    }

    /// The live session `id`, or nil.
    public func session(id: String) async throws(TesseraError) -> SessionRecord? {
        try await store.session(id: id, now: clock.now())
    }

    private func start(_ request: SessionRequest, authTime: Int64, replacing: String?, keepingPrefix: String? = nil)
        async throws(TesseraError) -> SessionGrant
    {
        try RevocationRetention.checkSubject(request.subject)
        var policy = policy
        if let value = request.accessLifetime { policy.accessLifetime = value }
        if let value = request.idleTimeout { policy.idleTimeout = value }
        if let value = request.absoluteLifetime { policy.absoluteLifetime = value }
        try policy.validate()
        let now = clock.now()
        let refresh = try RefreshToken.generate()
        var record = SessionRecord(
            id: try RandomID.generate(), subject: request.subject, authTime: authTime, scopes: request.scopes,
            audience: request.audience, issuer: request.issuer, createdAt: now, lastUsedAt: now,
            idleExpiresAt: now + policy.idleTimeout, absoluteExpiresAt: now + policy.absoluteLifetime,
            accessLifetime: policy.accessLifetime, idleTimeout: policy.idleTimeout,
            client: request.client.flatMap(ClientLabel.sanitize), ipPrefix: request.ipPrefix?.description ?? keepingPrefix,
            accessTokensUntil: 0)
        record.accessTokensUntil = record.accessExpiry(at: now)
        // Check the claims before anything is stored: a bad scope or audience fails here.
        let issuer = try issuer(for: record, now: now)
        _ = try Issuer.scopeClaim(request.scopes)
        for audience in request.audience where audience.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw TesseraError(.invalidConfiguration, "an audience must not contain control characters")
        }
        let (_, epoch) = try await store.createSession(record, refresh: refresh.digest, limit: policy.maxSessionsPerSubject,
                                                       replacing: replacing, now: now)
        return try grant(for: record, refresh: refresh, epoch: epoch, now: now, issuer: issuer)
    }

    private func issuer(for session: SessionRecord, now: Int64) throws(TesseraError) -> Issuer {
        let lifetime = session.accessExpiry(at: now) - now
        guard lifetime >= 1 else { throw TesseraError(.sessionExpired, "the session passed its absolute deadline; log in again") }
        return try Issuer(key: key, issuer: session.issuer, audience: session.audience, lifetime: lifetime, clock: .fixed(now))
    }

    private func grant(for session: SessionRecord, refresh: RefreshToken, epoch: Int64, now: Int64, issuer: Issuer? = nil)
        throws(TesseraError) -> SessionGrant
    {
        let signer: Issuer
        if let issuer { signer = issuer } else { signer = try self.issuer(for: session, now: now) }
        let access = try signer.issue(TokenRequest(
            subject: session.subject, scopes: session.scopes, sessionID: session.id, authTime: session.authTime, epoch: epoch))
        return SessionGrant(session: session, access: access, refreshToken: refresh.value, expiresIn: access.claims.expiresAt - now)
    }
}
