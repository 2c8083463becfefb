/// The claims of an access token: authentication metadata only (RFC 9068 / RFC 7519).
///
/// There is deliberately no room for free-form claims: a token is readable by anyone who holds
/// it (the payload is only base64url, not encrypted) and lives until it expires, so personal
/// data and application state do not belong in it (RFC 8725 §3.6); keep them server-side,
/// keyed by `sub` or `sid`. Small tokens are also faster to sign, send and verify.
public struct Claims: Sendable, Hashable {
    /// `iss`: who issued the token.
    public var issuer: String?
    /// `sub`: the subject (user or client id) the token is about.
    public var subject: String?
    /// `aud`: the recipients the token is meant for.
    public var audience: [String]
    /// `exp`: expiry, seconds since the epoch. Always present in a verified token.
    public var expiresAt: Int64
    /// `nbf`: not valid before, seconds since the epoch.
    public var notBefore: Int64?
    /// `iat`: when the token was issued.
    public var issuedAt: Int64?
    /// `jti`: the token's unique id (128 random bits in base64url when Tessera mints it).
    public var tokenID: String?
    /// `sid`: the login session the token belongs to.
    public var sessionID: String?
    /// `scope`: space-separated scopes (RFC 8693 §4.2).
    public var scope: String?
    /// `auth_time`: when the user last actively authenticated (for re-authentication checks).
    public var authTime: Int64?
    /// `ep`: the subject's revocation epoch when the token was minted (see `RevocationStore`).
    /// Tokens minted before the subject's current epoch are revoked. Absent means 0.
    public var epoch: Int64?

    /// Creates a claims value.
    public init(
        issuer: String? = nil, subject: String? = nil, audience: [String] = [], expiresAt: Int64,
        notBefore: Int64? = nil, issuedAt: Int64? = nil, tokenID: String? = nil, sessionID: String? = nil,
        scope: String? = nil, authTime: Int64? = nil, epoch: Int64? = nil
    ) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiresAt = expiresAt
        self.notBefore = notBefore
        self.issuedAt = issuedAt
        self.tokenID = tokenID
        self.sessionID = sessionID
        self.scope = scope
        self.authTime = authTime
        self.epoch = epoch
    }

    /// The individual scopes.
    public var scopes: [Substring] { scope?.split(separator: " ") ?? [] }

    /// Compact JSON, members in a fixed order, `aud` a string when there is one audience.
    var json: [UInt8] {
        var writer = JSONWriter(capacity: 256)
        write(into: &writer)
        return writer.bytes
    }

    func write(into writer: inout JSONWriter) {
        writer.beginObject()
        if let issuer { writer.key("iss"); writer.string(issuer) }
        if let subject { writer.key("sub"); writer.string(subject) }
        if audience.count == 1 {
            writer.key("aud"); writer.string(audience[0])
        } else if audience.count > 1 {
            writer.key("aud"); writer.beginArray()
            for a in audience { writer.string(a) }
            writer.endArray()
        }
        writer.key("exp"); writer.integer(expiresAt)
        if let notBefore { writer.key("nbf"); writer.integer(notBefore) }
        if let issuedAt { writer.key("iat"); writer.integer(issuedAt) }
        if let tokenID { writer.key("jti"); writer.string(tokenID) }
        if let sessionID { writer.key("sid"); writer.string(sessionID) }
        if let scope { writer.key("scope"); writer.string(scope) }
        if let authTime { writer.key("auth_time"); writer.integer(authTime) }
        if let epoch, epoch != 0 { writer.key("ep"); writer.integer(epoch) }
        writer.endObject()
    }
}
