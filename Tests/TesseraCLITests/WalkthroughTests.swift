import Foundation
import Testing

/// Runs `Examples/cli-walkthrough.sh` against the built binary so the walk-through cannot rot.
@Suite("CLI walk-through example")
struct WalkthroughTests {
    @Test("Examples/cli-walkthrough.sh runs to the end")
    func runs() throws {
        let script = CLI.packageRoot.appendingPathComponent("Examples/cli-walkthrough.sh").path
        let result = try CLI.exec("/bin/bash", [script], environment: ["TESSERA": try CLI.tessera()])
        #expect(result.status == 0, "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)")
        #expect(result.stdout.contains("walk-through complete"))
    }
}
