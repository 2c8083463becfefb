import Benchmark
import Foundation
import Tessera

// Tessera's token operations beside the raw OpenSSL floor, in one run, so the ratios hold on a
// noisy machine. Every measured loop runs in an async closure (package-benchmark runs those on
// a global-queue task, never on the main actor) between explicit start/stop marks.

/// Wall time, throughput and mallocs; `.kilo` runs 1,000 operations per sample (reported per
/// operation), `.one` one operation per sample (for the 40–120 µs Ed25519 operations).
///
/// With `TESSERA_BENCH_SMOKE` set (`Benchmarks/smoke.sh`, run by CI), every benchmark runs one
/// operation per sample for at most 0.3 s, so that the executable's stand-alone histograms read
/// per operation and the whole smoke run stays short.
func configuration(_ scaling: BenchmarkScalingFactor) -> Benchmark.Configuration {
    if isSmokeRun {
        return Benchmark.Configuration(
            metrics: [.wallClock, .mallocCountTotal], warmupIterations: 3, scalingFactor: .one,
            maxDuration: .milliseconds(300), maxIterations: 2_000)
    }
    return Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 3, scalingFactor: scaling,
        maxDuration: .seconds(2), maxIterations: 10_000)
}

/// True for CI's short smoke run (`TESSERA_BENCH_SMOKE` set).
let isSmokeRun = ProcessInfo.processInfo.environment["TESSERA_BENCH_SMOKE"] != nil

/// Registers a benchmark that runs `operation` `benchmark.scaledIterations` times per sample.
func measure(_ name: String, _ scaling: BenchmarkScalingFactor = .kilo, _ operation: @escaping @Sendable () throws -> Void) {
    Benchmark(name, configuration: configuration(scaling)) { (benchmark: Benchmark) async throws in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try operation() }
        benchmark.stopMeasurement()
    }
}

let benchmarks: @Sendable () -> Void = {
    let hs256 = try! Fixture(.hs256)
    let edDSA = try! Fixture(.edDSA)

    // The floor: raw OpenSSL over the same signing input as the HS256 / EdDSA tokens.
    for (digest, secretLength) in [("SHA256", 32), ("SHA384", 48), ("SHA512", 64)] {
        let floor = HMACFloor(digest: digest, key: Array(repeating: 0x5A, count: secretLength))
        let input = hs256.signingInput
        measure("Floor HMAC-\(digest) (EVP_MAC reused ctx)") {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { out in
                let ok = input.withUnsafeBytes { floor.authenticate($0, into: out.baseAddress!) }
                blackHole(ok)
            }
        }
    }
    let ed = Ed25519Floor()
    let edInput = edDSA.signingInput
    let edSignature = ed.signature(over: edInput)
    measure("Floor Ed25519 sign (EVP_DigestSign)", .one) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { out in
            blackHole(edInput.withUnsafeBytes { ed.sign($0, into: out.baseAddress!) })
        }
    }
    measure("Floor Ed25519 verify (EVP_DigestVerify)", .one) {
        let ok = edSignature.withUnsafeBufferPointer { s in edInput.withUnsafeBytes { ed.verify(s.baseAddress!, over: $0) } }
        precondition(ok)
    }

    // Tessera: mint (claims → JSON → base64url → sign) and verify (the whole pipeline).
    measure("HS256 sign (Issuer.issue)") { blackHole(try hs256.issuer.issue(Fixture.request)) }
    measure("HS256 verify") { blackHole(try hs256.verifier.verify(hs256.token)) }
    measure("EdDSA sign (Issuer.issue)", .one) { blackHole(try edDSA.issuer.issue(Fixture.request)) }
    measure("EdDSA verify", .one) { blackHole(try edDSA.verifier.verify(edDSA.token)) }

    // A repeat verify of a token already seen: the verified-token cache.
    for fixture in [hs256, edDSA] {
        _ = try! fixture.cachedVerifier.verify(fixture.token)
        measure("\(fixture.algorithm) verify, cached repeat") { blackHole(try fixture.cachedVerifier.verify(fixture.token)) }
    }

    // vapor/jwt-kit on the same claims, keys and tokens.
    registerJWTKitBenchmarks([hs256, edDSA])

    registerRevocationBenchmarks()
    registerThroughputBenchmarks()

    // Token sizes beside PyJWT's for the same claims and header fields.
    let sizeMetrics: [BenchmarkMetric] = [
        .custom("Tessera token bytes", polarity: .prefersSmaller, useScalingFactor: false),
        .custom("PyJWT token bytes", polarity: .prefersSmaller, useScalingFactor: false),
    ]
    for fixture in [hs256, edDSA] {
        Benchmark("\(fixture.algorithm) token size vs PyJWT",
                  configuration: .init(metrics: sizeMetrics, warmupIterations: 0, maxIterations: 1)) { (benchmark: Benchmark) async throws in
            let sizes = try TokenSizes(fixture)
            print(sizes.line + "; \(openSSLVersion)")
            benchmark.measurement(sizeMetrics[0], sizes.tessera)
            benchmark.measurement(sizeMetrics[1], sizes.pyjwt)
        }
    }
}
