import Hummingbird
public import Logging
import ServiceLifecycle
public import Tessera

/// `tessera serve`: the verification service for gateways (nginx `auth_request`, Traefik
/// `forwardAuth`) and sidecars.
public enum VerificationServer {
    /// Validates `configuration`, loads keys and the revocation store, then serves until
    /// SIGTERM or SIGINT, finishing in-flight requests (graceful shutdown).
    ///
    /// - Parameter store: the revocation store `--store` names, already opened (nil: none).
    /// - Throws: `invalid_configuration`, `invalid_key`, `io_failure` or `store_unavailable`
    ///   before serving; errors from the HTTP server afterwards.
    public static func run(_ configuration: ServeConfiguration, store: (any RevocationStore)?, logger: Logger) async throws {
        try configuration.validate()
        let state = try await ServiceLoader.load(configuration, store: store, logger: logger)
        let host = configuration.host
        let app = Application(
            router: ServiceRoutes.router(for: state),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port)),
            onServerRunning: { channel in
                logger.notice("listening", metadata: [
                    "address": .string("http://\(host):\(channel.localAddress?.port ?? configuration.port)"),
                    "revocation": .string(state.revocation == nil ? "off" : "poll every \(configuration.pollInterval)"),
                    "admin": .string(state.admin == nil ? "off" : "on"),
                ])
            },
            logger: logger)
        var services: [any Service] = [app]
        if let feed = state.revocation {
            services.append(RevocationPoller(feed: feed, interval: configuration.pollInterval))
            services.append(StorePruner(feed: feed, interval: StorePruner.defaultInterval, logger: logger))
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.notice("stopped")
    }
}
