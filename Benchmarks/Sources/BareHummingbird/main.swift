import Hummingbird
import Logging

// The gateway's ceiling for `Benchmarks/load/run.sh`: a bare Hummingbird route answering 200
// with the same server settings as `tessera serve` (`Application` with a default
// `ApplicationConfiguration` on 127.0.0.1, the shared event-loop group, a `/verify` route for
// every method `tessera serve` answers, logging at `warning`), and nothing else.
//
//     bare-hummingbird PORT

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8081
var logger = Logger(label: "bare-hummingbird")
logger.logLevel = .warning

let router = Router()
for method: HTTPRequest.Method in [.get, .head, .post, .put, .patch, .delete, .options] {
    router.on("verify", method: method) { _, _ in HTTPResponse.Status.ok }
}
router.get("healthz") { _, _ in "ok\n" }
let app = Application(
    router: router,
    configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
    logger: logger)
try await app.runService()
