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
        let sessions = try loadSessions(configuration, keys: keys, verifier: verifier, store: store, feed: feed, logger: logger)
        var admin: AdminAPI?
        if let adminPath = configuration.adminKeyPath {
            guard let feed else { throw TesseraError(.invalidConfiguration, "the admin API needs a revocation store (--store)") }
            let adminKeys = try loadKeys(adminPath, role: "admin", logger: logger)
            admin = AdminAPI(
                adminVerifier: try VerifierFactory.make(keys: adminKeys, rules: rules, revocation: feed.list),
                tokenVerifier: try VerifierFactory.make(keys: keys, rules: rules, revocation: nil),
                feed: feed, sessions: sessions?.manager,
                sessionDefaults: SessionRequest(subject: "", audience: configuration.audiences, issuer: configuration.issuer),
                logger: logger)
        }
        // The gateway cookie, then the session routes' access cookie when sessions are on.
        let cookies = [configuration.cookieName, sessions?.cookies.access.name].compactMap { $0 }
        let gatekeeper = Gatekeeper(verifier: verifier, source: BearerTokenSource(cookieNames: cookies))
        return ServiceState(gatekeeper: gatekeeper, keys: keys, metrics: metrics, revocation: feed, admin: admin,
                            sessions: sessions, logger: logger)
    }

    /// The session routes when `--signing-key` is given: its one private key must be among the
    /// verification keys (else `/verify` would refuse what it mints), and the store must keep
    /// sessions. Ending a session publishes the revocation to this server's verifier at once.
    private static func loadSessions(
        _ configuration: ServeConfiguration, keys: KeySet, verifier: Verifier, store: (any RevocationStore)?,
        feed: RevocationFeed?, logger: Logger
    ) throws(TesseraError) -> SessionRoutes<BasicTesseraRequestContext>? {
        guard let path = configuration.signingKeyPath else { return nil }
        guard let feed, let sessionStore = store as? any SessionStore else {
            throw TesseraError(.invalidConfiguration, "the session routes (--signing-key) need a store that keeps sessions (--store)")
        }
        let file = try KeyFile(path: path)
        guard file.signingKeys.count == 1, let signing = file.signingKeys.first else {
            throw TesseraError(.invalidConfiguration, "--signing-key must hold exactly one private key (\(file.signingKeys.count) found)")
        }
        guard keys.keys.contains(where: { $0.keyID == signing.keyID && $0.algorithm == signing.algorithm }) else {
            throw TesseraError(.invalidConfiguration, "the --signing-key (kid \(signing.keyID)) must also be in --key, so that /verify accepts the tokens it mints")
        }
        let manager = try SessionManager(store: sessionStore, key: signing, policy: configuration.sessionPolicy)
        logger.info("sessions on", metadata: ["kid": .string(signing.keyID), "prefix": .string(SessionRoutesPath.defaultPrefix),
                                              "allowed_origins": .array(configuration.allowedOrigins.map { .string($0) })])
        return try SessionRoutes(manager: manager, verifier: verifier, csrf: CSRFPolicy(allowedOrigins: configuration.allowedOrigins),
                                 afterWrite: { await feed.refresh() })
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
