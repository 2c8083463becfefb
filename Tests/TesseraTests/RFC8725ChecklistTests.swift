import Foundation
import Testing
@testable import Tessera

/// The RFC 8725 checklist in `docs/RFC8725.md`: the tests it names exist, and the practices no
/// other suite covers directly.
@Suite struct RFC8725ChecklistTests {
    static let now: Int64 = 1_700_000_000
    static let key = try! SigningKey(hmacSecret: [UInt8](repeating: 0x61, count: 32), algorithm: .hs256, keyID: "hs")
    static let verifier = try! Verifier(keys: KeySet(key.verificationKey), rules: ClaimRules(audiences: ["api"], clock: .fixed(now)))

    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/RFC8725.md")

    /// Every §2 threat and §3 practice has a heading, and every `Suite.test` it names is a test
    /// function in `Tests/TesseraTests/Suite.swift`.
    @Test func everyTestNamedInTheChecklistExists() throws {
        let document = try String(contentsOf: Self.documentURL, encoding: .utf8)
        for section in (1...9).map({ "### 2.\($0) " }) + (1...12).map({ "### 3.\($0) " }) {
            #expect(document.contains(section), "docs/RFC8725.md lacks \(section)")
        }
        let references = try Regex(#"`([A-Z][A-Za-z0-9]*Tests)\.([a-z][A-Za-z0-9]*)`"#)
        let named = document.matches(of: references).map { (String($0.output[1].substring!), String($0.output[2].substring!)) }
        #expect(named.count >= 40)
        let tests = Self.documentURL.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tests/TesseraTests")
        for (suite, test) in named {
            let source = try? String(contentsOf: tests.appendingPathComponent("\(suite).swift"), encoding: .utf8)
            #expect(source?.contains("struct \(suite)") == true, "\(suite).swift has no suite \(suite)")
            #expect(source?.contains("func \(test)(") == true, "\(suite).\(test) does not exist")
        }
    }

    /// §2.1: `none` is refused in every casing even when the token carries a valid MAC, so no
    /// verifier can be talked into "unsigned is fine" by a signature that happens to verify.
    @Test func everyAlgNoneSpellingIsRefusedWithAValidMAC() throws {
        for spelling in ["none", "None", "NONE", "nONE", "noNe"] {
            let token = try HandMade.token(header: #"{"alg":"\#(spelling)","kid":"hs","typ":"at+jwt"}"#, payload: Fixture.claims, key: Self.key)
            #expect(rejection(Self.verifier, token) == .unsupportedAlgorithm, "\(spelling)")
            let unsigned = token.split(separator: ".").prefix(2).joined(separator: ".") + "."
            #expect(rejection(Self.verifier, unsigned) == .unsupportedAlgorithm, "\(spelling), empty signature")
        }
    }

    /// §2.2, §3.5: generated secrets are the hash's full length and never repeat.
    @Test func generatedHMACSecretsAreFullLengthAndDistinct() throws {
        for algorithm in Algorithm.allCases where algorithm.isHMAC {
            var seen = Set<String>()
            for _ in 0..<32 {
                let jwk = try JSONValue.parse(Array(try SigningKey.generate(algorithm).privateJWK.utf8))
                let secret = try #require(jwk["k"]?.stringValue)
                #expect(Base64URL.decode(secret)?.count == algorithm.minimumKeyLength)
                seen.insert(secret)
            }
            #expect(seen.count == 32, "\(algorithm): a generated secret repeated")
        }
    }

    /// §2.9, §3.10: `kid` is only looked up, exactly: path traversal, SQL, URLs and near-misses
    /// of the real kid are `key_not_found`, never a file read, a query or a default key.
    @Test func kidIsALookupKeyNeverAPathOrAQuery() throws {
        let hostile = ["../../../../etc/passwd", "/dev/zero", "' OR '1'='1", "hs' --", "https://evil.example/jwks.json",
                       "file:///etc/shadow", "hs\\u0000", "HS", " hs", "*", "%", "{{kid}}", String(repeating: "A", count: 4000)]
        for kid in hostile {
            let token = try HandMade.token(header: #"{"alg":"HS256","kid":"\#(kid)","typ":"at+jwt"}"#, payload: #"{"sub":"a","aud":"api","exp":1700000600}"#, key: Self.key)
            #expect(rejection(Self.verifier, token) == .keyNotFound, "\(kid.prefix(30))")
        }
    }

    /// §2.8, §3.12: an OpenID Connect ID token signed by the very same key is not an access token.
    @Test func idTokenFromTheSameKeyIsRefused() throws {
        let claims = #"{"iss":"https://auth.example","sub":"alice","aud":"api","exp":1700000600,"iat":1700000000,"nonce":"n-0S6_WzA2Mj"}"#
        for typ in [#","typ":"JWT""#, #","typ":"id_token+jwt""#, ""] {
            let token = try HandMade.token(header: #"{"alg":"HS256","kid":"hs"\#(typ)}"#, payload: claims, key: Self.key)
            #expect(rejection(Self.verifier, token) == .wrongType, "typ \(typ)")
        }
        let accessToken = try HandMade.token(header: #"{"alg":"HS256","kid":"hs","typ":"at+jwt"}"#, payload: claims, key: Self.key)
        #expect(rejection(Self.verifier, accessToken) == nil)
    }
}
