import ArgumentParser
import Tessera

/// `tessera jwks`: the public JWK Set of one or more key files.
struct JWKS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwks",
        abstract: "Print the public JWK Set of the given keys (Ed25519 only).",
        discussion: """
            Private keys contribute their public half; the output never contains "d" or "k". \
            HMAC secrets have no public form: they are skipped with a warning (share them with \
            verifiers privately instead). Publish the output at your JWKS URL, or give it to \
            `tessera verify --key`.

            Examples:
              tessera jwks --key Keys/dev-ed25519.jwk
              tessera jwks --key current.jwk --key next.pem > jwks.json
            """)

    @Option(
        name: .customLong("key"),
        help: ArgumentHelp("A key file (JWK, JWK Set or Ed25519 PEM); repeat for several.", valueName: "path"),
        completion: .file())
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one --key PATH") }
    }

    func run() async throws {
        var keys: [VerificationKey] = []
        for path in paths {
            let file = try KeyFile(path: path)
            Console.warn(file.warnings)
            for key in file.verificationKeys {
                if key.isPublic {
                    keys.append(key)
                } else {
                    Console.warn(["skipped \(key.algorithm) key '\(key.keyID)' from \(path): an HMAC secret is never published"])
                }
            }
        }
        guard !keys.isEmpty else {
            throw TesseraError(.invalidKey, "no Ed25519 key to publish: HMAC secrets have no public form; generate one with `tessera keygen --alg EdDSA`")
        }
        Console.out(try KeySet(keys).publicJWKS)
    }
}
