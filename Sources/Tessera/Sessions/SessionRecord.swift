/// One login session as a ``SessionStore`` keeps it: what the account page lists and what each
/// refresh needs to mint the next access token. It holds no secret: refresh tokens are stored
/// apart, as hashes only.
public struct SessionRecord: Sendable, Hashable {
    /// The session id (`sid`): 128 random bits, minted by Tessera, never taken from a caller.
    public var id: String
    /// `sub`: whose session this is.
    public var subject: String
    /// `auth_time`: when the user last actively authenticated (login or re-authentication).
    public var authTime: Int64
    /// The scopes every access token of the session carries.
    public var scopes: [String]
    /// The `aud` of its access tokens.
    public var audience: [String]
    /// The `iss` of its access tokens.
    public var issuer: String?
    /// When the session started (seconds since the epoch).
    public var createdAt: Int64
    /// When it was last refreshed (or started): the account page's "last active".
    public var lastUsedAt: Int64
    /// The session ends at this time unless refreshed before (slides with each refresh).
    public var idleExpiresAt: Int64
    /// The session ends at this time whatever happens.
    public var absoluteExpiresAt: Int64
    /// Lifetime of its access tokens, in seconds.
    public var accessLifetime: Int64
    /// Its idle timeout, in seconds.
    public var idleTimeout: Int64
    /// A device label for the account page ("Firefox on Linux"), at most 64 bytes, or nil.
    public var client: String?
    /// A coarse IP prefix ("203.0.113.0/24"), only when the operator opted in.
    public var ipPrefix: String?
    /// The latest `exp` of an access token minted for the session: ending the session revokes
    /// its `sid` until then (plus leeway).
    public var accessTokensUntil: Int64

    /// A record; see each property.
    public init(
        id: String, subject: String, authTime: Int64, scopes: [String], audience: [String], issuer: String?,
        createdAt: Int64, lastUsedAt: Int64, idleExpiresAt: Int64, absoluteExpiresAt: Int64,
        accessLifetime: Int64, idleTimeout: Int64, client: String?, ipPrefix: String?, accessTokensUntil: Int64
    ) {
        self.id = id
        self.subject = subject
        self.authTime = authTime
        self.scopes = scopes
        self.audience = audience
        self.issuer = issuer
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.idleExpiresAt = idleExpiresAt
        self.absoluteExpiresAt = absoluteExpiresAt
        self.accessLifetime = accessLifetime
        self.idleTimeout = idleTimeout
        self.client = client
        self.ipPrefix = ipPrefix
        self.accessTokensUntil = accessTokensUntil
    }

    /// The earlier of the two deadlines: the session is live strictly before it.
    public var expiresAt: Int64 { min(idleExpiresAt, absoluteExpiresAt) }

    /// True while neither deadline has passed at `now`.
    public func isLive(at now: Int64) -> Bool { now < expiresAt }

    /// Until when the `sid` must stay on the revocation list once the session ends: its last
    /// access token's `exp` plus the largest verifier leeway.
    public var revokeUntil: Int64 { accessTokensUntil + RevocationRetention.leeway }

    /// The record after a refresh at `now`: last used now, the idle deadline slid (never past
    /// the absolute one), and `newAccessExpiry` recorded.
    public func refreshed(at now: Int64, accessExpiry newAccessExpiry: Int64, client newClient: String?) -> SessionRecord {
        var next = self
        next.lastUsedAt = now
        next.idleExpiresAt = min(now + idleTimeout, absoluteExpiresAt)
        next.accessTokensUntil = max(accessTokensUntil, newAccessExpiry)
        if let newClient { next.client = newClient }
        return next
    }

    /// The `exp` of an access token minted at `now`: `now` + the access lifetime, capped at
    /// the absolute deadline.
    public func accessExpiry(at now: Int64) -> Int64 { min(now + accessLifetime, absoluteExpiresAt) }

    /// The account-page view: `{"session","created_at","last_used_at","idle_expires_at",
    /// "session_expires_at","client"}` (+ `"ip_prefix"` when recorded, `"current"` when given).
    public func json(current: Bool? = nil) -> String {
        var writer = JSONWriter(capacity: 192)
        write(into: &writer, current: current)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// A JSON array of ``json(current:)`` objects; `current` marks the caller's own session.
    public static func jsonArray(_ records: [SessionRecord], current: String? = nil) -> String {
        var writer = JSONWriter(capacity: 64 + records.count * 192)
        writer.beginArray()
        for record in records { record.write(into: &writer, current: current.map { $0 == record.id }) }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func write(into writer: inout JSONWriter, current: Bool?) {
        writer.beginObject()
        writer.key("session"); writer.string(id)
        writer.key("created_at"); writer.integer(createdAt)
        writer.key("last_used_at"); writer.integer(lastUsedAt)
        writer.key("idle_expires_at"); writer.integer(idleExpiresAt)
        writer.key("session_expires_at"); writer.integer(absoluteExpiresAt)
        writer.key("client")
        if let client { writer.string(client) } else { writer.raw(Array("null".utf8)) }
        if let ipPrefix { writer.key("ip_prefix"); writer.string(ipPrefix) }
        if let current { writer.key("current"); writer.bool(current) }
        writer.endObject()
    }
}
