import Hummingbird
import HummingbirdTesting
import Tessera
import TesseraHummingbird
import Testing

@Suite("TesseraAuthenticator and RequireScope middleware")
struct AuthenticatorMiddlewareTests {
    let directory: TemporaryDirectory
    let keys: TestKeys
    let verifier: Verifier

    init() throws {
        directory = try TemporaryDirectory()
        keys = try TestKeys(in: directory)
        verifier = try Verifier(keys: KeySet(keys.signing.verificationKey))
    }

    private func app() -> some ApplicationProtocol {
        let router = Router(context: BasicTesseraRequestContext.self)
        router.add(middleware: TesseraAuthenticator(verifier: verifier, cookieName: "session"))
        router.get("public") { _, context in "hello \(context.token?.subject ?? "anonymous")" }
        router.group("orders").add(middleware: RequireScope("orders:read")).get { _, context in
            "orders of \(try context.requireToken().subject ?? "")"
        }
        return Application(router: router)
    }

    private func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test func verifiedClaimsReachTheHandlerThroughTheContext() async throws {
        let token = try keys.token("alice", scopes: ["orders:read"]).token
        try await app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/orders", method: .get, headers: bearer(token))
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "orders of alice")
            let cookie = try await client.execute(uri: "/public", method: .get, headers: [.cookie: "session=\(token)"])
            #expect(String(buffer: cookie.body) == "hello alice")
        }
    }

    @Test func publicRoutesWorkWithoutAToken() async throws {
        try await app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/public", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "hello anonymous")
        }
    }

    @Test func anInvalidTokenIsRefusedEvenOnPublicRoutes() async throws {
        let expired = try keys.expiredToken()
        try await app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/public", method: .get, headers: bearer(expired))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\", error_description=\"expired\"")
        }
    }

    @Test func protectedRouteWithoutATokenIs401WithoutAnErrorCode() async throws {
        try await app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/orders", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func missingScopeIs403InsufficientScope() async throws {
        let token = try keys.token(scopes: ["orders:write"]).token
        try await app().test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/orders", method: .get, headers: bearer(token))
            #expect(response.status == .forbidden)
            #expect(response.headers[.wwwAuthenticate] == "Bearer error=\"insufficient_scope\", scope=\"orders:read\"")
        }
    }

    @Test func onlyTheBearerSchemeIsRead() {
        let source = BearerTokenSource()
        #expect(source.token(in: [.authorization: "Bearer abc.def.ghi"]) == "abc.def.ghi")
        #expect(source.token(in: [.authorization: "bearer   abc"]) == "abc")
        #expect(source.token(in: [.authorization: "Bearerabc"]) == nil)
        #expect(source.token(in: [.authorization: "Basic abc"]) == nil)
        #expect(source.token(in: [.authorization: "Bearer "]) == nil)
        #expect(source.token(in: [.authorization: "Bearer a b"]) == nil)
        #expect(source.token(in: [.cookie: "tessera_session=abc"]) == nil)
    }

    @Test func challengeParametersAreQuoted() {
        let challenge = BearerChallenge(error: "insufficient_scope", scope: "a\"b", realm: "api")
        #expect(challenge.headerValue == #"Bearer realm="api", error="insufficient_scope", scope="a\"b""#)
        #expect(BearerChallenge().headerValue == "Bearer")
    }
}
