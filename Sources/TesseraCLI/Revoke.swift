import ArgumentParser
import Tessera

/// `tessera revoke`: deny one token (by the token itself or its `jti`) or one session (`sid`).
struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Revoke a token (--token, or --jti with --until) or a login session (--sid with --until).",
        discussion: """
            With --token the token is verified first (so --key is needed, plus --aud/--iss if it \
            carries them); its jti is revoked until its exp + 300 s, after which `store prune` \
            drops the entry. --jti and --sid take the time to keep the entry as --until UNIX \
            (seconds): the token's exp, or the end of the session's last token. The store file \
            is created if missing.

            Examples:
              tessera revoke --store revocations.db --key key.jwk --token "$TOKEN"
              tessera revoke --store revocations.db --jti 3q2-7wEjRdGm7EwZfOzV5A --until 1767225600
              tessera revoke --store revocations.db --sid s-5b1c --until 1767225600
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The token to revoke (verified with --key; '-' reads stdin).", valueName: "token"))
    var token: String?

    @Option(help: ArgumentHelp("Key file to verify --token with.", valueName: "path"), completion: .file())
    var key: String?

    @Option(help: "Accepted audience of --token (repeat for several).")
    var aud: [String] = []

    @Option(help: "Required issuer of --token.")
    var iss: String?

    @Option(help: "A token id (jti) to revoke.")
    var jti: String?

    @Option(help: "A session id (sid) to revoke.")
    var sid: String?

    @Option(help: ArgumentHelp("Keep the --jti/--sid entry until this time (Unix seconds).", valueName: "unix"))
    var until: Int64?

    func validate() throws {
        let chosen = [token != nil, jti != nil, sid != nil].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("pass exactly one of --token, --jti or --sid") }
        if token != nil {
            guard key != nil else { throw ValidationError("--token needs --key: the token is verified before its jti is revoked") }
            guard until == nil else { throw ValidationError("--until comes from the token's exp; leave it out with --token") }
        } else {
            guard let until else { throw ValidationError("--jti and --sid need --until UNIX (seconds), e.g. the token's exp") }
            guard until > 0 else { throw ValidationError("--until must be a positive Unix time in seconds") }
        }
    }

    func run() async throws {
        if let token {
            let (jti, expiresAt) = try verifiedID(token)
            let until = expiresAt + RevocationRetention.leeway
            try store.open(create: true).revokeToken(id: jti, until: until)
            Console.out("revoked token \(jti) until \(until)")
        } else if let jti, let until {
            try store.open(create: true).revokeToken(id: jti, until: until)
            Console.out("revoked token \(jti) until \(until)")
        } else if let sid, let until {
            try store.open(create: true).revokeSession(id: sid, until: until)
            Console.out("revoked session \(sid) until \(until)")
        }
    }

    /// The `jti` and `exp` of `token`, read only after it verified.
    private func verifiedID(_ token: String) throws -> (String, Int64) {
        let file = try KeyFile(path: key!)
        Console.warn(file.warnings)
        var input = TokenInput()
        input.token = token
        let text = try input.read()
        let verifier = try Verifier(keys: file.keySet(), rules: ClaimRules(issuer: iss, audiences: aud))
        var utf8 = text
        let verified: VerifiedToken
        switch utf8.withUTF8({ verifier.verify(utf8: $0) }) {
        case .success(let token):
            verified = token
        case .failure(let error):
            guard error.isRejection else { throw error }
            ExitStatus.reject(error)
            throw ExitCode(ExitStatus.rejected)
        }
        guard let jti = verified.tokenID else {
            throw TesseraError(.missingClaim, "the token has no jti; revoke its session (--sid) or its subject (logout-all) instead")
        }
        return (jti, verified.expiresAt)
    }
}
