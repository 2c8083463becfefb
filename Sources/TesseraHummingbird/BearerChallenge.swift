/// A `WWW-Authenticate: Bearer` challenge (RFC 6750 §3).
///
/// Without an ``error`` it is the bare challenge for a request that carried no token
/// (§3.1: "the resource server SHOULD NOT include an error code").
public struct BearerChallenge: Sendable, Hashable, CustomStringConvertible {
    /// `error`: `invalid_token`, `insufficient_scope` or `invalid_request`, or nil.
    public var error: String?
    /// `error_description`: for an invalid token, Tessera's stable rejection code.
    public var errorDescription: String?
    /// `scope`: the scopes the resource needs (with `insufficient_scope`).
    public var scope: String?
    /// `realm`, if configured.
    public var realm: String?
    /// `max_age`: with `insufficient_user_authentication`, how recent (in seconds) the user's
    /// authentication must be (RFC 9470 §3).
    public var maxAge: Int64?

    /// Creates a challenge.
    public init(error: String? = nil, errorDescription: String? = nil, scope: String? = nil, realm: String? = nil, maxAge: Int64? = nil) {
        self.error = error
        self.errorDescription = errorDescription
        self.scope = scope
        self.realm = realm
        self.maxAge = maxAge
    }

    /// The header value, e.g. `Bearer error="invalid_token", error_description="expired"`.
    public var headerValue: String {
        var parameters: [String] = []
        if let realm { parameters.append("realm=\(Self.quoted(realm))") }
        if let error { parameters.append("error=\(Self.quoted(error))") }
        if let errorDescription { parameters.append("error_description=\(Self.quoted(errorDescription))") }
        if let scope { parameters.append("scope=\(Self.quoted(scope))") }
        if let maxAge { parameters.append("max_age=\(Self.quoted(String(maxAge)))") }
        return parameters.isEmpty ? "Bearer" : "Bearer " + parameters.joined(separator: ", ")
    }

    /// The header value.
    public var description: String { headerValue }

    /// An RFC 9110 quoted-string; characters that cannot appear in a header become `?`.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"", "\\": out.append("\\"); out.unicodeScalars.append(scalar)
            case " "..."~": out.unicodeScalars.append(scalar)
            default: out.append("?")
            }
        }
        return out + "\""
    }
}
