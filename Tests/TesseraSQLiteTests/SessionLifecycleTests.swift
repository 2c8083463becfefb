import Foundation
import Testing
import Tessera
import TesseraSQLite

/// The session model on every store: ids, tokens, deadlines, sliding, the absolute cap.
@Suite("sessions: lifecycle")
struct SessionLifecycleTests {
    @Test("start mints a fresh 128-bit sid, an access token carrying it and an opaque refresh token", arguments: StoreKind.allCases)
    func start(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let a = try await h.manager.start(SessionRequest(subject: "alice", scopes: ["read", "write"], audience: ["api"], client: "Firefox on Linux"))
        let b = try await h.manager.start(SessionRequest(subject: "alice"))
        #expect(a.session.id != b.session.id)
        #expect(Base64URLCheck.decodedCount(a.session.id) == 16)      // 128 bits
        #expect(a.access.claims.sessionID == a.session.id)
        #expect(a.access.claims.authTime == h.now)
        #expect(a.access.claims.scope == "read write")
        #expect(a.access.claims.audience == ["api"])
        #expect(a.access.claims.expiresAt == h.now + 900)
        #expect(a.expiresIn == 900)
        #expect(a.session.idleExpiresAt == h.now + 1800)
        #expect(a.session.absoluteExpiresAt == h.now + 43_200)
        #expect(a.refreshToken.hasPrefix("tsr_") && a.refreshToken.utf8.count == 68)
        #expect(a.refreshToken != b.refreshToken)
        // The refresh token is not a JWT: a verifier calls it malformed.
        #expect(try await h.verdict(a.refreshToken) == .malformed)
        #expect(try await h.verdict(a.access.token, audiences: ["api"]) == nil)
    }

    @Test("the JSON answer has exactly the contract's members", arguments: [StoreKind.memory])
    func json(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        let grant = try await h.manager.start(SessionRequest(subject: "alice"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(grant.json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["session", "access_token", "refresh_token", "token_type", "expires_in", "idle_expires_at", "session_expires_at"])
        #expect(object["token_type"] as? String == "Bearer")
        #expect(object["session"] as? String == grant.session.id)
        #expect((object["expires_in"] as? NSNumber)?.int64Value == 900)
        #expect((object["session_expires_at"] as? NSNumber)?.int64Value == grant.session.absoluteExpiresAt)
    }

    @Test("a refresh returns a new pair for the same session and slides the idle deadline", arguments: StoreKind.allCases)
    func refreshSlides(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let first = try await h.manager.start(SessionRequest(subject: "alice", scopes: ["read"]))
        h.clock.advance(seconds: 600)
        let second = try await h.manager.refresh(first.refreshToken)
        #expect(second.session.id == first.session.id)
        #expect(second.refreshToken != first.refreshToken)
        #expect(second.access.token != first.access.token)
        #expect(second.access.claims.authTime == first.access.claims.authTime)    // a refresh is not an authentication
        #expect(second.access.claims.scope == "read")
        #expect(second.session.idleExpiresAt == h.now + 1800)
        #expect(second.session.lastUsedAt == h.now)
        #expect(second.session.createdAt == first.session.createdAt)
        let listed = try await h.manager.sessions(subject: "alice")
        #expect(listed.map(\.lastUsedAt) == [h.now])
    }

    @Test("idle timeout: no refresh for longer than the idle time ends the session", arguments: StoreKind.allCases)
    func idleTimeout(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        defer { h.cleanup() }
        let grant = try await h.manager.start(SessionRequest(subject: "alice"))
        h.clock.advance(seconds: 1799)
        let next = try await h.manager.refresh(grant.refreshToken)
        h.clock.advance(seconds: 1800)
        #expect(await h.code { try await h.manager.refresh(next.refreshToken) } == .sessionExpired)
        #expect(try await h.manager.sessions(subject: "alice").isEmpty)
    }

    @Test("absolute timeout: refreshing never extends a session past it, and access tokens never outlive it", arguments: StoreKind.allCases)
    func absoluteTimeout(kind: StoreKind) async throws {
        let h = try SessionHarness(kind, policy: SessionPolicy(accessLifetime: 900, idleTimeout: 1800, absoluteLifetime: 3000))
        defer { h.cleanup() }
        var grant = try await h.manager.start(SessionRequest(subject: "alice"))
        let absolute = grant.session.absoluteExpiresAt
        for _ in 0..<3 {
            h.clock.advance(seconds: 800)
            grant = try await h.manager.refresh(grant.refreshToken)
            #expect(grant.session.idleExpiresAt <= absolute)
            #expect(grant.access.claims.expiresAt <= absolute)
        }
        // 2,400 s in: the access token is cut to the 600 s left, and so is the idle deadline.
        #expect(grant.access.claims.expiresAt == absolute)
        #expect(grant.session.idleExpiresAt == absolute)
        h.clock.advance(seconds: 600)
        #expect(await h.code { try await h.manager.refresh(grant.refreshToken) } == .sessionExpired)
    }

    @Test("per-session lifetimes are checked: access ≤ idle ≤ absolute ≤ 30 days", arguments: [StoreKind.memory])
    func lifetimeRules(kind: StoreKind) async throws {
        let h = try SessionHarness(kind)
        for bad in [SessionRequest(subject: "a", accessLifetime: 3600, idleTimeout: 1800),
                    SessionRequest(subject: "a", idleTimeout: 50_000),
                    SessionRequest(subject: "a", absoluteLifetime: 31 * 86_400),
                    SessionRequest(subject: "a", accessLifetime: 0)] {
            #expect(await h.code { try await h.manager.start(bad) } == .invalidConfiguration)
        }
        #expect(throws: TesseraError.self) { try SessionPolicy(reuseGrace: 61).validate() }
        #expect(throws: TesseraError.self) { try SessionPolicy(maxSessionsPerSubject: 0).validate() }
        #expect(try await h.manager.sessions(subject: "a").isEmpty)
    }

    @Test("the account page: newest first, with label and times; the oldest goes beyond the cap", arguments: StoreKind.allCases)
    func listAndCap(kind: StoreKind) async throws {
        let h = try SessionHarness(kind, policy: SessionPolicy(maxSessionsPerSubject: 3))
        defer { h.cleanup() }
        var ids: [String] = []
        var first: SessionGrant?
        for label in ["one", "two", "three", "four"] {
            let grant = try await h.manager.start(SessionRequest(subject: "alice", client: label))
            if first == nil { first = grant }
            ids.append(grant.session.id)
            h.clock.advance(seconds: 10)
        }
        _ = try await h.manager.start(SessionRequest(subject: "bob"))
        let listed = try await h.manager.sessions(subject: "alice")
        #expect(listed.map(\.id) == Array(ids.dropFirst().reversed()))
        #expect(listed.map(\.client) == ["four", "three", "two"])
        #expect(await h.code { try await h.manager.refresh(first!.refreshToken) } == .sessionRevoked)
        #expect(try await h.verdict(first!.access.token) == .revoked)
        let json = SessionRecord.jsonArray(listed, current: ids[3])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(Set(array[0].keys) == ["session", "created_at", "last_used_at", "idle_expires_at", "session_expires_at", "client", "current"])
        #expect(array.map { $0["current"] as? Bool } == [true, false, false])
    }

    @Test("at the cap, a session started in the same second as the others is never the one evicted", arguments: StoreKind.allCases)
    func capSameSecond(kind: StoreKind) async throws {
        let h = try SessionHarness(kind, policy: SessionPolicy(maxSessionsPerSubject: 2))
        defer { h.cleanup() }
        for round in 0..<30 {
            let grant = try await h.manager.start(SessionRequest(subject: "alice"))
            #expect(try await h.manager.refresh(grant.refreshToken).session.id == grant.session.id)
            #expect(try await h.manager.sessions(subject: "alice").count == min(round + 1, 2))
        }
    }

    @Test("client labels are coarse and bounded; IP prefixes only as prefixes")
    func privacy() throws {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
        let edge = chrome + " Edg/131.0.0.0"
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
        #expect(ClientLabel.fromUserAgent(firefox) == "Firefox on Linux")
        #expect(ClientLabel.fromUserAgent(chrome) == "Chrome on Windows")
        #expect(ClientLabel.fromUserAgent(edge) == "Edge on Windows")
        #expect(ClientLabel.fromUserAgent(iphone) == "Safari on iOS")
        #expect(ClientLabel.fromUserAgent(android) == "Chrome on Android")
        #expect(ClientLabel.fromUserAgent("") == "Unknown browser on unknown OS")
        #expect(ClientLabel.sanitize(String(repeating: "é", count: 100))?.utf8.count == 64)
        #expect(ClientLabel.sanitize("a\u{0}b\nc\u{202E}d") == "abcd")
        #expect(ClientLabel.sanitize("  \n ") == nil)
        #expect(try IPPrefix(address: "203.0.113.77").description == "203.0.113.0/24")
        #expect(try IPPrefix(address: "2001:db8:abcd:12::1").description == "2001:db8:abcd::/48")
        #expect(try IPPrefix(address: "::ffff:198.51.100.9").description == "198.51.100.0/24")
        #expect(try IPPrefix(address: "[2001:db8::1]", v6Bits: 56).description == "2001:db8::/56")
        for bad in ["", "1.2.3", "1.2.3.4.5", "300.1.1.1", "::g", "1.2.3.4/24", String(repeating: "1", count: 100)] {
            #expect(throws: TesseraError.self) { try IPPrefix(address: bad) }
        }
    }
}

/// Counts the bytes a canonical base64url string decodes to (nil when it is not one).
enum Base64URLCheck {
    static func decodedCount(_ text: String) -> Int? {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        guard text.allSatisfy(alphabet.contains), text.count % 4 != 1 else { return nil }
        return text.count * 3 / 4
    }
}
