public import Logging
public import Tessera

/// Logging for `tessera serve`: swift-log with the standard-error stream handler, one line per
/// event with its metadata (`key=value`). Nothing logged carries a token or key material:
/// rejections are logged by code, keys by id and algorithm, admin actions by ids.
public enum ServerLogging {
    /// Bootstraps swift-log once for the process and returns the service's logger.
    /// `level` is a swift-log level name (`trace` … `critical`), else `invalid_configuration`.
    public static func bootstrap(level: String) throws(TesseraError) -> Logger {
        guard let level = Logger.Level(rawValue: level) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw TesseraError(.invalidConfiguration, "--log-level must be one of \(names)")
        }
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "tessera.serve")
        logger.logLevel = level
        return logger
    }
}
