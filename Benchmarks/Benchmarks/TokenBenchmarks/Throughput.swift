import Benchmark
import Foundation
import Synchronization
import Tessera

/// HS256 verify throughput on 1 and 2 threads: each thread verifies its own token (as a server's
/// connections would) through one shared `Verifier`. One sample is a million verifies in total,
/// so the wall time is per verify. Two custom metrics: verifies per wall-clock second, and per
/// CPU-second of the verifying threads. On an idle 2-core machine the first doubles from 1 to 2
/// threads; the second shows whether anything serialises the threads even when the machine is
/// busy (it stays flat if nothing does).
func registerThroughputBenchmarks() {
    let fixture = try! Fixture(.hs256)
    let tokens = [fixture.token, try! fixture.issuer.issue(Fixture.request).token]
    let verifier = fixture.verifier
    let perSecond = BenchmarkMetric.custom("verifies / s (K)", polarity: .prefersLarger, useScalingFactor: false)
    let perCPUSecond = BenchmarkMetric.custom("verifies / CPU-s (K)", polarity: .prefersLarger, useScalingFactor: false)
    for threads in [1, 2] {
        // No malloc metric here: counting allocations goes through the interposer's shared
        // counters, which both threads would then contend on (mallocs per verify are measured by
        // the single-threaded "HS256 verify" benchmark).
        let configuration = Benchmark.Configuration(
            metrics: [.wallClock, perSecond, perCPUSecond], warmupIterations: 1, scalingFactor: .mega,
            maxDuration: .seconds(8), maxIterations: 8)
        Benchmark("HS256 verify throughput, \(threads) thread\(threads == 1 ? "" : "s")", configuration: configuration) { (benchmark: Benchmark) async in
            let total = benchmark.scaledIterations.count
            let cpu = CPUTally()
            let start = ContinuousClock.now
            benchmark.startMeasurement()
            await onThreads(threads) { index in
                let cpuStart = threadCPUNanoseconds()
                let token = tokens[index]
                for _ in 0..<total / threads {
                    do { blackHole(try verifier.verify(token)) } catch { fatalError("verify failed: \(error)") }
                }
                cpu.add(threadCPUNanoseconds() - cpuStart)
            }
            benchmark.stopMeasurement()
            let wall = ContinuousClock.now - start
            let wallNanos = Double(wall.components.seconds) * 1e9 + Double(wall.components.attoseconds) / 1e9
            benchmark.measurement(perSecond, Int(Double(total) / wallNanos * 1e6))
            benchmark.measurement(perCPUSecond, Int(Double(total) / Double(cpu.total) * 1e6))
        }
    }
}

/// CPU time the calling thread has used.
func threadCPUNanoseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return now.tv_sec * 1_000_000_000 + now.tv_nsec
}

/// Sums the worker threads' CPU time.
final class CPUTally: Sendable {
    private let nanoseconds = Atomic<Int>(0)
    func add(_ value: Int) { nanoseconds.add(value, ordering: .relaxed) }
    var total: Int { nanoseconds.load(ordering: .relaxed) }
}
