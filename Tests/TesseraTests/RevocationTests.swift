import Testing
@testable import Tessera

/// `revoked`: the last step consults the ``RevocationList`` snapshot by `jti`, `sid`, and the
/// subject's epoch (`ep`), and only for tokens that passed every other step.
@Suite struct RevocationTests {
    let key: SigningKey
    let issuer: Issuer

    init() throws {
        key = try SigningKey.generate(.edDSA, keyID: "ed-1")
        issuer = try Issuer(key: key, clock: .fixed(Fixture.now))
    }

    private func verifier(_ snapshot: RevocationSnapshot) throws -> Verifier {
        try Fixture.verifier([key.verificationKey], revocation: RevocationList(snapshot))
    }

    @Test func revokedTokenIDIsRevoked() throws {
        let issued = try issuer.issue(TokenRequest(subject: "alice"))
        let other = try issuer.issue(TokenRequest(subject: "alice"))
        let jti = try #require(issued.claims.tokenID)
        let verifier = try verifier(RevocationSnapshot(tokenIDs: [jti]))
        #expect(rejection(verifier, issued.token) == .revoked)
        #expect(rejection(verifier, other.token) == nil)
    }

    @Test func revokedSessionIsRevoked() throws {
        let session = try RandomID.generate()
        let inSession = try issuer.issue(TokenRequest(subject: "alice", sessionID: session))
        let elsewhere = try issuer.issue(TokenRequest(subject: "alice", sessionID: try RandomID.generate()))
        let verifier = try verifier(RevocationSnapshot(sessionIDs: [session]))
        #expect(rejection(verifier, inSession.token) == .revoked)
        #expect(rejection(verifier, elsewhere.token) == nil)
    }

    @Test func tokensFromBeforeTheSubjectsEpochAreRevoked() throws {
        let verifier = try verifier(RevocationSnapshot(epochs: ["alice": 3]))
        #expect(rejection(verifier, try issuer.issue(TokenRequest(subject: "alice", epoch: 2)).token) == .revoked)
        #expect(rejection(verifier, try issuer.issue(TokenRequest(subject: "alice")).token) == .revoked)  // no ep = 0
        #expect(rejection(verifier, try issuer.issue(TokenRequest(subject: "alice", epoch: 3)).token) == nil)
        #expect(rejection(verifier, try issuer.issue(TokenRequest(subject: "alice", epoch: 4)).token) == nil)
        #expect(rejection(verifier, try issuer.issue(TokenRequest(subject: "bob")).token) == nil)
    }

    @Test func replacingTheSnapshotTakesEffectAtOnce() throws {
        let list = RevocationList()
        let verifier = try Fixture.verifier([key.verificationKey], revocation: list)
        let issued = try issuer.issue(TokenRequest(subject: "alice"))
        #expect(rejection(verifier, issued.token) == nil)
        list.replace(with: RevocationSnapshot(tokenIDs: [issued.claims.tokenID!]))
        #expect(rejection(verifier, issued.token) == .revoked)
        list.replace(with: RevocationSnapshot())
        #expect(rejection(verifier, issued.token) == nil)
    }

    /// Revocation is the last step: a revoked token with a bad signature or an expired one is
    /// reported for that, not as revoked.
    @Test func revocationIsCheckedLast() throws {
        let issued = try issuer.issue(TokenRequest(subject: "alice"))
        let jti = issued.claims.tokenID!
        let keys = [key.verificationKey]
        let list = RevocationList(RevocationSnapshot(tokenIDs: [jti]))
        #expect(rejection(try Fixture.verifier(keys, revocation: list), HandMade.flippingSignatureBit(issued.token)) == .badSignature)
        let late = try Fixture.rules(now: Fixture.now + 3600)
        #expect(rejection(try Fixture.verifier(keys, rules: late, revocation: list), issued.token) == .expired)
    }
}
