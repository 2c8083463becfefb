import Hummingbird
import HummingbirdTesting
import Tessera
import TesseraHummingbird
import Testing

/// Session-handling practices the middleware enforces for browsers and sensitive actions.
@Suite("Token cookies and step-up re-authentication")
struct SessionPracticeTests {
    let signing: SigningKey
    let verifier: Verifier

    init() throws {
        signing = try SigningKey.generate(.hs256)
        verifier = try Verifier(keys: KeySet(signing.verificationKey))
    }

    private func token(authTime: Int64?) throws -> String {
        try Issuer(key: signing).issue(TokenRequest(subject: "alice", authTime: authTime)).token
    }

    private func app(now: Int64) -> some ApplicationProtocol {
        let router = Router(context: BasicTesseraRequestContext.self)
        router.add(middleware: TesseraAuthenticator(verifier: verifier))
        router.group("account").add(middleware: RequireRecentAuthentication(maxAge: 300, clock: .fixed(now)))
            .post("password") { _, _ in "changed" }
        return Application(router: router)
    }

    @Test func aSensitiveActionNeedsARecentAuthentication() async throws {
        let now = TokenClock.system.now()
        let fresh = try token(authTime: now - 60)
        let stale = try token(authTime: now - 3600)
        let none = try token(authTime: nil)
        try await app(now: now).test(.router) { (client) async throws in
            let ok = try await client.execute(uri: "/account/password", method: .post, headers: [.authorization: "Bearer \(fresh)"])
            #expect(ok.status == .ok)
            for refused in [stale, none] {
                let response = try await client.execute(uri: "/account/password", method: .post, headers: [.authorization: "Bearer \(refused)"])
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]
                    == #"Bearer error="insufficient_user_authentication", error_description="a more recent authentication is required", max_age="300""#)
            }
            let anonymous = try await client.execute(uri: "/account/password", method: .post)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func theTokenCookieIsHttpOnlySecureSameSiteAndEndsWithTheToken() throws {
        let issued = try Issuer(key: signing, lifetime: 600, clock: .fixed(1_000_000)).issue(TokenRequest(subject: "alice"))
        let cookie = try TokenCookie(name: "tessera").setting(issued, clock: .fixed(1_000_000))
        #expect(cookie.httpOnly)
        #expect(cookie.secure)
        #expect(cookie.sameSite == .strict)
        #expect(cookie.maxAge == 600)
        #expect(cookie.value == issued.token)
        #expect(cookie.path == "/")
        let cleared = try TokenCookie(name: "tessera", sameSite: .lax).clearing()
        #expect(cleared.value.isEmpty && cleared.maxAge == 0 && cleared.httpOnly && cleared.secure && cleared.sameSite == .lax)
    }

    @Test func unsafeCookiePoliciesAreRefused() {
        #expect(throws: TesseraError.self) { try TokenCookie(name: "bad name;") }
        #expect(throws: TesseraError.self) { try TokenCookie(name: "tessera", sameSite: .none) }
    }
}
