public import Tessera

/// Everything `tessera serve` is configured with (the command-line options, parsed).
public struct ServeConfiguration: Sendable {
    /// The default session cookie read when no `Authorization: Bearer` header is present.
    public static let defaultCookieName = "tessera_session"
    /// The default delay between two checks of the revocation store's version.
    public static let defaultPollInterval: Duration = .seconds(1)
    /// The accepted poll intervals.
    public static let pollIntervalRange: ClosedRange<Duration> = .milliseconds(10) ... .seconds(300)

    /// Key file (JWK, JWK Set or Ed25519 PEM) whose keys verify tokens.
    public var keyPath: String
    /// SQLite revocation store path, or nil to run without revocation.
    public var storePath: String?
    /// Accepted audiences (empty: tokens must carry no `aud`).
    public var audiences: [String]
    /// Required issuer, or nil.
    public var issuer: String?
    /// Address to bind.
    public var host: String
    /// Port to bind (0 picks a free one).
    public var port: Int
    /// Cookie that may carry the token, or nil to read the `Authorization` header only.
    public var cookieName: String?
    /// Key file for admin tokens; the admin API is off without it.
    public var adminKeyPath: String?
    /// Allows binding a non-loopback address without TLS.
    public var allowInsecureBind: Bool
    /// How often the store's version is checked for revocations written by other processes.
    public var pollInterval: Duration
    /// Key file with the one private key that signs session access tokens; enables the
    /// `/session/…` routes and `/admin/sessions…` (needs ``storePath``, and the key must be
    /// among ``keyPath``'s keys so that `/verify` accepts what it mints).
    public var signingKeyPath: String?
    /// Origins allowed to make cookie-authenticated session changes (the CSRF allow-list).
    public var allowedOrigins: [String]
    /// Session lifetimes and the refresh reuse grace.
    public var sessionPolicy: SessionPolicy

    /// A configuration; see the properties for the meaning of each value.
    public init(
        keyPath: String, storePath: String? = nil, audiences: [String] = [], issuer: String? = nil,
        host: String = "127.0.0.1", port: Int, cookieName: String? = ServeConfiguration.defaultCookieName,
        adminKeyPath: String? = nil, allowInsecureBind: Bool = false,
        pollInterval: Duration = ServeConfiguration.defaultPollInterval, signingKeyPath: String? = nil,
        allowedOrigins: [String] = [], sessionPolicy: SessionPolicy = .standard
    ) {
        self.keyPath = keyPath
        self.storePath = storePath
        self.audiences = audiences
        self.issuer = issuer
        self.host = host
        self.port = port
        self.cookieName = cookieName
        self.adminKeyPath = adminKeyPath
        self.allowInsecureBind = allowInsecureBind
        self.pollInterval = pollInterval
        self.signingKeyPath = signingKeyPath
        self.allowedOrigins = allowedOrigins
        self.sessionPolicy = sessionPolicy
    }
}
