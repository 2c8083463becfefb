#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Where a revocation store reads the time, in milliseconds since the Unix epoch. Injected so
/// tests can pin it (pruning, same-millisecond epoch bumps).
public struct RevocationClock: Sendable {
    private let read: @Sendable () -> Int64

    /// A clock that calls `milliseconds` for the current time.
    public init(milliseconds: @escaping @Sendable () -> Int64) { read = milliseconds }

    /// The system's real-time clock.
    public static let system = RevocationClock {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// A clock stopped at `milliseconds`.
    public static func fixed(milliseconds: Int64) -> RevocationClock { RevocationClock { milliseconds } }

    /// The current time in milliseconds.
    public func milliseconds() -> Int64 { read() }

    /// The current time in whole seconds (NumericDate, as in `exp`).
    public func seconds() -> Int64 { read() / 1000 }
}
