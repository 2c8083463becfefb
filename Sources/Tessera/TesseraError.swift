/// The one error type of Tessera: a stable ``Code`` plus a message that is safe to show.
///
/// The code strings are a contract: the `tessera` CLI prints them (`rejected: CODE: detail`), the
/// server puts them in `WWW-Authenticate`, and scripts match on them. New codes may be added;
/// existing ones never change meaning. ``detail`` never contains key material or a whole token.
public struct TesseraError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code's string, e.g. `bad_signature`.
        public let rawValue: String
        /// Wraps a code string. Prefer the static members.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's string.
        public var description: String { rawValue }

        // Rejections of a token (the verifier's codes, exactly the CLI's list).

        /// The token is not a well-formed JWS compact token with a JSON header and claims.
        public static let malformed = Code(rawValue: "malformed")
        /// The token is longer than the configured size cap.
        public static let tooLarge = Code(rawValue: "too_large")
        /// The header's `alg` is `none`, unknown, or not the algorithm the selected key is bound to.
        public static let unsupportedAlgorithm = Code(rawValue: "unsupported_algorithm")
        /// No key with the token's `kid` is configured (there is never a fallback key).
        public static let keyNotFound = Code(rawValue: "key_not_found")
        /// The signature does not verify.
        public static let badSignature = Code(rawValue: "bad_signature")
        /// `exp` is in the past (beyond the leeway).
        public static let expired = Code(rawValue: "expired")
        /// `nbf` or `iat` is in the future (beyond the leeway).
        public static let notYetValid = Code(rawValue: "not_yet_valid")
        /// A claim the rules require (`exp`, `sub`, or a configured `iss`/`aud`) is absent.
        public static let missingClaim = Code(rawValue: "missing_claim")
        /// `aud` does not name any configured audience, or names one when none is configured.
        public static let wrongAudience = Code(rawValue: "wrong_audience")
        /// `iss` is not the configured issuer.
        public static let wrongIssuer = Code(rawValue: "wrong_issuer")
        /// The header's `typ` is not the expected explicit type (`at+jwt`).
        public static let wrongType = Code(rawValue: "wrong_type")
        /// The token, its session, or its subject's epoch has been revoked.
        public static let revoked = Code(rawValue: "revoked")

        // Rejections of a refresh token (the session codes, see `SessionManager`).

        /// The session passed its idle or absolute deadline: the user must log in again.
        public static let sessionExpired = Code(rawValue: "session_expired")
        /// The refresh token belongs to no live session: it was ended (logout, logout-all,
        /// re-authentication, the per-subject cap), replaced, or never existed.
        public static let sessionRevoked = Code(rawValue: "session_revoked")
        /// An already-used refresh token came back after the reuse grace: a sign of theft. The
        /// whole session has been ended (RFC 9700 §4.14.2).
        public static let refreshReused = Code(rawValue: "refresh_reused")

        // Answers of the HTTP session routes (TesseraHummingbird), never of the verifier.

        /// A state-changing request authenticated by cookies came without an allowed `Origin`
        /// (or `Sec-Fetch-Site: same-origin`): refused as cross-site request forgery (403).
        public static let csrfRejected = Code(rawValue: "csrf_rejected")
        /// The session named in the request is not one of the caller's live sessions (404; the
        /// same answer whether it exists for someone else or not at all).
        public static let sessionNotFound = Code(rawValue: "session_not_found")
        /// The request carried no credential where one is required (401).
        public static let missingToken = Code(rawValue: "missing_token")

        // Configuration and environment errors (never a verdict on a token).

        /// A key could not be read, is of the wrong type, or is too weak.
        public static let invalidKey = Code(rawValue: "invalid_key")
        /// An option is out of its allowed range.
        public static let invalidConfiguration = Code(rawValue: "invalid_configuration")
        /// The revocation store is unreadable, locked, corrupt or unreachable.
        public static let storeUnavailable = Code(rawValue: "store_unavailable")
        /// OpenSSL reported an internal failure.
        public static let cryptoFailure = Code(rawValue: "crypto_failure")
        /// A file could not be read or written.
        public static let ioFailure = Code(rawValue: "io_failure")

        /// The codes the access-token verification pipeline rejects with, in pipeline order.
        public static let verifierRejections: [Code] = [
            .malformed, .tooLarge, .unsupportedAlgorithm, .keyNotFound, .badSignature, .expired,
            .notYetValid, .missingClaim, .wrongAudience, .wrongIssuer, .wrongType, .revoked,
        ]

        /// The codes a refresh is rejected with (besides `malformed` for a token that is not a
        /// refresh token at all).
        public static let sessionRejections: [Code] = [.sessionExpired, .sessionRevoked, .refreshReused]

        /// Every code that is a verdict on a token: the one list the CLI (exit 1), the HTTP
        /// answers and the README share.
        public static let rejections: [Code] = verifierRejections + sessionRejections
    }

    /// What kind of failure this is.
    public let code: Code
    /// A human-readable explanation, safe to log or show: never a key, a secret or a token.
    public let detail: String

    /// Creates an error.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// True when this error is a verdict on a token (one of ``Code/rejections``), false when it
    /// is a configuration or environment problem.
    public var isRejection: Bool { Code.rejections.contains(code) }

    /// `CODE: detail`.
    public var description: String { "\(code.rawValue): \(detail)" }
}
