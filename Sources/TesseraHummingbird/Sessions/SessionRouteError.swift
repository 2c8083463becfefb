public import Hummingbird
public import Tessera

/// Why a session route refused a request, as JSON `{"error":CODE,"error_description":…}` with
/// `Cache-Control: no-store`:
///
/// | status | `error` | when |
/// |---|---|---|
/// | 401 | `malformed`, `session_expired`, `session_revoked`, `refresh_reused` | a refresh token that does not work (cookies cleared for the last three) |
/// | 401 | a verifier code (`expired`, `revoked`, `bad_signature`…) | an access token that does not verify |
/// | 401 | `missing_token` | no access token where one is needed |
/// | 403 | `csrf_rejected` | a cookie-authenticated state change from a disallowed origin (``CSRFPolicy``) |
/// | 404 | `session_not_found` | not one of the caller's live sessions (never says whether it exists) |
/// | 503 | `store_unavailable` | the store could not decide; with `Retry-After: 1` |
///
/// Every 401 carries a `WWW-Authenticate: Bearer` challenge (RFC 6750 §3.1: `invalid_token`
/// with the code as `error_description`, or a bare `Bearer` when no token was sent).
public struct SessionRouteError: HTTPResponseError, Sendable, CustomStringConvertible {
    /// 401, 403, 404 or 503.
    public let status: HTTPResponse.Status
    /// The stable code in the body's `error`.
    public let code: String
    /// The body's `error_description`: safe to show, never a token.
    public let detail: String
    /// The `WWW-Authenticate` challenge, if any.
    public let challenge: BearerChallenge?
    /// Cookies set with the answer (those that clear the session's cookies).
    public let cookies: [Cookie]

    /// The `missing_token` code (HTTP only).
    public static let missingTokenCode = TesseraError.Code.missingToken.rawValue
    /// The `csrf_rejected` code (HTTP only).
    public static let csrfRejectedCode = TesseraError.Code.csrfRejected.rawValue
    /// The `session_not_found` code (HTTP only).
    public static let notFoundCode = TesseraError.Code.sessionNotFound.rawValue

    /// A failed refresh or access-token check: a rejection is 401 with its code (and a Bearer
    /// challenge); anything else (`store_unavailable`, a crypto failure) is 503 with its code.
    public static func failed(_ error: TesseraError, clearing cookies: [Cookie] = [], realm: String? = nil) -> Self {
        guard error.isRejection else {
            let detail = error.code == .storeUnavailable ? "the session store is unavailable; retry shortly"
                : "the server could not decide; retry shortly"
            return Self(status: .serviceUnavailable, code: error.code.rawValue, detail: detail, challenge: nil, cookies: [])
        }
        let challenge = BearerChallenge(error: "invalid_token", errorDescription: error.code.rawValue, realm: realm)
        return Self(status: .unauthorized, code: error.code.rawValue, detail: error.detail, challenge: challenge, cookies: cookies)
    }

    /// No access token in the request: 401 with a bare `Bearer` challenge.
    public static func missingToken(realm: String? = nil) -> Self {
        Self(status: .unauthorized, code: missingTokenCode, detail: "this route needs an access token (Bearer or the session cookie)",
             challenge: BearerChallenge(realm: realm), cookies: [])
    }

    /// A cookie-authenticated state change from an origin the ``CSRFPolicy`` does not allow.
    public static let csrfRejected = Self(
        status: .forbidden, code: csrfRejectedCode,
        detail: "cross-site request refused: a cookie-authenticated change needs an allowed Origin or Sec-Fetch-Site: same-origin",
        challenge: nil, cookies: [])

    /// Not one of the caller's live sessions; the same answer whether or not the id exists.
    public static let notFound = Self(status: .notFound, code: notFoundCode, detail: "no such session", challenge: nil, cookies: [])

    /// The JSON body.
    public var body: String {
        "{\"error\":\(JSONText.quoted(code)),\"error_description\":\(JSONText.quoted(detail))}"
    }

    /// The response.
    public func response(from request: Request, context: some RequestContext) throws -> Response { response() }

    /// The response, without needing a request.
    public func response() -> Response {
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        if let challenge { headers[.wwwAuthenticate] = challenge.headerValue }
        if status == .serviceUnavailable { headers[.retryAfter] = "1" }
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// Status and code, safe to log.
    public var description: String { "\(status.code) \(code)" }
}

/// JSON text for the few small bodies the session routes write themselves.
enum JSONText {
    /// `value` as a JSON string literal.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
