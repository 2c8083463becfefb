import Testing
@testable import Tessera

/// The JOSE header is read strictly and never supplies a key: `crit`, `jwk`, `jku`, `x5u`, `x5c`
/// and non-JWS members are refused (RFC 8725 §3.10, RFC 7515 §4.1.11). Every token here is
/// correctly signed by the configured key, so only the header check can reject it.
@Suite struct HeaderStrictnessTests {
    let key: SigningKey
    let verifier: Verifier

    init() throws {
        key = try SigningKey.generate(.edDSA, keyID: "ed-1")
        verifier = try Fixture.verifier([key.verificationKey])
    }

    private func verdict(header: String) throws -> TesseraError.Code? {
        rejection(verifier, try HandMade.token(header: header, payload: Fixture.claims, key: key))
    }

    @Test func reorderedOrSpacedHeadersTakeTheParsedPathAndPass() throws {
        #expect(try verdict(header: #"{"typ":"at+jwt","kid":"ed-1","alg":"EdDSA"}"#) == nil)
        #expect(try verdict(header: #" { "alg" : "EdDSA" , "kid" : "ed-1" , "typ" : "at+jwt" } "#) == nil)
        #expect(try verdict(header: #"{"alg":"EdDSA","kid":"ed-1","typ":"at+jwt","x-extra":[1,{"a":null}]}"#) == nil)
        #expect(try verdict(header: #"{"alg":"Ed25519","kid":"ed-1","typ":"at+jwt"}"#) == nil)  // RFC 9864 name
    }

    @Test(arguments: ["crit", "jwk", "jku", "x5u", "x5c", "enc", "zip", "b64", "cty"])
    func keyCarryingAndForeignMembersAreMalformed(member: String) throws {
        let values = [
            "crit": #"["exp"]"#,
            "jwk": #"{"kty":"oct","k":"AAAA"}"#,
            "jku": #""https://attacker.example/jwks.json""#,
            "x5u": #""https://attacker.example/cert.pem""#,
            "x5c": #"["MIIB"]"#,
        ]
        let value = values[member] ?? #""x""#
        #expect(try verdict(header: #"{"alg":"EdDSA","kid":"ed-1","typ":"at+jwt","\#(member)":\#(value)}"#) == .malformed)
    }

    @Test func refusedMembersWrittenWithEscapesAreStillRefused() throws {
        #expect(try verdict(header: #"{"alg":"EdDSA","kid":"ed-1","typ":"at+jwt","\u0063rit":["exp"]}"#) == .malformed)
        #expect(try verdict(header: #"{"alg":"EdDSA","kid":"ed-1","typ":"at+jwt","j\u006bu":"https://a.example"}"#) == .malformed)
    }

    @Test func nonJSONHeaderIsMalformed() throws {
        for header in ["alg=EdDSA", #"{"alg":"EdDSA","kid":"ed-1""#, #"{"alg":"EdDSA",}"#, #"{'alg':'EdDSA'}"#, ""] {
            #expect(try verdict(header: header) == .malformed, "header \(header.debugDescription)")
        }
    }

    @Test func headerThatIsNotAnObjectIsMalformed() throws {
        for header in [#"["EdDSA"]"#, #""EdDSA""#, "null", "42"] {
            #expect(try verdict(header: header) == .malformed, "header \(header)")
        }
    }

    @Test func duplicateHeaderMembersAreMalformed() throws {
        #expect(try verdict(header: #"{"alg":"EdDSA","alg":"EdDSA","kid":"ed-1","typ":"at+jwt"}"#) == .malformed)
        #expect(try verdict(header: #"{"alg":"EdDSA","kid":"ed-1","kid":"ed-2","typ":"at+jwt"}"#) == .malformed)
        #expect(try verdict(header: #"{"alg":"EdDSA","kid":"ed-1","typ":"at+jwt","\u0061lg":"none"}"#) == .malformed)
    }

    @Test func missingOrMistypedMembersAreMalformed() throws {
        #expect(try verdict(header: #"{"kid":"ed-1","typ":"at+jwt"}"#) == .malformed)
        #expect(try verdict(header: #"{"alg":["EdDSA"],"kid":"ed-1","typ":"at+jwt"}"#) == .malformed)
        #expect(try verdict(header: #"{"alg":"EdDSA","kid":1,"typ":"at+jwt"}"#) == .malformed)
        #expect(try verdict(header: #"{"alg":"EdDSA","kid":"ed-1","typ":null}"#) == .malformed)
    }

    /// Regression: a header or claims object with 16 or more members is read before (header)
    /// and after (claims) the signature check, and must neither crash nor overrun memory.
    @Test func wideHeadersAndClaimsAreHandled() throws {
        let extra = (0..<24).map { #""x\#($0)":\#($0)"# }.joined(separator: ",")
        #expect(try verdict(header: #"{"alg":"EdDSA","kid":"ed-1","typ":"at+jwt",\#(extra)}"#) == nil)
        #expect(try verdict(header: #"{"alg":"EdDSA","kid":"ed-1","typ":"at+jwt",\#(extra),"x20":0}"#) == .malformed)
        let claims = #"{"sub":"alice","exp":1700000600,\#(extra)}"#
        #expect(rejection(verifier, try HandMade.token(claims: claims, key: key)) == nil)
        // An unsigned wide header reaches the parser before any signature check.
        let unsigned = HandMade.segment(#"{"alg":"none",\#(extra)}"#) + "." + HandMade.segment(Fixture.claims) + "."
        #expect(rejection(verifier, unsigned) == .unsupportedAlgorithm)
    }

    @Test func headerWithTrailingDataOrBOMIsMalformed() throws {
        #expect(try verdict(header: HandMade.header(key) + "{}") == .malformed)
        #expect(try verdict(header: "\u{FEFF}" + HandMade.header(key)) == .malformed)
    }
}
