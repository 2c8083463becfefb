import Logging
import Tessera

/// Keeps the verifier's ``RevocationList`` in step with a ``RevocationStore`` that other
/// processes (the `tessera revoke` CLI, other servers) also write.
///
/// Each ``refresh()`` costs one version read when nothing changed; when the version moved, the
/// whole snapshot is loaded and published in one swap. A failed refresh marks the list
/// unavailable, so the verifier fails closed (`store_unavailable`, answered with 503) and
/// `/readyz` answers 503, until a refresh succeeds.
final class RevocationFeed: Sendable {
    /// The store revocations are read from (and the admin API writes to).
    let store: any RevocationStore
    /// The list the verifier consults.
    let list: RevocationList
    /// Whether the last refresh succeeded (for `/readyz`, metrics and logs).
    let health: StoreHealth
    private let metrics: VerificationMetrics
    private let logger: Logger

    /// Loads the initial snapshot; a store that cannot be read now is `store_unavailable`.
    init(store: any RevocationStore, metrics: VerificationMetrics, logger: Logger) async throws(TesseraError) {
        list = try await RevocationList.load(from: store, failurePolicy: .failClosed)
        self.store = store
        self.health = StoreHealth(isUp: true)
        self.metrics = metrics
        self.logger = logger
        metrics.storeUp.set(to: 1.0)
        metrics.reloads.increment()
        logger.info("revocations loaded", metadata: describe())
    }

    /// The store version the published snapshot reflects.
    var currentVersion: Int64 { list.version ?? 0 }

    /// Checks the store once and publishes a new snapshot if it changed. Returns whether the
    /// store answered.
    @discardableResult
    func refresh() async -> Bool {
        do throws(TesseraError) {
            if try await list.refresh(from: store) {
                metrics.reloads.increment()
                logger.info("revocations reloaded", metadata: describe())
            }
            if !health.set(true) { logger.notice("revocation store reachable again") }
            metrics.storeUp.set(to: 1.0)
            return true
        } catch {
            if health.set(false) {
                logger.error("revocation store unavailable; /verify fails closed with 503",
                             metadata: ["code": .string(error.code.rawValue), "detail": .string(error.detail)])
            }
            metrics.storeUp.set(to: 0.0)
            return false
        }
    }

    private func describe() -> Logger.Metadata {
        let snapshot = list.snapshot
        return ["version": .stringConvertible(currentVersion), "tokens": .stringConvertible(snapshot.tokenCount),
                "sessions": .stringConvertible(snapshot.sessionCount), "epochs": .stringConvertible(snapshot.epochCount)]
    }
}
