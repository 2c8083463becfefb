import Testing
@testable import Tessera

/// The issuer: fixed header per key, defaults (15 minutes, 128-bit `jti`), and refusal of
/// out-of-range requests. Tokens it mints verify and carry exactly the requested claims.
@Suite struct IssuerTests {
    @Test(arguments: Algorithm.allCases)
    func mintedTokensVerifyWithTheirClaims(algorithm: Algorithm) throws {
        let key = try SigningKey.generate(algorithm, keyID: "k-1")
        let issuer = try Issuer(key: key, issuer: "https://auth.example", audience: ["api", "web"], clock: .fixed(Fixture.now))
        let request = TokenRequest(subject: "user-42", scopes: ["read", "write"], sessionID: "s-1", authTime: Fixture.now - 5, epoch: 2)
        let issued = try issuer.issue(request)
        let verifier = try Fixture.verifier([key.verificationKey], rules: Fixture.rules(issuer: "https://auth.example", audiences: ["web"]))
        let verified = try verifier.verify(issued.token)
        #expect(verified.claims == issued.claims)
        #expect(verified.subject == "user-42" && verified.audience == ["api", "web"] && verified.scope == "read write")
        #expect(verified.sessionID == "s-1" && verified.authTime == Fixture.now - 5 && verified.epoch == 2)
        #expect(verified.hasScope("write") && !verified.hasScope("wri") && !verified.hasScope("admin"))
        #expect(verified.algorithm == algorithm && verified.keyID == "k-1" && verified.type == "at+jwt")
    }

    @Test func headerIsAlgKidTyp() throws {
        let key = try SigningKey.generate(.edDSA, keyID: "ed-1")
        let token = try Issuer(key: key).issue(TokenRequest(subject: "a")).token
        let header = Base64URL.decode(token.split(separator: ".")[0]).map { String(decoding: $0, as: UTF8.self) }
        #expect(header == #"{"alg":"EdDSA","kid":"ed-1","typ":"at+jwt"}"#)
        for algorithm in [Algorithm.hs256, .hs384, .hs512] {
            let key = try SigningKey.generate(algorithm, keyID: "h")
            let token = try Issuer(key: key).issue(TokenRequest(subject: "a")).token
            #expect(Base64URL.decode(token.split(separator: ".")[0]).map { String(decoding: $0, as: UTF8.self) }
                    == #"{"alg":"\#(algorithm)","kid":"h","typ":"at+jwt"}"#)
        }
    }

    @Test func defaultsAreFifteenMinutesAndARandom128BitJTI() throws {
        let issuer = try Issuer(key: SigningKey.generate(.hs256), clock: .fixed(Fixture.now))
        let a = try issuer.issue(TokenRequest(subject: "a")).claims
        let b = try issuer.issue(TokenRequest(subject: "a")).claims
        #expect(a.issuedAt == Fixture.now && a.expiresAt == Fixture.now + 900)
        #expect(a.tokenID?.count == 22 && Base64URL.decode(a.tokenID!)?.count == 16)
        #expect(a.tokenID != b.tokenID)
        #expect(a.epoch == nil && a.audience.isEmpty && a.issuer == nil)
        #expect(try issuer.issue(TokenRequest(subject: "a", lifetime: 60)).claims.expiresAt == Fixture.now + 60)
    }

    @Test func outOfRangeRequestsAreRefused() throws {
        let key = try SigningKey.generate(.hs256)
        #expect(errorCode { try Issuer(key: key, lifetime: 0) } == .invalidConfiguration)
        #expect(errorCode { try Issuer(key: key, lifetime: 86_401) } == .invalidConfiguration)
        #expect(errorCode { try Issuer(key: key, issuer: "") } == .invalidConfiguration)
        let issuer = try Issuer(key: key)
        let bad = [
            TokenRequest(subject: ""),
            TokenRequest(subject: String(repeating: "s", count: 256)),
            TokenRequest(subject: "a", scopes: ["two words"]),
            TokenRequest(subject: "a", scopes: [""]),
            TokenRequest(subject: "a", lifetime: -5),
            TokenRequest(subject: "a", epoch: -1),
            TokenRequest(subject: "a", sessionID: String(repeating: "x", count: Issuer.maxClaimLength + 1)),
        ]
        for request in bad { #expect(errorCode { try issuer.issue(request) } == .invalidConfiguration) }
        // A truly public key (a SigningKey's own verificationKey shares its private core).
        let publicOnly = try VerificationKey(ed25519PublicKey: Base64URL.decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")!)
        #expect(errorCode { try TokenSigner.sign(Claims(subject: "a", expiresAt: 1), with: publicOnly.core) } == .invalidKey)
    }

    @Test func claimStringsAreEscapedSoTheyCannotInjectMembers() throws {
        let key = try SigningKey.generate(.hs256, keyID: "k")
        let issuer = try Issuer(key: key, clock: .fixed(Fixture.now))
        let sneaky = #"alice","sub":"admin"#
        let issued = try issuer.issue(TokenRequest(subject: sneaky, scopes: ["a\"b", "\u{1}"], sessionID: "\u{2028}\\"))
        let verified = try Fixture.verifier([key.verificationKey]).verify(issued.token)
        #expect(verified.subject == sneaky)
        #expect(verified.scope == "a\"b \u{1}")
        #expect(verified.sessionID == "\u{2028}\\")
    }
}
