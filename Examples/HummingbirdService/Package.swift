// swift-tools-version: 6.1
import PackageDescription

/// A Hummingbird 2 service that verifies access tokens in-process with `TesseraHummingbird`:
/// no gateway, no network call per request.
let package = Package(
    name: "HummingbirdService",
    platforms: [.macOS(.v15)],
    dependencies: [
        // In your own service: .package(url: "https://…/tessera.git", from: "…")
        .package(name: "Tessera", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "HummingbirdService",
            dependencies: [
                .product(name: "Tessera", package: "Tessera"),
                .product(name: "TesseraHummingbird", package: "Tessera"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
    ]
)
