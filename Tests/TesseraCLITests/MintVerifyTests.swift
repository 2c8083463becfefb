import Foundation
import Testing

/// `tessera mint` and `tessera verify` on the happy path, for every algorithm and input form.
@Suite("mint and verify")
struct MintVerifyTests {
    @Test("a token minted with each algorithm verifies and prints header and claims", arguments: ["EdDSA", "HS256", "HS384", "HS512"])
    func roundTrip(alg: String) throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen(alg, kid: "k-\(alg)", in: dir)
        let token = try Fixtures.mint(key: key, ["--scope", "read write", "--aud", "api", "--iss", "https://auth.example", "--sid", "s-1", "--ttl", "15m"])
        let result = try CLI.run(["verify", "--key", key, "--aud", "api", "--iss", "https://auth.example", token])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try Fixtures.object(result.stdout)
        let header = try #require(json["header"] as? [String: Any])
        let claims = try #require(json["claims"] as? [String: Any])
        #expect(header["alg"] as? String == alg)
        #expect(header["kid"] as? String == "k-\(alg)")
        #expect(header["typ"] as? String == "at+jwt")
        #expect(claims["sub"] as? String == "alice")
        #expect(claims["scope"] as? String == "read write")
        #expect(claims["aud"] as? String == "api")
        #expect(claims["iss"] as? String == "https://auth.example")
        #expect(claims["sid"] as? String == "s-1")
        let exp = try #require(claims["exp"] as? Int)
        let iat = try #require(claims["iat"] as? Int)
        #expect(exp - iat == 900)
        #expect((claims["jti"] as? String)?.count == 22)
    }

    @Test("mint prints exactly one token and a newline")
    func mintOutputShape() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let result = try CLI.run(["mint", "--key", key, "--sub", "alice"])
        #expect(result.status == 0)
        #expect(result.stdout.filter { $0 == "\n" }.count == 1)
        #expect(result.stdout.split(separator: ".").count == 3)
        #expect(result.stderr.isEmpty)
    }

    @Test("--ttl accepts seconds and s, m, h, d units", arguments: [("900", 900), ("30s", 30), ("15m", 900), ("1h", 3600), ("1d", 86_400)])
    func durations(ttl: String, seconds: Int) throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("HS256", in: dir)
        let token = try Fixtures.mint(key: key, ["--ttl", ttl])
        let claims = try #require(try Fixtures.object(try CLI.run(["inspect", token]).stdout)["claims"] as? [String: Any])
        #expect((claims["exp"] as? Int).map { $0 - (claims["iat"] as? Int ?? 0) } == seconds)
    }

    @Test("verify reads the token from stdin, stripping one trailing newline", arguments: [["-"], []], ["\n", "\r\n", ""])
    func stdinInput(arguments: [String], ending: String) throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let token = try Fixtures.mint(key: key)
        let result = try CLI.run(["verify", "--key", key] + arguments, stdin: token + ending)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""sub":"alice""#))
    }

    @Test("a second trailing newline is part of the token and rejects it")
    func onlyOneNewlineStripped() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let token = try Fixtures.mint(key: key)
        let result = try CLI.run(["verify", "--key", key], stdin: token + "\n\n")
        #expect(result.status == 1)
        #expect(result.firstErrorLine.hasPrefix("rejected: malformed: "))
    }

    @Test("--new-session puts a random sid in the token")
    func newSession() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let first = try Fixtures.mint(key: key, ["--new-session"])
        let second = try Fixtures.mint(key: key, ["--new-session"])
        func sid(_ token: String) throws -> String? {
            try (Fixtures.object(try CLI.run(["verify", "--key", key, token]).stdout)["claims"] as? [String: Any])?["sid"] as? String
        }
        let a = try #require(try sid(first))
        #expect(a.count == 22)
        #expect(try sid(second) != a)
    }

    @Test("--kid picks the signing key from a file holding several")
    func kidPicksKey() throws {
        let dir = try TempDir()
        let one = try String(contentsOfFile: try Fixtures.keygen("EdDSA", kid: "one", in: dir), encoding: .utf8)
        let two = try String(contentsOfFile: try Fixtures.keygen("HS256", kid: "two", in: dir), encoding: .utf8)
        let set = try dir.write("set.json", #"{"keys":[\#(one),\#(two)]}"#)
        let token = try Fixtures.mint(key: set, ["--kid", "two"])
        let result = try CLI.run(["verify", "--key", set, token])
        #expect(result.status == 0, "\(result.stderr)")
        let header = try Fixtures.object(result.stdout)["header"] as? [String: Any]
        #expect(header?["kid"] as? String == "two")
        #expect(header?["alg"] as? String == "HS256")
    }

    @Test("a public JWK Set verifies tokens of the private key, chosen by kid")
    func verifyWithJWKS() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", kid: "pub-1", in: dir)
        let jwks = try CLI.run(["jwks", "--key", key])
        let path = try dir.write("jwks.json", jwks.stdout)
        let result = try CLI.run(["verify", "--key", path, try Fixtures.mint(key: key)])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("warnings about a key file go to stderr and never block the result")
    func looseModeWarns() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        let mint = try CLI.run(["mint", "--key", key, "--sub", "alice"])
        #expect(mint.status == 0)
        #expect(mint.stderr.hasPrefix("warning: ") && mint.stderr.contains("chmod 600"))
        let verify = try CLI.run(["verify", "--key", key, "--aud", "x", String(mint.stdout.dropLast())])
        #expect(verify.status == 1)
        #expect(verify.firstErrorLine.hasPrefix("rejected: missing_claim: "))
        #expect(verify.stderr.contains("warning: "))
    }
}
