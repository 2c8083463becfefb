import Benchmark
import Foundation
import Tessera
import TesseraSQLite

// Login sessions: refresh (the hot write), start, list and end, on SQLite with
// `synchronous = FULL` beside a bare SQLite write transaction on the same file system, and
// refresh in memory. Every loop runs in an async closure between explicit start/stop marks.

/// One operation per sample (durable writes take hundreds of µs), or 1,000 for in-memory ones.
func sessionConfiguration(_ scaling: BenchmarkScalingFactor) -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 5, scalingFactor: scaling,
        maxDuration: .seconds(3), maxIterations: 5_000)
}

/// Registers a benchmark running `operation` `scaledIterations` times per sample.
func measure(_ name: String, _ scaling: BenchmarkScalingFactor = .one, _ operation: @escaping @Sendable () async throws -> Void) {
    Benchmark(name, configuration: sessionConfiguration(scaling)) { (benchmark: Benchmark) async throws in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try await operation() }
        benchmark.stopMeasurement()
    }
}

/// A refresh chain: each call refreshes the token the previous call got.
final class Chain: @unchecked Sendable {  // used from one benchmark task at a time
    let manager: SessionManager
    var token: String

    init(_ manager: SessionManager, subject: String) async throws {
        self.manager = manager
        token = try await manager.start(SessionRequest(subject: subject, scopes: ["read", "write"], audience: ["api"])).refreshToken
    }

    func step() async throws { token = try await manager.refresh(token).refreshToken }
}

let benchmarks: @Sendable () -> Void = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-session-bench-\(getpid())").path
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let key = try! SigningKey.generate(.hs256)

    let floor = SQLiteFloor(path: folder + "/floor.db")
    measure("Floor SQLite write transaction (WAL, synchronous=FULL)") { floor.write() }

    let sqlite = try! SQLiteRevocationStore(path: folder + "/sessions.db")
    let onDisk = try! SessionManager(store: sqlite, key: key)
    let memory = try! SessionManager(store: InMemoryRevocationStore(), key: key)
    Benchmark("Session refresh (SQLite, synchronous=FULL)", configuration: sessionConfiguration(.one)) { benchmark in
        let chain = try await Chain(onDisk, subject: "refresh-user")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try await chain.step() }
        benchmark.stopMeasurement()
    }
    // 16 clients refreshing at once (16 distinct sessions): group commit puts their writes in
    // one transaction, one fsync. One sample = 16 refreshes.
    Benchmark("Session refresh x16 concurrent (SQLite, group commit; per 16)", configuration: sessionConfiguration(.one)) { benchmark in
        var chains: [Chain] = []
        for i in 0..<16 { chains.append(try await Chain(onDisk, subject: "concurrent-\(i)")) }
        let all = chains
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for chain in all { group.addTask { try await chain.step() } }
                try await group.waitForAll()
            }
        }
        benchmark.stopMeasurement()
    }
    Benchmark("Session refresh (in-memory)", configuration: sessionConfiguration(.kilo)) { benchmark in
        let chain = try await Chain(memory, subject: "refresh-user")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try await chain.step() }
        benchmark.stopMeasurement()
    }
    measure("Session start (SQLite)") {
        blackHole(try await onDisk.start(SessionRequest(subject: "user-\(Int.random(in: 0..<10_000))", client: "Firefox on Linux")))
    }
    Benchmark("Session list, 10 sessions (SQLite)", configuration: sessionConfiguration(.one)) { benchmark in
        for _ in 0..<10 { _ = try await onDisk.start(SessionRequest(subject: "lister", client: "Chrome on Windows")) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try await onDisk.sessions(subject: "lister")) }
        benchmark.stopMeasurement()
    }
    Benchmark("Session end (SQLite)", configuration: sessionConfiguration(.one)) { benchmark in
        var ids: [String] = []
        for i in 0..<(benchmark.scaledIterations.count) { ids.append(try await onDisk.start(SessionRequest(subject: "ender-\(i)")).session.id) }
        benchmark.startMeasurement()
        for id in ids { blackHole(try await onDisk.end(sessionID: id)) }
        benchmark.stopMeasurement()
    }
}
