import Foundation
import Tessera

/// Token sizes for the same claims and header fields (`alg`, `kid`, `typ`): Tessera's token
/// beside PyJWT's, which `Benchmarks/token-size.py` mints from the very payload we signed.
struct TokenSizes {
    let algorithm: Algorithm
    let tessera: Int
    let pyjwt: Int

    init(_ fixture: Fixture) throws {
        algorithm = fixture.algorithm
        tessera = fixture.token.utf8.count
        let payload = try fixture.verifier.verify(fixture.token).payloadJSON
        pyjwt = try Self.pyjwtLength(alg: fixture.algorithm.name, kid: fixture.key.keyID, payload: payload)
    }

    /// Runs the PyJWT script with the payload on stdin; it prints only the token's length.
    static func pyjwtLength(alg: String, kid: String, payload: String) throws -> Int {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("token-size.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, alg, kid]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(payload.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let length = Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw SizeError.pyjwtFailed
        }
        return length
    }

    enum SizeError: Error { case pyjwtFailed }

    /// One line for the benchmark output.
    var line: String {
        let verdict = tessera <= pyjwt ? "ok" : "LONGER"
        return "token size \(algorithm): Tessera \(tessera) bytes, PyJWT \(pyjwt) bytes (\(verdict))"
    }
}
