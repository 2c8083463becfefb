import Foundation

/// The CLI's only way to write: results on stdout, diagnostics on stderr, one line at a time.
///
/// Both go straight to the file descriptors (no buffering), so lines keep their order when a
/// command exits right after writing. Nothing here is ever given a token or a secret except the
/// results a command was asked for (a minted token, a generated key).
enum Console {
    /// Writes `text` and a newline to stdout.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes `line` and a newline to stderr.
    static func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes each warning to stderr as `warning: …`.
    static func warn(_ warnings: [String]) {
        for warning in warnings { err("warning: \(warning)") }
    }
}
