import Testing
@testable import Tessera

/// Secrets stay out of everything printable: key descriptions show algorithm and kid only, and
/// error details never echo a token or key material.
@Suite struct SecretHygieneTests {
    private func secretForms(of key: SigningKey) throws -> [String] {
        let jwk = try JSONValue.parse(Array(key.privateJWK.utf8))
        let secret = try #require(jwk["k"]?.stringValue ?? jwk["d"]?.stringValue)
        let bytes = try #require(Base64URL.decode(secret))
        return [secret, Hex.encode(bytes), bytes.map(String.init).joined(separator: ", "), key.privateJWK]
    }

    @Test(arguments: Algorithm.allCases)
    func keyDescriptionsShowNoSecret(algorithm: Algorithm) throws {
        let key = try SigningKey.generate(algorithm, keyID: "kid-1")
        #expect(key.description == "SigningKey(\(algorithm), kid: kid-1)")
        #expect(key.verificationKey.description == "VerificationKey(\(algorithm), kid: kid-1)")
        var dumped = ""
        dump(key, to: &dumped)
        dump(key.verificationKey, to: &dumped)
        let printed = [key.description, "\(key)", String(reflecting: key), key.verificationKey.description,
                       String(reflecting: key.verificationKey), dumped]
        for form in try secretForms(of: key) {
            for text in printed { #expect(!text.contains(form), "\(algorithm): secret visible in a printed form") }
        }
    }

    @Test func errorDetailsNeverContainTheToken() throws {
        let key = try SigningKey.generate(.hs256, keyID: "hs-1")
        let verifier = try Fixture.verifier([key.verificationKey])
        let token = try HandMade.token(claims: Fixture.claims, key: key)
        let parts = token.split(separator: ".").map(String.init)
        let hostile = [
            HandMade.flippingSignatureBit(token),
            parts[0] + "." + parts[1] + "." + String(parts[2].prefix(20)),
            try HandMade.token(claims: #"{"sub":"alice"}"#, key: key),
            try HandMade.token(header: #"{"alg":"HS256","kid":"secret-kid-\#(parts[2])"}"#, payload: Fixture.claims, key: key),
            String(repeating: parts[2], count: 300),
            parts[0] + "." + parts[1],
        ]
        for bad in hostile {
            let error = try #require(thrownError { try verifier.verify(bad) })
            let segments = bad.split(separator: ".").map(String.init).filter { $0.count >= 8 }
            #expect(!error.detail.contains(bad) && !error.description.contains(bad))
            for segment in segments { #expect(!error.detail.contains(segment), "\(error.code) echoes a token segment") }
        }
        let badSignature = try #require(thrownError { try verifier.verify(HandMade.flippingSignatureBit(token)) })
        #expect(badSignature.code == .badSignature)
        #expect(!badSignature.detail.contains(parts[1]) && !badSignature.detail.contains(parts[2]))
    }

    @Test func keyErrorsNeverContainKeyMaterial() throws {
        let short = [UInt8](repeating: 0x5A, count: 31)
        let encoded = Base64URL.encode(short)
        let errors = [
            thrownError { try SigningKey(hmacSecret: short, algorithm: .hs256) },
            thrownError { try JWK.parse(Array(#"{"kty":"oct","alg":"HS256","k":"\#(encoded)"}"#.utf8)) },
            thrownError { try JWK.parse(Array(#"{"kty":"oct","k":"\#(encoded)"}"#.utf8)) },
            thrownError { try JWK.parse(Array(#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"\#(Base64URL.encode([UInt8](repeating: 3, count: 32)))"}"#.utf8)) },
        ]
        for error in errors {
            let error = try #require(error)
            #expect(error.code == .invalidKey)
            #expect(!error.detail.contains(encoded) && !error.detail.contains(Hex.encode(short)))
            #expect(!error.detail.contains(Base64URL.encode([UInt8](repeating: 3, count: 32))))
        }
    }
}
