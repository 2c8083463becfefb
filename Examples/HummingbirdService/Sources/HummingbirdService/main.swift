import Foundation
import Hummingbird
import Tessera

// Usage: HummingbirdService JWKS_PATH [PORT]
// Loads the issuer's public keys once, then serves on 127.0.0.1 until SIGTERM/SIGINT.
let arguments = CommandLine.arguments.dropFirst()
guard let jwksPath = arguments.first else {
    print("usage: HummingbirdService JWKS_PATH [PORT]")
    exit(2)
}
let port = arguments.dropFirst().first.flatMap(Int.init) ?? 8080

let keys = try KeyFile(path: jwksPath).keySet()
let verifier = try Verifier(keys: keys, rules: ClaimRules(audiences: ["api"]))
let app = Application(
    router: OrdersRoutes.router(verifier: verifier),
    configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
