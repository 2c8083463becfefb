public import Hummingbird

/// Middleware that lets a request through only with a verified token holding every one of
/// ``scopes``: 401 (bare `Bearer` challenge) without a token, 403 `insufficient_scope` when a
/// scope is missing (RFC 6750 §3.1). Place it after ``TesseraAuthenticator``.
public struct RequireScope<Context: TesseraRequestContext>: RouterMiddleware {
    /// The scopes a token must all hold.
    public let scopes: [String]
    /// The `realm` of challenges, if any.
    public let realm: String?

    /// Requires every scope in `scopes` (none: any authenticated request).
    public init(_ scopes: String..., realm: String? = nil) {
        self.init(scopes: scopes, realm: realm)
    }

    /// Requires every scope in `scopes`.
    public init(scopes: [String], realm: String? = nil) {
        self.scopes = scopes
        self.realm = realm
    }

    /// Checks the context's token and passes the request on.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = context.token else { throw BearerAuthenticationError.missingToken(realm: realm) }
        guard scopes.allSatisfy(token.hasScope) else { throw BearerAuthenticationError.insufficientScope(scopes, realm: realm) }
        return try await next(request, context)
    }
}
