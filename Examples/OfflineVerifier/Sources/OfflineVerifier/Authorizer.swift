import Tessera

/// What a service decides for one request.
enum Decision: Equatable {
    /// The token is valid and carries the scope: serve the request as `subject`.
    case allow(subject: String)
    /// No usable credentials or a rejected token: answer 401 with `code`.
    case unauthenticated(code: String)
    /// A valid token without the required scope: answer 403.
    case forbidden(subject: String)
}

/// The part of a service that checks `Authorization: Bearer …` headers.
///
/// Built once at startup from a JWK Set file (the public keys of the token issuer) and shared
/// by every request: verifying needs no network, no database and no lock.
struct Authorizer: Sendable {
    let verifier: Verifier

    /// Loads the issuer's public keys. Any problem here is a configuration error: fail startup.
    init(jwksPath: String, issuer: String?, audience: String?) throws(TesseraError) {
        let keys = try KeyFile(path: jwksPath).keySet()
        let rules = try ClaimRules(issuer: issuer, audiences: audience.map { [$0] } ?? [])
        verifier = try Verifier(keys: keys, rules: rules)
    }

    /// Decides on one request from its `Authorization` header value.
    func authorize(authorization: String?, requiredScope: String?) -> Decision {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else {
            return .unauthenticated(code: "missing_token")
        }
        let token = String(authorization.dropFirst("bearer ".count))
        do {
            let verified = try verifier.verify(token)
            let subject = verified.subject ?? ""
            if let requiredScope, !verified.hasScope(requiredScope) { return .forbidden(subject: subject) }
            return .allow(subject: subject)
        } catch {
            // error.code is stable (bad_signature, expired, …); error.detail is safe to log.
            return .unauthenticated(code: error.code.rawValue)
        }
    }
}
