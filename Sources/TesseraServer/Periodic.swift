import ServiceLifecycle

/// The loop ``RevocationPoller`` and ``StorePruner`` share: wait `interval`, run `body`, until
/// graceful shutdown (or cancellation) ends the wait.
enum Periodic {
    static func run(every interval: Duration, _ body: () async -> Void) async {
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return  // shutdown or cancellation
            }
            await body()
        }
    }
}
