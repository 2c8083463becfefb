import Foundation
import Testing

/// `tessera revoke`, `logout-all`, `store stats|prune`, and `mint`/`verify --store`, through the binary.
@Suite("revocation commands")
struct RevocationCLITests {
    @Test("revoke --token, then verify --store rejects it as revoked (exit 1); other tokens still verify")
    func revokeTokenRoundTrip() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let store = dir.path("revocations.db")
        let token = try Fixtures.mint(key: key)
        let other = try Fixtures.mint(key: key)
        let revoked = try CLI.run(["revoke", "--store", store, "--key", key, "--token", token])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout.hasPrefix("revoked token "))
        let verdict = try CLI.run(["verify", "--key", key, "--store", store, token])
        #expect(verdict.status == 1)
        #expect(verdict.firstErrorLine.hasPrefix("rejected: revoked: "), "\(verdict.stderr)")
        #expect(try CLI.run(["verify", "--key", key, "--store", store, other]).status == 0)
    }

    @Test("revoke --sid rejects every token of that session")
    func revokeSession() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("HS256", in: dir)
        let store = dir.path("r.db")
        let token = try Fixtures.mint(key: key, ["--sid", "s-42"])
        let until = String(Fixtures.now + 3600)
        #expect(try CLI.run(["revoke", "--store", store, "--sid", "s-42", "--until", until]).status == 0)
        #expect(try CLI.run(["verify", "--key", key, "--store", store, token]).firstErrorLine.hasPrefix("rejected: revoked:"))
    }

    @Test("revoke --jti with --until; an entry already past its time is never kept; stats and prune report")
    func revokeJTIStatsPrune() throws {
        let dir = try TempDir()
        let store = dir.path("r.db")
        let until = Fixtures.now + 3600
        #expect(try CLI.run(["revoke", "--store", store, "--jti", "live-id", "--until", String(until)]).status == 0)
        #expect(try CLI.run(["revoke", "--store", store, "--jti", "old-id", "--until", "1000"]).status == 0)
        let stats = try CLI.run(["store", "stats", "--store", store])
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("tokens: 1\n"))       // the write cleaned up the expired entry itself
        #expect(stats.stdout.contains("oldest expiry: \(until)\n"))
        #expect(stats.stdout.contains("login sessions: 0"))
        let pruned = try CLI.run(["store", "prune", "--store", store])
        #expect(pruned.stdout == "pruned: 0 tokens, 0 sessions, 0 epochs, 0 login sessions\n")
        #expect(try CLI.run(["store", "stats", "--store", store]).stdout.contains("tokens: 1\n"))
    }

    @Test("logout-all prints the new epoch; older tokens are revoked, tokens minted with --store after it verify")
    func logoutAll() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let store = dir.path("r.db")
        let before = try Fixtures.mint(key: key)
        let bob = try Fixtures.mint(key: key, sub: "bob")
        let bump = try CLI.run(["logout-all", "--store", store, "--sub", "alice"])
        #expect(bump.status == 0)
        let epoch = try #require(Int64(bump.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(epoch > 1_600_000_000_000)
        let after = try Fixtures.mint(key: key, ["--store", store])
        #expect(try CLI.run(["verify", "--key", key, "--store", store, before]).status == 1)
        let fresh = try CLI.run(["verify", "--key", key, "--store", store, after])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout.contains("\"ep\":\(epoch)"))
        #expect(try CLI.run(["verify", "--key", key, "--store", store, bob]).status == 0)
    }

    @Test("store faults exit 2 with a clear message: missing file, corrupt file, postgres URL")
    func storeFaults() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", in: dir)
        let token = try Fixtures.mint(key: key)
        let missing = try CLI.run(["verify", "--key", key, "--store", dir.path("absent.db"), token])
        #expect(missing.status == 2)
        #expect(missing.firstErrorLine.hasPrefix("error: store_unavailable: "), "\(missing.stderr)")
        let garbage = try dir.write("garbage.db", String(repeating: "not a database ", count: 500))
        let corrupt = try CLI.run(["verify", "--key", key, "--store", garbage, token])
        #expect(corrupt.status == 2)
        #expect(corrupt.firstErrorLine.contains("corrupt"), "\(corrupt.stderr)")
        let postgres = try CLI.run(["logout-all", "--store", "postgres://db/tessera", "--sub", "alice"])
        #expect(postgres.status == 2)
        #expect(postgres.stderr.contains("not supported yet"))
    }

    @Test("revoke needs exactly one of --token, --jti, --sid, and --until for ids (usage errors exit 2)")
    func usage() throws {
        let dir = try TempDir()
        let store = dir.path("r.db")
        #expect(try CLI.run(["revoke", "--store", store]).status == 2)
        #expect(try CLI.run(["revoke", "--store", store, "--jti", "a"]).status == 2)
        #expect(try CLI.run(["revoke", "--store", store, "--jti", "a", "--sid", "b", "--until", "5"]).status == 2)
        #expect(try CLI.run(["revoke", "--store", store, "--token", "x.y.z"]).status == 2)
    }
}
