import ArgumentParser
import Tessera

/// `tessera session`: login sessions with rotating refresh tokens (see `SessionManager`).
struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Start, refresh, re-authenticate, list and end login sessions.",
        discussion: """
            A session has a random id (the sid claim), an idle timeout (default 30m, slid by each \
            refresh) and an absolute lifetime (default 12h). `start` and `refresh` print \
            {"session","access_token","refresh_token","token_type","expires_in",\
            "idle_expires_at","session_expires_at"}. A refresh token works once: each refresh \
            returns a new one; presenting a used one again after --reuse-grace ends the whole \
            session (refresh_reused). Refresh tokens are stored only as hashes.

            Examples:
              tessera session start --key key.jwk --store sessions.db --sub alice --scope "read" --client "CLI"
              tessera session refresh --key key.jwk --store sessions.db "$REFRESH"
              tessera session list --store sessions.db --sub alice
              tessera session revoke --store sessions.db --sub alice --all --except "$SID"
            """,
        subcommands: [Start.self, Refresh.self, Reauth.self, List.self, Revoke.self])

    /// `tessera session start`.
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a session for a subject who has just authenticated; print its tokens as JSON.",
            discussion: """
                The session id is always minted here (never given). Lifetimes must satisfy \
                ttl ≤ idle ≤ absolute ≤ 30d (exit 2 otherwise). Starting the subject's 101st live \
                session ends the oldest. The store file is created if missing.

                Example:
                  tessera session start --key key.jwk --store sessions.db --sub alice --scope "read write" --aud api --ttl 5m
                """)

        @OptionGroup var key: KeyOptions
        @OptionGroup var store: StoreOptions

        @Option(help: "sub: the user who just authenticated (1 to 255 bytes).")
        var sub: String

        @Option(help: ArgumentHelp("Scopes of the session's access tokens, e.g. \"read write\".", valueName: "scopes"))
        var scope: String?

        @Option(help: "aud of the access tokens (repeat for several).")
        var aud: [String] = []

        @Option(help: "iss of the access tokens.")
        var iss: String?

        @Option(help: ArgumentHelp("Access token lifetime (default 15m).", valueName: "duration"), transform: Lifetime.seconds)
        var ttl: Int64?

        @Option(help: ArgumentHelp("Idle timeout (default 30m).", valueName: "duration"), transform: Lifetime.seconds)
        var idle: Int64?

        @Option(help: ArgumentHelp("Absolute lifetime (default 12h, at most 30d).", valueName: "duration"), transform: Lifetime.seconds)
        var absolute: Int64?

        @Option(help: ArgumentHelp("Device label for the session list (at most 64 bytes).", valueName: "label"))
        var client: String?

        @Option(help: "Which signing key to use when the key file holds several.")
        var kid: String?

        func run() async throws {
            let manager = try SessionCLI.manager(key: key, kid: kid, store: store.open(create: true))
            let request = SessionRequest(
                subject: sub, scopes: SessionCLI.scopes(scope), audience: aud, issuer: iss, client: client,
                accessLifetime: ttl, idleTimeout: idle, absoluteLifetime: absolute)
            Console.out(try await manager.start(request).json)
        }
    }

    /// `tessera session refresh`.
    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exchange a refresh token for a new access token and refresh token (same session).",
            discussion: """
                Exit 1 with `rejected: CODE: detail` for session_expired, session_revoked, \
                refresh_reused (a used token presented after the grace: the session is ended) or \
                malformed (not a refresh token).

                Example:
                  tessera session refresh --key key.jwk --store sessions.db - < refresh.txt
                """)

        @OptionGroup var key: KeyOptions
        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("How long a used refresh token still works (0s to 60s, default 10s).", valueName: "duration"),
                transform: Lifetime.seconds)
        var reuseGrace: Int64 = SessionPolicy.standard.reuseGrace

        @Option(help: ArgumentHelp("Replace the session's device label.", valueName: "label"))
        var client: String?

        @Option(help: "Which signing key to use when the key file holds several.")
        var kid: String?

        @OptionGroup var input: TokenInput

        func run() async throws {
            var policy = SessionPolicy.standard
            policy.reuseGrace = reuseGrace
            let manager = try SessionCLI.manager(key: key, kid: kid, store: store.open(create: false), policy: policy)
            Console.out(try await manager.refresh(try input.read(), client: client).json)
        }
    }

    /// `tessera session reauth`.
    struct Reauth: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a session after re-authentication or a privilege change: new id, auth_time now.",
            discussion: """
                Call it after the user has typed their password again (or to grant --scope). The \
                old session is ended (its refresh token fails, its sid is revoked) and the JSON \
                of a new session is printed. Same rejections as `refresh`.

                Example:
                  tessera session reauth --key key.jwk --store sessions.db --scope "read write admin" "$REFRESH"
                """)

        @OptionGroup var key: KeyOptions
        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("The new session's scopes (default: the old session's).", valueName: "scopes"))
        var scope: String?

        @Option(help: "Which signing key to use when the key file holds several.")
        var kid: String?

        @OptionGroup var input: TokenInput

        func run() async throws {
            let manager = try SessionCLI.manager(key: key, kid: kid, store: store.open(create: false))
            Console.out(try await manager.reauthenticate(try input.read(), scopes: scope.map(SessionCLI.scopes)).json)
        }
    }

    /// `tessera session list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a subject's live sessions, newest first, as a JSON array.",
            discussion: """
                Each object: session, created_at, last_used_at, idle_expires_at, \
                session_expires_at, client (Unix seconds; client may be null).

                Example:
                  tessera session list --store sessions.db --sub alice
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: "The subject whose sessions to list.")
        var sub: String

        func run() async throws {
            let now = RevocationClock.system.seconds()
            Console.out(SessionRecord.jsonArray(try store.open(create: false).sessions(subject: sub, now: now)))
        }
    }

    /// `tessera session revoke`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End one session (--session) or all of a subject's (--sub --all [--except]).",
            discussion: """
                Ending a session makes its refresh tokens fail (session_revoked) and revokes its \
                sid until its last access token has expired, so verifiers following the store \
                reject its access tokens too. Prints how many sessions were ended.

                Examples:
                  tessera session revoke --store sessions.db --session "$SID"
                  tessera session revoke --store sessions.db --sub alice --all --except "$SID"
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: "The session id to end.")
        var session: String?

        @Option(help: "With --all: the subject whose sessions to end.")
        var sub: String?

        @Flag(help: "End every session of --sub.")
        var all = false

        @Option(help: "With --all: keep this session (the current one).")
        var except: String?

        func validate() throws {
            if session != nil {
                guard sub == nil, !all, except == nil else { throw ValidationError("--session ends one session; drop --sub, --all and --except") }
            } else {
                guard sub != nil, all else { throw ValidationError("pass --session SID, or --sub SUBJECT --all [--except SID]") }
            }
        }

        func run() async throws {
            let opened = try store.open(create: false)
            let now = RevocationClock.system.seconds()
            if let session {
                let ended = try opened.endSession(id: session, now: now)
                Console.out(ended ? "ended 1 session" : "ended 0 sessions (no session \(session))")
            } else if let sub {
                let ended = try opened.endSessions(subject: sub, except: except, now: now)
                Console.out("ended \(ended.count) session\(ended.count == 1 ? "" : "s")")
            }
        }
    }
}

/// What the session subcommands share.
enum SessionCLI {
    /// A manager signing with the key file's signing key.
    static func manager(key: KeyOptions, kid: String?, store: any SessionStore, policy: SessionPolicy = .standard) throws -> SessionManager {
        let file = try key.load()
        Console.warn(file.warnings)
        return try SessionManager(store: store, key: try file.signingKey(keyID: kid, path: key.path), policy: policy)
    }

    /// `"a b"` → `["a", "b"]`.
    static func scopes(_ text: String?) -> [String] {
        (text ?? "").split(separator: " ").map(String.init)
    }
}
