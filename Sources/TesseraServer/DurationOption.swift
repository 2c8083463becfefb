public import Tessera

/// Parses durations written on the command line: `500ms`, `1s`, `2m`, or a bare number of seconds.
public enum DurationOption {
    /// The duration `text` names, or `invalid_configuration`.
    public static func parse(_ text: String) throws(TesseraError) -> Duration {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(digits.count)
        guard let value = Int64(digits), value <= 1_000_000 else {
            throw TesseraError(.invalidConfiguration, "'\(text)' is not a duration such as 500ms, 1s or 2m")
        }
        switch unit {
        case "ms": return .milliseconds(value)
        case "", "s": return .seconds(value)
        case "m": return .seconds(value * 60)
        default: throw TesseraError(.invalidConfiguration, "'\(text)' is not a duration such as 500ms, 1s or 2m")
        }
    }
}
