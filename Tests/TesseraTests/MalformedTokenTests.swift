import Testing
@testable import Tessera

/// `malformed`: the token is not exactly one canonical JWS compact serialization of a JSON
/// header and a JSON claims object. Hostile payloads carry valid signatures, so the structural
/// check is the one that fires.
@Suite struct MalformedTokenTests {
    let key: SigningKey
    let verifier: Verifier
    let valid: String

    init() throws {
        key = try SigningKey.generate(.hs256, keyID: "hs-1")
        verifier = try Fixture.verifier([key.verificationKey])
        valid = try HandMade.token(claims: Fixture.claims, key: key)
    }

    @Test func theUntamperedTokenIsAccepted() {
        #expect(rejection(verifier, valid) == nil)
    }

    @Test func segmentCountsOtherThanThreeAreMalformed() {
        let parts = valid.split(separator: ".").map(String.init)
        #expect(rejection(verifier, parts[0]) == .malformed)                                  // 1 segment
        #expect(rejection(verifier, parts[0] + "." + parts[1]) == .malformed)                 // 2
        #expect(rejection(verifier, valid + "." + parts[2]) == .malformed)                    // 4
        #expect(rejection(verifier, parts[0] + ".." + parts[1] + "." + parts[2]) == .malformed)
        #expect(rejection(verifier, "") == .malformed)
        #expect(rejection(verifier, "..") == .malformed)
        #expect(rejection(verifier, "....") == .malformed)                                    // JWE-like 5 segments
    }

    @Test func paddingIsMalformed() throws {
        // A payload whose encoding needs padding, written with it.
        let claims = #"{"sub":"al","exp":1700000600}"#
        #expect(Array(claims.utf8).count % 3 != 0)
        let padded = HandMade.segment(claims) + String(repeating: "=", count: 3 - Array(claims.utf8).count % 3)
        let token = try HandMade.token(encodedHeader: HandMade.segment(HandMade.header(key)), encodedPayload: padded, key: key)
        #expect(rejection(verifier, token) == .malformed)
        // Padding on the signature too.
        #expect(rejection(verifier, valid + "=") == .malformed)
    }

    @Test func standardBase64AlphabetIsMalformed() throws {
        // Claims chosen so that their base64url encoding contains '-' and '_'.
        let claims = #"{"sub":"?>?>~~~","exp":1700000600}"#
        let segment = HandMade.segment(claims)
        #expect(segment.contains("-") || segment.contains("_"))
        let standard = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let good = try HandMade.token(encodedHeader: HandMade.segment(HandMade.header(key)), encodedPayload: segment, key: key)
        let bad = try HandMade.token(encodedHeader: HandMade.segment(HandMade.header(key)), encodedPayload: standard, key: key)
        #expect(rejection(verifier, good) == nil)
        #expect(rejection(verifier, bad) == .malformed)
    }

    /// The last character of a 2- or 3-character group carries unused bits; a lenient decoder
    /// ignores them, so the same signature has several spellings. Only the canonical one passes.
    @Test func nonCanonicalFinalCharacterIsMalformed() throws {
        let signature = String(valid.split(separator: ".")[2])
        #expect(signature.count % 4 == 3)  // 32 bytes → 43 characters, 2 unused bits
        let last = signature.last!
        let index = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").firstIndex(of: last)!
        #expect(index & 3 == 0)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for unused in 1...3 {
            let sibling = String(valid.dropLast()) + String(alphabet[index | unused])
            // Same bytes to a lenient decoder…
            #expect(Base64URL.decode(String(sibling.split(separator: ".")[2])) == nil)
            // …but not a token we accept.
            #expect(rejection(verifier, sibling) == .malformed)
        }
    }

    @Test func whitespaceAndForeignCharactersAreMalformed() {
        #expect(rejection(verifier, " " + valid) == .malformed)
        #expect(rejection(verifier, valid + "\n") == .malformed)
        let parts = valid.split(separator: ".").map(String.init)
        #expect(rejection(verifier, parts[0] + ".\(parts[1].prefix(4)) \(parts[1].dropFirst(4))." + parts[2]) == .malformed)
        #expect(rejection(verifier, parts[0] + "." + parts[1] + "." + parts[2] + "é") == .malformed)
    }

    @Test func nonJSONPayloadIsMalformed() throws {
        for payload in ["not json", "{\"sub\":\"alice\",\"exp\":1700000600", "", "{}x", "\u{FEFF}" + Fixture.claims] {
            let token = try HandMade.token(claims: payload, key: key)
            #expect(rejection(verifier, token) == .malformed, "payload \(payload.debugDescription)")
        }
    }

    @Test func payloadThatIsNotAnObjectIsMalformed() throws {
        for payload in ["[1700000600]", #""alice""#, "1700000600", "null", "true"] {
            #expect(rejection(verifier, try HandMade.token(claims: payload, key: key)) == .malformed, "payload \(payload)")
        }
    }

    @Test func duplicateClaimsAreMalformed() throws {
        let payloads = [
            #"{"sub":"alice","exp":1700000600,"exp":1700000700}"#,
            #"{"sub":"alice","sub":"mallory","exp":1700000600}"#,
            #"{"sub":"alice","exp":1700000600,"\u0065xp":1700000700}"#,  // duplicate after unescaping
            #"{"sub":"alice","exp":1700000600,"x":1,"x":2}"#,             // unknown members too
        ]
        for payload in payloads {
            #expect(rejection(verifier, try HandMade.token(claims: payload, key: key)) == .malformed, "payload \(payload)")
        }
    }

    @Test func registeredClaimsWithTheWrongTypeAreMalformed() throws {
        let payloads = [
            #"{"sub":"alice","exp":"1700000600"}"#,
            #"{"sub":"alice","exp":1700000600,"nbf":"0"}"#,
            #"{"sub":"alice","exp":1700000600,"iat":true}"#,
            #"{"sub":42,"exp":1700000600}"#,
            #"{"sub":"alice","exp":1700000600,"iss":null}"#,
            #"{"sub":"alice","exp":1700000600,"aud":7}"#,
            #"{"sub":"alice","exp":1700000600,"aud":[]}"#,
            #"{"sub":"alice","exp":1700000600,"aud":["api",1]}"#,
            #"{"sub":"alice","exp":1700000600,"jti":{}}"#,
            #"{"sub":"alice","exp":-1}"#,
            #"{"sub":"alice","exp":1e400}"#,
            #"{"sub":"alice","exp":253402300800}"#,
            #"{"sub":"alice","exp":1700000600,"ep":-1}"#,
            #"{"sub":"alice","exp":1700000600,"ep":1.5}"#,
        ]
        for payload in payloads {
            #expect(rejection(verifier, try HandMade.token(claims: payload, key: key)) == .malformed, "payload \(payload)")
        }
    }

    /// `"\u0065xp"` is `exp`: a registered name written with escapes is refused rather than
    /// risking a second parser reading it differently.
    @Test func escapedRegisteredClaimNamesAreMalformed() throws {
        let payloads = [
            #"{"sub":"alice","\u0065xp":1700000600}"#,
            #"{"\u0073ub":"alice","exp":1700000600}"#,
            #"{"sub":"alice","exp":1700000600,"\u0061ud":"api"}"#,
            #"{"sub":"alice","exp":1700000600,"\u0065p":1}"#,
            #"{"sub":"alice","exp":1700000600,"sc\u006fpe":"admin"}"#,
            #"{"sub":"alice","exp":1700000600,"auth_tim\u0065":1}"#,
            #"{"sub":"alice","exp":1700000600,"\u006a\u0074\u0069":"x"}"#,
        ]
        for payload in payloads {
            #expect(rejection(verifier, try HandMade.token(claims: payload, key: key)) == .malformed, "payload \(payload)")
        }
        // An escaped name that is not registered is fine.
        let benign = #"{"sub":"alice","exp":1700000600,"x\u0041":1}"#
        #expect(rejection(verifier, try HandMade.token(claims: benign, key: key)) == nil)
    }

    @Test func fractionalAndExponentDatesAreTruncatedNotRejected() throws {
        for exp in ["1700000600.9", "1.7000006e9", "17000006E2"] {
            let token = try HandMade.token(claims: #"{"sub":"alice","exp":\#(exp)}"#, key: key)
            #expect(try verifier.verify(token).expiresAt == 1_700_000_600, "exp \(exp)")
        }
    }
}
