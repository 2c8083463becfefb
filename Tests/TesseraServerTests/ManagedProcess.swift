import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A long-running child process (tessera serve, nginx) with its output in files, stopped by
/// its PID: explicitly with ``stop()``, or when released.
final class ManagedProcess: @unchecked Sendable {  // the Process is only touched from the owning test
    let name: String
    let logPath: String
    private let process = Process()

    /// Starts `program` with `arguments`; stdout and stderr go to `logPath`.
    init(_ name: String, _ program: String, _ arguments: [String], logPath: String) throws {
        self.name = name
        self.logPath = logPath
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var exitStatus: Int32 { process.terminationStatus }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM to the PID, waits up to 10 s, then SIGKILL. Returns the exit status.
    @discardableResult
    func stop() -> Int32? {
        guard process.isRunning else { return process.processIdentifier > 0 ? process.terminationStatus : nil }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(pid, SIGKILL); process.waitUntilExit() }
        return process.terminationStatus
    }

    /// Waits until `GET path` on `port` answers 200, failing with the process's log if it exits
    /// or 20 s pass.
    func waitUntilServing(port: Int, path: String) async throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            guard isRunning else { throw ProcessFailure("\(name) exited (\(exitStatus)) before serving:\n\(log)") }
            let answered = try? await httpGet(port: port, path: path).status == .ok
            if answered == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ProcessFailure("\(name) did not serve \(path) on port \(port) within 20 s:\n\(log)")
    }

    /// Waits up to `timeout` for the process to exit by itself (then stops it); returns its status.
    func waitForExit(timeout: Duration = .seconds(20)) async throws -> Int32 {
        let start = ContinuousClock.now
        while isRunning, ContinuousClock.now - start < timeout { try await Task.sleep(for: .milliseconds(20)) }
        guard !isRunning else {
            stop()
            throw ProcessFailure("\(name) did not exit within \(timeout):\n\(log)")
        }
        return exitStatus
    }

    deinit { stop() }
}

/// Why a child process could not be used.
struct ProcessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `GET path` on 127.0.0.1:`port` over HTTP/1.1 (with the `Host` header nginx requires).
func httpGet(port: Int, path: String, headers: HTTPFields = [:]) async throws -> TestClient.Response {
    try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
        try await client.execute(TestClient.Request(path, method: .get, authority: "127.0.0.1:\(port)", headers: headers))
    }
}

/// A port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ProcessFailure("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw ProcessFailure("bind() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Locates the built `tessera` executable and the system nginx.
enum Programs {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `tessera` executable next to the test bundle (plain `swift test` builds it).
    static func tessera() throws -> String {
        if let override = ProcessInfo.processInfo.environment["TESSERA_BIN"] { return override }
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [bundleDir.appendingPathComponent("tessera"),
                          bundleDir.deletingLastPathComponent().appendingPathComponent("tessera"),
                          packageRoot.appendingPathComponent(".build/debug/tessera")]
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
        return try #require(found, "the tessera executable was not found; run `swift build --product tessera`")
    }

    /// nginx, or a failure telling how to install it.
    static func nginx() throws -> String {
        let found = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(found, "nginx is not installed: run .ci/setup (it installs the Debian package nginx-light)")
    }
}
