import Logging
import Prometheus
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
    private let reloads: Counter
    private let storeUp: Gauge
    private let logger: Logger

    /// Loads the initial snapshot; a store that cannot be read now is `store_unavailable`.
    init(store: any RevocationStore, metrics: VerificationMetrics, logger: Logger) async throws(TesseraError) {
        list = try await RevocationList.load(from: store, failurePolicy: .failClosed)
        self.store = store
        self.health = StoreHealth(isUp: true)
        reloads = metrics.registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "tessera", metricName: "revocation_reloads", unitName: "total",
            helpText: "Revocation snapshots loaded from the store"))
        storeUp = metrics.registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "tessera", metricName: "revocation_store_up",
            helpText: "1 when the last revocation store check succeeded"))
        self.logger = logger
        storeUp.set(to: 1.0)
        reloads.increment()
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
                reloads.increment()
                logger.info("revocations reloaded", metadata: describe())
            }
            if !health.set(true) { logger.notice("revocation store reachable again") }
            storeUp.set(to: 1.0)
            return true
        } catch {
            if health.set(false) {
                logger.error("revocation store unavailable; /verify fails closed with 503",
                             metadata: ["code": .string(error.code.rawValue), "detail": .string(error.detail)])
            }
            storeUp.set(to: 0.0)
            return false
        }
    }

    private func describe() -> Logger.Metadata {
        let snapshot = list.snapshot
        return ["version": .stringConvertible(currentVersion), "tokens": .stringConvertible(snapshot.tokenCount),
                "sessions": .stringConvertible(snapshot.sessionCount), "epochs": .stringConvertible(snapshot.epochCount)]
    }
}
