import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Tessera
import TesseraSQLite
import Testing

/// The real thing: the built `tessera serve` behind a real nginx `auth_request`, on loopback
/// ports, sharing an SQLite revocation store with a writer in another process.
@Suite("nginx auth_request in front of tessera serve", .serialized)
struct NginxGatewayTests {
    /// A running gateway: nginx on `gatewayPort`, tessera on `tesseraPort`.
    final class Gateway {
        let directory: TemporaryDirectory
        let keys: TestKeys
        let storePath: String
        let gatewayPort: Int
        let tessera: ManagedProcess
        let nginx: ManagedProcess

        init(pollInterval: String) async throws {
            let nginxPath = try Programs.nginx()
            let tesseraPath = try Programs.tessera()
            directory = try TemporaryDirectory()
            keys = try TestKeys(in: directory)
            storePath = directory.file("revocations.db")
            _ = try SQLiteRevocationStore(path: storePath, create: true)
            let tesseraPort = try freePort()
            gatewayPort = try freePort()
            let config = NginxConfig(directory: directory.path, gatewayPort: gatewayPort, tesseraPort: tesseraPort,
                                     upstreamPort: try freePort())
            try config.text.write(toFile: directory.file("nginx.conf"), atomically: true, encoding: .utf8)
            tessera = try ManagedProcess("tessera serve", tesseraPath, [
                "serve", "--key", keys.keyPath, "--store", storePath, "--port", String(tesseraPort),
                "--poll-interval", pollInterval, "--log-level", "debug",
            ], logPath: directory.file("tessera.log"))
            nginx = try ManagedProcess("nginx", nginxPath, ["-p", directory.path, "-c", directory.file("nginx.conf"), "-e", directory.file("nginx-error.log")],
                                       logPath: directory.file("nginx.out"))
            try await tessera.waitUntilServing(port: tesseraPort, path: "/readyz")
            try await nginx.waitUntilServing(port: config.upstreamPort, path: "/")
        }

        /// `GET /api/orders` through nginx.
        func get(_ headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
            let response = try await httpGet(port: gatewayPort, path: "/api/orders", headers: headers)
            return (response.status, response.headers, response.body.map { String(buffer: $0) } ?? "")
        }

        /// Stops both processes by PID; returns tessera's exit status.
        @discardableResult
        func stop() -> Int32? {
            nginx.stop()
            return tessera.stop()
        }

        deinit { stop() }
    }

    private static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test func validTokenReachesTheUpstreamWithItsSubject() async throws {
        let gateway = try await Gateway(pollInterval: "1s")
        defer { gateway.stop() }
        let token = try gateway.keys.token("alice", scopes: ["orders:read"]).token
        let response = try await gateway.get(Self.bearer(token))
        #expect(response.status == .ok)
        #expect(response.body == "subject=alice\nscope=orders:read\n")
    }

    @Test func missingExpiredAndTamperedTokensAre401() async throws {
        let gateway = try await Gateway(pollInterval: "1s")
        defer { gateway.stop() }
        let none = try await gateway.get()
        #expect(none.status == .unauthorized)
        #expect(none.headers[.wwwAuthenticate] == "Bearer")
        let cases = [(try gateway.keys.expiredToken(), "expired"), (tampered(try gateway.keys.token().token), "bad_signature")]
        for (token, code) in cases {
            let response = try await gateway.get(Self.bearer(token))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\", error_description=\"\(code)\"")
            #expect(!response.body.contains("subject="))
        }
    }

    @Test func clientSentAuthHeadersNeverReachTheUpstream() async throws {
        let gateway = try await Gateway(pollInterval: "1s")
        defer { gateway.stop() }
        let spoof = HTTPField.Name("X-Auth-Subject")!
        let anonymous = try await gateway.get([spoof: "root"])
        #expect(anonymous.status == .unauthorized)
        let token = try gateway.keys.token("alice").token
        var headers = Self.bearer(token)
        headers[spoof] = "root"
        let response = try await gateway.get(headers)
        #expect(response.status == .ok)
        #expect(response.body.hasPrefix("subject=alice\n"))
        #expect(!response.body.contains("root"))
    }

    @Test func revocationWrittenByAnotherProcessIsEnforcedWithinThePollInterval() async throws {
        let gateway = try await Gateway(pollInterval: "250ms")
        defer { gateway.stop() }
        let issued = try gateway.keys.token("alice")
        let other = try gateway.keys.token("bob").token
        #expect(try await gateway.get(Self.bearer(issued.token)).status == .ok)

        let revoke = try ManagedProcess("tessera revoke", try Programs.tessera(), [
            "revoke", "--store", gateway.storePath, "--key", gateway.keys.keyPath, "--token", issued.token,
        ], logPath: gateway.directory.file("revoke.log"))
        #expect(try await revoke.waitForExit() == 0, "tessera revoke failed: \(revoke.log)")
        let revokedAt = ContinuousClock.now
        var response = try await gateway.get(Self.bearer(issued.token))
        while response.status == .ok, ContinuousClock.now - revokedAt < .seconds(5) {
            try await Task.sleep(for: .milliseconds(50))
            response = try await gateway.get(Self.bearer(issued.token))
        }
        let delay = ContinuousClock.now - revokedAt
        #expect(response.status == .unauthorized)
        #expect(response.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\", error_description=\"revoked\"")
        #expect(delay < .milliseconds(1500), "revocation took \(delay) to reach the gateway with a 250 ms poll interval")
        #expect(try await gateway.get(Self.bearer(other)).status == .ok)
    }

    @Test func serveStopsGracefullyOnSigtermAndNeverLogsTokens() async throws {
        let gateway = try await Gateway(pollInterval: "1s")
        let token = try gateway.keys.token().token
        _ = try await gateway.get(Self.bearer(token))
        _ = try await gateway.get(Self.bearer(tampered(token)))
        let status = gateway.stop()
        #expect(status == 0)
        let log = gateway.tessera.log
        #expect(log.contains("stopped"))
        #expect(log.contains("result=bad_signature"))
        #expect(!log.contains(token))
        #expect(!log.contains(String(token.split(separator: ".")[2])))
    }

    @Test func nonLoopbackBindWithoutTheFlagExitsWith2() async throws {
        let directory = try TemporaryDirectory()
        let keys = try TestKeys(in: directory)
        let process = try ManagedProcess("tessera serve", try Programs.tessera(),
                                         ["serve", "--key", keys.keyPath, "--host", "0.0.0.0", "--port", String(try freePort())],
                                         logPath: directory.file("serve.log"))
        #expect(try await process.waitForExit(timeout: .seconds(10)) == 2)
        #expect(process.log.contains("--allow-insecure-bind"))
    }
}
