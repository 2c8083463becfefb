import Foundation
import Tessera
import Testing

/// Keys and tokens the CLI tests share: made through the CLI itself where that is what is under
/// test, through the library where a fixed clock is needed (expired, not yet valid).
enum Fixtures {
    /// `tessera keygen --alg ALG [--kid KID] --out DIR/NAME`, returning the path.
    static func keygen(_ alg: String, kid: String? = nil, in dir: TempDir, name: String? = nil) throws -> String {
        let path = dir.path(name ?? "\(alg)-\(kid ?? "default").jwk")
        var arguments = ["keygen", "--alg", alg, "--out", path]
        if let kid { arguments += ["--kid", kid] }
        let result = try CLI.run(arguments)
        try #require(result.status == 0, "keygen failed: \(result.stderr)")
        return path
    }

    /// `tessera mint --key KEY --sub SUB EXTRA…`, returning the token without its newline.
    static func mint(key: String, sub: String = "alice", _ extra: [String] = []) throws -> String {
        let result = try CLI.run(["mint", "--key", key, "--sub", sub] + extra)
        try #require(result.status == 0, "mint failed: \(result.stderr)")
        try #require(result.stdout.hasSuffix("\n"))
        return String(result.stdout.dropLast())
    }

    /// A token signed by the library with the key in `path`, as if minted at `issuedAt`.
    static func token(key path: String, issuedAt: Int64, lifetime: Int64 = 60) throws -> String {
        let key = try #require(try KeyFile(path: path).signingKeys.first)
        let issuer = try Issuer(key: key, lifetime: lifetime, clock: .fixed(issuedAt))
        return try issuer.issue(TokenRequest(subject: "alice")).token
    }

    /// The current time in seconds.
    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// Parses a JSON object printed by a command.
    static func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any], "expected a JSON object, got: \(text)")
    }

    /// A token with an arbitrary header and payload (JSON text) and a dummy signature.
    static func forged(header: String, payload: String) -> String {
        func b64(_ text: String) -> String {
            Data(text.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return b64(header) + "." + b64(payload) + "." + b64("not a real signature")
    }
}
