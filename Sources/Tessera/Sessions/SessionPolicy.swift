/// The lifetimes and limits of login sessions, configured once per ``SessionManager``.
///
/// Defaults follow the anchors in the design notes (OWASP: idle 15–30 min and an absolute limit
/// of a working day for ordinary apps; NIST SP 800-63B AAL2: at most 24 h overall):
///
/// | | default | allowed |
/// |---|---|---|
/// | access token lifetime | 15 min | 1 s … idle timeout |
/// | idle timeout | 30 min | access lifetime … absolute lifetime |
/// | absolute lifetime | 12 h | idle timeout … 30 days |
/// | refresh reuse grace | 10 s | 0 … 60 s |
/// | live sessions per subject | 100 | 1 … 10,000 (starting one more ends the oldest) |
///
/// An access token needs `access ≤ idle`, so a client that refreshes when its access token
/// expires never trips the idle timeout while it is active.
public struct SessionPolicy: Sendable, Hashable {
    /// The longest absolute lifetime a session may have: 30 days.
    public static let maximumAbsoluteLifetime: Int64 = 30 * 86_400
    /// The accepted reuse grace periods, in seconds.
    public static let reuseGraceRange: ClosedRange<Int64> = 0...60
    /// The accepted per-subject session caps.
    public static let sessionLimitRange: ClosedRange<Int> = 1...10_000

    /// Lifetime of each access token minted for a session, in seconds (never past the
    /// session's absolute deadline).
    public var accessLifetime: Int64
    /// A session with no refresh for this long ends (seconds). Each refresh slides it, never
    /// past the absolute deadline.
    public var idleTimeout: Int64
    /// A session ends this long after it started, however active (seconds).
    public var absoluteLifetime: Int64
    /// How long after a refresh token was used it may be presented again and still get a
    /// working pair (concurrent tabs, retried requests), in seconds. Later, it is theft.
    public var reuseGrace: Int64
    /// The most live sessions one subject may have; starting one more ends the oldest.
    public var maxSessionsPerSubject: Int

    /// A policy; check it with ``validate()`` (``SessionManager`` does).
    public init(
        accessLifetime: Int64 = 900, idleTimeout: Int64 = 1800, absoluteLifetime: Int64 = 43_200,
        reuseGrace: Int64 = 10, maxSessionsPerSubject: Int = 100
    ) {
        self.accessLifetime = accessLifetime
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
        self.reuseGrace = reuseGrace
        self.maxSessionsPerSubject = maxSessionsPerSubject
    }

    /// The defaults: 15 min access tokens, 30 min idle, 12 h absolute, 10 s grace, 100 sessions.
    public static let standard = SessionPolicy()

    /// Throws `invalid_configuration` unless `1 s ≤ access ≤ idle ≤ absolute ≤ 30 days`,
    /// access ≤ 24 h (the issuer's limit), the grace is 0–60 s and the cap 1–10,000.
    public func validate() throws(TesseraError) {
        guard Issuer.lifetimeRange.contains(accessLifetime) else {
            throw TesseraError(.invalidConfiguration, "the access token lifetime must be 1 second to 24 hours")
        }
        guard accessLifetime <= idleTimeout, idleTimeout <= absoluteLifetime, absoluteLifetime <= Self.maximumAbsoluteLifetime else {
            throw TesseraError(.invalidConfiguration, "session lifetimes must satisfy access ≤ idle ≤ absolute ≤ 30 days (got \(accessLifetime)s, \(idleTimeout)s, \(absoluteLifetime)s)")
        }
        guard Self.reuseGraceRange.contains(reuseGrace) else {
            throw TesseraError(.invalidConfiguration, "the refresh reuse grace must be 0 to 60 seconds")
        }
        guard Self.sessionLimitRange.contains(maxSessionsPerSubject) else {
            throw TesseraError(.invalidConfiguration, "the session limit per subject must be 1 to 10000")
        }
    }
}
