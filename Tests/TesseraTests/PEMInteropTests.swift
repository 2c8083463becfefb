import Foundation
import Testing
@testable import Tessera

/// Ed25519 PEM interop with the `openssl` tool: keys written by `openssl genpkey` and
/// `openssl pkey -pubout` import; Tessera's exports are read back by `openssl pkey`; other key
/// types are refused with `invalid_key`.
@Suite(.enabled(if: OpenSSLTool.executable != nil, "needs the openssl command"))
struct PEMInteropTests {
    @Test func opensslGeneratedKeysImportAndAgree() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let priv = dir.path("ed.pem"), pub = dir.path("ed.pub.pem")
        try OpenSSLTool.run(["genpkey", "-algorithm", "ed25519", "-out", priv])
        try OpenSSLTool.run(["pkey", "-in", priv, "-pubout", "-out", pub])

        let signing = try SigningKey(pem: String(contentsOfFile: priv, encoding: .utf8))
        let verifying = try VerificationKey(pem: String(contentsOfFile: pub, encoding: .utf8))
        #expect(signing.algorithm == .edDSA)
        #expect(verifying.publicJWK == signing.verificationKey.publicJWK)
        #expect(verifying.keyID == signing.keyID)  // both the RFC 7638 thumbprint

        // Through KeyFile as well (what `--key PATH` uses).
        let fromFile = try KeyFile(path: priv)
        #expect(fromFile.signingKeys.count == 1 && fromFile.verificationKeys.count == 1)
        let publicFile = try KeyFile(path: pub)
        #expect(publicFile.signingKeys.isEmpty && publicFile.verificationKeys.first?.keyID == signing.keyID)

        let token = try Issuer(key: signing, clock: .fixed(Fixture.now)).issue(TokenRequest(subject: "alice")).token
        #expect(rejection(try Fixture.verifier([verifying]), token) == nil)
    }

    @Test func exportedPEMIsAcceptedByOpenSSL() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let key = try SigningKey.generate(.edDSA)
        let priv = dir.path("ours.pem"), pub = dir.path("ours.pub.pem")
        try FileIO.writeSecret(Array(try key.privatePEM().utf8), to: priv)
        try key.verificationKey.publicPEM().write(toFile: pub, atomically: true, encoding: .utf8)

        let text = try OpenSSLTool.run(["pkey", "-in", priv, "-noout", "-text"])
        #expect(text.contains("ED25519 Private-Key"))
        // openssl derives the same public key from our private key as we export.
        let derived = try OpenSSLTool.run(["pkey", "-in", priv, "-pubout"])
        #expect(derived == (try key.verificationKey.publicPEM()))
        let publicText = try OpenSSLTool.run(["pkey", "-pubin", "-in", pub, "-noout", "-text"])
        #expect(publicText.contains("ED25519 Public-Key"))
    }

    /// An independent verifier: `openssl pkeyutl` checks a signature Tessera made.
    @Test func opensslVerifiesOurEd25519Signatures() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let key = try SigningKey.generate(.edDSA)
        let pub = dir.path("pub.pem"), message = dir.path("msg"), signature = dir.path("sig")
        try key.verificationKey.publicPEM().write(toFile: pub, atomically: true, encoding: .utf8)
        let input = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZSJ9"
        try Data(input.utf8).write(to: URL(fileURLWithPath: message))
        var sig = try HandMade.signature(over: input, key: key)
        try Data(sig).write(to: URL(fileURLWithPath: signature))
        let ok = try OpenSSLTool.run(["pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", message, "-sigfile", signature])
        #expect(ok.contains("Signature Verified Successfully"))
        sig[10] ^= 1
        try Data(sig).write(to: URL(fileURLWithPath: signature))
        #expect(throws: OpenSSLTool.Failure.self) {
            try OpenSSLTool.run(["pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", message, "-sigfile", signature])
        }
    }

    @Test(arguments: [
        ["genpkey", "-algorithm", "x25519"],
        ["genpkey", "-algorithm", "ed448"],
        ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    ])
    func otherKeyTypesAreRefused(generate: [String]) throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let priv = dir.path("other.pem"), pub = dir.path("other.pub.pem")
        try OpenSSLTool.run(generate + ["-out", priv])
        try OpenSSLTool.run(["pkey", "-in", priv, "-pubout", "-out", pub])
        let privateText = try String(contentsOfFile: priv, encoding: .utf8)
        let publicText = try String(contentsOfFile: pub, encoding: .utf8)
        #expect(privateText.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(errorCode { try SigningKey(pem: privateText) } == .invalidKey)
        #expect(errorCode { try VerificationKey(pem: publicText) } == .invalidKey)
        #expect(errorCode { try KeyFile(path: priv) } == .invalidKey)
        #expect(errorCode { try KeyFile(path: pub) } == .invalidKey)
    }

    @Test func legacyECPEMIsRefused() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.path("ec.pem")
        try OpenSSLTool.run(["ecparam", "-name", "prime256v1", "-genkey", "-out", path])
        #expect(errorCode { try KeyFile(path: path) } == .invalidKey)
    }
}
