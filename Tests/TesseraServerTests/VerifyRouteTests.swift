import Hummingbird
import HummingbirdTesting
import Tessera
import Testing
@testable import TesseraServer

@Suite("GET /verify")
struct VerifyRouteTests {
    let directory: TemporaryDirectory
    let keys: TestKeys

    init() throws {
        directory = try TemporaryDirectory()
        keys = try TestKeys(in: directory)
    }

    private func withApp(store: (any RevocationStore)? = nil, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let state = try await makeState(keys, store: store)
        try await Application(router: ServiceRoutes.router(for: state)).test(.router, test)
    }

    @Test func validBearerTokenAnswers200WithTheAuthHeaders() async throws {
        let issued = try keys.token("alice", scopes: ["read", "write"], sessionID: "s-1")
        try await withApp { (client) async throws in
            let response = try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "Bearer \(issued.token)"])
            #expect(response.status == .ok)
            #expect(response.headers[AuthHeaders.subject] == "alice")
            #expect(response.headers[AuthHeaders.scope] == "read write")
            #expect(response.headers[AuthHeaders.session] == "s-1")
            #expect(response.headers[AuthHeaders.expires] == String(issued.claims.expiresAt))
            #expect(response.headers[.cacheControl] == "no-store")
        }
    }

    @Test(arguments: ["bearer", "BEARER", "BeArEr"])
    func bearerSchemeIsCaseInsensitive(scheme: String) async throws {
        let token = try keys.token().token
        try await withApp { (client) async throws in
            let response = try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "\(scheme) \(token)"])
            #expect(response.status == .ok)
        }
    }

    @Test func missingTokenIs401WithABareBearerChallenge() async throws {
        try await withApp { (client) async throws in
            let response = try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "Basic YWxpY2U6cHc="])
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func rejectedTokensAre401InvalidTokenWithTheCoreCode() async throws {
        let cases = [(try keys.expiredToken(), "expired"), (tampered(try keys.token().token), "bad_signature"), ("a.b", "malformed")]
        try await withApp { (client) async throws in
            for (token, code) in cases {
                let response = try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "Bearer \(token)"])
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\", error_description=\"\(code)\"")
                #expect(response.headers[AuthHeaders.subject] == nil)
            }
        }
    }

    @Test func sessionCookieCarriesTheTokenButTheQueryStringNever() async throws {
        let token = try keys.token().token
        try await withApp { (client) async throws in
            let cookie = try await client.execute(uri: "/verify", method: .get,
                                                  headers: [.cookie: "theme=dark; \(ServeConfiguration.defaultCookieName)=\(token)"])
            #expect(cookie.status == .ok)
            let query = try await client.execute(uri: "/verify?access_token=\(token)", method: .get)
            #expect(query.status == .unauthorized)
            #expect(query.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func inboundAuthHeadersAreNeitherTrustedNorEchoed() async throws {
        let token = try keys.token("alice").token
        try await withApp { (client) async throws in
            let spoofed = try await client.execute(uri: "/verify", method: .get,
                                                   headers: [AuthHeaders.subject: "root", AuthHeaders.scope: "admin"])
            #expect(spoofed.status == .unauthorized)
            #expect(spoofed.headers[AuthHeaders.subject] == nil)
            let mixed = try await client.execute(uri: "/verify", method: .get,
                                                 headers: [.authorization: "Bearer \(token)", AuthHeaders.subject: "root"])
            #expect(mixed.headers[values: AuthHeaders.subject] == ["alice"])
        }
    }

    @Test func gatewaysMayForwardTheOriginalMethod() async throws {
        let token = try keys.token().token
        try await withApp { (client) async throws in
            for method in [HTTPRequest.Method.post, .delete, .head] {
                let response = try await client.execute(uri: "/verify", method: method, headers: [.authorization: "Bearer \(token)"])
                #expect(response.status == .ok)
            }
        }
    }

    @Test func revokedTokenIs401AfterTheFeedRefreshes() async throws {
        let store = InMemoryRevocationStore()
        let issued = try keys.token()
        let state = try await makeState(keys, store: store)
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            let headers: HTTPFields = [.authorization: "Bearer \(issued.token)"]
            #expect(try await client.execute(uri: "/verify", method: .get, headers: headers).status == .ok)
            try await store.revokeToken(id: issued.claims.tokenID!, until: issued.claims.expiresAt + 60)
            await state.revocation!.refresh()
            let response = try await client.execute(uri: "/verify", method: .get, headers: headers)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\", error_description=\"revoked\"")
        }
    }

    @Test func unavailableStoreFailsClosedWith503AndNotReady() async throws {
        let store = SwitchableStore()
        let token = try keys.token().token
        let state = try await makeState(keys, store: store)
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            let headers: HTTPFields = [.authorization: "Bearer \(token)"]
            store.isDown = true
            await state.revocation!.refresh()
            let response = try await client.execute(uri: "/verify", method: .get, headers: headers)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "1")
            #expect(response.headers[AuthHeaders.subject] == nil)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .serviceUnavailable)
            let bad = try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "Bearer \(tampered(token))"])
            #expect(bad.status == .unauthorized)

            store.isDown = false
            await state.revocation!.refresh()
            #expect(try await client.execute(uri: "/verify", method: .get, headers: headers).status == .ok)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
        }
    }
}
