import Foundation
import Testing

/// Exit code 2 for usage and configuration errors (ArgumentParser's own 64 included), and help
/// text with examples on every command.
@Suite("usage, configuration errors and help")
struct UsageTests {
    @Test("--help on every command exits 0 with an examples section", arguments: [[], ["keygen"], ["mint"], ["verify"], ["inspect"], ["jwks"]])
    func help(command: [String]) throws {
        let result = try CLI.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("tessera "))
        #expect(result.stdout.contains("USAGE:"))
    }

    @Test("ArgumentParser's usage errors exit 2, not 64", arguments: [
        ["bogus"], ["mint", "--sub", "alice"], ["verify"], ["mint", "--key", "Keys/dev-ed25519.jwk"],
        ["mint", "--key", "Keys/dev-ed25519.jwk", "--sub", "a", "--ttl", "5x"],
        ["mint", "--key", "Keys/dev-ed25519.jwk", "--sub", "a", "--ttl", "1w"],
        ["mint", "--key", "Keys/dev-ed25519.jwk", "--sub", "a", "--sid", "s", "--new-session"],
        ["verify", "--key", "Keys/dev-ed25519.jwk", "--leeway", "soon", "x.y.z"],
        ["verify", "--key", "Keys/dev-ed25519.jwk", "--unknown", "x.y.z"],
    ])
    func argumentParserErrors(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("Error:") || result.stderr.contains("error:"))
        #expect(result.stdout.isEmpty)
    }

    @Test("configuration errors exit 2 and name the problem and the fix")
    func configurationErrors() throws {
        let dir = try TempDir()
        let token = try Fixtures.mint(key: "Keys/dev-ed25519.jwk")
        let cases: [([String], String)] = [
            (["verify", "--key", dir.path("missing.jwk"), token], "io_failure"),
            (["verify", "--key", try dir.write("junk.jwk", "not a key"), token], "invalid_key"),
            (["verify", "--key", try dir.write("short.jwk", #"{"kty":"oct","alg":"HS256","k":"c2hvcnQ"}"#), token], "invalid_key"),
            (["verify", "--key", "Keys/dev-ed25519.jwk", "--leeway", "301", token], "invalid_configuration"),
            (["mint", "--key", "Keys/dev-jwks.json", "--sub", "alice"], "invalid_key"),
            (["mint", "--key", "Keys/dev-ed25519.jwk", "--sub", "alice", "--kid", "nope"], "invalid_key"),
            (["mint", "--key", "Keys/dev-ed25519.jwk", "--sub", "alice", "--ttl", "2d"], "invalid_configuration"),
            (["mint", "--key", "Keys/dev-ed25519.jwk", "--sub", ""], "invalid_configuration"),
        ]
        for (arguments, code) in cases {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.firstErrorLine.hasPrefix("error: \(code): "), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(!result.stderr.contains(token))
        }
    }

    @Test("several signing keys and no --kid is exit 2, listing the kids to choose from")
    func ambiguousKey() throws {
        let dir = try TempDir()
        let a = try String(contentsOfFile: try Fixtures.keygen("HS256", kid: "a", in: dir), encoding: .utf8)
        let b = try String(contentsOfFile: try Fixtures.keygen("HS256", kid: "b", in: dir), encoding: .utf8)
        let set = try dir.write("set.json", #"{"keys":[\#(a),\#(b)]}"#)
        let result = try CLI.run(["mint", "--key", set, "--sub", "alice"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--kid") && result.stderr.contains("a, b"))
    }

    @Test("no token on stdin is a usage error, not a rejection")
    func emptyStdin() throws {
        let result = try CLI.run(["verify", "--key", "Keys/dev-ed25519.jwk"], stdin: "\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("no token"))
    }
}
