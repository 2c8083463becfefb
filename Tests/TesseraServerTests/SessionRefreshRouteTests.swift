import Foundation
import Hummingbird
import HummingbirdTesting
import Tessera
import TesseraHummingbird
@testable import TesseraSQLite
import Testing

@Suite("POST /session/refresh")
struct SessionRefreshRouteTests {
    private func refreshByBody(_ client: some TestClientProtocol, _ token: String) async throws -> TestResponse {
        try await client.execute(uri: "/session/refresh", method: .post, headers: [.contentType: "application/json"],
                                 body: ByteBuffer(string: #"{"refresh_token":"\#(token)"}"#))
    }

    @Test func aRefreshCookieFromTheAppsOriginGetsANewPairForTheSameSession() async throws {
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/session/refresh", method: .post, headers: browserHeaders(grant))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.headers[.cacheControl] == "no-store")
            let body = response.json
            #expect(Set(body.keys) == ["session", "access_token", "refresh_token", "token_type", "expires_in",
                                       "idle_expires_at", "session_expires_at"])
            #expect(body["session"] as? String == grant.session.id)
            #expect(body["token_type"] as? String == "Bearer")
            #expect(body["expires_in"] as? Int == 900)
            #expect(body["idle_expires_at"] as? Int == Int(harness.clock.now + 1800))
            #expect(body["session_expires_at"] as? Int == Int(grant.session.absoluteExpiresAt))
            let refresh = try #require(body["refresh_token"] as? String)
            #expect(refresh != grant.refreshToken && refresh.hasPrefix("tsr_"))
            let access = try #require(body["access_token"] as? String)
            #expect(try harness.verifier.verify(access).sessionID == grant.session.id)
            let cookies = response.setCookies
            #expect(cookies[SessionCookies.defaultAccessName]?.value == access)
            #expect(cookies[SessionCookies.defaultRefreshName]?.value == refresh)
        }
    }

    @Test func aJsonBodyRefreshTokenWorksWithoutCookiesOrOrigin() async throws {
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let response = try await refreshByBody(client, grant.refreshToken)
            #expect(response.status == .ok)
            #expect(response.json["session"] as? String == grant.session.id)
        }
    }

    @Test func theCookiesAreHostAndSecurePrefixedHttpOnlyStrictAndScoped() async throws {
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let response = try await refreshByBody(client, grant.refreshToken)
            let now = harness.clock.now
            let access = try #require(response.setCookies["__Host-tessera"])
            #expect(access.has("HttpOnly") && access.has("Secure"))
            #expect(access.attributes["samesite"] == "Strict")
            #expect(access.attributes["path"] == "/")
            #expect(access.attributes["domain"] == nil)
            #expect(access.maxAge == 900)
            let refresh = try #require(response.setCookies["__Secure-tessera-refresh"])
            #expect(refresh.has("HttpOnly") && refresh.has("Secure"))
            #expect(refresh.attributes["samesite"] == "Strict")
            #expect(refresh.attributes["path"] == "/session")
            #expect(refresh.attributes["domain"] == nil)
            let idle = try #require(response.json["idle_expires_at"] as? Int)
            #expect(refresh.maxAge == idle - Int(now))
            #expect(refresh.maxAge == 1800)
        }
    }

    @Test func aReplayAfterTheGraceIsTheftTheNewestTokenFailsTooAndTheAccessTokensAreRevoked() async throws {
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let rotated = try await refreshByBody(client, grant.refreshToken)
            #expect(rotated.status == .ok)
            let newest = try #require(rotated.json["refresh_token"] as? String)
            let newestAccess = try #require(rotated.json["access_token"] as? String)
            #expect(try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(newestAccess)"]).status == .ok)

            harness.clock.advance(11)
            let replay = try await client.execute(uri: "/session/refresh", method: .post, headers: browserHeaders(grant))
            #expect(replay.status == .unauthorized)
            #expect(replay.json["error"] as? String == "refresh_reused")
            #expect(replay.headers[.wwwAuthenticate] == #"Bearer error="invalid_token", error_description="refresh_reused""#)
            #expect(replay.setCookies["__Host-tessera"]?.maxAge == 0)
            #expect(replay.setCookies["__Secure-tessera-refresh"]?.maxAge == 0)

            let thief = try await refreshByBody(client, newest)
            #expect(thief.status == .unauthorized)
            #expect(thief.json["error"] as? String == "session_revoked")
            let me = try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(newestAccess)"])
            #expect(me.status == .unauthorized)
            #expect(me.headers[.wwwAuthenticate] == #"Bearer error="invalid_token", error_description="revoked""#)
            #expect(rejection(harness.verifier, grant.access.token) == "revoked")
        }
    }

    @Test func aRetryWithinTheGraceKeepsTheSessionAlive() async throws {
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            #expect(try await refreshByBody(client, grant.refreshToken).status == .ok)
            harness.clock.advance(5)
            let retry = try await refreshByBody(client, grant.refreshToken)
            #expect(retry.status == .ok)
            #expect(retry.json["session"] as? String == grant.session.id)
        }
    }

    @Test func anExpiredSessionIsSessionExpiredAndClearsTheCookies() async throws {
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        harness.clock.advance(1801)
        try await harness.app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/session/refresh", method: .post, headers: browserHeaders(grant))
            #expect(response.status == .unauthorized)
            #expect(response.json["error"] as? String == "session_expired")
            #expect(response.setCookies["__Secure-tessera-refresh"]?.maxAge == 0)
        }
    }

    @Test(arguments: [
        "", "tsr_", "not-a-token", String(repeating: "A", count: 3000), String(repeating: "A", count: 5000), "tsr_" + String(repeating: "A", count: 63),
        "tsr_" + String(repeating: "A", count: 65), "tsr_" + String(repeating: "A", count: 64), "tsr_" + String(repeating: "é", count: 32),
        "eyJhbGciOiJFZERTQSJ9.e30.sig", "tsr_\u{0}" + String(repeating: "A", count: 63),
    ])
    func badRefreshTokensAreMalformedOrSessionRevokedNever500(token: String) async throws {
        let harness = try await SessionHarness()
        try await harness.app().test(.router) { (client) async throws in
            let body = try await refreshByBody(client, token)
            #expect(body.status == .unauthorized)
            #expect(["malformed", "session_revoked"].contains(body.json["error"] as? String))
            #expect(token.count < 8 || !body.text.contains(token))
        }
    }

    @Test func badBodiesAndMissingTokensAre401Malformed() async throws {
        let harness = try await SessionHarness()
        try await harness.app().test(.router) { (client) async throws in
            let json: HTTPFields = [.contentType: "application/json"]
            for body in ["{", "[]", #"{"refresh_token":5}"#, #"{"token":"x"}"#, String(repeating: "x", count: 10_000)] {
                let response = try await client.execute(uri: "/session/refresh", method: .post, headers: json, body: ByteBuffer(string: body))
                #expect(response.status == .unauthorized)
                #expect(response.json["error"] as? String == "malformed")
            }
            let none = try await client.execute(uri: "/session/refresh", method: .post)
            #expect(none.status == .unauthorized)
            #expect(none.json["error"] as? String == "malformed")
        }
    }

    @Test func aStoreFailureIs503WithRetryAfterNeverASuccess() async throws {
        let store = SwitchableSessionStore()
        let harness = try await SessionHarness(store: store)
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            store.isDown = true
            let response = try await refreshByBody(client, grant.refreshToken)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "1")
            #expect(response.json["error"] as? String == "store_unavailable")
            #expect(response.headers[values: .setCookie].isEmpty)
            store.isDown = false
            #expect(try await refreshByBody(client, grant.refreshToken).status == .ok)
        }
    }

    @Test func refreshWorksOnTheSQLiteStoreAndALockedFileIs503() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("sessions.db")
        let harness = try await SessionHarness(store: try SQLiteRevocationStore(path: path, busyTimeoutMilliseconds: 100))
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let first = try await refreshByBody(client, grant.refreshToken)
            #expect(first.status == .ok)
            let next = try #require(first.json["refresh_token"] as? String)
            let locker = try SQLiteConnection(path: path, create: false, busyTimeoutMilliseconds: 0)
            try locker.execute("BEGIN EXCLUSIVE")
            try locker.execute("UPDATE store_version SET version = version + 1")
            let locked = try await refreshByBody(client, next)
            #expect(locked.status == .serviceUnavailable)
            #expect(locked.json["error"] as? String == "store_unavailable")
            try locker.execute("COMMIT")
            #expect(try await refreshByBody(client, next).status == .ok)
        }
    }
}
