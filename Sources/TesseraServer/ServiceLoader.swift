import Logging
import Tessera
import TesseraHummingbird

/// Builds the ``ServiceState`` from a configuration: keys, claim rules, the revocation feed
/// and the admin API. Every failure here is a configuration error that stops start-up.
enum ServiceLoader {
    /// Loads keys and, given a `store`, the initial revocation snapshot (`store_unavailable`
    /// when it cannot be read: the service does not start blind).
    static func load(_ configuration: ServeConfiguration, store: (any RevocationStore)?, logger: Logger)
        async throws(TesseraError) -> ServiceState
    {
        let keys = try loadKeys(configuration.keyPath, role: "verification", logger: logger)
        let rules = try ClaimRules(issuer: configuration.issuer, audiences: configuration.audiences)
        let metrics = VerificationMetrics()
        var feed: RevocationFeed?
        if let store {
            feed = try await RevocationFeed(store: store, metrics: metrics, logger: logger)
        }
        let verifier = try VerifierFactory.make(keys: keys, rules: rules, revocation: feed?.list)
        var admin: AdminAPI?
        if let adminPath = configuration.adminKeyPath {
            guard let feed else { throw TesseraError(.invalidConfiguration, "the admin API needs a revocation store (--store)") }
            let adminKeys = try loadKeys(adminPath, role: "admin", logger: logger)
            admin = AdminAPI(
                adminVerifier: try VerifierFactory.make(keys: adminKeys, rules: rules, revocation: feed.list),
                tokenVerifier: try VerifierFactory.make(keys: keys, rules: rules, revocation: nil),
                feed: feed, logger: logger)
        }
        let gatekeeper = Gatekeeper(verifier: verifier, source: BearerTokenSource(cookieName: configuration.cookieName))
        return ServiceState(gatekeeper: gatekeeper, keys: keys, metrics: metrics, revocation: feed, admin: admin, logger: logger)
    }

    /// Reads a key file; logs the key ids and algorithms (never the material) and any warning.
    private static func loadKeys(_ path: String, role: String, logger: Logger) throws(TesseraError) -> KeySet {
        let file = try KeyFile(path: path)
        for warning in file.warnings { logger.warning("\(warning)", metadata: ["keys": .string(role)]) }
        let keys = try file.keySet()
        logger.info("keys loaded", metadata: [
            "keys": .string(role),
            "kid": .array(keys.keys.map { .string("\($0.keyID) (\($0.algorithm))") }),
        ])
        return keys
    }
}
