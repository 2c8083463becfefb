import ArgumentParser
import Tessera

/// `tessera mint`: sign one access token and print it.
struct Mint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign an access token and print it (one line on stdout).",
        discussion: """
            The token's header is {"alg", "kid", "typ": "at+jwt"}; its claims are sub, exp, \
            iat, a random 128-bit jti, and iss, aud, scope, sid when given. DURATION is \
            seconds (900) or a number with s, m, h or d (30s, 15m, 1h, 1d), at most 1d.

            Examples:
              tessera mint --key Keys/dev-ed25519.jwk --sub alice --scope "read write"
              tessera mint --key key.jwk --sub svc-billing --aud api --iss https://auth.example --ttl 5m
              tessera mint --key jwks-private.json --kid 2025-01 --sub bob --new-session
              tessera mint --key key.jwk --sub alice | tessera verify --key key.jwk
            """)

    @OptionGroup var key: KeyOptions

    @Option(help: "sub: the user or client the token is about (1 to 255 bytes).")
    var sub: String

    @Option(help: ArgumentHelp("Lifetime: 900, 30s, 15m, 1h, 1d (1 second to 1 day).", valueName: "duration"),
            transform: Lifetime.seconds)
    var ttl: Int64 = 900

    @Option(help: "aud: an audience (repeat for several).")
    var aud: [String] = []

    @Option(help: "iss: the issuer.")
    var iss: String?

    @Option(help: ArgumentHelp("scope: space-separated scopes, e.g. \"read write\".", valueName: "scopes"))
    var scope: String?

    @Option(help: "sid: the login session id.")
    var sid: String?

    @Flag(help: "Put a fresh random session id in sid.")
    var newSession = false

    @Option(help: "Which signing key to use when the key file holds several.")
    var kid: String?

    @Option(help: ArgumentHelp("Revocation store: stamp the subject's current epoch as ep.", valueName: "store"), completion: .file())
    var store: String?

    func validate() throws {
        if sid != nil, newSession { throw ValidationError("--sid and --new-session both set sid; pass one of them") }
    }

    func run() async throws {
        let file = try key.load()
        Console.warn(file.warnings)
        let signingKey = try file.signingKey(keyID: kid, path: key.path)
        let issuer = try Issuer(key: signingKey, issuer: iss, lifetime: ttl)
        let scopes = (scope ?? "").split(separator: " ").map(String.init)
        let request = TokenRequest(
            subject: sub, scopes: scopes, sessionID: newSession ? try RandomID.generate() : sid,
            audience: aud.isEmpty ? nil : aud,
            epoch: try store.map { (location) throws(TesseraError) in try StoreLocation.open(location, create: false).currentEpoch(subject: sub) })
        Console.out(try issuer.issue(request).token)
    }
}
