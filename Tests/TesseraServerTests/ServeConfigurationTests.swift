import Tessera
import Testing
@testable import TesseraServer

@Suite("tessera serve configuration")
struct ServeConfigurationTests {
    @Test(arguments: ["127.0.0.1", "127.1.2.3", "localhost", "::1"])
    func loopbackHostsNeedNoFlag(host: String) throws {
        try ServeConfiguration(keyPath: "k", host: host, port: 8080).validate()
    }

    @Test(arguments: ["0.0.0.0", "10.0.0.5", "example.com", "::", "127.0.0.1.example.com"])
    func nonLoopbackHostsNeedTheInsecureBindFlag(host: String) throws {
        #expect(throws: TesseraError.self) { try ServeConfiguration(keyPath: "k", host: host, port: 8080).validate() }
        try ServeConfiguration(keyPath: "k", host: host, port: 8080, allowInsecureBind: true).validate()
    }

    @Test func adminApiNeedsAStore() {
        #expect(throws: TesseraError.self) { try ServeConfiguration(keyPath: "k", port: 1, adminKeyPath: "a").validate() }
    }

    @Test func pollIntervalIsBounded() throws {
        #expect(try DurationOption.parse("500ms") == .milliseconds(500))
        #expect(try DurationOption.parse("1s") == .seconds(1))
        #expect(try DurationOption.parse("2") == .seconds(2))
        #expect(try DurationOption.parse("2m") == .seconds(120))
        #expect(throws: TesseraError.self) { try DurationOption.parse("1h") }
        #expect(throws: TesseraError.self) { try DurationOption.parse("fast") }
        #expect(throws: TesseraError.self) {
            try ServeConfiguration(keyPath: "k", port: 1, pollInterval: .milliseconds(1)).validate()
        }
    }

    @Test func headerValuesCannotCarryControlCharacters() {
        #expect(AuthHeaders.safe("alice") == "alice")
        #expect(AuthHeaders.safe("a\r\nX-Evil: 1") == "a%0D%0AX-Evil: 1")
        #expect(AuthHeaders.safe("zoë%") == "zo%C3%AB%25")
        #expect(AuthHeaders.safe(nil) == "")
    }
}
