import Testing
@testable import Tessera

/// `unsupported_algorithm`: the key pins the algorithm; the header's `alg` never selects code
/// (RFC 8725 §2.1, §3.1). Covers `none` in any casing and the classic HS256/public-key attack.
@Suite struct AlgorithmConfusionTests {
    let ed: SigningKey
    let hs: SigningKey
    let verifier: Verifier

    init() throws {
        ed = try SigningKey.generate(.edDSA, keyID: "ed-1")
        hs = try SigningKey.generate(.hs256, keyID: "hs-1")
        verifier = try Fixture.verifier([ed.verificationKey, hs.verificationKey])
    }

    @Test(arguments: ["none", "NONE", "nOnE", "None"])
    func unsignedTokensAreRefusedInAnyCasing(alg: String) throws {
        for kid in [#","kid":"ed-1""#, #","kid":"hs-1""#, ""] {
            let header = HandMade.segment(#"{"alg":"\#(alg)"\#(kid),"typ":"at+jwt"}"#)
            let token = header + "." + HandMade.segment(Fixture.claims) + "."
            #expect(rejection(verifier, token) == .unsupportedAlgorithm, "alg \(alg), kid \(kid)")
        }
        // Even against a single-key verifier where a kid-less token would select the key.
        let single = try Fixture.verifier([hs.verificationKey])
        let token = HandMade.segment(#"{"alg":"\#(alg)","typ":"at+jwt"}"#) + "." + HandMade.segment(Fixture.claims) + "."
        #expect(rejection(single, token) == .unsupportedAlgorithm)
    }

    /// The classic attack: an HS256 token whose MAC key is the verifier's Ed25519 *public* key,
    /// as raw bytes or as its PEM text. A library that lets the header pick the algorithm would
    /// accept it.
    @Test func hs256TokenMACedWithTheEd25519PublicKeyIsRejected() throws {
        let publicKey = ed.verificationKey
        guard case .ed25519(let raw) = publicKey.core.material else { Issue.record("not Ed25519"); return }
        let pem = try publicKey.publicPEM()
        let input = HandMade.segment(#"{"alg":"HS256","kid":"ed-1","typ":"at+jwt"}"#) + "." + HandMade.segment(Fixture.claims)
        for secret in [raw.publicBytes, Array(pem.utf8), Array(publicKey.publicJWK!.utf8)] {
            let mac = try HandMade.hmac(.sha256, secret: secret, message: Array(input.utf8))
            let token = input + "." + Base64URL.encode(mac)
            #expect(rejection(verifier, token) == .unsupportedAlgorithm)
            #expect(rejection(try Fixture.verifier([publicKey]), token) == .unsupportedAlgorithm)
        }
    }

    @Test func hmacHeaderWithAnEdDSAKeyIsRejected() throws {
        for alg in ["HS256", "HS384", "HS512"] {
            let token = try HandMade.token(header: #"{"alg":"\#(alg)","kid":"ed-1","typ":"at+jwt"}"#, payload: Fixture.claims, key: ed)
            #expect(rejection(verifier, token) == .unsupportedAlgorithm, "\(alg) with an EdDSA key")
        }
    }

    @Test func edDSAHeaderWithAnHMACKeyIsRejected() throws {
        for alg in ["EdDSA", "Ed25519"] {
            let token = try HandMade.token(header: #"{"alg":"\#(alg)","kid":"hs-1","typ":"at+jwt"}"#, payload: Fixture.claims, key: ed)
            #expect(rejection(verifier, token) == .unsupportedAlgorithm, "\(alg) with an HMAC key")
        }
    }

    @Test func anotherHMACStrengthThanTheKeysIsRejected() throws {
        for alg in ["HS384", "HS512"] {
            let token = try HandMade.token(header: #"{"alg":"\#(alg)","kid":"hs-1","typ":"at+jwt"}"#, payload: Fixture.claims, key: hs)
            #expect(rejection(verifier, token) == .unsupportedAlgorithm)
        }
    }

    @Test func unknownOrMiscasedAlgorithmNamesAreRejected() throws {
        for alg in ["hs256", "eddsa", "RS256", "ES256", "PS256", "HS256 ", "", "ED25519"] {
            let token = try HandMade.token(header: #"{"alg":"\#(alg)","kid":"hs-1","typ":"at+jwt"}"#, payload: Fixture.claims, key: hs)
            #expect(rejection(verifier, token) == .unsupportedAlgorithm, "alg \(alg.debugDescription)")
        }
    }

    @Test func joseNamesParseCaseSensitively() {
        #expect(Algorithm(joseName: "EdDSA") == .edDSA)
        #expect(Algorithm(joseName: "Ed25519") == .edDSA)
        #expect(Algorithm(joseName: "none") == nil)
        #expect(Algorithm(joseName: "hs256") == nil)
        #expect(Algorithm.allCases.allSatisfy { Algorithm(joseName: $0.name) == $0 })
    }
}
