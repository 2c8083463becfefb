/// What to put in one token. Everything else (`iss`, `exp`, `iat`, `jti`) the ``Issuer`` sets.
public struct TokenRequest: Sendable {
    /// `sub`: the user or client the token is about. Required, at most 255 bytes.
    public var subject: String
    /// `scope` entries (joined with spaces).
    public var scopes: [String]
    /// `sid`: the login session, minted with ``RandomID/generate()`` at login.
    public var sessionID: String?
    /// `auth_time`: when the user last actively authenticated.
    public var authTime: Int64?
    /// `aud`, replacing the issuer's default audience when set.
    public var audience: [String]?
    /// Lifetime in seconds, replacing the issuer's default when set.
    public var lifetime: Int64?
    /// `ep`: the subject's current revocation epoch (from a `RevocationStore`); 0 or nil omits it.
    public var epoch: Int64?

    /// Describes a token for `subject`.
    public init(
        subject: String, scopes: [String] = [], sessionID: String? = nil, authTime: Int64? = nil,
        audience: [String]? = nil, lifetime: Int64? = nil, epoch: Int64? = nil
    ) {
        self.subject = subject
        self.scopes = scopes
        self.sessionID = sessionID
        self.authTime = authTime
        self.audience = audience
        self.lifetime = lifetime
        self.epoch = epoch
    }
}

/// A freshly signed token and the facts a caller needs to manage it (for example to revoke it).
public struct IssuedToken: Sendable {
    /// The compact JWS: `header.payload.signature`.
    public let token: String
    /// The claims that were signed.
    public let claims: Claims
}

/// Signs access tokens with one key.
///
/// ```swift
/// let issuer = try Issuer(key: SigningKey.generate(.edDSA), issuer: "https://auth.example")
/// let issued = try issuer.issue(TokenRequest(subject: "user-42", scopes: ["read"]))
/// ```
public struct Issuer: Sendable {
    /// The shortest and longest lifetimes accepted, in seconds.
    public static let lifetimeRange: ClosedRange<Int64> = 1...86_400
    /// Upper bound on each string claim, in bytes, so tokens stay small.
    public static let maxClaimLength = 1024

    /// The signing key (and so the algorithm and `kid`).
    public let key: SigningKey
    /// `iss` for every token, if set.
    public let issuer: String?
    /// Default `aud`.
    public let audience: [String]
    /// Default lifetime in seconds (15 minutes).
    public let lifetime: Int64
    /// The time source for `iat` and `exp`.
    public let clock: TokenClock

    /// An issuer. `lifetime` must lie in ``lifetimeRange`` (`invalid_configuration` otherwise).
    public init(
        key: SigningKey, issuer: String? = nil, audience: [String] = [], lifetime: Int64 = 900,
        clock: TokenClock = .system
    ) throws(TesseraError) {
        guard Self.lifetimeRange.contains(lifetime) else {
            throw TesseraError(.invalidConfiguration, "a token lifetime must be 1 second to 24 hours; short-lived tokens limit the damage of a leak")
        }
        try Self.checkLength(issuer, "issuer")
        for a in audience { try Self.checkLength(a, "audience") }
        self.key = key
        self.issuer = issuer
        self.audience = audience
        self.lifetime = lifetime
        self.clock = clock
    }

    /// Mints and signs one token.
    public func issue(_ request: TokenRequest) throws(TesseraError) -> IssuedToken {
        let lifetime = request.lifetime ?? self.lifetime
        guard Self.lifetimeRange.contains(lifetime) else {
            throw TesseraError(.invalidConfiguration, "a token lifetime must be 1 second to 24 hours")
        }
        guard !request.subject.isEmpty, request.subject.utf8.count <= 255 else {
            throw TesseraError(.invalidConfiguration, "the subject must be 1 to 255 bytes")
        }
        try Self.checkLength(request.sessionID, "session id")
        let scope = try Self.scopeClaim(request.scopes)
        for a in request.audience ?? [] { try Self.checkLength(a, "audience") }
        if let epoch = request.epoch, epoch < 0 { throw TesseraError(.invalidConfiguration, "an epoch is never negative") }

        let now = clock.now()
        let claims = Claims(
            issuer: issuer, subject: request.subject, audience: request.audience ?? audience,
            expiresAt: now + lifetime, issuedAt: now, tokenID: try RandomID.generate(),
            sessionID: request.sessionID, scope: scope, authTime: request.authTime, epoch: request.epoch)
        return IssuedToken(token: try TokenSigner.sign(claims, with: key.core), claims: claims)
    }

    /// The `scope` claim for `scopes` (nil when there are none): each scope non-empty and
    /// without spaces, the whole at most ``maxClaimLength`` bytes (`invalid_configuration`).
    static func scopeClaim(_ scopes: [String]) throws(TesseraError) -> String? {
        for scope in scopes where scope.isEmpty || scope.utf8.contains(UInt8(ascii: " ")) {
            throw TesseraError(.invalidConfiguration, "a scope must be non-empty and contain no spaces")
        }
        let scope = scopes.isEmpty ? nil : scopes.joined(separator: " ")
        try checkLength(scope, "scope")
        return scope
    }

    private static func checkLength(_ value: String?, _ what: String) throws(TesseraError) {
        guard let value else { return }
        guard !value.isEmpty, value.utf8.count <= maxClaimLength else {
            throw TesseraError(.invalidConfiguration, "the \(what) must be 1 to \(maxClaimLength) bytes")
        }
    }
}
