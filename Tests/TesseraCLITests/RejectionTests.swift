import Foundation
import Testing

/// `tessera verify` rejections: exit 1, first stderr line `rejected: CODE: detail`, and the
/// token never echoed.
@Suite("verify rejections")
struct RejectionTests {
    /// Runs `verify` and checks the contract for a rejection with `code`.
    private func expectRejected(_ code: String, key: String, _ token: String, _ options: [String] = []) throws {
        let result = try CLI.run(["verify", "--key", key] + options + [token])
        #expect(result.status == 1, "expected exit 1 for \(code), got \(result.status): \(result.stderr)")
        #expect(result.firstErrorLine.hasPrefix("rejected: \(code): "), "first stderr line: \(result.firstErrorLine)")
        #expect(result.stdout.isEmpty)
        if token.count > 20 { #expect(!result.stderr.contains(token), "the token must never be printed") }
        if let signature = token.split(separator: ".").last, signature.count > 20 {
            #expect(!result.stderr.contains(signature))
        }
    }

    @Test("malformed: not three base64url segments")
    func malformed() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        try expectRejected("malformed", key: key, "not-a-token")
        try expectRejected("malformed", key: key, "a.b")
        try expectRejected("malformed", key: key, "e30=.e30.AAAA")
    }

    @Test("too_large: over the 8 KiB cap")
    func tooLarge() throws {
        let dir = try TempDir()
        try expectRejected("too_large", key: try Fixtures.keygen("EdDSA", in: dir), String(repeating: "a", count: 9000))
    }

    @Test("unsupported_algorithm: alg none, or an alg other than the key's")
    func unsupportedAlgorithm() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("HS256", kid: "k", in: dir)
        let payload = #"{"sub":"alice","exp":\#(Fixtures.now + 600)}"#
        try expectRejected("unsupported_algorithm", key: key, Fixtures.forged(header: #"{"alg":"none","typ":"at+jwt"}"#, payload: payload))
        try expectRejected("unsupported_algorithm", key: key, Fixtures.forged(header: #"{"alg":"HS512","kid":"k","typ":"at+jwt"}"#, payload: payload))
    }

    @Test("key_not_found: a kid no configured key has")
    func keyNotFound() throws {
        let dir = try TempDir()
        let signer = try Fixtures.keygen("EdDSA", kid: "a", in: dir)
        let other = try Fixtures.keygen("EdDSA", kid: "b", in: dir)
        try expectRejected("key_not_found", key: other, try Fixtures.mint(key: signer))
    }

    @Test("bad_signature: same kid, different secret; or a tampered payload")
    func badSignature() throws {
        let dir = try TempDir()
        let signer = try Fixtures.keygen("HS256", kid: "same", in: dir, name: "one.jwk")
        let other = try Fixtures.keygen("HS256", kid: "same", in: dir, name: "two.jwk")
        try expectRejected("bad_signature", key: other, try Fixtures.mint(key: signer))
        let ed = try Fixtures.keygen("EdDSA", in: dir)
        var parts = try Fixtures.mint(key: ed).split(separator: ".").map(String.init)
        parts[1] = try Fixtures.mint(key: ed, sub: "mallory").split(separator: ".")[1].description
        try expectRejected("bad_signature", key: ed, parts.joined(separator: "."))
    }

    @Test("expired: exp in the past beyond the leeway")
    func expired() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        try expectRejected("expired", key: key, try Fixtures.token(key: key, issuedAt: Fixtures.now - 3600))
    }

    @Test("--leeway widens the window: a token 30 s past exp passes with --leeway 120")
    func leeway() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let token = try Fixtures.token(key: key, issuedAt: Fixtures.now - 90)
        try expectRejected("expired", key: key, token, ["--leeway", "0"])
        #expect(try CLI.run(["verify", "--key", key, "--leeway", "120", token]).status == 0)
    }

    @Test("not_yet_valid: issued in the future beyond the leeway")
    func notYetValid() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        try expectRejected("not_yet_valid", key: key, try Fixtures.token(key: key, issuedAt: Fixtures.now + 3600, lifetime: 7200))
    }

    @Test("missing_claim: --iss or --aud required but absent")
    func missingClaim() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let token = try Fixtures.mint(key: key)
        try expectRejected("missing_claim", key: key, token, ["--iss", "https://auth.example"])
        try expectRejected("missing_claim", key: key, token, ["--aud", "api"])
    }

    @Test("wrong_audience: another audience, or an audience the verifier does not accept")
    func wrongAudience() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let token = try Fixtures.mint(key: key, ["--aud", "billing"])
        try expectRejected("wrong_audience", key: key, token, ["--aud", "api"])
        try expectRejected("wrong_audience", key: key, token)
    }

    @Test("wrong_issuer: another iss")
    func wrongIssuer() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        try expectRejected("wrong_issuer", key: key, try Fixtures.mint(key: key, ["--iss", "https://evil.example"]), ["--iss", "https://auth.example"])
    }

    @Test("wrong_type: typ other than the expected one")
    func wrongType() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        try expectRejected("wrong_type", key: key, try Fixtures.mint(key: key), ["--type", "JWT"])
    }
}
