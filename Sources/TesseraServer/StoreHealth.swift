import Synchronization

/// Whether the revocation store answered its last check. Read on every `/verify` (one atomic
/// load), written by the ``RevocationPoller``.
final class StoreHealth: Sendable {
    private let up: Atomic<Bool>

    /// Starts as `isUp` (true once the initial snapshot has loaded).
    init(isUp: Bool = true) { up = Atomic(isUp) }

    /// True when the last check of the store succeeded.
    var isUp: Bool { up.load(ordering: .acquiring) }

    /// Records the result of a check; returns the previous state.
    @discardableResult
    func set(_ isUp: Bool) -> Bool { up.exchange(isUp, ordering: .acquiringAndReleasing) }
}
