import HTTPTypes
import Tessera
import TesseraHummingbird

/// The decision behind `/verify`: find the token, verify it, and fail closed when revocations
/// cannot be checked.
///
/// Fail-closed choice: when the revocation store is unreachable, the ``RevocationList`` makes
/// the verifier answer `store_unavailable` for a token that is otherwise valid, and that is
/// 503, never 200, because it may have been revoked since the
/// last snapshot. It does not get 401 either: the token is not known to be bad, and a 401 would
/// make clients discard good tokens or log users out. nginx `auth_request` turns a 503 into a
/// 500 and Traefik `forwardAuth` passes it on, so both gateways refuse the request. Tokens
/// that fail for their own reasons (bad signature, expired, already revoked…) still get 401.
struct Gatekeeper: Sendable {
    /// Verifies tokens; consults the shared ``RevocationList`` last.
    let verifier: Verifier
    /// Where tokens are read from (never the query string).
    let source: BearerTokenSource

    /// Decides on the request's headers. Inbound `X-Auth-*` headers play no part.
    func check(_ headers: HTTPFields) -> VerifyOutcome {
        guard var token = source.token(in: headers) else { return .missing }
        let result = token.withUTF8 { verifier.verify(utf8: $0) }
        switch result {
        case .success(let verified):
            return .valid(verified)
        case .failure(let error):
            return error.isRejection ? .rejected(error) : .unavailable(error.code)
        }
    }
}
