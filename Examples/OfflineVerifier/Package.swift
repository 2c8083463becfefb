// swift-tools-version: 6.1
import PackageDescription

/// A service-side example: verify access tokens offline against a JWK Set file, with nothing
/// but the `Tessera` library (which itself depends on OpenSSL's libcrypto alone).
let package = Package(
    name: "OfflineVerifier",
    platforms: [.macOS(.v15)],
    dependencies: [
        // In your own service: .package(url: "https://…/tessera.git", from: "…")
        .package(name: "Tessera", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "OfflineVerifier", dependencies: [.product(name: "Tessera", package: "Tessera")]),
    ]
)
