import ArgumentParser
import Tessera

/// `tessera verify`: check a token and print its header and claims, or why it was rejected.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify a token; print {\"header\":…,\"claims\":…} or why it was rejected.",
        discussion: """
            Checks, in order: size, segments, base64url, header, key (by kid), algorithm, \
            signature, then the claims (exp, nbf, iat with the leeway; iss and aud when given; \
            typ). A token naming an audience is rejected unless --aud accepts it.

            Exit 0: valid; the JSON goes to stdout (header: alg, kid of the key that verified \
            it, typ; claims: the signed payload).
            Exit 1: rejected; the first stderr line is `rejected: CODE: detail`, CODE one of \
            malformed, too_large, unsupported_algorithm, key_not_found, bad_signature, expired, \
            not_yet_valid, missing_claim, wrong_audience, wrong_issuer, wrong_type, revoked.
            Exit 2: usage or configuration error (bad key file, leeway out of range…).

            Examples:
              tessera verify --key Keys/dev-ed25519.jwk "$TOKEN"
              tessera mint --key key.jwk --sub alice | tessera verify --key key.jwk
              tessera verify --key jwks.json --aud api --iss https://auth.example - < token.txt
              tessera verify --key hmac.jwk --type JWT "$FOREIGN_TOKEN"
            """)

    @OptionGroup var key: KeyOptions

    @Option(help: "Accepted audience (repeat for several); the token's aud must name one.")
    var aud: [String] = []

    @Option(help: "Required issuer (iss).")
    var iss: String?

    @Option(help: ArgumentHelp("Allowed clock skew in seconds, 0 to 300.", valueName: "seconds"))
    var leeway: Int64 = 60

    @Option(help: ArgumentHelp("Required header typ (at+jwt, or e.g. JWT for foreign tokens).", valueName: "typ"))
    var type: String = "at+jwt"

    @Option(help: ArgumentHelp("Revocation store: reject revoked jti, sid and older subject epochs.", valueName: "store"), completion: .file())
    var store: String?

    @OptionGroup var input: TokenInput

    func run() async throws {
        let file = try key.load()
        let rules = try ClaimRules(issuer: iss, audiences: aud, leeway: leeway, expectedType: type)
        let revocation = try store.map { (location) throws(TesseraError) in
            RevocationList(try StoreLocation.open(location, create: false).load().snapshot)
        }
        let verifier = try Verifier(keys: file.keySet(), rules: rules, revocation: revocation)
        let token = try input.read()
        // The verdict comes first on stderr (scripts read its first line); warnings follow it.
        defer { Console.warn(file.warnings) }
        do {
            let verified = try verifier.verify(token)
            Console.out(VerifiedJSON.render(verified))
        } catch where error.isRejection {
            ExitStatus.reject(error)
            throw ExitCode(ExitStatus.rejected)
        }
    }
}
