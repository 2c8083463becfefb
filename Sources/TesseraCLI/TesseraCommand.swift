import ArgumentParser

/// The `tessera` command: keys, minting, verification and inspection of access tokens.
///
/// Every subcommand follows one contract: results on stdout, diagnostics on stderr, exit 0 on
/// success, 1 when a token is rejected (`rejected: CODE: detail`), 2 on a usage or
/// configuration error (see ``ExitStatus``).
@main
struct TesseraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tessera",
        abstract: "Mint, verify and inspect signed access tokens (JWS: HS256/384/512, EdDSA).",
        discussion: """
            Exit codes: 0 success; 1 token rejected (first stderr line \
            `rejected: CODE: detail`); 2 usage or configuration error.

            Examples:
              tessera keygen --alg EdDSA --out key.jwk
              tessera mint --key key.jwk --sub alice --scope "read write" > token.txt
              tessera verify --key key.jwk < token.txt
              tessera inspect < token.txt
              tessera jwks --key key.jwk > jwks.json
            """,
        subcommands: [
            Keygen.self,
            Mint.self,
            Verify.self,
            Inspect.self,
            JWKS.self,
            Serve.self,
            Revoke.self,
            LogoutAll.self,
            SessionCommand.self,
            StoreCommand.self,
        ]
    )

    /// Runs the command line through ``ExitStatus`` so every error gets the contract's exit code.
    static func main() async {
        await ExitStatus.run(TesseraCommand.self)
    }
}
