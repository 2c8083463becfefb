import Logging
import Synchronization
import Tessera

/// Keeps the verifier's ``RevocationList`` in step with a ``RevocationStore`` that other
/// processes (the `tessera revoke` CLI, other servers) also write.
///
/// Each ``refresh()`` costs one version read when nothing changed; when the version moved, the
/// whole snapshot is loaded and published in one swap. Any failure marks the store down
/// (``StoreHealth``), which makes `/verify` and `/readyz` answer 503 until a refresh succeeds.
final class RevocationFeed: Sendable {
    /// The store revocations are read from (and the admin API writes to).
    let store: any RevocationStore
    /// The list the verifier consults.
    let list: RevocationList
    /// Whether the last refresh succeeded.
    let health: StoreHealth
    private let version: Atomic<Int64>
    private let metrics: VerificationMetrics
    private let logger: Logger

    /// Loads the initial snapshot; a store that cannot be read now is an error (`store_unavailable`).
    init(store: any RevocationStore, list: RevocationList, metrics: VerificationMetrics, logger: Logger) async throws(TesseraError) {
        let initial = try await store.load()
        list.replace(with: initial.snapshot)
        self.store = store
        self.list = list
        self.health = StoreHealth(isUp: true)
        self.version = Atomic(initial.version)
        self.metrics = metrics
        self.logger = logger
        metrics.storeUp.set(to: 1.0)
        metrics.reloads.increment()
        logger.info("revocations loaded", metadata: Self.describe(initial))
    }

    /// The store version the published snapshot reflects.
    var currentVersion: Int64 { version.load(ordering: .acquiring) }

    /// Checks the store once and publishes a new snapshot if it changed. Returns whether the
    /// store answered.
    @discardableResult
    func refresh() async -> Bool {
        do throws(TesseraError) {
            if let changed = try await store.loadIfChanged(since: currentVersion) {
                list.replace(with: changed.snapshot)
                version.store(changed.version, ordering: .releasing)
                metrics.reloads.increment()
                logger.info("revocations reloaded", metadata: Self.describe(changed))
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

    private static func describe(_ loaded: VersionedSnapshot) -> Logger.Metadata {
        ["version": .stringConvertible(loaded.version), "tokens": .stringConvertible(loaded.snapshot.tokenCount),
         "sessions": .stringConvertible(loaded.snapshot.sessionCount), "epochs": .stringConvertible(loaded.snapshot.epochCount)]
    }
}
