import Foundation
import Testing

/// What one run of a program printed and how it exited.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The first line written to stderr (the contract puts `rejected: CODE: detail` there).
    var firstErrorLine: String { stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "" }
}

/// Runs the built `tessera` binary (and helper programs) as a separate process, the way scripts do.
enum CLI {
    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `tessera` executable `swift build` / `swift test` put next to the test bundle.
    static let binary: String? = {
        if let override = ProcessInfo.processInfo.environment["TESSERA_BIN"] { return override }
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            bundleDir.appendingPathComponent("tessera"),
            bundleDir.deletingLastPathComponent().appendingPathComponent("tessera"),
            packageRoot.appendingPathComponent(".build/debug/tessera"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
    }()

    /// The `tessera` binary, or a test failure telling how to build it.
    static func tessera() throws -> String {
        try #require(binary, "the tessera executable was not found next to the test bundle; run `swift build --product tessera` (plain `swift test` builds it)")
    }

    /// Runs `tessera` with `arguments`, feeding `stdin`.
    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> RunResult {
        try exec(try tessera(), arguments, stdin: stdin, environment: environment)
    }

    /// Runs any program; stdin/stdout/stderr go through temporary files (no pipe deadlocks).
    static func exec(_ program: String, _ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> RunResult {
        let dir = try TempDir()
        let inURL = dir.url.appendingPathComponent("stdin")
        let outURL = dir.url.appendingPathComponent("stdout")
        let errURL = dir.url.appendingPathComponent("stderr")
        try Data(stdin.utf8).write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = packageRoot
        let input = try FileHandle(forReadingFrom: inURL)
        let output = try FileHandle(forWritingTo: outURL)
        let errors = try FileHandle(forWritingTo: errURL)
        defer { try? input.close(); try? output.close(); try? errors.close() }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        return RunResult(
            status: process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// A temporary folder, removed when the value is released.
final class TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns the path.
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
