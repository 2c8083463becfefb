import Foundation
import Testing
@testable import Tessera

/// Key material at rest and in transit through Tessera: wiped buffers, owner-only key files, and
/// key-file errors and warnings that never echo the secret. (Printed forms of keys and token
/// errors are covered by `SecretHygieneTests`.)
@Suite struct SecretsHygieneTests {
    static let secret = [UInt8](repeating: 0xC3, count: 32)
    static let k = Base64URL.encode(secret)
    static let d = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
    static let privateJWK = #"{"kty":"oct","alg":"HS256","kid":"hs","k":"\#(k)"}"#

    @Test func cleanseZeroesEveryByte() {
        var buffer = [UInt8](repeating: 0xAA, count: 1000)
        buffer.withUnsafeMutableBytes { OpenSSL.cleanse($0) }
        #expect(buffer.allSatisfy { $0 == 0 })
        var empty: [UInt8] = []
        empty.withUnsafeMutableBytes { OpenSSL.cleanse($0) }  // no-op, no crash
        #expect(empty.isEmpty)
    }

    /// A key keeps its own copy of the secret (which it wipes when freed), so the caller can and
    /// should wipe theirs, and the key still works.
    @Test func keysKeepTheirOwnCopyOfTheSecret() throws {
        var caller = Self.secret
        let key = try SigningKey(hmacSecret: caller, algorithm: .hs256, keyID: "hs")
        caller.withUnsafeMutableBytes { OpenSSL.cleanse($0) }
        let issued = try Issuer(key: key).issue(TokenRequest(subject: "alice"))
        #expect(try Verifier(keys: KeySet(key.verificationKey)).verify(issued.token).subject == "alice")
        #expect(key.privateJWK.contains(Self.k))
    }

    /// Private key files warn unless only the owner can read and write them; public key files
    /// never warn. The warning names the fix and not the secret.
    @Test(arguments: [0o600, 0o400, 0o700, 0o640, 0o604, 0o620, 0o602, 0o644, 0o666, 0o777])
    func privateKeyFilesWarnUnlessOwnerOnly(mode: Int) throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let ownerOnly = mode & 0o077 == 0
        let pem = try SigningKey(pem: "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----\n")
        let publicPEM = try pem.verificationKey.publicPEM()
        for (name, contents, isPrivate) in [("hs.jwk", Self.privateJWK, true), ("ed.pem", try pem.privatePEM(), true), ("ed.pub.pem", publicPEM, false)] {
            let path = dir.path(name)
            try contents.write(toFile: path, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            let warnings = try KeyFile(path: path).warnings
            let shouldWarn = isPrivate && !ownerOnly
            #expect(warnings.count == (shouldWarn ? 1 : 0), "\(name) at \(String(mode, radix: 8))")
            if shouldWarn {
                #expect(warnings[0].contains("chmod 600") && warnings[0].contains(String(mode, radix: 8)))
                #expect(!warnings[0].contains(Self.k) && !warnings[0].contains(Self.d))
            }
        }
    }

    /// Key files that fail to load, at every stage of parsing, do so without echoing a secret.
    @Test func keyFileErrorsNeverEchoTheSecret() throws {
        let okp = #""kty":"OKP","crv":"Ed25519","d":"\#(Self.d)""#
        let broken = [
            #"{"kty":"oct","alg":"RS256","k":"\#(Self.k)"}"#,
            #"{"kty":"oct","alg":"HS256","use":"enc","k":"\#(Self.k)"}"#,
            #"{"kty":"OCT","alg":"HS256","k":"\#(Self.k)"}"#,
            #"{"kty":"oct","k":"\#(Self.k)"}"#,
            #"{"kty":"oct","alg":"HS256","k":"\#(Self.k)","k":"\#(Self.k)"}"#,
            #"{"kty":"oct","alg":"HS256","k":"\#(Self.k)"} trailing"#,
            #"{"kty":"oct","alg":"HS256","k":"\#(Self.k)=="}"#,
            #"{"kty":"oct","alg":"HS512","k":"\#(Self.k)"}"#,
            #"{"keys":[{"kty":"oct","alg":"HS256","kid":"a","k":"\#(Self.k)"},{"kty":"oct","alg":"HS256","k":"AA"}]}"#,
            #"{"keys":[{"kty":"oct","alg":"HS256","kid":"a","k":"\#(Self.k)"},{"kty":"oct","alg":"HS256","kid":"a","k":"\#(Self.k)"}]}"#,
            #"{\#(okp),"x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#,
            #"{\#(okp),"x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","alg":"HS256"}"#,
            #"{\#(okp)}"#,
        ]
        for text in broken {
            let error = try #require(thrownError { try KeyFile(contents: Array(text.utf8)).keySet() }, "\(text.prefix(40))")
            #expect(error.code == .invalidKey)
            for secret in [Self.k, Self.d, String(Self.k.prefix(12)), String(Self.d.prefix(12))] {
                #expect(!error.description.contains(secret), "\(error.description) echoes key material")
            }
        }
    }

    /// Reading a key file from a path gives the same keys as parsing its contents (the buffers
    /// it wipes afterwards are its own copies, never the caller's or the keys').
    @Test func keyFilesReadFromAPathStillWorkAfterTheirBuffersAreWiped() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.path("hs.jwk")
        try Self.privateJWK.write(toFile: path, atomically: false, encoding: .utf8)
        let key = try #require(try KeyFile(path: path).signingKeys.first)
        let issued = try Issuer(key: key).issue(TokenRequest(subject: "alice"))
        let reference = try KeyFile(contents: Array(Self.privateJWK.utf8)).keySet()
        #expect(try Verifier(keys: reference).verify(issued.token).subject == "alice")
    }
}
