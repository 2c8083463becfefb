import Synchronization
import Testing
import Tessera

/// Shared between the writer and the readers.
private final class Progress: Sendable {
    let done = Atomic<Bool>(false)
    /// Every id below this is revoked and published.
    let revokedUpTo = Atomic<Int>(0)
}

@Suite("Concurrent readers and a writer")
struct ConcurrentRevocationTests {
    @Test("8 verifying tasks while a writer revokes 10,000 ids in 100 swaps: no torn read, no lost revocation")
    func readersAndWriter() async throws {
        let fixture = try Fixture()
        let tokens = try (0..<10_000).map { _ in try fixture.mint() }
        let ids = tokens.map { $0.claims.tokenID! }
        let control = try fixture.mint()
        let store = InMemoryRevocationStore()
        let list = RevocationList()
        let verifier = try fixture.verifier(list)
        let progress = Progress()

        try await withThrowingTaskGroup(of: Int.self) { group in
            for reader in 0..<8 {
                group.addTask {
                    var checks = 0
                    var index = reader
                    while !progress.done.load(ordering: .acquiring) || checks < 1000 {
                        let published = progress.revokedUpTo.load(ordering: .acquiring)
                        let outcome = Fixture.outcome(verifier, tokens[index].token)
                        // Published revocations are never missed; nothing else is ever revoked.
                        if index < published, outcome != .revoked { throw TesseraError(.revoked, "lost revocation at \(index)") }
                        if outcome != nil, outcome != .revoked { throw TesseraError(.malformed, "unexpected \(outcome!)") }
                        if Fixture.outcome(verifier, control.token) != nil { throw TesseraError(.revoked, "control token rejected") }
                        index = (index &* 31 &+ 7) % tokens.count
                        checks += 1
                        // The test's tasks share a small cooperative pool: let the writer run.
                        if checks % 16 == 0 { await Task.yield() }
                    }
                    return checks
                }
            }
            group.addTask {
                for batch in stride(from: 0, to: ids.count, by: 100) {
                    for id in ids[batch..<batch + 100] { try store.revokeToken(id: id, until: 4_000_000_000) }
                    try await list.refresh(from: store)
                    progress.revokedUpTo.store(batch + 100, ordering: .releasing)
                }
                progress.done.store(true, ordering: .releasing)
                return 0
            }
            var total = 0
            for try await checks in group { total += checks }
            #expect(total >= 8000)
        }
        #expect(list.snapshot.tokenCount == 10_000)
        #expect(tokens.allSatisfy { Fixture.outcome(verifier, $0.token) == .revoked })
        #expect(Fixture.outcome(verifier, control.token) == nil)
    }

    @Test("threads that read a list keep working after the list is replaced and freed")
    func listLifetime() async throws {
        let fixture = try Fixture()
        let token = try fixture.mint()
        for round in 0..<50 {
            let list = RevocationList(RevocationSnapshot(tokenIDs: round.isMultiple(of: 2) ? [token.claims.tokenID!] : []))
            let verifier = try fixture.verifier(list)
            let expected: TesseraError.Code? = round.isMultiple(of: 2) ? .revoked : nil
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 { group.addTask { Fixture.outcome(verifier, token.token) == expected } }
                for await ok in group { #expect(ok) }
            }
        }
    }
}
