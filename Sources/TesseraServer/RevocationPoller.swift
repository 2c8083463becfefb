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
        await Periodic.run(every: interval) { await feed.refresh() }
    }
}
