import ArgumentParser
import Tessera

/// `--key PATH`: one key file, shared by `mint` and `verify`.
///
/// The file may hold a JWK (private or public), a JWK Set (the token's `kid` picks the key), or
/// an Ed25519 PEM (PKCS#8 private or SPKI public); ``KeyFile`` recognises which from the contents.
struct KeyOptions: ParsableArguments {
    @Option(
        name: .customLong("key"),
        help: ArgumentHelp(
            "Key file: a JWK (private or public), a JWK Set, or an Ed25519 PEM (PKCS#8 or SPKI).",
            valueName: "path"),
        completion: .file())
    var path: String

    /// Reads and parses the key file (`invalid_key` / `io_failure` on failure). Its warnings are
    /// left to the caller, which decides when they may be printed.
    func load() throws(TesseraError) -> KeyFile {
        try KeyFile(path: path)
    }
}

extension KeyFile {
    /// The one signing key to mint with: the key whose id is `keyID`, or the only one.
    /// Several keys and no `keyID`, or none that can sign, are configuration errors.
    func signingKey(keyID: String?, path: String) throws(TesseraError) -> SigningKey {
        let ids = signingKeys.map(\.keyID).joined(separator: ", ")
        if let keyID {
            guard let key = signingKeys.first(where: { $0.keyID == keyID }) else {
                throw TesseraError(.invalidKey, signingKeys.isEmpty
                    ? "\(path) holds no private key, so it cannot sign; use the private JWK or PKCS#8 PEM"
                    : "\(path) has no signing key with kid '\(keyID)'; its signing keys are: \(ids)")
            }
            return key
        }
        switch signingKeys.count {
        case 0:
            throw TesseraError(.invalidKey, "\(path) holds only public keys, so it cannot sign; use the private JWK or PKCS#8 PEM (`tessera keygen` writes one)")
        case 1:
            return signingKeys[0]
        default:
            throw TesseraError(.invalidKey, "\(path) holds \(signingKeys.count) signing keys; pick one with --kid (one of: \(ids))")
        }
    }
}

extension Algorithm {
    /// Parses `--alg`: `EdDSA`, `HS256`, `HS384` or `HS512` (a usage error otherwise).
    static func argument(_ text: String) throws -> Algorithm {
        guard let algorithm = Algorithm(joseName: text) else {
            throw ValidationError("'\(text)' is not an algorithm; use one of: \(allCases.map(\.name).joined(separator: ", "))")
        }
        return algorithm
    }
}
