import Hummingbird
import Tessera
import TesseraHummingbird
import Testing

@Suite("Session cookie policies")
struct SessionCookieTests {
    @Test func aHostPrefixedCookieNeedsPathSlashAndNoDomain() throws {
        _ = try TokenCookie(name: "__Host-tessera")
        #expect(throws: TesseraError.self) { try TokenCookie(name: "__Host-tessera", path: "/session") }
        #expect(throws: TesseraError.self) { try TokenCookie(name: "__Host-tessera", domain: "example.com") }
        _ = try TokenCookie(name: "__Secure-tessera-refresh", path: "/session")
        #expect(throws: TesseraError.self) { try TokenCookie(name: "refresh", path: "session") }
    }

    @Test func sessionCookiesAreStrictAndDistinct() throws {
        #expect(throws: TesseraError.self) {
            try SessionCookies(access: TokenCookie(name: "__Host-a", sameSite: .lax), refresh: TokenCookie(name: "__Secure-r", path: "/s"))
        }
        #expect(throws: TesseraError.self) {
            try SessionCookies(access: TokenCookie(name: "__Host-a"), refresh: TokenCookie(name: "__Host-a"))
        }
        let cookies = try SessionCookies(refreshPath: "/auth")
        #expect(cookies.access.name == "__Host-tessera" && cookies.access.path == "/" && cookies.access.domain == nil)
        #expect(cookies.refresh.name == "__Secure-tessera-refresh" && cookies.refresh.path == "/auth")
        let cleared = cookies.clearing()
        #expect(cleared.allSatisfy { $0.value.isEmpty && $0.maxAge == 0 && $0.secure && $0.httpOnly && $0.sameSite == .strict })
    }
}
