import Foundation
import Testing

/// `tessera jwks`: public keys only, never `d` or `k`.
@Suite("jwks")
struct JWKSTests {
    @Test("publishes the public half of every Ed25519 key, never d or k, skipping HMAC with a warning")
    func publicOnly() throws {
        let dir = try TempDir()
        let ed1 = try Fixtures.keygen("EdDSA", kid: "ed-1", in: dir)
        let ed2 = try Fixtures.keygen("EdDSA", kid: "ed-2", in: dir)
        let hmac = try Fixtures.keygen("HS256", kid: "mac", in: dir)
        let result = try CLI.run(["jwks", "--key", ed1, "--key", hmac, "--key", ed2])
        #expect(result.status == 0, "\(result.stderr)")
        let keys = try #require(try Fixtures.object(result.stdout)["keys"] as? [[String: Any]])
        #expect(keys.map { $0["kid"] as? String } == ["ed-1", "ed-2"])
        for key in keys {
            #expect(key["d"] == nil)
            #expect(key["k"] == nil)
            #expect(key["kty"] as? String == "OKP")
        }
        #expect(!result.stdout.contains(#""d""#) && !result.stdout.contains(#""k""#))
        #expect(result.stderr.contains("warning: skipped HS256 key 'mac'"))
        let secret = try #require(try Fixtures.object(String(contentsOfFile: hmac, encoding: .utf8))["k"] as? String)
        #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
    }

    @Test("the Keys/ dev JWK Set is exactly what jwks prints for the dev key")
    func devKeysAgree() throws {
        let result = try CLI.run(["jwks", "--key", "Keys/dev-ed25519.pem"])
        #expect(result.status == 0)
        let stored = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Keys/dev-jwks.json"), encoding: .utf8)
        #expect(result.stdout == stored)
    }

    @Test("only HMAC keys, or no --key at all, exit 2")
    func nothingToPublish() throws {
        let dir = try TempDir()
        let hmac = try CLI.run(["jwks", "--key", try Fixtures.keygen("HS512", in: dir)])
        #expect(hmac.status == 2)
        #expect(hmac.stdout.isEmpty)
        #expect(try CLI.run(["jwks"]).status == 2)
    }
}
