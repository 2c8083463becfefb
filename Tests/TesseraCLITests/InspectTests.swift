import Foundation
import Testing

/// `tessera inspect`: the named unverified path.
@Suite("inspect")
struct InspectTests {
    @Test("prints header and claims labelled unverified, with a warning on stderr")
    func decodes() throws {
        let dir = try TempDir()
        let key = try Fixtures.keygen("EdDSA", kid: "k1", in: dir)
        let token = try Fixtures.mint(key: key, ["--aud", "api"])
        for result in [try CLI.run(["inspect", token]), try CLI.run(["inspect"], stdin: token + "\n")] {
            #expect(result.status == 0)
            let json = try Fixtures.object(result.stdout)
            #expect(json["verified"] as? Bool == false)
            #expect((json["header"] as? [String: Any])?["kid"] as? String == "k1")
            #expect((json["claims"] as? [String: Any])?["aud"] as? String == "api")
            #expect(result.stderr.contains("UNVERIFIED"))
        }
    }

    @Test("decodes even tokens verify would reject (bad signature, alg none)")
    func decodesForgeries() throws {
        let result = try CLI.run(["inspect", Fixtures.forged(header: #"{"alg":"none"}"#, payload: #"{"sub":"mallory","x":[1,{"y":null}]}"#)])
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""x":[1,{"y":null}]"#))
    }

    @Test("garbage exits 1 with malformed and never crashes", arguments: [
        "garbage", "a.b.c", "...", "e30.e30", "eyJhbGciOiJub25lIn0.bm90IGpzb24.AAAA", "W10.e30.AAAA", "e30=.e30.AAAA",
        "\u{00e9}.\u{00e9}.\u{00e9}", "eyJh.eyJh.eyJh",
    ])
    func garbage(input: String) throws {
        let result = try CLI.run(["inspect", input])
        #expect(result.status == 1)
        #expect(result.firstErrorLine.hasPrefix("rejected: malformed: "), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("oversized input is too_large, and empty input is a usage error")
    func sizes() throws {
        let big = try CLI.run(["inspect"], stdin: String(repeating: "A", count: 70_000))
        #expect(big.status == 1)
        #expect(big.firstErrorLine.hasPrefix("rejected: too_large: "))
        #expect(try CLI.run(["inspect"], stdin: "").status == 2)
    }
}
