/// How claims are judged once a signature holds: configured once, shared by every verify.
///
/// `exp` is always required. `sub` is required unless ``requireSubject`` is false. When an
/// ``issuer`` or ``audiences`` are configured the token must carry a matching `iss` / `aud`,
/// and a token that names an audience is refused by a verifier configured with none
/// (RFC 7519 §4.1.3). The header's `typ` must be ``expectedType`` (RFC 8725 §3.11).
public struct ClaimRules: Sendable {
    /// Largest accepted clock-skew leeway, in seconds.
    public static let maximumLeeway: Int64 = 300

    /// Required `iss`, or nil to accept any (and none).
    public let issuer: String?
    /// Accepted audiences: a token's `aud` must contain at least one. Empty accepts only tokens
    /// without `aud`.
    public let audiences: [String]
    /// Allowed clock skew for `exp`, `nbf` and `iat`, in seconds (default 60, at most 300).
    public let leeway: Int64
    /// Required header `typ` (compared case-insensitively, `application/` prefix allowed), or nil
    /// to skip the check. Default `at+jwt` (RFC 9068).
    public let expectedType: String?
    /// Whether `sub` must be present (default true).
    public let requireSubject: Bool
    /// The time source.
    public let clock: TokenClock

    let issuerBytes: [UInt8]?
    let audienceBytes: [[UInt8]]

    /// Claim rules. A leeway outside 0…``maximumLeeway`` is `invalid_configuration`.
    public init(
        issuer: String? = nil, audiences: [String] = [], leeway: Int64 = 60,
        expectedType: String? = "at+jwt", requireSubject: Bool = true, clock: TokenClock = .system
    ) throws(TesseraError) {
        guard leeway >= 0, leeway <= Self.maximumLeeway else {
            throw TesseraError(.invalidConfiguration, "leeway must be 0 to \(Self.maximumLeeway) seconds, got \(leeway)")
        }
        self.issuer = issuer
        self.audiences = audiences
        self.leeway = leeway
        self.expectedType = expectedType
        self.requireSubject = requireSubject
        self.clock = clock
        issuerBytes = issuer.map { Array($0.utf8) }
        audienceBytes = audiences.map { Array($0.utf8) }
    }

    /// The defaults: no issuer or audience, 60 s leeway, `typ` `at+jwt`, `sub` required.
    public static var standard: ClaimRules { try! ClaimRules() }  // the defaults are in range
}
