public import Hummingbird
public import Tessera

/// The session cookie that carries an access token to a browser: always `HttpOnly` (no script
/// can read it) and `Secure` (HTTPS only), with `SameSite` (default `Strict`) against cross-site
/// request forgery, and a `Max-Age` that ends with the token.
///
/// ```swift
/// let cookie = try TokenCookie(name: "tessera")
/// response.setCookie(cookie.setting(issued))     // at login: a freshly minted token and sid
/// response.setCookie(cookie.clearing())          // at logout (and revoke the sid in the store)
/// ```
/// Read it back with `TesseraAuthenticator(verifier:cookieName:)`. Never put a session id that
/// came from the client into a new token: mint one with `RandomID.generate()` at every login.
public struct TokenCookie: Sendable {
    /// The cookie name.
    public let name: String
    /// `Path` (default `/`).
    public let path: String
    /// `Domain`, or nil for a host-only cookie (the safer default).
    public let domain: String?
    /// `SameSite` (default `Strict`; `Lax` lets top-level navigations from other sites carry it).
    public let sameSite: Cookie.SameSite

    /// A cookie policy. An invalid cookie name (RFC 6265 token) is `invalid_configuration`.
    /// `SameSite=None` is refused: a token cookie is never meant for cross-site requests.
    public init(name: String, path: String = "/", domain: String? = nil, sameSite: Cookie.SameSite = .strict) throws(TesseraError) {
        guard (try? Cookie.validated(name: name, value: "x", secure: true, httpOnly: true)) != nil else {
            throw TesseraError(.invalidConfiguration, "'\(name)' is not a valid cookie name (RFC 6265 token characters only)")
        }
        guard sameSite != .none else {
            throw TesseraError(.invalidConfiguration, "a token cookie must be SameSite=Strict or Lax, never None")
        }
        self.name = name
        self.path = path
        self.domain = domain
        self.sameSite = sameSite
    }

    /// The cookie that stores `issued`, expiring with it (`Max-Age` = `exp` − now).
    public func setting(_ issued: IssuedToken, clock: TokenClock = .system) -> Cookie {
        let maxAge = max(0, issued.claims.expiresAt - clock.now())
        return Cookie(name: name, value: issued.token, maxAge: Int(maxAge), domain: domain, path: path,
                      secure: true, httpOnly: true, sameSite: sameSite)
    }

    /// The cookie that deletes the stored token (empty value, `Max-Age=0`).
    public func clearing() -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, domain: domain, path: path, secure: true, httpOnly: true, sameSite: sameSite)
    }
}
