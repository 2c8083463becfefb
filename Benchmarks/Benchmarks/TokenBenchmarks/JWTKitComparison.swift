import Benchmark
import Foundation
import JWTKit
import Tessera

// vapor/jwt-kit 5.8.0 beside Tessera in the same run, on identical claims and keys: jwt-kit is
// given the fixture's own HMAC secret and Ed25519 private key (under the same `kid`), verifies
// the very token Tessera minted, and signs the same claims with the same header fields.

/// The fixture's claims as a jwt-kit payload: `iss sub aud exp iat jti sid scope`, checked on
/// verify the way Tessera's `ClaimRules` check them (`exp`, `iss`, `aud`).
struct JWTKitClaims: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var jti: IDClaim
    var sid: String
    var scope: String

    /// Same checks as Tessera's default rules: not expired, the expected issuer and audience.
    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        guard iss.value == Fixture.issuerName else { throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "issuer") }
        try aud.verifyIntendedAudience(includes: Fixture.audience)
    }

    /// What `Issuer.issue(Fixture.request)` puts in a token: a fresh `jti` and the current time.
    static func fresh() -> JWTKitClaims {
        let now = Date()
        return JWTKitClaims(
            iss: IssuerClaim(value: Fixture.issuerName), sub: SubjectClaim(value: Fixture.request.subject),
            aud: AudienceClaim(value: [Fixture.audience]), exp: ExpirationClaim(value: now + 3600),
            iat: IssuedAtClaim(value: now), jti: IDClaim(value: (try? RandomID.generate()) ?? ""),
            sid: Fixture.request.sessionID!, scope: Fixture.request.scopes.joined(separator: " "))
    }
}

/// A `JWTKeyCollection` holding `fixture`'s key (under its `kid`).
func jwtKitKeys(for fixture: Fixture) async throws -> JWTKeyCollection {
    let keys = JWTKeyCollection()
    let kid = JWKIdentifier(string: fixture.key.keyID)
    switch fixture.algorithm {
    case .hs256:
        await keys.add(hmac: HMACKey(from: fixture.hmacSecret), digestAlgorithm: .sha256, kid: kid)
    case .edDSA:
        await keys.add(eddsa: try EdDSA.PrivateKey(d: fixture.jwkMember("d"), curve: .ed25519), kid: kid)
    default:
        fatalError("no jwt-kit comparison for \(fixture.algorithm)")
    }
    return keys
}

/// Registers jwt-kit sign and verify for HS256 and EdDSA, named like Tessera's rows.
func registerJWTKitBenchmarks(_ fixtures: [Fixture]) {
    for fixture in fixtures {
        let scaling: BenchmarkScalingFactor = fixture.algorithm == .edDSA ? .one : .kilo
        let name = fixture.algorithm == .edDSA ? "EdDSA" : "HS256"
        var header = JWTHeader()
        header.typ = "at+jwt"
        let typedHeader = header
        Benchmark("jwt-kit \(name) sign", configuration: configuration(scaling)) { (benchmark: Benchmark) async throws in
            let keys = try await jwtKitKeys(for: fixture)
            let kid = JWKIdentifier(string: fixture.key.keyID)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await keys.sign(JWTKitClaims.fresh(), kid: kid, header: typedHeader))
            }
            benchmark.stopMeasurement()
        }
        Benchmark("jwt-kit \(name) verify", configuration: configuration(scaling)) { (benchmark: Benchmark) async throws in
            let keys = try await jwtKitKeys(for: fixture)
            let token = fixture.token
            _ = try await keys.verify(token, as: JWTKitClaims.self)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await keys.verify(token, as: JWTKitClaims.self))
            }
            benchmark.stopMeasurement()
        }
    }
}
