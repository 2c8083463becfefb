// swift-tools-version: 6.1
import PackageDescription

/// Tessera's benchmark suite (package-benchmark): token sign/verify measured beside the raw
/// OpenSSL floor in the same run. Run from the repository root:
///
///     swift package --package-path Benchmarks benchmark
///
/// A separate package so that the library itself never depends on the benchmark harness.
/// SwiftPM names a path dependency after its folder, so the root package's identity is whatever
/// the clone is called (`main`, `tessera`, …).
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map { $0.lowercased() } ?? "tessera"

let package = Package(
    name: "TesseraBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // Compared side by side in the same run (BENCHMARKS.md); never a dependency of the library.
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        // The bare-route ceiling of `load/run.sh` (the same Hummingbird as `tessera serve`).
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        // The raw OpenSSL floor is measured directly against libcrypto (the root's COpenSSL is
        // not a product, so the benchmarks carry their own tiny system-library target).
        .systemLibrary(name: "CBenchOpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .executableTarget(
            name: "TokenBenchmarks",
            dependencies: [
                .product(name: "Tessera", package: root),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "JWTKit", package: "jwt-kit"),
                "CBenchOpenSSL",
            ],
            path: "Benchmarks/TokenBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Login sessions on SQLite beside a bare SQLite write transaction on the same file system.
        .systemLibrary(name: "CBenchSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .executableTarget(
            name: "SessionBenchmarks",
            dependencies: [
                .product(name: "Tessera", package: root),
                .product(name: "TesseraSQLite", package: root),
                .product(name: "Benchmark", package: "benchmark"),
                "CBenchSQLite",
            ],
            path: "Benchmarks/SessionBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // `load/run.sh`'s ceiling: a bare Hummingbird route returning 200.
        .executableTarget(
            name: "BareHummingbird",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/BareHummingbird"
        ),
    ]
)
