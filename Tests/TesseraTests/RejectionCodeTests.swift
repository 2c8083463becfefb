import Testing
@testable import Tessera

/// One hostile token per rejection code, through the public ``Verifier``, and a check that the
/// table covers exactly ``TesseraError/Code/verifierRejections``. The per-code suites (Malformed…,
/// HeaderStrictness…, AlgorithmConfusion…, KeySelection…, Signature…, SizeCap…, ClaimRules…,
/// Revocation…) hold the many shapes of each.
@Suite struct RejectionCodeTests {
    struct Case {
        let code: TesseraError.Code
        let verifier: Verifier
        let token: String
    }

    static func cases() throws -> [Case] {
        let key = try SigningKey.generate(.edDSA, keyID: "ed-1")
        let now = Fixture.now
        let plain = try Fixture.verifier([key.verificationKey])
        func signed(_ claims: String) throws -> String { try HandMade.token(claims: claims, key: key) }
        func header(_ json: String) throws -> String { try HandMade.token(header: json, payload: Fixture.claims, key: key) }
        let good = try signed(Fixture.claims)
        let revokedSession = try Fixture.verifier(
            [key.verificationKey], revocation: RevocationList(RevocationSnapshot(sessionIDs: ["s-1"])))
        return [
            Case(code: .malformed, verifier: plain, token: String(good.split(separator: ".")[0])),
            Case(code: .tooLarge, verifier: plain, token: String(repeating: "a", count: 8193)),
            Case(code: .unsupportedAlgorithm, verifier: plain,
                 token: HandMade.segment(#"{"alg":"none","kid":"ed-1"}"#) + "." + HandMade.segment(Fixture.claims) + "."),
            Case(code: .keyNotFound, verifier: plain, token: try header(#"{"alg":"EdDSA","kid":"ed-2","typ":"at+jwt"}"#)),
            Case(code: .badSignature, verifier: plain, token: HandMade.flippingSignatureBit(good)),
            Case(code: .expired, verifier: plain, token: try signed(#"{"sub":"a","exp":\#(now - 61)}"#)),
            Case(code: .notYetValid, verifier: plain, token: try signed(#"{"sub":"a","exp":\#(now + 900),"nbf":\#(now + 61)}"#)),
            Case(code: .missingClaim, verifier: plain, token: try signed(#"{"sub":"a"}"#)),
            Case(code: .wrongAudience, verifier: plain, token: try signed(#"{"sub":"a","exp":\#(now + 900),"aud":"api"}"#)),
            Case(code: .wrongIssuer, verifier: try Fixture.verifier([key.verificationKey], rules: Fixture.rules(issuer: "https://a.example")),
                 token: try signed(#"{"sub":"a","exp":\#(now + 900),"iss":"https://b.example"}"#)),
            Case(code: .wrongType, verifier: plain, token: try header(#"{"alg":"EdDSA","kid":"ed-1","typ":"JWT"}"#)),
            Case(code: .revoked, verifier: revokedSession, token: try signed(#"{"sub":"a","exp":\#(now + 900),"sid":"s-1"}"#)),
        ]
    }

    @Test func everyRejectionCodeHasAHostileTokenThatProducesIt() throws {
        let cases = try Self.cases()
        #expect(cases.map(\.code) == TesseraError.Code.verifierRejections)
        for item in cases {
            let error = try #require(thrownError { try item.verifier.verify(item.token) }, "\(item.code)")
            #expect(error.code == item.code)
            #expect(error.isRejection)
            #expect(error.description.hasPrefix(item.code.rawValue + ": "))
        }
    }

    @Test func codeStringsAreTheCLIContract() {
        #expect(TesseraError.Code.rejections.map(\.rawValue) == [
            "malformed", "too_large", "unsupported_algorithm", "key_not_found", "bad_signature", "expired",
            "not_yet_valid", "missing_claim", "wrong_audience", "wrong_issuer", "wrong_type", "revoked",
            "session_expired", "session_revoked", "refresh_reused",
        ])
        for code in [TesseraError.Code.invalidKey, .invalidConfiguration, .storeUnavailable, .cryptoFailure, .ioFailure] {
            #expect(!TesseraError(code, "x").isRejection)
        }
    }

    @Test func theUnchangedTokenIsAccepted() throws {
        let key = try SigningKey.generate(.edDSA, keyID: "ed-1")
        let verified = try Fixture.verifier([key.verificationKey]).verify(HandMade.token(claims: Fixture.claims, key: key))
        #expect(verified.subject == "alice")
        #expect(verified.type == "at+jwt")
    }
}
