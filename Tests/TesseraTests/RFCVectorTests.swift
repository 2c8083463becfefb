import Testing
@testable import Tessera

/// Published JWS vectors, copied verbatim from the RFCs. A fixed clock makes them current.
@Suite struct RFCVectorTests {
    /// RFC 7515 Appendix A.1: HS256, header `{"typ":"JWT",\r\n "alg":"HS256"}`, no `kid`.
    @Test func rfc7515A1HS256Verifies() throws {
        let jwk = #"{"kty":"oct","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#
        let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let keys = try KeyFile(contents: Array(jwk.utf8)).keySet()
        let rules = try ClaimRules(leeway: 0, expectedType: "JWT", requireSubject: false, clock: .fixed(1_300_819_379))
        let verified = try Verifier(keys: keys, rules: rules).verify(token)
        #expect(verified.issuer == "joe")
        #expect(verified.expiresAt == 1_300_819_380)
        #expect(verified.algorithm == .hs256)

        let late = try ClaimRules(leeway: 0, expectedType: "JWT", requireSubject: false, clock: .fixed(1_300_819_380))
        #expect(throws: TesseraError(.expired, "the token expired at 1300819380")) { try Verifier(keys: keys, rules: late).verify(token) }
    }

    /// The mirror of A.1: the same token with one signature character changed is refused as a
    /// bad signature (not as malformed: the changed character keeps the encoding canonical).
    @Test func rfc7515A1WithOneFlippedSignatureCharacterIsRejected() throws {
        let jwk = #"{"kty":"oct","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#
        let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let rules = try ClaimRules(leeway: 0, expectedType: "JWT", requireSubject: false, clock: .fixed(1_300_819_379))
        let verifier = try Verifier(keys: KeyFile(contents: Array(jwk.utf8)).keySet(), rules: rules)
        let signatureStart = token.lastIndex(of: ".")!
        for offset in [1, 20, 43] {
            var characters = Array(token)
            let index = token.distance(from: token.startIndex, to: signatureStart) + offset
            characters[index] = characters[index] == "A" ? "B" : "A"
            let tampered = String(characters)
            #expect(rejection(verifier, tampered) == .badSignature, "signature character \(offset) changed")
        }
        #expect(rejection(verifier, token) == nil)
    }

    /// RFC 8037 Appendix A.4: Ed25519 JWS over "Example of Ed25519 signing".
    @Test func rfc8037A4Ed25519SignatureVerifies() throws {
        let jwk = #"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        guard case .signing(let key) = try JWK.parse(Array(jwk.utf8)) else { Issue.record("expected a private key"); return }
        let input = Array("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc".utf8)
        let expected = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
        var signature = [UInt8](repeating: 0, count: 64)
        try input.withUnsafeBytes { i in try signature.withUnsafeMutableBytes { s in try key.core.sign(i, into: s) } }
        #expect(Base64URL.encode(signature) == expected)
        #expect(key.keyID == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")  // RFC 8037 A.3 thumbprint
    }

    @Test func mintedTokensVerify() throws {
        for alg in Algorithm.allCases {
            let key = try SigningKey.generate(alg)
            let issuer = try Issuer(key: key, issuer: "https://auth.example", audience: ["api"])
            let issued = try issuer.issue(TokenRequest(subject: "user-42", scopes: ["read", "write"], sessionID: try RandomID.generate()))
            let verifier = try Verifier(keys: KeySet(key.verificationKey), rules: ClaimRules(issuer: "https://auth.example", audiences: ["api"]))
            let verified = try verifier.verify(issued.token)
            #expect(verified.claims == issued.claims)
            #expect(verified.hasScope("write"))
        }
    }
}
