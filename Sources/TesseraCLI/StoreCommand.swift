import ArgumentParser
import Tessera
import TesseraSQLite

/// `--store STORE`: where revocations live. A file path is the embedded SQLite store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("store"),
        help: ArgumentHelp("Revocation store: a SQLite file path (postgres:// URLs are not supported yet).", valueName: "store"),
        completion: .file())
    var location: String

    /// Opens the store; `create` makes a missing SQLite file (for commands that write).
    func open(create: Bool) throws(TesseraError) -> SQLiteRevocationStore {
        try StoreLocation.open(location, create: create)
    }
}

/// Turns a `--store` value into a store, once for every command.
enum StoreLocation {
    static func open(_ location: String, create: Bool) throws(TesseraError) -> SQLiteRevocationStore {
        let lowered = location.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            throw TesseraError(.invalidConfiguration, "PostgreSQL revocation stores are not supported yet; pass a file path for the embedded SQLite store")
        }
        return try SQLiteRevocationStore(path: location, create: create)
    }
}

/// `tessera store`: inspect and maintain a revocation store.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Create (init), inspect (stats) and maintain (prune) a revocation and session store.",
        subcommands: [Init.self, Stats.self, Prune.self])

    /// `tessera store init`.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an empty store (or bring an existing one to the current schema).",
            discussion: "Example:\n  tessera store init --store revocations.db")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let opened = try store.open(create: true)
            Console.out("store ready: \(opened.path) (version \(try opened.version()))")
        }
    }

    /// `tessera store stats`.
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print entry counts, the oldest expiry and the store version.",
            discussion: "Example:\n  tessera store stats --store revocations.db")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let stats = try store.open(create: false).stats()
            Console.out("""
                tokens: \(stats.tokens)
                sessions: \(stats.sessions)
                epochs: \(stats.epochs)
                oldest expiry: \(stats.oldestExpiry.map(String.init) ?? "none")
                version: \(stats.version)
                login sessions: \(stats.loginSessions)
                """)
        }
    }

    /// `tessera store prune`.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drop entries no token can need any more; print how many went.",
            discussion: """
                Token and session entries go once their time has passed; subject epochs 24 h + \
                300 s after their last bump (no token minted before it can still be valid); \
                login sessions a day after they expired. Every write already removes a bounded \
                batch of these, and `tessera serve` prunes on a schedule, so this is optional.

                Example:
                  tessera store prune --store revocations.db
                """)

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let counts = try store.open(create: false).prune()
            Console.out("pruned: \(counts.tokens) tokens, \(counts.sessions) sessions, \(counts.epochs) epochs, \(counts.loginSessions) login sessions")
        }
    }
}
