import ArgumentParser
import Foundation
import Tessera

/// `[TOKEN | -]`: a token given as an argument, or read from stdin.
///
/// From stdin, one trailing newline (`\n` or `\r\n`) is stripped, so `mint | verify` and
/// `verify < token.txt` both work. Nothing here ever echoes the token.
struct TokenInput: ParsableArguments {
    @Argument(help: ArgumentHelp("The compact token; omit it or pass '-' to read it from stdin.", valueName: "token"))
    var token: String?

    /// The largest input read from stdin: one byte over the biggest size cap, so an oversized
    /// token is still seen as `too_large` rather than cut short.
    private static let stdinLimit = 65_537

    /// The token text (`invalid_configuration` when there is none).
    func read() throws(TesseraError) -> String {
        if let token, token != "-" { return token }
        var data = Data()
        while data.count < Self.stdinLimit,
              let chunk = try? FileHandle.standardInput.read(upToCount: Self.stdinLimit - data.count), !chunk.isEmpty {
            data.append(chunk)
        }
        var text = String(decoding: data, as: UTF8.self)
        // "\r\n" is a single Character in Swift, so this strips exactly one line ending.
        if let last = text.last, last == "\n" || last == "\r\n" { text.removeLast() }
        guard !text.isEmpty else {
            throw TesseraError(.invalidConfiguration, "no token: pass it as an argument or pipe it on stdin (e.g. `tessera mint … | tessera verify --key …`)")
        }
        return text
    }
}
