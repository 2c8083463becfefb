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

            The token is read from Authorization: Bearer, else from the session cookie; never \
            from the query string. Revocations written to --store by other processes are \
            enforced within --poll-interval. Stops gracefully on SIGTERM or SIGINT.

            Examples:
              tessera serve --key Keys/dev-ed25519.jwk --port 8081
              tessera serve --key jwks.json --store revocations.db --aud api --port 8081 \\
                --admin-key admin.jwk
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
            allowInsecureBind: allowInsecureBind, pollInterval: try DurationOption.parse(pollInterval))
        try configuration.validate()
        let logger = try ServerLogging.bootstrap(level: logLevel)
        let revocations = try store.map { (location) throws(TesseraError) in try StoreLocation.open(location, create: false) }
        try await VerificationServer.run(configuration, store: revocations, logger: logger)
    }
}
