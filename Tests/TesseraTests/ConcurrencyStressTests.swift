import Testing
@testable import Tessera

/// Signing, verifying and revoking from many tasks at once. Written for the sanitizers as much as
/// for the results: `swift test --sanitize=thread --filter ConcurrencyStressTests` (data races in
/// the revocation list's lock-free reads, the token cache, key sharing) and `--sanitize=address`
/// (use-after-free when lists and keys are released while other threads used them).
@Suite struct ConcurrencyStressTests {
    static let now: Int64 = 1_700_000_000

    /// A writer revokes a growing prefix of the tokens while readers verify them in scattered
    /// order through a small cache. Snapshots are prefixes, so once a reader has seen token `j`
    /// revoked it must never again accept a token `i <= j`, and at the end all are revoked.
    @Test func revocationsPublishedDuringVerificationAreNeverUndone() async throws {
        let keys = [try SigningKey.generate(.hs256, keyID: "hs"), try SigningKey.generate(.edDSA, keyID: "ed")]
        let issuers = try keys.map { try Issuer(key: $0, clock: .fixed(Self.now)) }
        let tokens = try (0..<120).map { try issuers[$0 % 2].issue(TokenRequest(subject: "user-\($0)")) }
        let ids = tokens.map { $0.claims.tokenID! }
        let list = RevocationList()
        let verifier = try Verifier(
            keys: KeySet(keys.map(\.verificationKey)), rules: ClaimRules(clock: .fixed(Self.now)),
            revocation: list, cache: VerifiedTokenCache(capacity: 32, shardCount: 4))

        let violations = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for count in 1...ids.count {
                    list.replace(with: RevocationSnapshot(tokenIDs: ids[..<count]))
                    await Task.yield()
                }
                return 0
            }
            for reader in 0..<6 {
                group.addTask {
                    var highestRevoked = -1, violations = 0
                    for round in 0..<1500 {
                        let i = (reader * 7919 + round * 104_729) % tokens.count
                        switch rejection(verifier, tokens[i].token) {
                        case nil: if i <= highestRevoked { violations += 1 }
                        case .revoked?: highestRevoked = max(highestRevoked, i)
                        case .some: violations += 1
                        }
                    }
                    return violations
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(violations == 0)
        for token in tokens { #expect(rejection(verifier, token.token) == .revoked) }
    }

    /// Lists, verifiers and keys are created, used from several tasks and released, over and over:
    /// a list's per-thread read slots and a key's OpenSSL state must outlive every reader.
    @Test func listsAndKeysReleasedAfterConcurrentUseStaySafe() async throws {
        for round in 0..<40 {
            let key = try SigningKey.generate(round % 2 == 0 ? .hs512 : .edDSA, keyID: "k")
            let issued = try Issuer(key: key, clock: .fixed(Self.now)).issue(TokenRequest(subject: "u", sessionID: "s-\(round)"))
            let list = RevocationList()
            let verifier = try Verifier(keys: KeySet(key.verificationKey), rules: ClaimRules(clock: .fixed(Self.now)), revocation: list)
            let codes = await withTaskGroup(of: [TesseraError.Code?].self) { group in
                for task in 0..<4 {
                    group.addTask {
                        (0..<25).map { step in
                            if task == 0, step == 10 { list.replace(with: RevocationSnapshot(sessionIDs: ["s-\(round)"])) }
                            return rejection(verifier, issued.token)
                        }
                    }
                }
                return await group.reduce(into: []) { $0 += $1 }
            }
            #expect(codes.allSatisfy { $0 == nil || $0 == .revoked })
            #expect(rejection(verifier, issued.token) == .revoked)
        }
    }
}
