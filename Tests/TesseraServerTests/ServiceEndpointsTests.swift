import Hummingbird
import HummingbirdTesting
import Tessera
import Testing
@testable import TesseraServer

@Suite("JWKS, health, readiness and metrics endpoints")
struct ServiceEndpointsTests {
    @Test func jwksPublishesPublicKeysWithCacheControl() async throws {
        let directory = try TemporaryDirectory()
        let keys = try TestKeys(in: directory)
        let state = try await makeState(keys)
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/.well-known/jwks.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "public, max-age=300")
            let body = String(buffer: response.body)
            #expect(body.contains(keys.signing.keyID))
            #expect(!body.contains("\"d\""))
            #expect(try KeySet(jwks: body).keys.first?.keyID == keys.signing.keyID)
        }
    }

    @Test func hmacSecretsAreNeverPublished() async throws {
        let directory = try TemporaryDirectory()
        let keys = try TestKeys(.hs256, in: directory)
        let state = try await makeState(keys)
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            let response = try await client.execute(uri: "/.well-known/jwks.json", method: .get)
            #expect(String(buffer: response.body) == "{\"keys\":[]}")
        }
    }

    @Test func healthAndReadinessAnswer200WhenKeysAreLoaded() async throws {
        let directory = try TemporaryDirectory()
        let state = try await makeState(try TestKeys(in: directory), store: InMemoryRevocationStore())
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains("tessera_revocation_store_up 1.0"))
        }
    }

    @Test func metricsCountVerificationsByResultAndTimeThem() async throws {
        let directory = try TemporaryDirectory()
        let keys = try TestKeys(in: directory)
        let state = try await makeState(keys)
        let token = try keys.token().token
        try await Application(router: ServiceRoutes.router(for: state)).test(.router) { (client) async throws in
            try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "Bearer \(token)"])
            try await client.execute(uri: "/verify", method: .get, headers: [.authorization: "Bearer \(try keys.expiredToken())"])
            try await client.execute(uri: "/verify", method: .get)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: response.body)
            #expect(text.contains("tessera_verifications_total{result=\"ok\"} 1"))
            #expect(text.contains("tessera_verifications_total{result=\"expired\"} 1"))
            #expect(text.contains("tessera_verifications_total{result=\"missing\"} 1"))
            #expect(text.contains("tessera_verify_duration_seconds_count 3"))
            #expect(!text.contains(token))
        }
    }
}
