import ServiceLifecycle

/// The service that refreshes the ``RevocationFeed`` every ``interval``, so that revocations
/// written by another process are enforced here within one interval (plus one store read).
/// Stops at graceful shutdown.
struct RevocationPoller: Service {
    /// What to refresh.
    let feed: RevocationFeed
    /// The delay between checks (`--poll-interval`, default 1 s).
    let interval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                let interval = interval
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return  // shutdown or cancellation
            }
            await feed.refresh()
        }
    }
}
