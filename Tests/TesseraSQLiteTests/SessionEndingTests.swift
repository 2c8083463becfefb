import Testing
import Tessera
import TesseraSQLite

/// Ending sessions, logout-all, re-authentication, and cleanup without cron, on every store.
@Suite("sessions: ending, re-authentication, cleanup")
struct SessionEndingTests {
    @Test("ending a session fails its refresh token and revokes its access tokens until they expire", arguments: StoreKind.allCases)
    func endOne(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let mine = try await h.manager.start(SessionRequest(subject: "alice"))
        let other = try await h.manager.start(SessionRequest(subject: "alice"))
        #expect(try await h.manager.end(sessionID: mine.session.id))
        #expect(try await h.manager.end(sessionID: mine.session.id) == false)
        #expect(await h.code { try await h.manager.refresh(mine.refreshToken) } == .sessionRevoked)
        #expect(try await h.verdict(mine.access.token) == .revoked)
        #expect(try await h.verdict(other.access.token) == nil)
        #expect(try await h.manager.sessions(subject: "alice").map(\.id) == [other.session.id])
        // The sid stays revoked exactly as long as its last access token could be accepted.
        h.clock.advance(seconds: 900 + RevocationRetention.leeway)
        #expect(try await h.store.load().snapshot.isSessionRevoked(mine.session.id))
        h.clock.advance(seconds: 1)
        #expect(try await h.store.load().snapshot.isSessionRevoked(mine.session.id) == false)
    }

    @Test("end all of a subject's sessions, optionally all but the current one", arguments: StoreKind.allCases)
    func endAll(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let a = try await h.manager.start(SessionRequest(subject: "alice"))
        let b = try await h.manager.start(SessionRequest(subject: "alice"))
        let c = try await h.manager.start(SessionRequest(subject: "alice"))
        let bob = try await h.manager.start(SessionRequest(subject: "bob"))
        #expect(Set(try await h.manager.endAll(subject: "alice", except: b.session.id)) == [a.session.id, c.session.id])
        #expect(try await h.manager.sessions(subject: "alice").map(\.id) == [b.session.id])
        #expect(try await h.verdict(a.access.token) == .revoked)
        #expect(try await h.verdict(b.access.token) == nil)
        #expect(try await h.verdict(bob.access.token) == nil)
        #expect(try await h.manager.endAll(subject: "alice") == [b.session.id])
        #expect(await h.code { try await h.manager.refresh(b.refreshToken) } == .sessionRevoked)
    }

    @Test("logout-all (the epoch bump) ends every session of the subject; new sessions work", arguments: StoreKind.allCases)
    func logoutAll(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let old = try await h.manager.start(SessionRequest(subject: "alice"))
        let bob = try await h.manager.start(SessionRequest(subject: "bob"))
        _ = try await h.store.bumpEpoch(subject: "alice")
        #expect(await h.code { try await h.manager.refresh(old.refreshToken) } == .sessionRevoked)
        #expect(try await h.verdict(old.access.token) == .revoked)
        #expect(try await h.manager.sessions(subject: "alice").isEmpty)
        #expect(try await h.verdict(bob.access.token) == nil)
        let fresh = try await h.manager.start(SessionRequest(subject: "alice"))     // same millisecond as the bump
        #expect(fresh.access.claims.epoch == (try await h.store.currentEpoch(subject: "alice")))
        #expect(try await h.verdict(fresh.access.token) == nil)
        #expect(try await h.verdict(try await h.manager.refresh(fresh.refreshToken).access.token) == nil)
    }

    @Test("re-authentication replaces the session: new sid, auth_time now, the old one ended (even in the same second)", arguments: StoreKind.allCases)
    func reauthenticate(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let old = try await h.manager.start(SessionRequest(subject: "alice", scopes: ["read"], audience: ["api"], client: "laptop"))
        h.clock.advance(seconds: 120)
        let new = try await h.manager.reauthenticate(old.refreshToken, scopes: ["read", "admin"])
        #expect(new.session.id != old.session.id)
        #expect(new.access.claims.authTime == h.now)
        #expect(new.access.claims.scope == "read admin")
        #expect(new.access.claims.audience == ["api"])
        #expect(new.session.client == "laptop")
        #expect(new.session.absoluteExpiresAt == old.session.absoluteExpiresAt + 120)
        #expect(await h.code { try await h.manager.refresh(old.refreshToken) } == .sessionRevoked)
        #expect(try await h.verdict(old.access.token, audiences: ["api"]) == .revoked)
        #expect(try await h.verdict(new.access.token, audiences: ["api"]) == nil)
        // Same second, again: still a new id, and the previous one is dead.
        let again = try await h.manager.reauthenticate(new.refreshToken)
        #expect(again.session.id != new.session.id)
        #expect(try await h.verdict(new.access.token, audiences: ["api"]) == .revoked)
        #expect(try await h.verdict(again.access.token, audiences: ["api"]) == nil)
        #expect(try await h.manager.sessions(subject: "alice").map(\.id) == [again.session.id])
    }

    @Test("cleanup without cron: writes remove expired rows in bounded batches; loads never include them", arguments: StoreKind.allCases)
    func cleanupWithoutCron(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        for i in 0..<40 {
            try await h.store.revokeToken(id: "t-\(i)", until: h.now + 10)
            _ = try await h.manager.start(SessionRequest(subject: "user-\(i)"))
        }
        #expect(try await h.store.stats().tokens == 40)
        #expect(try await h.store.stats().loginSessions == 40)
        // Past every expiry: the snapshot is empty at once, before anything is deleted.
        h.clock.advance(seconds: 43_200 + SessionRetention.expiredRetention + 1)
        #expect(try await h.store.load().snapshot.tokenCount == 0)
        // Writes clean up in passing (one second apart: the in-memory store sweeps once a second).
        _ = try await h.manager.start(SessionRequest(subject: "someone"))
        h.clock.advance(seconds: 1)
        _ = try await h.manager.start(SessionRequest(subject: "someone"))
        let stats = try await h.store.stats()
        #expect(stats.tokens == 0)
        #expect(stats.loginSessions == 2)        // the 40 expired ones went, the 2 new ones stay
        #expect(stats.sessions == 0)
    }

    @Test("many tasks refresh distinct sessions while others end sessions: nothing lost, nothing resurrected", arguments: StoreKind.allCases)
    func concurrency(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        var grants: [SessionGrant] = []
        for i in 0..<40 { grants.append(try await h.manager.start(SessionRequest(subject: "user-\(i % 4)"))) }
        let manager = h.manager
        let ended = Set(grants.indices.filter { $0 % 3 == 0 }.map { grants[$0].session.id })
        let latest = await withTaskGroup(of: (String, String?).self) { group in
            for grant in grants where !ended.contains(grant.session.id) {
                group.addTask {
                    var token = grant.refreshToken
                    for _ in 0..<10 {
                        guard let next = try? await manager.refresh(token) else { return (grant.session.id, nil) }
                        token = next.refreshToken
                    }
                    return (grant.session.id, token)
                }
            }
            for id in ended { group.addTask { _ = try? await manager.end(sessionID: id); return (id, "ended") } }
            return await group.reduce(into: [String: String?]()) { $0[$1.0] = $1.1 }
        }
        for grant in grants {
            if ended.contains(grant.session.id) {
                #expect(await h.code { try await manager.refresh(grant.refreshToken) } == .sessionRevoked)
                #expect(try await manager.session(id: grant.session.id) == nil)
                #expect(try await h.verdict(grant.access.token) == .revoked)
            } else {
                let token = try #require(latest[grant.session.id] ?? nil, "a refresh chain broke")
                #expect(try await manager.refresh(token).session.id == grant.session.id)
            }
        }
        let live = try await (0..<4).asyncFlatMap { try await manager.sessions(subject: "user-\($0)") }
        #expect(Set(live.map(\.id)) == Set(grants.map(\.session.id)).subtracting(ended))
    }
}

extension Sequence {
    func asyncFlatMap<T>(_ transform: (Element) async throws -> [T]) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out += try await transform(element) }
        return out
    }
}
