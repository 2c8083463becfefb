import Hummingbird
import HummingbirdTesting
import Tessera
import Testing
@testable import TesseraServer

@Suite("Admin API")
struct AdminAPITests {
    let directory: TemporaryDirectory
    let keys: TestKeys
    let admin: TestKeys

    init() throws {
        directory = try TemporaryDirectory()
        keys = try TestKeys(in: directory)
        admin = try TestKeys(in: directory, name: "admin.jwk")
    }

    private func post(_ client: some TestClientProtocol, _ uri: String, _ json: String, token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    private func verify(_ client: some TestClientProtocol, _ token: String) async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "Bearer \(token)"]).status
    }

    @Test func adminRoutesExistOnlyWithAnAdminKey() async throws {
        let state = try await makeState(keys, store: InMemoryRevocationStore())
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            let response = try await post(client, "/admin/logout-all", #"{"sub":"alice"}"#, token: try admin.token(scopes: ["tessera:admin"]).token)
            #expect(response.status == .notFound)
        }
    }

    @Test func adminCallsNeedAnAdminKeyTokenWithTheAdminScope() async throws {
        let state = try await makeState(keys, store: InMemoryRevocationStore(), adminKeyPath: admin.keyPath)
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            let body = #"{"sub":"alice"}"#
            #expect(try await post(client, "/admin/logout-all", body, token: nil).status == .unauthorized)
            let userKey = try await post(client, "/admin/logout-all", body, token: try keys.token(scopes: ["tessera:admin"]).token)
            #expect(userKey.status == .unauthorized)
            #expect(userKey.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\", error_description=\"key_not_found\"")
            let noScope = try await post(client, "/admin/logout-all", body, token: try admin.token(scopes: ["read"]).token)
            #expect(noScope.status == .forbidden)
            #expect(noScope.headers[.wwwAuthenticate] == "Bearer error=\"insufficient_scope\", scope=\"tessera:admin\"")
        }
    }

    @Test func revokingATokenASessionOrASubjectTakesEffectAtOnce() async throws {
        let state = try await makeState(keys, store: InMemoryRevocationStore(), adminKeyPath: admin.keyPath)
        let adminToken = try admin.token("ops", scopes: ["tessera:admin"]).token
        let byToken = try keys.token("alice").token
        let byID = try keys.token("bob")
        let bySession = try keys.token("carol", sessionID: "session-7").token
        let bySubject = try keys.token("dave").token
        let bystander = try keys.token("erin").token
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            #expect(try await post(client, "/admin/revoke/token", #"{"token":"\#(byToken)"}"#, token: adminToken).status == .ok)
            let jti = byID.claims.tokenID!, exp = byID.claims.expiresAt
            #expect(try await post(client, "/admin/revoke/token", #"{"jti":"\#(jti)","exp":\#(exp)}"#, token: adminToken).status == .ok)
            let until = TokenClock.system.now() + 3600
            #expect(try await post(client, "/admin/revoke/session", #"{"sid":"session-7","until":\#(until)}"#, token: adminToken).status == .ok)
            let logout = try await post(client, "/admin/logout-all", #"{"sub":"dave"}"#, token: adminToken)
            #expect(logout.status == .ok)
            #expect(String(buffer: logout.body).contains("\"epoch\""))
            for token in [byToken, byID.token, bySession, bySubject] {
                #expect(try await verify(client, token) == .unauthorized)
            }
            #expect(try await verify(client, bystander) == .ok)
        }
    }

    @Test func badAdminRequestsAre400() async throws {
        let state = try await makeState(keys, store: InMemoryRevocationStore(), adminKeyPath: admin.keyPath)
        let adminToken = try admin.token(scopes: ["tessera:admin"]).token
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            #expect(try await post(client, "/admin/revoke/token", #"{"jti":"x"}"#, token: adminToken).status == .badRequest)
            #expect(try await post(client, "/admin/revoke/token", #"{"token":"a.b.c"}"#, token: adminToken).status == .badRequest)
            #expect(try await post(client, "/admin/logout-all", #"{"sub":""}"#, token: adminToken).status == .badRequest)
        }
    }
}
