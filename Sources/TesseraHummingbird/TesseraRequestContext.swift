public import Hummingbird
public import Tessera

/// A request context that can carry the verified access token of the request.
///
/// ``TesseraAuthenticator`` sets ``token`` when the request carries a valid token;
/// ``RequireScope`` and route handlers read it. Conform your own context when it needs more
/// fields, or use ``BasicTesseraRequestContext``.
public protocol TesseraRequestContext: RequestContext {
    /// The verified token of this request, or nil when the request carried none.
    var token: VerifiedToken? { get set }
}

/// The smallest ``TesseraRequestContext``: Hummingbird's core storage plus the token.
public struct BasicTesseraRequestContext: TesseraRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The verified token, set by ``TesseraAuthenticator``.
    public var token: VerifiedToken?

    /// Creates an unauthenticated context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        token = nil
    }
}

extension TesseraRequestContext {
    /// The verified token, or a 401 ``BearerAuthenticationError`` when the request was not
    /// authenticated. Use in handlers behind ``TesseraAuthenticator``.
    public func requireToken() throws(BearerAuthenticationError) -> VerifiedToken {
        guard let token else { throw BearerAuthenticationError.missingToken() }
        return token
    }
}
