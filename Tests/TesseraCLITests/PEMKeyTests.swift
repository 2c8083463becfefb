import Foundation
import Testing

/// `--key` accepts what OpenSSL writes: PKCS#8 private and SPKI public Ed25519 PEM.
@Suite("OpenSSL PEM keys")
struct PEMKeyTests {
    @Test("openssl genpkey / pkey -pubout files mint, verify and export")
    func opensslKeys() throws {
        let dir = try TempDir()
        let privatePath = dir.path("ed.pem")
        let publicPath = dir.path("ed.pub.pem")
        let gen = try CLI.exec("/usr/bin/env", ["openssl", "genpkey", "-algorithm", "ed25519", "-out", privatePath])
        try #require(gen.status == 0, "openssl genpkey failed: \(gen.stderr)")
        try #require(try CLI.exec("/usr/bin/env", ["openssl", "pkey", "-in", privatePath, "-pubout", "-out", publicPath]).status == 0)

        let token = try Fixtures.mint(key: privatePath, ["--aud", "api"])
        let verified = try CLI.run(["verify", "--key", publicPath, "--aud", "api", token])
        #expect(verified.status == 0, "\(verified.stderr)")
        let jwks = try CLI.run(["jwks", "--key", publicPath])
        #expect(jwks.status == 0)
        let kid = try #require((try Fixtures.object(jwks.stdout)["keys"] as? [[String: Any]])?.first?["kid"] as? String)
        #expect((try Fixtures.object(verified.stdout)["header"] as? [String: Any])?["kid"] as? String == kid)
    }

    @Test("a public PEM cannot mint: exit 2 with the fix")
    func publicCannotMint() throws {
        let result = try CLI.run(["mint", "--key", "Keys/dev-ed25519.pub.pem", "--sub", "alice"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("private"))
    }

    @Test("the dev key's JWK, PEM, public PEM and JWK Set are one key", arguments: [
        "Keys/dev-ed25519.jwk", "Keys/dev-ed25519.pem", "Keys/dev-ed25519.pub.pem", "Keys/dev-jwks.json",
    ])
    func devKeyForms(verifyKey: String) throws {
        for signer in ["Keys/dev-ed25519.jwk", "Keys/dev-ed25519.pem"] {
            let result = try CLI.run(["verify", "--key", verifyKey, try Fixtures.mint(key: signer)])
            #expect(result.status == 0, "\(signer) → \(verifyKey): \(result.stderr)")
        }
    }
}
