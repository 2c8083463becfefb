import ArgumentParser

/// A token lifetime on the command line: whole seconds (`900`) or a number with one unit,
/// `s`, `m`, `h` or `d` (`30s`, `15m`, `1h`, `1d`).
enum Lifetime {
    private static let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]

    /// The number of seconds `text` stands for, or a usage error naming the accepted forms.
    static func seconds(_ text: String) throws -> Int64 {
        var digits = Substring(text)
        var unit: Int64 = 1
        if let last = digits.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let count = Int64(digits), count.multipliedReportingOverflow(by: unit).overflow == false
        else {
            throw ValidationError("'\(text)' is not a duration; write seconds (900) or a number with s, m, h or d (30s, 15m, 1h, 1d)")
        }
        return count * unit
    }
}
