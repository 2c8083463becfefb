import Hummingbird
import HummingbirdTesting
import Tessera
import TesseraHummingbird
import Testing
@testable import TesseraServer

@Suite("No token or refresh token ever reaches a log line")
struct SessionLogHygieneTests {
    @Test func theSessionRoutesLogCodesAndSessionIdsOnly() async throws {
        let log = CapturedLog()
        let harness = try await SessionHarness()
        let grant = try await harness.start()
        let issued = CapturedLog()  // collects the tokens the routes hand out
        issued.append(grant.access.token)
        issued.append(grant.refreshToken)
        try await harness.app(logger: log.logger).test(.router) { (client) async throws in
            let json: HTTPFields = [.contentType: "application/json"]
            let rotated = try await client.execute(uri: "/session/refresh", method: .post, headers: browserHeaders(grant))
            issued.append(rotated.json["access_token"] as? String ?? "")
            issued.append(rotated.json["refresh_token"] as? String ?? "")
            harness.clock.advance(11)
            _ = try await client.execute(uri: "/session/refresh", method: .post, headers: json,
                                         body: ByteBuffer(string: #"{"refresh_token":"\#(grant.refreshToken)"}"#))
            _ = try await client.execute(uri: "/session/refresh", method: .post, headers: browserHeaders(grant, origin: "https://evil.example"))
            _ = try await client.execute(uri: "/session/sessions", method: .get, headers: [.authorization: "Bearer \(grant.access.token)"])
            _ = try await client.execute(uri: "/session/logout", method: .post, headers: browserHeaders(grant))
        }
        let text = log.text
        #expect(text.contains("refresh_reused"))
        #expect(text.contains("csrf_rejected"))
        #expect(text.contains(grant.session.id))
        let secrets = issued.text.split(separator: "\n").map(String.init)
        #expect(secrets.count == 4)
        for secret in secrets where !secret.isEmpty {
            #expect(!text.contains(secret))
            #expect(!text.contains(String(secret.prefix(24))))
        }
        #expect(!text.contains(RefreshToken.prefix))
    }

    @Test func theAdminStartIsAuditedWithoutTheTokens() async throws {
        let log = CapturedLog()
        let directory = try TemporaryDirectory()
        let keys = try TestKeys(in: directory)
        let admin = try TestKeys(in: directory, name: "admin.jwk")
        let state = try await makeState(keys, store: InMemoryRevocationStore(), adminKeyPath: admin.keyPath,
                                        signingKeyPath: keys.keyPath, logger: log.logger)
        let adminToken = try admin.token("ops", scopes: ["tessera:admin"]).token
        try await Application(router: ServiceRoutes.router(for: state), logger: log.logger).test(.router) { (client) async throws in
            let started = try await client.execute(uri: "/admin/sessions", method: .post,
                                                   headers: [.authorization: "Bearer \(adminToken)", .contentType: "application/json"],
                                                   body: ByteBuffer(string: #"{"sub":"alice"}"#))
            let sid = try #require(started.json["session"] as? String)
            let text = log.text
            #expect(text.contains("start session") && text.contains(sid))
            for secret in [adminToken, started.json["access_token"] as? String ?? "-", started.json["refresh_token"] as? String ?? "-"] {
                #expect(!text.contains(secret))
            }
        }
    }
}
