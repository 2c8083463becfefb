import Testing
@testable import Tessera

/// `key_not_found`: keys are chosen by `kid` from the configured set only; an unknown `kid` is
/// an error, never a fallback to another key.
@Suite struct KeySelectionTests {
    let first: SigningKey
    let second: SigningKey

    init() throws {
        first = try SigningKey.generate(.edDSA, keyID: "ed-1")
        second = try SigningKey.generate(.edDSA, keyID: "ed-2")
    }

    @Test func eachKeyIsFoundByItsKid() throws {
        let verifier = try Fixture.verifier([first.verificationKey, second.verificationKey])
        for key in [first, second] {
            let verified = try verifier.verify(HandMade.token(claims: Fixture.claims, key: key))
            #expect(verified.keyID == key.keyID)
        }
    }

    @Test func unknownKidIsKeyNotFoundEvenWithOneKey() throws {
        let stranger = try SigningKey.generate(.edDSA, keyID: "ed-9")
        let token = try HandMade.token(claims: Fixture.claims, key: stranger)
        #expect(rejection(try Fixture.verifier([first.verificationKey]), token) == .keyNotFound)
        #expect(rejection(try Fixture.verifier([first.verificationKey, second.verificationKey]), token) == .keyNotFound)
        // A token signed by a configured key but naming an unknown kid is not rescued either.
        let renamed = try HandMade.token(header: #"{"alg":"EdDSA","kid":"ed-3","typ":"at+jwt"}"#, payload: Fixture.claims, key: first)
        #expect(rejection(try Fixture.verifier([first.verificationKey]), renamed) == .keyNotFound)
        // Nor one whose kid differs only in case, or is empty.
        let cased = try HandMade.token(header: #"{"alg":"EdDSA","kid":"ED-1","typ":"at+jwt"}"#, payload: Fixture.claims, key: first)
        #expect(rejection(try Fixture.verifier([first.verificationKey]), cased) == .keyNotFound)
        let empty = try HandMade.token(header: #"{"alg":"EdDSA","kid":"","typ":"at+jwt"}"#, payload: Fixture.claims, key: first)
        #expect(rejection(try Fixture.verifier([first.verificationKey]), empty) == .keyNotFound)
    }

    @Test func missingKidIsAcceptedOnlyWithExactlyOneKey() throws {
        let token = try HandMade.token(header: #"{"alg":"EdDSA","typ":"at+jwt"}"#, payload: Fixture.claims, key: first)
        #expect(rejection(try Fixture.verifier([first.verificationKey]), token) == nil)
        #expect(rejection(try Fixture.verifier([first.verificationKey, second.verificationKey]), token) == .keyNotFound)
    }

    @Test func keySetRefusesDuplicateKidsAndEmptySets() {
        #expect(errorCode { try KeySet([first.verificationKey, first.verificationKey]) } == .invalidKey)
        #expect(errorCode { try KeySet([]) } == .invalidKey)
    }
}
