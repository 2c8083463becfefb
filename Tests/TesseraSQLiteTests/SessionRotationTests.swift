import Testing
import Tessera
import TesseraSQLite

/// Refresh-token rotation and theft detection (RFC 9700 §4.14.2) on every store.
@Suite("sessions: rotation and reuse")
struct SessionRotationTests {
    @Test("a used refresh token presented within the grace gets a working pair; the session lives on", arguments: StoreKind.allCases)
    func graceRetry(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let start = try await h.manager.start(SessionRequest(subject: "alice"))
        let tabA = try await h.manager.refresh(start.refreshToken)
        h.clock.advance(seconds: 10)                                  // the default grace, to the second
        let tabB = try await h.manager.refresh(start.refreshToken)
        #expect(tabB.session.id == start.session.id)
        #expect(tabB.refreshToken != tabA.refreshToken)
        // One lineage: the newest token rotates on; tabA's token was used (by the retry) and is
        // still inside the same grace window.
        let next = try await h.manager.refresh(tabB.refreshToken)
        #expect(next.session.id == start.session.id)
        #expect(try await h.verdict(next.access.token) == nil)
    }

    @Test("theft: a used token after the grace ends the session; the newest refresh token and the access tokens die", arguments: StoreKind.allCases)
    func theft(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let stolen = try await h.manager.start(SessionRequest(subject: "alice"))
        let user = try await h.manager.refresh(stolen.refreshToken)
        h.clock.advance(seconds: 11)
        #expect(await h.code { try await h.manager.refresh(stolen.refreshToken) } == .refreshReused)
        #expect(await h.code { try await h.manager.refresh(user.refreshToken) } == .sessionRevoked)
        #expect(try await h.verdict(user.access.token) == .revoked)
        #expect(try await h.verdict(stolen.access.token) == .revoked)
        #expect(try await h.manager.sessions(subject: "alice").isEmpty)
        // Replaying the stolen token again changes nothing and reveals nothing more.
        #expect(await h.code { try await h.manager.refresh(stolen.refreshToken) } == .sessionRevoked)
    }

    @Test("reuse detection remembers older generations, not only the previous token", arguments: StoreKind.allCases)
    func olderGeneration(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        var grant = try await h.manager.start(SessionRequest(subject: "alice"))
        let first = grant.refreshToken
        for _ in 0..<5 {
            h.clock.advance(seconds: 60)
            grant = try await h.manager.refresh(grant.refreshToken)
        }
        #expect(await h.code { try await h.manager.refresh(first) } == .refreshReused)
        #expect(await h.code { try await h.manager.refresh(grant.refreshToken) } == .sessionRevoked)
    }

    @Test("with a grace of 0 any second use is theft", arguments: StoreKind.allCases)
    func zeroGrace(kind: StoreKind) async throws {
        let h = try SessionHarness(kind, policy: SessionPolicy(reuseGrace: 0))
        defer { h.cleanup() }
        let grant = try await h.manager.start(SessionRequest(subject: "alice"))
        let next = try await h.manager.refresh(grant.refreshToken)
        #expect(await h.code { try await h.manager.refresh(grant.refreshToken) } == .refreshReused)
        #expect(await h.code { try await h.manager.refresh(next.refreshToken) } == .sessionRevoked)
    }

    @Test("the grace lives in the store: a second manager (another replica) honours it", arguments: StoreKind.allCases)
    func graceAcrossReplicas(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let replicaB = try h.manager(.standard)
        let grant = try await h.manager.start(SessionRequest(subject: "alice"))
        _ = try await h.manager.refresh(grant.refreshToken)
        h.clock.advance(seconds: 5)
        #expect(try await replicaB.refresh(grant.refreshToken).session.id == grant.session.id)
        h.clock.advance(seconds: 20)
        #expect(await h.code { try await replicaB.refresh(grant.refreshToken) } == .refreshReused)
    }

    @Test("20 concurrent refreshes of one token: within the grace one lineage survives; with no grace the session ends", arguments: StoreKind.allCases)
    func racingRefreshes(kind: StoreKind) async throws {
        for grace: Int64 in [10, 0] {
            let h = try SessionHarness(kind, policy: SessionPolicy(reuseGrace: grace))
            defer { h.cleanup() }
            let grant = try await h.manager.start(SessionRequest(subject: "alice"))
            let manager = h.manager
            let results = await withTaskGroup(of: Result<SessionGrant, TesseraError>.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        do throws(TesseraError) { return .success(try await manager.refresh(grant.refreshToken)) } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let winners = results.compactMap { try? $0.get() }
            let reused = results.filter { if case .failure(let error) = $0 { error.code == .refreshReused } else { false } }.count
            if grace > 0 {
                #expect(winners.count == 20)
                #expect(Set(winners.map(\.session.id)) == [grant.session.id])
                #expect(Set(winners.map(\.refreshToken)).count == 20)
                // Past the grace, at most one of the 20 tokens can still refresh: one lineage.
                h.clock.advance(seconds: grace + 1)
                var working = 0
                for winner in winners where await h.code({ try await manager.refresh(winner.refreshToken) }) == nil { working += 1 }
                #expect(working <= 1)
            } else {
                #expect(winners.count == 1)
                #expect(reused >= 1)
                #expect(await h.code { try await manager.refresh(winners[0].refreshToken) } == .sessionRevoked)
                #expect(try await h.verdict(winners[0].access.token) == .revoked)
            }
        }
    }

    @Test("bad refresh tokens are malformed or session_revoked, never a crash", arguments: StoreKind.allCases)
    func badInput(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let grant = try await h.manager.start(SessionRequest(subject: "alice"))
        let good = grant.refreshToken
        let malformed = ["", "tsr_", String(good.dropLast()), good + "A", String(good.dropFirst()), "xsr_" + good.dropFirst(4),
                         "tsr_" + String(repeating: "=", count: 64), "tsr_" + String(repeating: "+", count: 64),
                         String(good.prefix(67)) + "\u{0}", String(repeating: "a", count: 100_000), grant.access.token,
                         String(good.prefix(67)) + "é"]
        for text in malformed { #expect(await h.code { try await h.manager.refresh(text) } == .malformed, "\(text.prefix(12))") }
        // Right shape, unknown selector; known selector, wrong secret.
        let unknown = "tsr_" + String(repeating: "A", count: 64)
        #expect(await h.code { try await h.manager.refresh(unknown) } == .sessionRevoked)
        let last = good.last == "A" ? "B" : "A"
        let wrongSecret = String(good.dropLast()) + last
        #expect(await h.code { try await h.manager.refresh(wrongSecret) } == .sessionRevoked)
        // The real token still works: a wrong secret does not end the session.
        #expect(try await h.manager.refresh(good).session.id == grant.session.id)
    }
}

/// SQLite's group commit: concurrent session writes share one transaction, yet each caller
/// gets its own outcome, and what was acknowledged is on disk.
@Suite("sessions: SQLite group commit")
struct SessionGroupCommitTests {
    @Test("a batch of refreshes, rejections and a reuse: each caller gets its own answer; a reopened store has every rotation")
    func mixedBatch() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("group.db")
        let store = try SQLiteRevocationStore(path: path)
        let manager = try SessionManager(store: store, key: SigningKey.generate(.hs256), policy: SessionPolicy(reuseGrace: 0))
        var grants: [SessionGrant] = []
        for i in 0..<24 { grants.append(try await manager.start(SessionRequest(subject: "user-\(i)"))) }
        let stolen = grants[0]
        _ = try await manager.refresh(stolen.refreshToken)
        let outcomes = await withTaskGroup(of: (Int, Result<SessionGrant, TesseraError>).self) { group in
            for (index, grant) in grants.enumerated() {
                group.addTask {
                    do throws(TesseraError) { return (index, .success(try await manager.refresh(grant.refreshToken))) } catch { return (index, .failure(error)) }
                }
                group.addTask {   // garbage of the right shape alongside each real refresh
                    do throws(TesseraError) { return (-1, .success(try await manager.refresh("tsr_" + String(repeating: "Q", count: 64)))) }
                    catch { return (-1, .failure(error)) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        var next: [Int: String] = [:]
        for (index, outcome) in outcomes {
            switch (index, outcome) {
            case (-1, .failure(let error)): #expect(error.code == .sessionRevoked)
            case (0, .failure(let error)): #expect(error.code == .refreshReused)
            case (let i, .success(let grant)) where i > 0: next[i] = grant.refreshToken
            default: Issue.record("unexpected outcome for \(index): \(outcome)")
            }
        }
        #expect(next.count == 23)
        let reopened = try SessionManager(store: try SQLiteRevocationStore(path: path), key: manager.key)
        for (index, token) in next { #expect(try await reopened.refresh(token).session.id == grants[index].session.id) }
        #expect(try await reopened.sessions(subject: "user-0").isEmpty)
    }
}
