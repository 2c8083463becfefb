import ArgumentParser
import Tessera

/// `tessera logout-all`: forced logout / password change for one subject.
struct LogoutAll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout-all",
        abstract: "Revoke every token of a subject minted until now; print the subject's new epoch.",
        discussion: """
            Bumps the subject's epoch to max(now in ms, previous + 1). Tokens carry the epoch \
            they were minted under as the `ep` claim (`tessera mint --store` stamps it); those \
            below the new epoch are rejected as revoked, tokens minted afterwards are valid, and \
            other subjects are untouched. Every login session of the subject ends too (its \
            refresh tokens fail with session_revoked). The store file is created if missing.

            Example:
              tessera logout-all --store revocations.db --sub alice
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "The subject (sub) to log out everywhere.")
    var sub: String

    func run() async throws {
        Console.out(String(try store.open(create: true).bumpEpoch(subject: sub)))
    }
}
