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
    /// `SameSite=None` is refused: a token cookie is never meant for cross-site requests. A
    /// `__Host-` name needs `Path=/` and no `Domain` (RFC 6265bis §4.1.3.2; browsers silently
    /// drop such a cookie otherwise), a `__Secure-` name only `Secure`, which every token
    /// cookie has; a path must start with `/`.
    public init(name: String, path: String = "/", domain: String? = nil, sameSite: Cookie.SameSite = .strict) throws(TesseraError) {
        guard (try? Cookie.validated(name: name, value: "x", secure: true, httpOnly: true)) != nil else {
            throw TesseraError(.invalidConfiguration, "'\(name)' is not a valid cookie name (RFC 6265 token characters only)")
        }
        guard sameSite != .none else {
            throw TesseraError(.invalidConfiguration, "a token cookie must be SameSite=Strict or Lax, never None")
        }
        guard path.hasPrefix("/"), !path.contains(";"), !(domain ?? "").contains(";") else {
            throw TesseraError(.invalidConfiguration, "a cookie path must start with '/' and neither path nor domain may contain ';'")
        }
        if name.hasPrefix(Self.hostPrefix), path != "/" || domain != nil {
            throw TesseraError(.invalidConfiguration, "a '__Host-' cookie needs Path=/ and no Domain (browsers drop it otherwise)")
        }
        self.name = name
        self.path = path
        self.domain = domain
        self.sameSite = sameSite
    }

    /// The name prefix that pins a cookie to the host that set it (`Secure`, `Path=/`, no `Domain`).
    public static let hostPrefix = "__Host-"
    /// The name prefix that only promises `Secure` (for cookies that need a narrower `Path`).
    public static let securePrefix = "__Secure-"

    /// The cookie that stores `issued`, expiring with it (`Max-Age` = `exp` − now).
    public func setting(_ issued: IssuedToken, clock: TokenClock = .system) -> Cookie {
        let maxAge = max(0, issued.claims.expiresAt - clock.now())
        return Cookie(name: name, value: issued.token, maxAge: Int(maxAge), domain: domain, path: path,
                      secure: true, httpOnly: true, sameSite: sameSite)
    }

    /// The cookie that stores an opaque `value` (a refresh token) for `maxAge` seconds.
    public func setting(value: String, maxAge: Int64) -> Cookie {
        Cookie(name: name, value: value, maxAge: Int(max(0, maxAge)), domain: domain, path: path,
               secure: true, httpOnly: true, sameSite: sameSite)
    }

    /// The cookie that deletes the stored token (empty value, `Max-Age=0`).
    public func clearing() -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, domain: domain, path: path, secure: true, httpOnly: true, sameSite: sameSite)
    }
}
