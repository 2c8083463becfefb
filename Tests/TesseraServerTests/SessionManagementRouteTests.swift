import Foundation
import Hummingbird
import HummingbirdTesting
import Tessera
import TesseraHummingbird
import Testing

@Suite("Logout and the account page's session routes")
struct SessionManagementRouteTests {
    @Test func logoutEndsTheSessionClearsTheCookiesAndIsIdempotent() async throws {
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/session/logout", method: .post, headers: browserHeaders(grant))
            #expect(response.status == .noContent)
            #expect(response.setCookies["__Host-tessera"]?.maxAge == 0)
            #expect(response.setCookies["__Host-tessera"]?.value == "")
            #expect(response.setCookies["__Secure-tessera-refresh"]?.maxAge == 0)
            #expect(response.setCookies["__Secure-tessera-refresh"]?.attributes["path"] == "/session")
            #expect(try await harness.manager.session(id: grant.session.id) == nil)
            #expect(rejection(harness.verifier, grant.access.token) == "revoked")
            let again = try await client.execute(uri: "/session/logout", method: .post, headers: browserHeaders(grant))
            #expect(again.status == .noContent)
            let refresh = try await client.execute(uri: "/session/refresh", method: .post, headers: browserHeaders(grant))
            #expect(refresh.json["error"] as? String == "session_revoked")
        }
    }

    @Test func logoutFindsTheSessionByBearerByRefreshCookieOrByBody() async throws {
        let harness = try await SessionHarness()
        let byBearer = try await harness.start()
        let byCookie = try await harness.start()
        let byBody = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            _ = try await client.execute(uri: "/session/logout", method: .post, headers: [.authorization: "Bearer \(byBearer.access.token)"])
            _ = try await client.execute(uri: "/session/logout", method: .post, headers: browserHeaders(byCookie, access: false))
            _ = try await client.execute(uri: "/session/logout", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: #"{"refresh_token":"\#(byBody.refreshToken)"}"#))
            for grant in [byBearer, byCookie, byBody] { #expect(try await harness.manager.session(id: grant.session.id) == nil) }
        }
    }

    @Test func theListHoldsTheCallersLiveSessionsNewestFirstAndMarksTheCurrentOne() async throws {
        let harness = try await SessionHarness()
        let older = try await harness.start(client: "Safari on iOS")
        harness.clock.advance(1)
        let current = try await harness.start(client: "Firefox on Linux")
        _ = try await harness.start("bob")
        try await harness.app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/session/sessions", method: .get, headers: [.authorization: "Bearer \(current.access.token)"])
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
            #expect(rows.map { $0["session"] as? String } == [current.session.id, older.session.id])
            #expect(rows.map { $0["current"] as? Bool } == [true, false])
            #expect(rows.map { $0["client"] as? String } == ["Firefox on Linux", "Safari on iOS"])
            #expect(!response.text.contains("tsr_") && !response.text.contains(current.access.token))
            let anonymous = try await client.execute(uri: "/session/sessions", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
            #expect(anonymous.json["error"] as? String == "missing_token")
            let forged = try await client.execute(uri: "/session/sessions", method: .get, headers: [.authorization: "Bearer \(tampered(current.access.token))"])
            #expect(forged.status == .unauthorized)
            #expect(forged.json["error"] as? String == "bad_signature")
        }
    }

    @Test func endingSomeoneElsesOrAnUnknownSessionIs404AndTheSessionLives() async throws {
        let harness = try await SessionHarness()
        let alice = try await harness.start("alice")
        let bob = try await harness.start("bob")
        try await harness.app().test(.router) { (client) async throws in
            let headers: HTTPFields = [.authorization: "Bearer \(alice.access.token)"]
            let foreign = try await client.execute(uri: "/session/sessions/\(bob.session.id)", method: .delete, headers: headers)
            let unknown = try await client.execute(uri: "/session/sessions/no-such-session", method: .delete, headers: headers)
            #expect(foreign.status == .notFound)
            #expect(unknown.status == .notFound)
            #expect(foreign.text == unknown.text)
            #expect(foreign.json["error"] as? String == "session_not_found")
            #expect(try await harness.manager.session(id: bob.session.id) != nil)
            #expect(rejection(harness.verifier, bob.access.token) == nil)
        }
    }

    @Test func endingOneOfMySessionsRevokesItsTokensButNotMine() async throws {
        let harness = try await SessionHarness()
        let laptop = try await harness.start()
        let phone = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/session/sessions/\(phone.session.id)", method: .delete, headers: browserHeaders(laptop))
            #expect(response.status == .noContent)
            #expect(response.headers[values: .setCookie].isEmpty)
            #expect(rejection(harness.verifier, phone.access.token) == "revoked")
            #expect(rejection(harness.verifier, laptop.access.token) == nil)
        }
    }

    @Test func endOthersLogsOutEveryOtherDevice() async throws {
        let harness = try await SessionHarness()
        let mine = try await harness.start()
        let others = [try await harness.start(), try await harness.start()]
        let bob = try await harness.start("bob")
        try await harness.app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/session/sessions/end-others", method: .post, headers: browserHeaders(mine))
            #expect(response.status == .ok)
            #expect(response.text == #"{"ended":2}"#)
            #expect(try await harness.manager.sessions(subject: "alice").map(\.id) == [mine.session.id])
            for other in others { #expect(rejection(harness.verifier, other.access.token) == "revoked") }
            #expect(try await harness.manager.session(id: bob.session.id) != nil)
        }
    }

    @Test func aStoreFailureDuringLogoutIs503NotASilentSuccess() async throws {
        let store = SwitchableSessionStore()
        let harness = try await SessionHarness(store: store)
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            store.isDown = true
            let response = try await client.execute(uri: "/session/logout", method: .post, headers: [.authorization: "Bearer \(grant.access.token)"])
            #expect(response.status == .serviceUnavailable)
            #expect(response.json["error"] as? String == "store_unavailable")
            let list = try await client.execute(uri: "/session/sessions", method: .get, headers: [.authorization: "Bearer \(grant.access.token)"])
            #expect(list.status == .serviceUnavailable)
            store.isDown = false
            #expect(try await harness.manager.session(id: grant.session.id) != nil)
        }
    }
}
