import Testing
@testable import Tessera

/// The claim checks that run once the signature holds: time (`expired`, `not_yet_valid`),
/// presence (`missing_claim`), `iss` (`wrong_issuer`), `aud` (`wrong_audience`) and the header's
/// `typ` (`wrong_type`), with a fixed clock and an explicit leeway.
@Suite struct ClaimRulesTests {
    let key: SigningKey
    let now = Fixture.now

    init() throws { key = try SigningKey.generate(.hs256, keyID: "hs-1") }

    private func verdict(_ claims: String, rules: ClaimRules? = nil, typ: String? = "at+jwt") throws -> TesseraError.Code? {
        let header = typ.map { #"{"alg":"HS256","kid":"hs-1","typ":"\#($0)"}"# } ?? #"{"alg":"HS256","kid":"hs-1"}"#
        let token = try HandMade.token(header: header, payload: claims, key: key)
        return rejection(try Fixture.verifier([key.verificationKey], rules: rules ?? Fixture.rules()), token)
    }

    // MARK: time

    @Test func expiryHonoursTheLeewayToTheSecond() throws {
        let rules = try Fixture.rules(leeway: 60)
        // Valid while now < exp + leeway.
        #expect(try verdict(#"{"sub":"a","exp":\#(now - 59)}"#, rules: rules) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now - 60)}"#, rules: rules) == .expired)
        #expect(try verdict(#"{"sub":"a","exp":\#(now - 61)}"#, rules: rules) == .expired)
        let strict = try Fixture.rules(leeway: 0)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 1)}"#, rules: strict) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now)}"#, rules: strict) == .expired)
        #expect(try verdict(#"{"sub":"a","exp":0}"#, rules: strict) == .expired)
    }

    @Test func notBeforeHonoursTheLeewayToTheSecond() throws {
        let rules = try Fixture.rules(leeway: 60)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"nbf":\#(now + 60)}"#, rules: rules) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"nbf":\#(now + 61)}"#, rules: rules) == .notYetValid)
        let strict = try Fixture.rules(leeway: 0)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"nbf":\#(now)}"#, rules: strict) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"nbf":\#(now + 1)}"#, rules: strict) == .notYetValid)
    }

    @Test func issuedInTheFutureIsNotYetValid() throws {
        let rules = try Fixture.rules(leeway: 60)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"iat":\#(now + 60)}"#, rules: rules) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"iat":\#(now + 61)}"#, rules: rules) == .notYetValid)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"iat":\#(now + 86_400)}"#, rules: rules) == .notYetValid)
    }

    @Test func leewayIsBoundedTo300Seconds() throws {
        #expect(errorCode { try ClaimRules(leeway: 301) } == .invalidConfiguration)
        #expect(errorCode { try ClaimRules(leeway: -1) } == .invalidConfiguration)
        #expect(errorCode { try ClaimRules(leeway: Int64.max) } == .invalidConfiguration)
        #expect(errorCode { try ClaimRules(leeway: 300) } == nil)
        #expect(errorCode { try ClaimRules(leeway: 0) } == nil)
        #expect(ClaimRules.standard.leeway == 60)
        let widest = try Fixture.rules(leeway: 300)
        #expect(try verdict(#"{"sub":"a","exp":\#(now - 299)}"#, rules: widest) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now - 300)}"#, rules: widest) == .expired)
    }

    // MARK: presence

    @Test func missingExpOrSubIsMissingClaim() throws {
        #expect(try verdict(#"{"sub":"a"}"#) == .missingClaim)
        #expect(try verdict(#"{"sub":"a","iat":\#(now)}"#) == .missingClaim)
        #expect(try verdict(#"{"exp":\#(now + 900)}"#) == .missingClaim)
        #expect(try verdict(#"{}"#) == .missingClaim)
        let noSubject = try Fixture.rules(requireSubject: false)
        #expect(try verdict(#"{"exp":\#(now + 900)}"#, rules: noSubject) == nil)
        #expect(try verdict(#"{"sub":"a"}"#, rules: noSubject) == .missingClaim)  // exp is never optional
    }

    // MARK: issuer

    @Test func issuerMustMatchWhenConfigured() throws {
        let rules = try Fixture.rules(issuer: "https://auth.example")
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"iss":"https://auth.example"}"#, rules: rules) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"iss":"https:\/\/auth.example"}"#, rules: rules) == nil)  // same string
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900)}"#, rules: rules) == .missingClaim)
        for other in ["https://evil.example", "https://auth.example/", "HTTPS://AUTH.EXAMPLE", "https://auth.exampl", ""] {
            #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"iss":"\#(other)"}"#, rules: rules) == .wrongIssuer, "iss \(other)")
        }
        // Without a configured issuer any iss (or none) passes.
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"iss":"anyone"}"#) == nil)
    }

    // MARK: audience

    @Test func audienceMustMatchWhenConfigured() throws {
        let rules = try Fixture.rules(audiences: ["api", "billing"])
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":"api"}"#, rules: rules) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":"billing"}"#, rules: rules) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":"\u0061pi"}"#, rules: rules) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":"web"}"#, rules: rules) == .wrongAudience)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":"API"}"#, rules: rules) == .wrongAudience)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":"ap"}"#, rules: rules) == .wrongAudience)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900)}"#, rules: rules) == .missingClaim)
    }

    @Test func audienceArraysNeedOneAcceptedEntry() throws {
        let rules = try Fixture.rules(audiences: ["api"])
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":["web","api"]}"#, rules: rules) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":[ "web" , "\u0061pi" ]}"#, rules: rules) == nil)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":["web","mobile"]}"#, rules: rules) == .wrongAudience)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":["apix"]}"#, rules: rules) == .wrongAudience)
    }

    /// RFC 7519 §4.1.3: a token meant for someone must be refused by a verifier that is not
    /// configured as anyone.
    @Test func audienceWhenNoneIsConfiguredIsWrongAudience() throws {
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":"api"}"#) == .wrongAudience)
        #expect(try verdict(#"{"sub":"a","exp":\#(now + 900),"aud":["api"]}"#) == .wrongAudience)
    }

    // MARK: type

    @Test func typeMustBeTheAccessTokenType() throws {
        let claims = #"{"sub":"a","exp":\#(now + 900)}"#
        #expect(try verdict(claims, typ: "at+jwt") == nil)
        #expect(try verdict(claims, typ: "application/at+jwt") == nil)
        #expect(try verdict(claims, typ: "AT+JWT") == nil)
        #expect(try verdict(claims, typ: "JWT") == .wrongType)
        #expect(try verdict(claims, typ: "id_token+jwt") == .wrongType)
        #expect(try verdict(claims, typ: "application/jwt") == .wrongType)
        #expect(try verdict(claims, typ: "at+jwt; charset=utf-8") == .wrongType)
        #expect(try verdict(claims, typ: nil) == .wrongType)
        let jwt = try Fixture.rules(expectedType: "JWT")
        #expect(try verdict(claims, rules: jwt, typ: "JWT") == nil)
        #expect(try verdict(claims, rules: jwt, typ: "at+jwt") == .wrongType)
        let any = try Fixture.rules(expectedType: nil)
        #expect(try verdict(claims, rules: any, typ: nil) == nil)
    }

    @Test func theClockIsInjected() throws {
        let issued = try Issuer(key: key, lifetime: 900, clock: .fixed(1_000_000)).issue(TokenRequest(subject: "a"))
        let keys = [key.verificationKey]
        #expect(rejection(try Fixture.verifier(keys, rules: Fixture.rules(now: 1_000_000)), issued.token) == nil)
        #expect(rejection(try Fixture.verifier(keys, rules: Fixture.rules(leeway: 0, now: 1_000_900)), issued.token) == .expired)
        #expect(rejection(try Fixture.verifier(keys, rules: Fixture.rules(leeway: 0, now: 999_999)), issued.token) == .notYetValid)
    }
}
