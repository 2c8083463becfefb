import ArgumentParser
import Foundation
import Tessera

/// The exit codes of the `tessera` contract, and how every error meets them (once, here).
///
/// - `0`: success.
/// - `1`: a token was rejected; the first stderr line is `rejected: CODE: detail`.
/// - `2`: a usage or configuration error (bad option, unreadable or unsuitable key file…).
///
/// ArgumentParser's own usage errors would exit with `EX_USAGE` (64); they are mapped to 2.
enum ExitStatus {
    static let success: Int32 = 0
    static let rejected: Int32 = 1
    static let usage: Int32 = 2

    /// Parses the command line, runs the chosen command and exits with the contract's code.
    static func run<Root: AsyncParsableCommand>(_ root: Root.Type, _ arguments: [String]? = nil) async -> Never {
        do {
            var command = try await root.asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(success)
        } catch {
            exit(report(error, root: root))
        }
    }

    /// Prints what went wrong to stderr (help goes to stdout) and returns the exit code.
    static func report<Root: ParsableCommand>(_ error: any Error, root: Root.Type) -> Int32 {
        if let code = error as? ExitCode { return code.rawValue }
        if let error = error as? TesseraError {
            if error.isRejection {
                reject(error)
                return rejected
            }
            Console.err("error: \(error.code.rawValue): \(error.detail)")
            if let hint = hint(for: error.code) { Console.err("hint: \(hint)") }
            return usage
        }
        let code = root.exitCode(for: error)
        let text = root.fullMessage(for: error)
        if code == .success {
            if !text.isEmpty { Console.out(text) }
            return success
        }
        if !text.isEmpty { Console.err(text) }
        return usage
    }

    /// The contract's first stderr line for a rejected token.
    static func reject(_ error: TesseraError) {
        Console.err("rejected: \(error.code.rawValue): \(error.detail)")
    }

    /// How to fix a configuration error, when there is a general answer.
    private static func hint(for code: TesseraError.Code) -> String? {
        switch code {
        case .invalidKey:
            "--key takes a JWK, a JWK Set or an Ed25519 PEM (PKCS#8 private or SPKI public); make one with `tessera keygen --alg EdDSA --out key.jwk`"
        case .ioFailure:
            "check that the path exists and that you may read (or write) it"
        case .invalidConfiguration:
            "see the command's --help for the accepted values"
        default:
            nil
        }
    }
}
