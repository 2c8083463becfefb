import Foundation
import Testing
@testable import Tessera

/// Key files: recognised by content (JWK, JWK Set, PEM), private files written 0600, warnings for
/// readable private files and skipped foreign keys, duplicate kids refused.
@Suite struct KeyFileTests {
    @Test func writePrivateJWKCreatesMode0600() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let key = try SigningKey.generate(.edDSA)
        let path = dir.path("new.jwk")
        try key.writePrivateJWK(toFile: path)
        #expect(try ScratchDirectory.mode(of: path) == 0o600)
        let loaded = try KeyFile(path: path)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.signingKeys.first?.privateJWK == key.privateJWK)
    }

    @Test func writePrivateJWKTightensAnExistingReadableFile() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.path("old.jwk")
        try String(repeating: "old contents that are longer than the key ", count: 20).write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(try ScratchDirectory.mode(of: path) == 0o644)
        let key = try SigningKey.generate(.hs512)
        try key.writePrivateJWK(toFile: path)
        #expect(try ScratchDirectory.mode(of: path) == 0o600)
        let loaded = try KeyFile(path: path)  // truncated, not appended to
        #expect(loaded.signingKeys.first?.privateJWK == key.privateJWK)
    }

    @Test func writePrivateJWKDoesNotFollowSymlinks() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let target = dir.path("target"), link = dir.path("link.jwk")
        try "keep".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(errorCode { try SigningKey.generate(.hs256).writePrivateJWK(toFile: link) } == .ioFailure)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
    }

    @Test func readablePrivateKeyFileWarns() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.path("loose.jwk")
        try SigningKey.generate(.edDSA).writePrivateJWK(toFile: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let loaded = try KeyFile(path: path)
        #expect(loaded.signingKeys.count == 1)
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.contains("chmod 600") == true)
        #expect(loaded.warnings.first?.contains("644") == true)
        // A public key file may be world-readable.
        let publicPath = dir.path("public.jwk")
        try SigningKey.generate(.edDSA).verificationKey.publicJWK!.write(toFile: publicPath, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: publicPath)
        #expect(try KeyFile(path: publicPath).warnings.isEmpty)
    }

    @Test func jwksWithDuplicateKidIsRefused() throws {
        let a = try SigningKey.generate(.edDSA, keyID: "same").verificationKey.publicJWK!
        let b = try SigningKey.generate(.edDSA, keyID: "same").verificationKey.publicJWK!
        let jwks = #"{"keys":[\#(a),\#(b)]}"#
        #expect(errorCode { try KeySet(jwks: jwks) } == .invalidKey)
        #expect(errorCode { try KeyFile(contents: Array(jwks.utf8)).keySet() } == .invalidKey)
    }

    @Test func jwksWithAnRSAKeyIsSkippedWithAWarning() throws {
        let ed = try SigningKey.generate(.edDSA, keyID: "ed-1")
        let rsa = #"{"kty":"RSA","kid":"rsa-1","use":"sig","alg":"RS256","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}"#
        let jwks = #"{"keys":[\#(rsa),\#(ed.verificationKey.publicJWK!)]}"#
        let file = try KeyFile(contents: Array(jwks.utf8))
        #expect(file.verificationKeys.map(\.keyID) == ["ed-1"])
        #expect(file.warnings.count == 1 && file.warnings[0].contains("RSA"))
        #expect(try KeySet(jwks: jwks).keys.count == 1)
        // A set with nothing usable is refused.
        #expect(errorCode { try KeySet(jwks: #"{"keys":[\#(rsa)]}"#) } == .invalidKey)
        #expect(errorCode { try KeySet(jwks: #"{"keys":[]}"#) } == .invalidKey)
        #expect(errorCode { try KeySet(jwks: #"{"keys":{}}"#) } == .invalidKey)
    }

    @Test func formatsAreRecognisedByContent() throws {
        let ed = try SigningKey.generate(.edDSA, keyID: "ed-1")
        let hs = try SigningKey.generate(.hs256, keyID: "hs-1")
        #expect(try KeyFile(contents: Array(("\n  " + ed.privateJWK).utf8)).signingKeys.count == 1)
        #expect(try KeyFile(contents: Array(ed.verificationKey.publicJWK!.utf8)).signingKeys.isEmpty)
        #expect(try KeyFile(contents: Array(try ed.privatePEM().utf8)).signingKeys.first?.keyID == Thumbprint.okp(x: {
            guard case .ed25519(let raw) = ed.core.material else { return [] }
            return raw.publicBytes
        }()))
        let mixed = try KeyFile(contents: Array(#"{"keys":[\#(ed.privateJWK),\#(hs.privateJWK)]}"#.utf8))
        #expect(mixed.signingKeys.count == 2 && mixed.verificationKeys.count == 2)
        #expect(errorCode { try KeyFile(contents: []) } == .invalidKey)
        #expect(errorCode { try KeyFile(contents: Array(" \n".utf8)) } == .invalidKey)
        #expect(errorCode { try KeyFile(contents: Array("garbage".utf8)) } == .invalidKey)
        #expect(errorCode { try KeyFile(path: "/nonexistent/tessera/key.jwk") } == .ioFailure)
    }
}
