import Benchmark
import Tessera

/// HS256 verify throughput on 1 and 2 threads: each thread verifies its own token (as a server's
/// connections would) through one shared `Verifier`. One sample is a million verifies in total,
/// so the reported throughput is verifies per second and the wall time is per verify.
func registerThroughputBenchmarks() {
    let fixture = try! Fixture(.hs256)
    let tokens = [fixture.token, try! fixture.issuer.issue(Fixture.request).token]
    let verifier = fixture.verifier
    for threads in [1, 2] {
        let configuration = Benchmark.Configuration(
            metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 1, scalingFactor: .mega,
            maxDuration: .seconds(6), maxIterations: 6)
        Benchmark("HS256 verify throughput, \(threads) thread\(threads == 1 ? "" : "s")", configuration: configuration) { (benchmark: Benchmark) async in
            let perThread = benchmark.scaledIterations.count / threads
            benchmark.startMeasurement()
            await onThreads(threads) { index in
                let token = tokens[index]
                for _ in 0..<perThread {
                    do { blackHole(try verifier.verify(token)) } catch { fatalError("verify failed: \(error)") }
                }
            }
            benchmark.stopMeasurement()
        }
    }
}
