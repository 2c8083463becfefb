import Hummingbird
import HummingbirdTesting
import Tessera
import TesseraHummingbird
import Testing

@Suite("Session routes resist cross-site request forgery")
struct SessionCSRFTests {
    @Test func aCrossSitePostCarryingTheCookiesIsRefusedAndChangesNothing() async throws {
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let forged: [HTTPFields] = [
                browserHeaders(grant, origin: "https://evil.example"),
                browserHeaders(grant, origin: "https://evil.example", fetchSite: "cross-site"),
                browserHeaders(grant, origin: "null"),
                browserHeaders(grant, origin: nil),
                browserHeaders(grant, origin: nil, fetchSite: "same-site"),
                browserHeaders(grant, origin: "https://app.example.evil.example"),
            ]
            for headers in forged {
                for (uri, method) in [("/session/refresh", HTTPRequest.Method.post), ("/session/logout", .post),
                                      ("/session/sessions/end-others", .post), ("/session/sessions/\(grant.session.id)", .delete)] {
                    let response = try await client.execute(uri: uri, method: method, headers: headers)
                    #expect(response.status == .forbidden, "\(method) \(uri)")
                    #expect(response.json["error"] as? String == "csrf_rejected")
                    #expect(response.headers[values: .setCookie].isEmpty)
                }
            }
            // Nothing was rotated or ended: the original refresh token still works (it is current).
            #expect(try await harness.manager.session(id: grant.session.id) != nil)
            let ok = try await client.execute(uri: "/session/refresh", method: .post, headers: browserHeaders(grant))
            #expect(ok.status == .ok)
        }
    }

    @Test func sameOriginRequestsWorkByAllowedOriginOrFetchMetadata() async throws {
        let harness = try await SessionHarness()
        let first = try await harness.start()
        let second = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let byOrigin = try await client.execute(uri: "/session/refresh", method: .post, headers: browserHeaders(first))
            #expect(byOrigin.status == .ok)
            let byFetchSite = try await client.execute(uri: "/session/refresh", method: .post,
                                                       headers: browserHeaders(second, origin: nil, fetchSite: "same-origin"))
            #expect(byFetchSite.status == .ok)
            let upperCase = try await client.execute(uri: "/session/logout", method: .post,
                                                     headers: browserHeaders(second, origin: "HTTPS://APP.EXAMPLE"))
            #expect(upperCase.status == .noContent)
        }
    }

    @Test func bearerAndJsonBodyClientsAreNotSubjectToTheOriginCheck() async throws {
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        let other = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let bearer: HTTPFields = [.authorization: "Bearer \(grant.access.token)", .origin: "https://evil.example"]
            let end = try await client.execute(uri: "/session/sessions/\(other.session.id)", method: .delete, headers: bearer)
            #expect(end.status == .noContent)
            let body = try await client.execute(uri: "/session/refresh", method: .post,
                                                headers: [.contentType: "application/json", .origin: "https://evil.example"],
                                                body: ByteBuffer(string: #"{"refresh_token":"\#(grant.refreshToken)"}"#))
            #expect(body.status == .ok)
        }
    }

    @Test func readingTheSessionListIsNotAStateChange() async throws {
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        try await harness.app().test(.router) { (client) async throws in
            let list = try await client.execute(uri: "/session/sessions", method: .get, headers: browserHeaders(grant, origin: nil))
            #expect(list.status == .ok)
        }
    }

    @Test func allowedOriginsMustBeBareOrigins() throws {
        #expect(try CSRFPolicy(allowedOrigins: ["https://App.Example/"]).allowedOrigins == ["https://app.example"])
        #expect(try CSRFPolicy(allowedOrigins: ["http://localhost:8080"]).allowedOrigins == ["http://localhost:8080"])
        for bad in ["app.example", "https://app.example/path", "https://user@app.example", "ftp://app.example", "https://", "*"] {
            #expect(throws: TesseraError.self, "\(bad)") { try CSRFPolicy(allowedOrigins: [bad]) }
        }
    }
}
