#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Where the current time comes from, in whole seconds since the Unix epoch (NumericDate).
/// Injected into ``Issuer`` and ``ClaimRules`` so tests can pin time.
public struct TokenClock: Sendable {
    private let read: @Sendable () -> Int64

    /// A clock that calls `now` for the current time.
    public init(_ now: @escaping @Sendable () -> Int64) { read = now }

    /// The system's real-time clock.
    public static let system = TokenClock { Int64(time(nil)) }

    /// A clock stopped at `seconds` (for tests and for checking old vectors).
    public static func fixed(_ seconds: Int64) -> TokenClock { TokenClock { seconds } }

    /// The current time in seconds since the epoch.
    public func now() -> Int64 { read() }
}
