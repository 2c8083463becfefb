import Foundation
import Hummingbird
import HummingbirdTesting
import Tessera
import TesseraHummingbird
import TesseraSQLite
import Testing
@testable import TesseraServer

@Suite("tessera serve: /admin/sessions and the /session routes")
struct AdminSessionTests {
    let directory: TemporaryDirectory
    let keys: TestKeys
    let admin: TestKeys

    init() throws {
        directory = try TemporaryDirectory()
        keys = try TestKeys(in: directory)
        admin = try TestKeys(in: directory, name: "admin.jwk")
    }

    private func call(_ client: some TestClientProtocol, _ uri: String, _ json: String? = nil, method: HTTPRequest.Method = .post,
                      token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    private func withServer(store: any RevocationStore = InMemoryRevocationStore(),
                            _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let state = try await makeState(keys, store: store, adminKeyPath: admin.keyPath,
                                        signingKeyPath: keys.keyPath, allowedOrigins: ["https://app.example"])
        try await Application(router: ServiceRoutes.router(for: state)).test(.router, test)
    }

    @Test func aLoginServiceStartsASessionWhoseTokensVerifyAndRefresh() async throws {
        let adminToken = try admin.token("login-service", scopes: ["tessera:admin"]).token
        try await withServer { (client) async throws in
            let started = try await call(client, "/admin/sessions", #"{"sub":"alice","scope":"read write","client":"Firefox on Linux"}"#,
                                         token: adminToken)
            #expect(started.status == .ok)
            #expect(started.headers[.cacheControl] == "no-store")
            let body = started.json
            let access = try #require(body["access_token"] as? String)
            let refresh = try #require(body["refresh_token"] as? String)
            let sid = try #require(body["session"] as? String)
            let verify = try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "Bearer \(access)"])
            #expect(verify.status == .ok)
            #expect(verify.headers[AuthHeaders.session] == sid)
            #expect(verify.headers[AuthHeaders.scope] == "read write")
            let byCookie = try await client.execute(uri: "/verify", method: .get, headers: [.cookie: "__Host-tessera=\(access)"])
            #expect(byCookie.status == .ok)
            let refreshed = try await client.execute(uri: "/session/refresh", method: .post,
                                                     headers: [.cookie: "__Secure-tessera-refresh=\(refresh)", .origin: "https://app.example"])
            #expect(refreshed.status == .ok)
            #expect(refreshed.json["session"] as? String == sid)
        }
    }

    @Test func adminSessionCallsNeedTheAdminScope() async throws {
        let userToken = try admin.token(scopes: ["read"]).token
        let wrongKey = try keys.token(scopes: ["tessera:admin"]).token
        try await withServer { (client) async throws in
            for token in [nil, userToken, wrongKey] {
                let start = try await call(client, "/admin/sessions", #"{"sub":"alice"}"#, token: token)
                #expect([.unauthorized, .forbidden].contains(start.status))
                #expect(start.json["access_token"] == nil)
                let list = try await call(client, "/admin/sessions?sub=alice", method: .get, token: token)
                #expect([.unauthorized, .forbidden].contains(list.status))
                let end = try await call(client, "/admin/sessions/x", method: .delete, token: token)
                #expect([.unauthorized, .forbidden].contains(end.status))
            }
        }
    }

    @Test func adminListsAndEndsAnySubjectsSessionsAndTheTokensDieAtOnce() async throws {
        let adminToken = try admin.token("ops", scopes: ["tessera:admin"]).token
        try await withServer { (client) async throws in
            var grants: [[String: Any]] = []
            for _ in 0..<3 { grants.append(try await call(client, "/admin/sessions", #"{"sub":"alice"}"#, token: adminToken).json) }
            let bob = try await call(client, "/admin/sessions", #"{"sub":"bob"}"#, token: adminToken).json
            let list = try await call(client, "/admin/sessions?sub=alice", method: .get, token: adminToken)
            #expect(list.status == .ok)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [[String: Any]])
            #expect(Set(rows.compactMap { $0["session"] as? String }) == Set(grants.compactMap { $0["session"] as? String }))
            #expect(try await call(client, "/admin/sessions", method: .get, token: adminToken).status == .badRequest)

            let first = try #require(grants[0]["session"] as? String)
            #expect(try await call(client, "/admin/sessions/\(first)", method: .delete, token: adminToken).status == .noContent)
            #expect(try await call(client, "/admin/sessions/\(first)", method: .delete, token: adminToken).status == .notFound)
            let access0 = try #require(grants[0]["access_token"] as? String)
            let revoked = try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "Bearer \(access0)"])
            #expect(revoked.headers[.wwwAuthenticate] == #"Bearer error="invalid_token", error_description="revoked""#)

            let keep = try #require(grants[2]["session"] as? String)
            let all = try await call(client, "/admin/sessions/revoke", #"{"sub":"alice","except":"\#(keep)"}"#, token: adminToken)
            #expect(all.status == .ok)
            let second = try #require(grants[1]["session"] as? String)
            #expect(all.json["ended"] as? [String] == [second])
            for (grant, status) in [(grants[1], HTTPResponse.Status.unauthorized), (grants[2], .ok), (bob, .ok)] {
                let token = try #require(grant["access_token"] as? String)
                #expect(try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "Bearer \(token)"]).status == status)
            }
        }
    }

    @Test func badStartRequestsAre400() async throws {
        let adminToken = try admin.token(scopes: ["tessera:admin"]).token
        try await withServer { (client) async throws in
            #expect(try await call(client, "/admin/sessions", #"{"sub":""}"#, token: adminToken).status == .badRequest)
            #expect(try await call(client, "/admin/sessions", #"{"scope":"a"}"#, token: adminToken).status == .badRequest)
        }
    }

    @Test func theftOverServeOnSQLiteEndsTheSessionAndVerifyAnswersRevoked() async throws {
        let adminToken = try admin.token(scopes: ["tessera:admin"]).token
        let scratch = try TemporaryDirectory()
        let store = try SQLiteRevocationStore(path: scratch.file("sessions.db"))
        let state = try await makeState(keys, store: store, adminKeyPath: admin.keyPath, signingKeyPath: keys.keyPath,
                                        sessionPolicy: SessionPolicy(reuseGrace: 0))
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            let grant = try await call(client, "/admin/sessions", #"{"sub":"alice"}"#, token: adminToken).json
            let first = try #require(grant["refresh_token"] as? String)
            let refresh = { (token: String) in
                try await call(client, "/session/refresh", #"{"refresh_token":"\#(token)"}"#, token: nil)
            }
            let rotated = try await refresh(first).json
            let access = try #require(rotated["access_token"] as? String)
            let newest = try #require(rotated["refresh_token"] as? String)
            let bearer: HTTPFields = [.authorization: "Bearer \(access)"]
            #expect(try await client.execute(uri: "/verify", method: .get, headers: bearer).status == .ok)
            #expect(try await refresh(first).json["error"] as? String == "refresh_reused")
            let verify = try await client.execute(uri: "/verify", method: .get, headers: bearer)
            #expect(verify.headers[.wwwAuthenticate] == #"Bearer error="invalid_token", error_description="revoked""#)
            #expect(try await refresh(newest).json["error"] as? String == "session_revoked")
        }
    }

    @Test func sessionRoutesNeedASigningKeyThatVerifiesAndAStore() async throws {
        let other = try TestKeys(in: directory, name: "other.jwk")
        await #expect(throws: TesseraError.self) {
            _ = try await makeState(keys, store: InMemoryRevocationStore(), signingKeyPath: other.keyPath)
        }
        await #expect(throws: TesseraError.self) {
            _ = try await makeState(keys, store: SwitchableStore(), signingKeyPath: keys.keyPath)
        }
        #expect(throws: TesseraError.self) {
            try ServeConfiguration(keyPath: "k", port: 1, signingKeyPath: "s").validate()
        }
        #expect(throws: TesseraError.self) {
            try ServeConfiguration(keyPath: "k", storePath: "db", port: 1, signingKeyPath: "s", allowedOrigins: ["evil"]).validate()
        }
        let state = try await makeState(keys, store: InMemoryRevocationStore())
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            #expect(try await client.execute(uri: "/session/refresh", method: .post).status == .notFound)
        }
    }
}
