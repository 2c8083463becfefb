import Hummingbird
import Tessera
import TesseraHummingbird

/// What `/verify` decided about one request.
enum VerifyOutcome {
    /// A valid token: 200 with the `X-Auth-*` headers.
    case valid(VerifiedToken)
    /// No token in the request: 401 with a bare `Bearer` challenge (RFC 6750 §3.1).
    case missing
    /// A rejected token: 401 `invalid_token` with the rejection code.
    case rejected(TesseraError)
    /// The answer cannot be trusted now (the revocation store is unreachable): 503, fail closed.
    case unavailable(TesseraError.Code)

    /// The HTTP answer.
    var response: Response {
        switch self {
        case .valid(let token): Response(status: .ok, headers: AuthHeaders.fields(for: token))
        case .missing: BearerAuthenticationError.missingToken().response()
        case .rejected(let error): BearerAuthenticationError.verificationFailed(error).response()
        case .unavailable(let code): BearerAuthenticationError.verificationFailed(TesseraError(code, "")).response()
        }
    }

    /// The metric label and log value: `ok`, `missing` or a code.
    var result: String {
        switch self {
        case .valid: "ok"
        case .missing: "missing"
        case .rejected(let error): error.code.rawValue
        case .unavailable(let code): code.rawValue
        }
    }
}
