import Testing
@testable import Tessera

/// `bad_signature`: any change to the signed bytes or the signature, and any signature from a
/// key other than the one the `kid` names, is refused, for every algorithm.
@Suite struct SignatureTests {
    @Test(arguments: Algorithm.allCases)
    func flippedBitsAreBadSignatures(algorithm: Algorithm) throws {
        let key = try SigningKey.generate(algorithm, keyID: "k")
        let verifier = try Fixture.verifier([key.verificationKey])
        let token = try HandMade.token(claims: Fixture.claims, key: key)
        #expect(rejection(verifier, token) == nil)
        for byte in [0, algorithm.signatureLength / 2, algorithm.signatureLength - 1] {
            for mask: UInt8 in [0x01, 0x80] {
                #expect(rejection(verifier, HandMade.flippingSignatureBit(token, byte: byte, mask: mask)) == .badSignature,
                        "\(algorithm): byte \(byte) mask \(mask)")
            }
        }
    }

    @Test(arguments: Algorithm.allCases)
    func truncatedOrExtendedSignaturesAreBadSignatures(algorithm: Algorithm) throws {
        let key = try SigningKey.generate(algorithm, keyID: "k")
        let verifier = try Fixture.verifier([key.verificationKey])
        let token = try HandMade.token(claims: Fixture.claims, key: key)
        let parts = token.split(separator: ".").map(String.init)
        let signature = Base64URL.decode(parts[2])!
        for length in [0, 1, 16, signature.count / 2, signature.count - 1] {
            let truncated = parts[0] + "." + parts[1] + "." + Base64URL.encode(signature.prefix(length))
            #expect(rejection(verifier, truncated) == .badSignature, "\(algorithm) signature cut to \(length) bytes")
        }
        let extended = parts[0] + "." + parts[1] + "." + Base64URL.encode(signature + [0])
        #expect(rejection(verifier, extended) == .badSignature)
    }

    @Test(arguments: Algorithm.allCases)
    func signatureFromAnotherKeyWithTheSameKidIsBad(algorithm: Algorithm) throws {
        let key = try SigningKey.generate(algorithm, keyID: "shared")
        let impostor = try SigningKey.generate(algorithm, keyID: "shared")
        let verifier = try Fixture.verifier([key.verificationKey])
        #expect(rejection(verifier, try HandMade.token(claims: Fixture.claims, key: impostor)) == .badSignature)
    }

    @Test func changedPayloadOrHeaderIsBadSignature() throws {
        let key = try SigningKey.generate(.edDSA, keyID: "k")
        let verifier = try Fixture.verifier([key.verificationKey])
        let token = try HandMade.token(claims: Fixture.claims, key: key)
        let parts = token.split(separator: ".").map(String.init)
        let forged = parts[0] + "." + HandMade.segment(#"{"sub":"admin","exp":1700000600,"iat":1700000000}"#) + "." + parts[2]
        #expect(rejection(verifier, forged) == .badSignature)
        let reheadered = HandMade.segment(#"{"alg":"EdDSA","kid":"k","typ":"at+jwt","x":1}"#) + "." + parts[1] + "." + parts[2]
        #expect(rejection(verifier, reheadered) == .badSignature)
    }

    /// The payload is decoded only after the signature holds: garbage or an expired token under
    /// a bad signature is reported as `bad_signature`.
    @Test func payloadIsNotReadBeforeTheSignatureHolds() throws {
        let key = try SigningKey.generate(.hs256, keyID: "k")
        let other = try SigningKey.generate(.hs256, keyID: "k")
        let verifier = try Fixture.verifier([key.verificationKey])
        for payload in ["not json", #"{"sub":"a","exp":1,"exp":2}"#, #"{"sub":"a","exp":1}"#] {
            #expect(rejection(verifier, try HandMade.token(claims: payload, key: other)) == .badSignature)
        }
    }
}
