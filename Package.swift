// swift-tools-version: 6.1
import PackageDescription

/// Tessera: signed, stateless access tokens (JWS compact, HS256/384/512 and EdDSA) over OpenSSL.
///
/// Layering: `COpenSSL` (system library) → `Tessera` (core; depends on OpenSSL alone) →
/// `TesseraSQLite` (revocation store), `TesseraHummingbird` (middleware), `TesseraServer`
/// (`tessera serve`) → `TesseraCLI` (the `tessera` executable).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Tessera",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Tessera", targets: ["Tessera"]),
        .library(name: "TesseraSQLite", targets: ["TesseraSQLite"]),
        .library(name: "TesseraHummingbird", targets: ["TesseraHummingbird"]),
        .executable(name: "tessera", targets: ["TesseraCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "Tessera", dependencies: ["COpenSSL"], swiftSettings: strict),
        .target(name: "TesseraSQLite", dependencies: ["Tessera", "CSQLite"], swiftSettings: strict),
        .target(
            name: "TesseraHummingbird",
            dependencies: ["Tessera", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: strict
        ),
        .target(
            name: "TesseraServer",
            dependencies: [
                "Tessera", "TesseraSQLite", "TesseraHummingbird",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "TesseraCLI",
            dependencies: [
                "Tessera", "TesseraSQLite", "TesseraServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "TesseraTests", dependencies: ["Tessera"], exclude: ["Vectors", "Corpus"]),
        .testTarget(name: "TesseraSQLiteTests", dependencies: ["Tessera", "TesseraSQLite"]),
        .testTarget(name: "TesseraCLITests", dependencies: ["Tessera"], exclude: ["Interop"]),
        .testTarget(
            name: "TesseraServerTests",
            dependencies: [
                "Tessera", "TesseraHummingbird", "TesseraServer", "TesseraSQLite",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
