import Foundation
import Testing

/// Both directions against an independent implementation, PyJWT: tokens `tessera` mints are
/// verified by PyJWT (EdDSA through the exported JWKS, HS256 through the shared secret), and
/// tokens PyJWT mints are verified by `tessera verify`.
@Suite("PyJWT interop")
struct InteropTests {
    private static let scripts = CLI.packageRoot.appendingPathComponent("Tests/TesseraCLITests/Interop")

    /// Fails (never skips) when python3 with PyJWT and cryptography is missing.
    private func requirePyJWT() throws {
        let check = try? CLI.exec("/usr/bin/env", ["python3", "-c", "import jwt, cryptography"])
        try #require(check?.status == 0, "python3 with PyJWT is required for the interop tests: run .ci/setup (pip install 'pyjwt[crypto]'). \(check?.stderr ?? "python3 not found")")
    }

    private func python(_ script: String, _ arguments: [String], stdin: String = "") throws -> RunResult {
        try CLI.exec("/usr/bin/env", ["python3", Self.scripts.appendingPathComponent(script).path] + arguments, stdin: stdin)
    }

    @Test("PyJWT verifies an EdDSA token minted by tessera, with the JWKS tessera exports")
    func pyjwtVerifiesEdDSA() throws {
        try requirePyJWT()
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", kid: "interop-ed", in: dir)
        let jwks = try dir.write("jwks.json", try CLI.run(["jwks", "--key", key]).stdout)
        let token = try Fixtures.mint(key: key, ["--aud", "api", "--scope", "read write"])
        let result = try python("pyjwt_verify.py", ["--jwks", jwks, "--aud", "api"], stdin: token)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try Fixtures.object(result.stdout)
        #expect((json["header"] as? [String: Any])?["typ"] as? String == "at+jwt")
        #expect((json["header"] as? [String: Any])?["kid"] as? String == "interop-ed")
        #expect((json["claims"] as? [String: Any])?["scope"] as? String == "read write")
    }

    @Test("PyJWT verifies an HS256 token minted by tessera, with the shared secret")
    func pyjwtVerifiesHS256() throws {
        try requirePyJWT()
        let dir = try TempDir()
        let key = try Fixtures.keygen("HS256", kid: "interop-mac", in: dir)
        let result = try python("pyjwt_verify.py", ["--jwk", key], stdin: try Fixtures.mint(key: key, ["--sub", "bob"]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try Fixtures.object(result.stdout)["claims"] as? [String: Any])?["sub"] as? String == "bob")
    }

    @Test("PyJWT rejects a tessera token signed with another secret under the same kid")
    func pyjwtRejectsWrongSecret() throws {
        try requirePyJWT()
        let dir = try TempDir()
        let signer = try Fixtures.keygen("HS256", kid: "same", in: dir, name: "a.jwk")
        let other = try Fixtures.keygen("HS256", kid: "same", in: dir, name: "b.jwk")
        let result = try python("pyjwt_verify.py", ["--jwk", other], stdin: try Fixtures.mint(key: signer))
        #expect(result.status == 1)
        #expect(result.stderr.contains("InvalidSignatureError"))
    }

    @Test("tessera verifies PyJWT tokens with typ at+jwt and kid", arguments: ["EdDSA", "HS256"])
    func tesseraVerifiesPyJWT(alg: String) throws {
        try requirePyJWT()
        let dir = try TempDir()
        let key = try Fixtures.keygen(alg, kid: "py-\(alg)", in: dir)
        let minted = try python("pyjwt_mint.py", ["--jwk", key, "--sub", "carol", "--aud", "api"])
        try #require(minted.status == 0, "\(minted.stderr)")
        let token = minted.stdout.trimmingCharacters(in: .newlines)
        var verifyKey = key
        if alg == "EdDSA" { verifyKey = try dir.write("jwks.json", try CLI.run(["jwks", "--key", key]).stdout) }
        let result = try CLI.run(["verify", "--key", verifyKey, "--aud", "api", token])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try Fixtures.object(result.stdout)
        #expect((json["header"] as? [String: Any])?["alg"] as? String == alg)
        #expect((json["header"] as? [String: Any])?["kid"] as? String == "py-\(alg)")
        #expect((json["claims"] as? [String: Any])?["sub"] as? String == "carol")
    }

    @Test("a PyJWT token without kid verifies against a single-key file", arguments: ["EdDSA", "HS256"])
    func noKidSingleKey(alg: String) throws {
        try requirePyJWT()
        let dir = try TempDir()
        let key = try Fixtures.keygen(alg, in: dir)
        let minted = try python("pyjwt_mint.py", ["--jwk", key, "--sub", "dave", "--no-kid"])
        try #require(minted.status == 0, "\(minted.stderr)")
        let result = try CLI.run(["verify", "--key", key], stdin: minted.stdout)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("tessera rejects PyJWT tokens: typ JWT is wrong_type unless --type JWT; past exp is expired")
    func tesseraRejectsPyJWT() throws {
        try requirePyJWT()
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let plain = try python("pyjwt_mint.py", ["--jwk", key, "--sub", "erin", "--typ", "JWT"]).stdout
        let wrongType = try CLI.run(["verify", "--key", key], stdin: plain)
        #expect(wrongType.status == 1)
        #expect(wrongType.firstErrorLine.hasPrefix("rejected: wrong_type: "))
        #expect(try CLI.run(["verify", "--key", key, "--type", "JWT"], stdin: plain).status == 0)
        let old = try python("pyjwt_mint.py", ["--jwk", key, "--sub", "erin", "--exp-in", "-600"]).stdout
        let expired = try CLI.run(["verify", "--key", key], stdin: old)
        #expect(expired.status == 1)
        #expect(expired.firstErrorLine.hasPrefix("rejected: expired: "))
    }
}
