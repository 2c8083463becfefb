public import Hummingbird
public import Tessera

/// The two cookies a browser session lives in:
///
/// - ``access``: the access token, `__Host-tessera` by default (`Secure`, `Path=/`, no
///   `Domain`, `HttpOnly`, `SameSite=Strict`, `Max-Age` until the token's `exp`), read by
///   ``TesseraAuthenticator`` and `/verify` on every request;
/// - ``refresh``: the refresh token, `__Secure-tessera-refresh` by default, with `Path` set to
///   the session routes' prefix (so the browser sends it nowhere else), `HttpOnly`,
///   `SameSite=Strict` and `Max-Age` until the session's idle deadline.
public struct SessionCookies: Sendable {
    /// The default access-token cookie name.
    public static let defaultAccessName = "__Host-tessera"
    /// The default refresh-token cookie name.
    public static let defaultRefreshName = "__Secure-tessera-refresh"

    /// The access-token cookie policy.
    public let access: TokenCookie
    /// The refresh-token cookie policy (its `path` should be the session routes' prefix).
    public let refresh: TokenCookie

    /// Both cookies with their default names, the refresh cookie scoped to `refreshPath`.
    public init(refreshPath: String = SessionRoutesPath.defaultPrefix) throws(TesseraError) {
        try self.init(access: TokenCookie(name: Self.defaultAccessName),
                      refresh: TokenCookie(name: Self.defaultRefreshName, path: refreshPath))
    }

    /// Custom policies. Both must be `SameSite=Strict`, and the two names must differ.
    public init(access: TokenCookie, refresh: TokenCookie) throws(TesseraError) {
        guard access.sameSite == .strict, refresh.sameSite == .strict else {
            throw TesseraError(.invalidConfiguration, "session cookies must be SameSite=Strict")
        }
        guard access.name != refresh.name else {
            throw TesseraError(.invalidConfiguration, "the access and refresh cookies need different names")
        }
        self.access = access
        self.refresh = refresh
    }

    /// The cookies that store `grant` at `now`: the access token until its `exp`, the refresh
    /// token until the session's idle deadline.
    public func setting(_ grant: SessionGrant, now: Int64) -> [Cookie] {
        [access.setting(grant.access, clock: .fixed(now)),
         refresh.setting(value: grant.refreshToken, maxAge: grant.session.expiresAt - now)]
    }

    /// The cookies that delete both (`Max-Age=0`).
    public func clearing() -> [Cookie] { [access.clearing(), refresh.clearing()] }
}

/// Paths of the session routes.
public enum SessionRoutesPath {
    /// Where ``SessionRoutes`` mount by default, and the default refresh cookie `Path`.
    public static let defaultPrefix = "/session"
}
