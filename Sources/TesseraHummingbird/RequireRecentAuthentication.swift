public import Hummingbird
public import Tessera

/// Middleware for sensitive actions (changing a password, deleting an account): the user must
/// have actively authenticated (`auth_time`) within ``maxAge`` seconds, however fresh the token.
///
/// Otherwise it answers 401 with `WWW-Authenticate: Bearer error="insufficient_user_authentication",
/// max_age="…"` (RFC 9470), telling the client to send the user through login again. A token
/// without `auth_time` never passes. Place it after ``TesseraAuthenticator``.
public struct RequireRecentAuthentication<Context: TesseraRequestContext>: RouterMiddleware {
    /// How recent the authentication must be, in seconds.
    public let maxAge: Int64
    /// The time source (injectable for tests).
    public let clock: TokenClock
    /// The `realm` of challenges, if any.
    public let realm: String?

    /// Requires an authentication no older than `maxAge` seconds (at least 1).
    public init(maxAge: Int64, clock: TokenClock = .system, realm: String? = nil) {
        self.maxAge = max(1, maxAge)
        self.clock = clock
        self.realm = realm
    }

    /// Checks the context's token's `auth_time` and passes the request on.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = context.token else { throw BearerAuthenticationError.missingToken(realm: realm) }
        let now = clock.now()
        guard let authTime = token.authTime, authTime <= now, now - authTime <= maxAge else {
            throw BearerAuthenticationError.insufficientUserAuthentication(maxAge: maxAge, realm: realm)
        }
        return try await next(request, context)
    }
}
