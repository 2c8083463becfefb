import Foundation
import Testing

/// The README's Sessions CLI example, run as written: a wrong flag there fails this test.
@Suite("README: sessions example")
struct ReadmeSessionsTests {
    /// The first ```sh block after `heading` in README.md.
    static func block(after heading: String) throws -> String {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: heading), "README has no '\(heading)'")
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test("the Sessions → CLI shell block runs and ends every session it started")
    func sessionsBlock() throws {
        let script = try Self.block(after: "## Sessions")
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("Keys"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("Keys/dev-ed25519.jwk").path, toPath: dir.path("Keys/dev-ed25519.jwk"))
        let binDir = URL(fileURLWithPath: try CLI.tessera()).deletingLastPathComponent().path
        let path = binDir + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try CLI.exec("/bin/bash", ["-euo", "pipefail", "-c", "cd \"$0\" && " + script, dir.url.path], environment: ["PATH": path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("store ready:") == true)
        #expect(lines.last == "ended 1 session")
        #expect(lines.contains { $0.hasPrefix("{\"session\":") })       // the refresh answer
        #expect(lines.contains { $0.hasPrefix("[{\"session\":") })      // the list
    }
}
