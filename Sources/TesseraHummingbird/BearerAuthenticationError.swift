public import Hummingbird
public import Tessera

/// Why a request was refused, as an HTTP response with a `WWW-Authenticate: Bearer` challenge
/// (RFC 6750 §3.1): 401 for a missing or invalid token, 403 for a missing scope, 503 when the
/// verifier could not decide (for example an unavailable revocation store).
public struct BearerAuthenticationError: HTTPResponseError, Sendable, CustomStringConvertible {
    /// 401, 403 or 503.
    public let status: HTTPResponse.Status
    /// The challenge sent in `WWW-Authenticate` (none with 503).
    public let challenge: BearerChallenge?
    /// The Tessera code behind the refusal, if any.
    public let code: TesseraError.Code?

    /// No token in the request: 401 with a bare `Bearer` challenge.
    public static func missingToken(realm: String? = nil) -> Self {
        Self(status: .unauthorized, challenge: BearerChallenge(realm: realm), code: nil)
    }

    /// A token that failed verification: 401 `invalid_token` with the rejection code as the
    /// description; an error that is not a verdict on the token is 503 without a challenge.
    public static func verificationFailed(_ error: TesseraError, realm: String? = nil) -> Self {
        guard error.isRejection else { return Self(status: .serviceUnavailable, challenge: nil, code: error.code) }
        let challenge = BearerChallenge(error: "invalid_token", errorDescription: error.code.rawValue, realm: realm)
        return Self(status: .unauthorized, challenge: challenge, code: error.code)
    }

    /// A valid token without a required scope: 403 `insufficient_scope` naming the scopes.
    public static func insufficientScope(_ scopes: [String], realm: String? = nil) -> Self {
        let challenge = BearerChallenge(error: "insufficient_scope", scope: scopes.joined(separator: " "), realm: realm)
        return Self(status: .forbidden, challenge: challenge, code: nil)
    }

    /// A valid token whose user authenticated too long ago (or with no `auth_time`) for this
    /// action: 401 `insufficient_user_authentication` with `max_age` (RFC 9470 step-up).
    public static func insufficientUserAuthentication(maxAge: Int64, realm: String? = nil) -> Self {
        let challenge = BearerChallenge(
            error: "insufficient_user_authentication",
            errorDescription: "a more recent authentication is required", realm: realm, maxAge: maxAge)
        return Self(status: .unauthorized, challenge: challenge, code: nil)
    }

    /// The response: status, challenge, `Cache-Control: no-store`, empty body.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The response, without needing a request.
    public func response() -> Response {
        var headers: HTTPFields = [.cacheControl: "no-store"]
        if let challenge { headers[.wwwAuthenticate] = challenge.headerValue }
        if status == .serviceUnavailable { headers[.retryAfter] = "1" }
        return Response(status: status, headers: headers)
    }

    /// Status and code, safe to log.
    public var description: String { "\(status.code) \(code?.rawValue ?? challenge?.error ?? "no_token")" }
}
