/// What starting or refreshing a session hands back: a new access token and a new refresh
/// token for one session.
public struct SessionGrant: Sendable {
    /// The session, as stored after this call.
    public let session: SessionRecord
    /// The access token (its `sid` is ``session``'s id, its `exp` at most the absolute deadline).
    public let access: IssuedToken
    /// The refresh token: give it to the client once; it is stored only as a hash.
    public let refreshToken: String
    /// Seconds until the access token expires, from when it was minted.
    public let expiresIn: Int64

    /// The response body the CLI prints and the HTTP routes answer:
    /// `{"session","access_token","refresh_token","token_type":"Bearer","expires_in",
    /// "idle_expires_at","session_expires_at"}`.
    public var json: String {
        var writer = JSONWriter(capacity: 768)
        writer.beginObject()
        writer.key("session"); writer.string(session.id)
        writer.key("access_token"); writer.string(access.token)
        writer.key("refresh_token"); writer.string(refreshToken)
        writer.key("token_type"); writer.string("Bearer")
        writer.key("expires_in"); writer.integer(expiresIn)
        writer.key("idle_expires_at"); writer.integer(session.idleExpiresAt)
        writer.key("session_expires_at"); writer.integer(session.absoluteExpiresAt)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// What to start a session with: who logged in and what their tokens may do. The session id
/// is never part of it: Tessera mints one.
public struct SessionRequest: Sendable {
    /// `sub`: the user who just authenticated.
    public var subject: String
    /// Scopes of the session's access tokens.
    public var scopes: [String]
    /// `aud` of its access tokens.
    public var audience: [String]
    /// `iss` of its access tokens.
    public var issuer: String?
    /// A device label ("Firefox on Linux"): use ``ClientLabel/fromUserAgent(_:)`` or pass your
    /// own; it is cut to 64 bytes.
    public var client: String?
    /// A coarse IP prefix, only if you opt in (``IPPrefix``); never a full address.
    public var ipPrefix: IPPrefix?
    /// Overrides of the manager's lifetimes (each checked against the others).
    public var accessLifetime: Int64?
    /// Overrides the idle timeout.
    public var idleTimeout: Int64?
    /// Overrides the absolute lifetime.
    public var absoluteLifetime: Int64?

    /// A request; see each property.
    public init(
        subject: String, scopes: [String] = [], audience: [String] = [], issuer: String? = nil, client: String? = nil,
        ipPrefix: IPPrefix? = nil, accessLifetime: Int64? = nil, idleTimeout: Int64? = nil, absoluteLifetime: Int64? = nil
    ) {
        self.subject = subject
        self.scopes = scopes
        self.audience = audience
        self.issuer = issuer
        self.client = client
        self.ipPrefix = ipPrefix
        self.accessLifetime = accessLifetime
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
    }
}
