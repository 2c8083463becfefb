import Logging
import ServiceLifecycle
import Tessera

/// The service that prunes the store on a schedule (default every 10 minutes), so that an idle
/// deployment sheds expired revocations and sessions without a cron job, and every verifier's
/// snapshot shrinks with it. Writes already remove a bounded batch in passing; this sweeps the
/// rest. A failure is logged and retried at the next interval (the poller reports the store's
/// health). Stops at graceful shutdown.
struct StorePruner: Service {
    /// The default delay between two prunes.
    static let defaultInterval: Duration = .seconds(600)

    /// What to prune, and the list to refresh afterwards.
    let feed: RevocationFeed
    /// The delay between prunes.
    let interval: Duration
    /// Logs what each prune removed (counts only).
    let logger: Logger

    func run() async throws {
        await Periodic.run(every: interval) { await pruneOnce() }
    }

    private func pruneOnce() async {
        do throws(TesseraError) {
            let counts = try await feed.store.prune(now: RevocationClock.system.seconds())
            guard counts.total > 0 else { return }
            logger.info("store pruned", metadata: [
                "tokens": .stringConvertible(counts.tokens), "sessions": .stringConvertible(counts.sessions),
                "epochs": .stringConvertible(counts.epochs), "login_sessions": .stringConvertible(counts.loginSessions),
            ])
            await feed.refresh()
        } catch {
            logger.warning("store prune failed", metadata: ["code": .string(error.code.rawValue)])
        }
    }
}
