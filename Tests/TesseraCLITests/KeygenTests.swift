import Foundation
import Testing

/// `tessera keygen`: private keys, 0600 files, every algorithm, PEM.
@Suite("keygen")
struct KeygenTests {
    @Test("--out writes a private JWK with mode 0600", arguments: ["EdDSA", "HS256", "HS384", "HS512"])
    func writesPrivateFile(alg: String) throws {
        let dir = try TempDir()
        let path = try Fixtures.keygen(alg, kid: "my-key", in: dir)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o600)
        let jwk = try Fixtures.object(try String(contentsOfFile: path, encoding: .utf8))
        #expect(jwk["alg"] as? String == alg)
        #expect(jwk["kid"] as? String == "my-key")
        if alg == "EdDSA" {
            #expect(jwk["kty"] as? String == "OKP")
            #expect((jwk["d"] as? String)?.count == 43)
        } else {
            let bytes = ["HS256": 32, "HS384": 48, "HS512": 64][alg]!
            #expect(jwk["kty"] as? String == "oct")
            #expect((jwk["k"] as? String)?.count == (bytes * 4 + 2) / 3)
        }
    }

    @Test("without --out the private JWK goes to stdout, and keys differ each time")
    func stdoutAndFresh() throws {
        let first = try CLI.run(["keygen", "--alg", "HS256"])
        let second = try CLI.run(["keygen", "--alg", "HS256"])
        #expect(first.status == 0)
        #expect(try Fixtures.object(first.stdout)["k"] != nil)
        #expect(first.stdout != second.stdout)
    }

    @Test("an existing --out file is kept unless --force")
    func refusesOverwrite() throws {
        let dir = try TempDir()
        let path = try Fixtures.keygen("EdDSA", in: dir)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let refused = try CLI.run(["keygen", "--alg", "EdDSA", "--out", path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        #expect(try CLI.run(["keygen", "--alg", "EdDSA", "--out", path, "--force"]).status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) != before)
    }

    @Test("--format pem writes PKCS#8 that openssl reads and tessera signs with")
    func pemFormat() throws {
        let dir = try TempDir()
        let path = dir.path("key.pem")
        #expect(try CLI.run(["keygen", "--alg", "EdDSA", "--format", "pem", "--out", path]).status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let pub = try CLI.exec("/usr/bin/env", ["openssl", "pkey", "-in", path, "-pubout"])
        #expect(pub.status == 0, "\(pub.stderr)")
        let pubPath = try dir.write("key.pub.pem", pub.stdout)
        let token = try Fixtures.mint(key: path)
        #expect(try CLI.run(["verify", "--key", pubPath, token]).status == 0)
    }

    @Test("usage errors exit 2: unknown algorithm, PEM for HMAC, empty kid", arguments: [
        ["--alg", "RS256"], ["--alg", "none"], ["--alg", "HS256", "--format", "pem"], ["--alg", "EdDSA", "--kid", ""], [],
    ])
    func usageErrors(arguments: [String]) throws {
        let result = try CLI.run(["keygen"] + arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
