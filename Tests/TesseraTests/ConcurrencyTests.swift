import Testing
@testable import Tessera

/// Keys and verifiers are immutable and `Sendable`: one shared instance signs and verifies from
/// many tasks at once with correct results (no shared mutable HMAC or EVP state).
@Suite struct ConcurrencyTests {
    @Test func sharedKeysSignAndVerifyFromEightConcurrentTasks() async throws {
        let keys = try Algorithm.allCases.map { try SigningKey.generate($0, keyID: "k-\($0)") }
        let issuers = try keys.map { try Issuer(key: $0, audience: ["api"], clock: .fixed(Fixture.now)) }
        let verifier = try Fixture.verifier(keys.map(\.verificationKey), rules: Fixture.rules(audiences: ["api"]))
        let rounds = 250

        let results = try await withThrowingTaskGroup(of: (accepted: Int, rejected: Int).self) { group in
            for task in 0..<8 {
                group.addTask {
                    var accepted = 0, rejected = 0
                    for round in 0..<rounds {
                        let index = (task + round) % issuers.count
                        let subject = "user-\(task)-\(round)"
                        let issued = try issuers[index].issue(TokenRequest(subject: subject))
                        let verified = try verifier.verify(issued.token)
                        if verified.subject == subject, verified.algorithm == keys[index].algorithm,
                           verified.tokenID == issued.claims.tokenID {
                            accepted += 1
                        }
                        // A tampered copy must still be refused under contention.
                        if rejection(verifier, HandMade.flippingSignatureBit(issued.token, byte: round % 32)) == .badSignature {
                            rejected += 1
                        }
                    }
                    return (accepted, rejected)
                }
            }
            var all: [(accepted: Int, rejected: Int)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0.accepted == rounds && $0.rejected == rounds })
    }

    @Test func primitivesGiveIdenticalResultsAcrossTasks() async throws {
        let key = try SigningKey.generate(.hs512)
        let ed = try SigningKey.generate(.edDSA)
        let message = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJhIn0"
        let expectedMAC = try HandMade.signature(over: message, key: key)
        let expectedSignature = try HandMade.signature(over: message, key: ed)  // Ed25519 is deterministic
        let agreed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<500).allSatisfy { _ in
                        (try? HandMade.signature(over: message, key: key)) == expectedMAC
                            && (try? HandMade.signature(over: message, key: ed)) == expectedSignature
                    }
                }
            }
            var all = true
            for await ok in group { all = all && ok }
            return all
        }
        #expect(agreed)
    }
}
