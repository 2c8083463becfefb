public import Hummingbird
public import Tessera

/// Middleware that verifies the request's Bearer token in-process and stores the typed
/// ``VerifiedToken`` in the context (``TesseraRequestContext/token``).
///
/// - No token: the request continues unauthenticated (`token` stays nil), so public routes
///   work; put ``RequireScope`` (or ``TesseraRequestContext/requireToken()``) on the routes that
///   need one.
/// - An invalid token: refused at once with 401 `invalid_token` and the rejection code
///   (a client presenting a bad token must learn so, RFC 6750 §3.1).
///
/// ```swift
/// let router = Router(context: BasicTesseraRequestContext.self)
/// router.add(middleware: TesseraAuthenticator(verifier: verifier))
/// router.group("orders").add(middleware: RequireScope("orders:read")).get { _, context in
///     "hello \(try context.requireToken().subject ?? "")"
/// }
/// ```
public struct TesseraAuthenticator<Context: TesseraRequestContext>: RouterMiddleware {
    /// Verifies every token; share one across the application.
    public let verifier: Verifier
    /// Where tokens are read from.
    public let source: BearerTokenSource
    /// The `realm` of challenges, if any.
    public let realm: String?

    /// An authenticator reading the `Authorization: Bearer` header and, when `cookieName` is
    /// given, that cookie.
    public init(verifier: Verifier, cookieName: String? = nil, realm: String? = nil) {
        self.verifier = verifier
        self.source = BearerTokenSource(cookieName: cookieName)
        self.realm = realm
    }

    /// Verifies the token if there is one and passes the request on.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = source.token(in: request.headers) else { return try await next(request, context) }
        var context = context
        do throws(TesseraError) {
            context.token = try verifier.verify(String(token))
        } catch {
            context.logger.debug("token rejected", metadata: ["tessera.code": .string(error.code.rawValue)])
            throw BearerAuthenticationError.verificationFailed(error, realm: realm)
        }
        return try await next(request, context)
    }
}
