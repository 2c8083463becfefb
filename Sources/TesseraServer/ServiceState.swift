import Logging
import Tessera
import TesseraHummingbird

/// Everything the routes share: built once at start-up, immutable afterwards except for the
/// revocation snapshot (swapped inside ``RevocationList``) and the store's health flag.
final class ServiceState: Sendable {
    /// Decides `/verify`.
    let gatekeeper: Gatekeeper
    /// The keys tokens are verified with.
    let keys: KeySet
    /// The public JWK Set (Ed25519 keys only; HMAC secrets are never published).
    let publicJWKS: String
    /// Metrics for `/metrics`.
    let metrics: VerificationMetrics
    /// The revocation machinery, when a store is configured.
    let revocation: RevocationFeed?
    /// The admin API, when an admin key is configured.
    let admin: AdminAPI?
    /// The login-session routes, when a signing key is configured.
    let sessions: SessionRoutes<BasicTesseraRequestContext>?
    /// The service's logger (never given a token or a secret).
    let logger: Logger

    init(gatekeeper: Gatekeeper, keys: KeySet, metrics: VerificationMetrics, revocation: RevocationFeed?,
         admin: AdminAPI?, sessions: SessionRoutes<BasicTesseraRequestContext>? = nil, logger: Logger) {
        self.gatekeeper = gatekeeper
        self.keys = keys
        self.publicJWKS = keys.publicJWKS
        self.metrics = metrics
        self.revocation = revocation
        self.admin = admin
        self.sessions = sessions
        self.logger = logger
    }

    /// Ready when keys are loaded (always, once constructed) and the store, if any, answers.
    var isReady: Bool { revocation?.health.isUp ?? true }
}
