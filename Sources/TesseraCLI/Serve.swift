import ArgumentParser
import Tessera
import TesseraSQLite
import TesseraServer

/// `tessera serve`: the verification service (see `VerificationServer` in TesseraServer).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve /verify for gateways (nginx auth_request, Traefik forwardAuth) and sidecars.",
        discussion: """
            Endpoints: /verify (200 with X-Auth-Subject, X-Auth-Scope, X-Auth-Session, \
            X-Auth-Expires; 401 with WWW-Authenticate: Bearer error="invalid_token", \
            error_description="CODE"; 503 when the revocation store is unavailable), \
            /.well-known/jwks.json, /healthz, /readyz, /metrics, and /admin/... with --admin-key.

            With --signing-key (and --store), login sessions: POST /session/refresh, POST \
            /session/logout, GET /session/sessions, DELETE /session/sessions/{id}, POST \
            /session/sessions/end-others, and with --admin-key also POST/GET /admin/sessions, \
            DELETE /admin/sessions/{sid}, POST /admin/sessions/revoke. Session cookies: \
            __Host-tessera (access token, also read by /verify) and __Secure-tessera-refresh \
            (Path=/session). A cookie-authenticated POST/DELETE needs an Origin listed with \
            --allowed-origin, or Sec-Fetch-Site: same-origin; otherwise 403 csrf_rejected.

            The token is read from Authorization: Bearer, else from the session cookie; never \
            from the query string. Revocations written to --store by other processes are \
            enforced within --poll-interval. Stops gracefully on SIGTERM or SIGINT.

            Examples:
              tessera serve --key Keys/dev-ed25519.jwk --port 8081
              tessera serve --key jwks.json --store revocations.db --aud api --port 8081 \\
                --admin-key admin.jwk
              tessera serve --key k.jwk --signing-key k.jwk --store s.db --port 8081 \\
                --admin-key admin.jwk --allowed-origin https://app.example
            """)

    @OptionGroup var key: KeyOptions

    @Option(help: ArgumentHelp("Revocation store (an SQLite file path); it must exist.", valueName: "store"))
    var store: String?

    @Option(help: "Accepted audience (repeat for several); the token's aud must name one.")
    var aud: [String] = []

    @Option(help: "Required issuer (iss).")
    var iss: String?

    @Option(help: "Address to bind. Non-loopback needs --allow-insecure-bind (no TLS here).")
    var host: String = "127.0.0.1"

    @Option(help: "Port to bind.")
    var port: Int

    @Option(help: ArgumentHelp("Cookie that may carry the token (empty: header only).", valueName: "name"))
    var cookieName: String = ServeConfiguration.defaultCookieName

    @Option(help: ArgumentHelp("Key file for admin tokens (scope tessera:admin); enables /admin.", valueName: "path"))
    var adminKey: String?

    @Option(help: ArgumentHelp("Private key that signs session access tokens; enables /session/... (needs --store; the key must also be in --key).", valueName: "path"))
    var signingKey: String?

    @Option(help: ArgumentHelp("Origin allowed to make cookie-authenticated session changes (repeatable), e.g. https://app.example.", valueName: "url"))
    var allowedOrigin: [String] = []

    @Option(help: ArgumentHelp("Lifetime of session access tokens (900, 15m).", valueName: "duration"))
    var sessionTtl: String = "15m"

    @Option(help: ArgumentHelp("Session idle timeout, slid by each refresh (30m).", valueName: "duration"))
    var sessionIdle: String = "30m"

    @Option(help: ArgumentHelp("Session absolute lifetime (12h; at most 30d).", valueName: "duration"))
    var sessionAbsolute: String = "12h"

    @Option(help: ArgumentHelp("How long a used refresh token may be retried before it counts as theft (0-60s).", valueName: "duration"))
    var reuseGrace: String = "10s"

    @Flag(help: "Allow a non-loopback --host although the service speaks plain HTTP.")
    var allowInsecureBind = false

    @Option(help: ArgumentHelp("How often to check the store for new revocations (e.g. 500ms, 1s).", valueName: "duration"))
    var pollInterval: String = "1s"

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: String = "info"

    func run() async throws {
        let configuration = ServeConfiguration(
            keyPath: key.path, storePath: store, audiences: aud, issuer: iss, host: host, port: port,
            cookieName: cookieName.isEmpty ? nil : cookieName, adminKeyPath: adminKey,
            allowInsecureBind: allowInsecureBind, pollInterval: try DurationOption.parse(pollInterval),
            signingKeyPath: signingKey, allowedOrigins: allowedOrigin,
            sessionPolicy: SessionPolicy(
                accessLifetime: try Lifetime.seconds(sessionTtl), idleTimeout: try Lifetime.seconds(sessionIdle),
                absoluteLifetime: try Lifetime.seconds(sessionAbsolute), reuseGrace: try Lifetime.seconds(reuseGrace)))
        try configuration.validate()
        let logger = try ServerLogging.bootstrap(level: logLevel)
        let revocations = try store.map { (location) throws(TesseraError) in try StoreLocation.open(location, create: false) }
        try await VerificationServer.run(configuration, store: revocations, logger: logger)
    }
}
