import ArgumentParser
import Foundation
import Tessera

/// `tessera keygen`: a fresh private key as a JWK (or, for Ed25519, a PKCS#8 PEM).
struct Keygen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a private key (JWK, or PEM for EdDSA).",
        discussion: """
            The key is bound to one algorithm. HMAC secrets are as long as the hash output \
            (32/48/64 bytes); Ed25519 keys are 32 bytes. The kid defaults to the RFC 7638 \
            thumbprint. With --out the file is written with mode 0600; without it the private \
            key goes to stdout, so treat that output as a secret.

            Examples:
              tessera keygen --alg EdDSA --out signing.jwk
              tessera keygen --alg HS256 --kid api-2025 --out hmac.jwk
              tessera keygen --alg EdDSA --format pem --out signing.pem
              tessera jwks --key signing.jwk > jwks.json    # publish the public half
            """)

    /// The key's output format.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jwk, pem
    }

    @Option(help: ArgumentHelp("The one algorithm the key will sign with: EdDSA, HS256, HS384 or HS512.", valueName: "alg"),
            transform: Algorithm.argument)
    var alg: Algorithm

    @Option(help: "Key id (default: the RFC 7638 thumbprint). JWK only.")
    var kid: String?

    @Option(help: "jwk, or pem (PKCS#8, EdDSA only).")
    var format: Format = .jwk

    @Option(help: ArgumentHelp("Write the key to this file (mode 0600) instead of stdout.", valueName: "path"),
            completion: .file())
    var out: String?

    @Flag(help: "Overwrite the --out file if it exists.")
    var force = false

    func validate() throws {
        if format == .pem, alg.isHMAC {
            throw ValidationError("--format pem is for EdDSA keys; HMAC secrets are written as JWK (drop --format)")
        }
        if format == .pem, kid != nil {
            throw ValidationError("a PEM file cannot carry a kid (its kid is the RFC 7638 thumbprint); drop --kid or use --format jwk")
        }
        if let kid, kid.isEmpty { throw ValidationError("--kid must not be empty") }
    }

    func run() async throws {
        let key = try SigningKey.generate(alg, keyID: kid)
        guard let out else {
            Console.out(format == .pem ? try key.privatePEM().trimmingCharacters(in: .newlines) : key.privateJWK)
            return
        }
        if !force, FileManager.default.fileExists(atPath: out) {
            throw TesseraError(.ioFailure, "\(out) already exists; pass --force to overwrite it, or choose another --out path")
        }
        switch format {
        case .jwk: try key.writePrivateJWK(toFile: out)
        case .pem: try key.writePrivatePEM(toFile: out)
        }
        Console.err("wrote \(alg) private key '\(key.keyID)' to \(out) (mode 0600)")
    }
}
