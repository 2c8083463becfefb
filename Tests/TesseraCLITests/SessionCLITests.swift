import Foundation
import Testing

/// `tessera session …` and `tessera store init`: the exact CLI contract of the sessions issue.
@Suite("session CLI")
struct SessionCLITests {
    /// A key and an initialised store in a fresh folder.
    struct Setup {
        let dir: TempDir
        let key: String
        let store: String

        init() throws {
            dir = try TempDir()
            key = try Fixtures.keygen("EdDSA", in: dir)
            store = dir.path("sessions.db")
            let initialised = try CLI.run(["store", "init", "--store", store])
            try #require(initialised.status == 0, "store init failed: \(initialised.stderr)")
        }

        func start(_ extra: [String] = []) throws -> [String: Any] {
            let result = try CLI.run(["session", "start", "--key", key, "--store", store, "--sub", "alice"] + extra)
            try #require(result.status == 0, "session start failed: \(result.stderr)")
            return try Fixtures.object(result.stdout)
        }

        func refresh(_ token: String, _ extra: [String] = []) throws -> RunResult {
            try CLI.run(["session", "refresh", "--key", key, "--store", store] + extra + [token])
        }
    }

    @Test("store init creates an empty store; commands that read it need it to exist")
    func storeInit() throws {
        let dir = try TempDir()
        let store = dir.path("new.db")
        #expect(try CLI.run(["session", "list", "--store", store, "--sub", "alice"]).status == 2)
        let result = try CLI.run(["store", "init", "--store", store])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("store ready: \(store)"))
        #expect(try CLI.run(["store", "stats", "--store", store]).stdout.contains("login sessions: 0"))
        #expect(try CLI.run(["session", "list", "--store", store, "--sub", "alice"]).stdout == "[]\n")
        #expect(try CLI.run(["store", "init", "--store", store]).status == 0)   // idempotent
    }

    @Test("session start prints the contract's JSON; the access token verifies against the store, the refresh token is malformed to verify")
    func start() throws {
        let s = try Setup()
        let before = Fixtures.now
        let grant = try s.start(["--scope", "read write", "--aud", "api", "--iss", "https://auth.test", "--ttl", "5m", "--idle", "1h",
                                 "--absolute", "8h", "--client", "Tessera CLI"])
        #expect(Set(grant.keys) == ["session", "access_token", "refresh_token", "token_type", "expires_in", "idle_expires_at", "session_expires_at"])
        #expect(grant["token_type"] as? String == "Bearer")
        #expect((grant["expires_in"] as? NSNumber)?.int64Value == 300)
        let idle = try #require((grant["idle_expires_at"] as? NSNumber)?.int64Value)
        let absolute = try #require((grant["session_expires_at"] as? NSNumber)?.int64Value)
        #expect((before + 3600...Fixtures.now + 3600).contains(idle))
        #expect((before + 28_800...Fixtures.now + 28_800).contains(absolute))
        let access = try #require(grant["access_token"] as? String)
        let verified = try CLI.run(["verify", "--key", s.key, "--store", s.store, "--aud", "api", "--iss", "https://auth.test", access])
        #expect(verified.status == 0)
        let claims = try #require(try Fixtures.object(verified.stdout)["claims"] as? [String: Any])
        #expect(claims["sid"] as? String == grant["session"] as? String)
        #expect(claims["scope"] as? String == "read write")
        #expect(claims["auth_time"] != nil)
        let refresh = try #require(grant["refresh_token"] as? String)
        #expect(try CLI.run(["verify", "--key", s.key, refresh]).firstErrorLine.hasPrefix("rejected: malformed: "))
        // The store never holds the refresh token itself.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: s.store)) + ((try? Data(contentsOf: URL(fileURLWithPath: s.store + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data(refresh.utf8)) == nil)
        #expect(bytes.range(of: Data(refresh.dropFirst(4).utf8)) == nil)
    }

    @Test("session refresh: same session, new pair, from an argument or stdin")
    func refresh() throws {
        let s = try Setup()
        let grant = try s.start()
        let refreshed = try s.refresh(try #require(grant["refresh_token"] as? String))
        #expect(refreshed.status == 0)
        let next = try Fixtures.object(refreshed.stdout)
        #expect(next["session"] as? String == grant["session"] as? String)
        #expect(next["refresh_token"] as? String != grant["refresh_token"] as? String)
        let piped = try CLI.run(["session", "refresh", "--key", s.key, "--store", s.store, "-"], stdin: (next["refresh_token"] as! String) + "\n")
        #expect(piped.status == 0)
        #expect(try Fixtures.object(piped.stdout)["session"] as? String == grant["session"] as? String)
    }

    @Test("reuse after the grace: refresh_reused, then the newest token is session_revoked and the access token revoked")
    func reuse() throws {
        let s = try Setup()
        let grant = try s.start()
        let stolen = try #require(grant["refresh_token"] as? String)
        let user = try Fixtures.object(try s.refresh(stolen).stdout)
        let replay = try s.refresh(stolen, ["--reuse-grace", "0s"])
        #expect(replay.status == 1)
        #expect(replay.firstErrorLine.hasPrefix("rejected: refresh_reused: "))
        let newest = try s.refresh(try #require(user["refresh_token"] as? String))
        #expect(newest.status == 1)
        #expect(newest.firstErrorLine.hasPrefix("rejected: session_revoked: "))
        let access = try #require(user["access_token"] as? String)
        #expect(try CLI.run(["verify", "--key", s.key, "--store", s.store, access]).firstErrorLine.hasPrefix("rejected: revoked: "))
    }

    @Test("a retry within the grace gets a working pair")
    func graceRetry() throws {
        let s = try Setup()
        let token = try #require(try s.start()["refresh_token"] as? String)
        #expect(try s.refresh(token).status == 0)
        #expect(try s.refresh(token, ["--reuse-grace", "30s"]).status == 0)
    }

    @Test("session_expired after the idle timeout; malformed and unknown refresh tokens are rejected")
    func expiredAndBad() throws {
        let s = try Setup()
        let token = try #require(try s.start(["--ttl", "1", "--idle", "1", "--absolute", "1h"])["refresh_token"] as? String)
        Thread.sleep(forTimeInterval: 1.1)
        let expired = try s.refresh(token)
        #expect(expired.status == 1)
        #expect(expired.firstErrorLine.hasPrefix("rejected: session_expired: "))
        #expect(try s.refresh("not-a-refresh-token").firstErrorLine.hasPrefix("rejected: malformed: "))
        #expect(try s.refresh(String(token.dropLast(3))).firstErrorLine.hasPrefix("rejected: malformed: "))
        #expect(try s.refresh("tsr_" + String(repeating: "A", count: 64)).firstErrorLine.hasPrefix("rejected: session_revoked: "))
        #expect(try s.refresh(String(repeating: "x", count: 70_000)).status == 1)
        #expect(!(try s.refresh(token).stderr.contains(token)))          // no secret echoed
    }

    @Test("session reauth: a new session id, the old one ended")
    func reauth() throws {
        let s = try Setup()
        let grant = try s.start(["--scope", "read"])
        let old = try #require(grant["refresh_token"] as? String)
        let result = try CLI.run(["session", "reauth", "--key", s.key, "--store", s.store, "--scope", "read admin", old])
        #expect(result.status == 0)
        let new = try Fixtures.object(result.stdout)
        #expect(new["session"] as? String != grant["session"] as? String)
        let verified = try CLI.run(["verify", "--key", s.key, "--store", s.store, try #require(new["access_token"] as? String)])
        #expect(try #require(try Fixtures.object(verified.stdout)["claims"] as? [String: Any])["scope"] as? String == "read admin")
        #expect(try s.refresh(old).firstErrorLine.hasPrefix("rejected: session_revoked: "))
        #expect(try CLI.run(["verify", "--key", s.key, "--store", s.store, grant["access_token"] as! String]).firstErrorLine.hasPrefix("rejected: revoked: "))
    }

    @Test("session list and revoke: one session, all, all but one; logout-all ends them too")
    func listAndRevoke() throws {
        let s = try Setup()
        let a = try s.start(["--client", "laptop"])
        let b = try s.start(["--client", "phone"])
        let c = try s.start()
        let listed = try CLI.run(["session", "list", "--store", s.store, "--sub", "alice"])
        #expect(listed.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 3)
        #expect(Set(array[0].keys) == ["session", "created_at", "last_used_at", "idle_expires_at", "session_expires_at", "client"])
        #expect(Set(array.compactMap { $0["client"] as? String }) == ["laptop", "phone"])
        let one = try CLI.run(["session", "revoke", "--store", s.store, "--session", a["session"] as! String])
        #expect(one.status == 0)
        #expect(one.stdout == "ended 1 session\n")
        #expect(try s.refresh(a["refresh_token"] as! String).firstErrorLine.hasPrefix("rejected: session_revoked: "))
        let all = try CLI.run(["session", "revoke", "--store", s.store, "--sub", "alice", "--all", "--except", b["session"] as! String])
        #expect(all.stdout == "ended 1 session\n")
        #expect(try s.refresh(c["refresh_token"] as! String).firstErrorLine.hasPrefix("rejected: session_revoked: "))
        let remaining = try CLI.run(["session", "list", "--store", s.store, "--sub", "alice"]).stdout
        #expect(remaining.contains(b["session"] as! String) && !remaining.contains(c["session"] as! String))
        #expect(try CLI.run(["logout-all", "--store", s.store, "--sub", "alice"]).status == 0)
        #expect(try s.refresh(b["refresh_token"] as! String).firstErrorLine.hasPrefix("rejected: session_revoked: "))
        #expect(try CLI.run(["session", "list", "--store", s.store, "--sub", "alice"]).stdout == "[]\n")
    }

    @Test("usage and configuration errors exit 2")
    func usage() throws {
        let s = try Setup()
        let base = ["session", "start", "--key", s.key, "--store", s.store, "--sub", "alice"]
        #expect(try CLI.run(base + ["--ttl", "1h", "--idle", "30m"]).status == 2)           // access > idle
        #expect(try CLI.run(base + ["--absolute", "31d"]).status == 2)
        #expect(try CLI.run(base + ["--ttl", "soon"]).status == 2)
        #expect(try CLI.run(["session", "start", "--key", s.key, "--store", s.store]).status == 2)   // no --sub
        #expect(try CLI.run(["session", "refresh", "--key", s.key, "--store", s.store, "--reuse-grace", "2m", "x"]).status == 2)
        #expect(try CLI.run(["session", "revoke", "--store", s.store, "--sub", "alice"]).status == 2)  // --all missing
        #expect(try CLI.run(["session", "revoke", "--store", s.store, "--session", "x", "--all"]).status == 2)
        #expect(try CLI.run(["session", "refresh", "--key", s.key, "--store", s.dir.path("missing.db"), "x"]).status == 2)
        let pub = try CLI.run(["jwks", "--key", s.key])
        let publicKey = try s.dir.write("public.json", pub.stdout)
        #expect(try CLI.run(["session", "start", "--key", publicKey, "--store", s.store, "--sub", "alice"]).status == 2)
    }
}
