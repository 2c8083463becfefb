import Foundation
import Testing
@testable import Tessera

/// Hundreds of hostile tokens and key files, each with the one code it must be refused with (or
/// `nil` when it must be accepted), plus a hang guard: every case returns within ``bound``.
///
/// Tokens whose later checks are the point are signed with a valid signature, so the check
/// under test is the one that fires. Key files that need a real tool (PEMs of other key types,
/// an encrypted PKCS#8) are static files in `Corpus/keys/`; `Corpus/regressions/` holds inputs
/// the fuzzers once crashed on.
@Suite struct BadInputCorpusTests {
    /// A hang guard, not a benchmark: 50 ms per input in a debug build (200 ms for the 64 KiB
    /// ones), ten times that under a sanitizer, which slows every memory access.
    static func bound(large: Bool = false) -> Duration {
        let base: Duration = large ? .milliseconds(200) : .milliseconds(50)
        return underSanitizer ? base * 10 : base
    }

    /// True when AddressSanitizer or ThreadSanitizer is linked in (`swift test --sanitize=…`).
    static let underSanitizer: Bool = {
        let process = dlopen(nil, RTLD_NOW)
        let symbols: [String] = ["__asan_init", "__tsan_init"]
        return symbols.contains { dlsym(process, $0) != nil }
    }()

    @Test(arguments: HostileTokens.all)
    func hostileTokenGetsItsCode(_ hostile: HostileCase) {
        var code: TesseraError.Code?
        let verifier = hostile.large ? HostileTokens.largeVerifier : HostileTokens.verifier
        let elapsed = ContinuousClock().measure {
            code = hostile.bytes.withUnsafeBufferPointer { bytes in
                if case .failure(let error) = verifier.verify(utf8: bytes) { return error.code }
                return nil
            }
        }
        #expect(code == hostile.expected, "\(hostile.name)")
        #expect(elapsed < Self.bound(large: hostile.large), "\(hostile.name) took \(elapsed)")
    }

    @Test(arguments: HostileKeys.all)
    func hostileKeyFileGetsItsCode(_ hostile: HostileCase) {
        var code: TesseraError.Code?
        let elapsed = ContinuousClock().measure { code = HostileKeys.load(hostile.bytes) }
        #expect(code == hostile.expected, "\(hostile.name)")
        #expect(elapsed < Self.bound(), "\(hostile.name) took \(elapsed)")
    }

    @Test func corpusHasHundredsOfCasesWithUniqueNames() {
        let all = HostileTokens.all + HostileKeys.all
        #expect(all.count >= 400)
        #expect(Set(all.map(\.name)).count == all.count)
        #expect(all.filter { $0.expected == nil }.count >= 20, "the corpus also pins what must pass")
    }

    /// Every file in `Corpus/regressions/` (named `<kind>--<description>--<expected>.<ext>`) keeps
    /// its verdict and returns within the bound.
    @Test func regressionInputsKeepTheirVerdict() throws {
        let directory = CorpusFiles.directory.appendingPathComponent("regressions")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("--") }.sorted()
        #expect(!names.isEmpty)
        for name in names {
            let parts = name.split(separator: ".")[0].components(separatedBy: "--")
            try #require(parts.count == 3, "\(name): expected <kind>--<description>--<expected>.<ext>")
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            var verdict = "?"
            let elapsed = ContinuousClock().measure { verdict = Self.verdict(kind: parts[0], bytes) }
            #expect(verdict == parts[2], "\(name)")
            #expect(elapsed < Self.bound(large: true), "\(name) took \(elapsed)")
        }
    }

    /// `ok` or the code, as regression file names spell them.
    static func verdict(kind: String, _ bytes: [UInt8]) -> String {
        func spell(_ code: TesseraError.Code?) -> String { code?.rawValue ?? "ok" }
        switch kind {
        case "token":
            return spell(errorCode { () throws(TesseraError) in try bytes.withUnsafeBufferPointer { HostileTokens.verifier.verify(utf8: $0) }.get() })
        case "json":
            let tree = errorCode { () throws(TesseraError) in try JSONValue.parse(bytes) }
            let claims = errorCode { () throws(TesseraError) in try bytes.withUnsafeBufferPointer { (b) throws(TesseraError) in try ClaimFields.read(b) } }
            // The claims reader is never more lenient than the tree parser.
            return tree != nil && claims == nil ? "claims reader accepted what the tree rejects" : spell(tree)
        case "key": return spell(HostileKeys.load(bytes))
        case "pem": return spell(errorCode { () throws(TesseraError) in try Ed25519Key.fromPEM(bytes) })
        case "base64url": return Base64URL.decode(String(decoding: bytes, as: UTF8.self)) == nil ? "rejected" : "ok"
        default: return "unknown kind \(kind)"
        }
    }
}

/// One hostile input and the code it must fail with (`nil`: it must be accepted).
struct HostileCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let expected: TesseraError.Code?
    /// Checked by the verifier with the largest size cap (64 KiB) instead of the default 8 KiB.
    var large = false

    var testDescription: String { name }
}

/// The files under `Tests/TesseraTests/Corpus/` (excluded from the target's sources).
enum CorpusFiles {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
}

// MARK: - Tokens

enum HostileTokens {
    static let now: Int64 = 1_700_000_000
    static let hs = try! SigningKey(hmacSecret: [UInt8](repeating: 0x42, count: 32), algorithm: .hs256, keyID: "hs")
    static let ed = try! SigningKey.generate(.edDSA, keyID: "ed")
    static let rules = try! ClaimRules(issuer: "https://auth.example", audiences: ["api"], clock: .fixed(now))
    static let revocation = RevocationList(RevocationSnapshot(tokenIDs: ["revoked-jti"], sessionIDs: ["revoked-sid"]))
    static let verifier = try! Verifier(keys: KeySet([hs.verificationKey, ed.verificationKey]), rules: rules, revocation: revocation)
    static let largeVerifier = try! Verifier(
        keys: KeySet([hs.verificationKey, ed.verificationKey]), rules: rules, maxTokenSize: 65_536, revocation: revocation)

    static let header = Array(#"{"alg":"HS256","kid":"hs","typ":"at+jwt"}"#.utf8)
    /// A payload the verifier accepts, as ordered (name, raw JSON value) pairs.
    static let members: [(String, String)] = [
        ("iss", #""https://auth.example""#), ("sub", #""alice""#), ("aud", #""api""#), ("exp", "1700000600"),
        ("iat", "1700000000"), ("jti", #""id-1""#), ("sid", #""s-1""#), ("scope", #""read write""#),
    ]

    /// The good payload with members replaced (raw JSON values as bytes), added or dropped.
    static func payload(_ changes: [(String, [UInt8])] = [], drop: Set<String> = []) -> [UInt8] {
        var out = Array("{".utf8)
        var pending = changes
        var first = true
        func member(_ name: String, _ value: [UInt8]) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += Array("\"\(name)\":".utf8) + value
        }
        for (name, value) in members where !drop.contains(name) {
            if let i = pending.firstIndex(where: { $0.0 == name }) {
                member(name, pending.remove(at: i).1)
            } else {
                member(name, Array(value.utf8))
            }
        }
        for (name, value) in pending { member(name, value) }
        return out + Array("}".utf8)
    }

    static func payload(_ name: String, _ value: String) -> [UInt8] { payload([(name, Array(value.utf8))]) }

    /// `base64url(header).base64url(payload).signature`, validly signed by `key`.
    static func signed(header: [UInt8] = header, payload: [UInt8], key: SigningKey = hs) -> [UInt8] {
        let input = Array((Base64URL.encode(header) + "." + Base64URL.encode(payload)).utf8)
        return input + Array(("." + Base64URL.encode(sign(input, key))).utf8)
    }

    static func sign(_ input: [UInt8], _ key: SigningKey) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: key.algorithm.signatureLength)
        input.withUnsafeBytes { i in signature.withUnsafeMutableBytes { s in try! key.core.sign(i, into: s) } }
        return signature
    }

    static func headerWith(_ name: String, _ value: String) -> [UInt8] {
        var members = [("alg", #""HS256""#), ("kid", #""hs""#), ("typ", #""at+jwt""#)]
        if let i = members.firstIndex(where: { $0.0 == name }) { members[i].1 = value } else { members.append((name, value)) }
        return Array(("{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}").utf8)
    }

    static let good = signed(payload: payload())

    static let all: [HostileCase] =
        segments + headerTypes + headerValues + headerShapes + claimTypes + numbers + times + claimValues
        + strings + payloadShapes + signatures + tokenBytes + random

    // Every segment count 0–6, empty segments.
    static let segments: [HostileCase] = {
        let text = String(decoding: good, as: UTF8.self)
        let parts = text.split(separator: ".").map(String.init)
        var cases = [HostileCase(name: "segments: 0 (empty token)", bytes: [], expected: .malformed)]
        for count in 1...6 where count != 3 {
            let pieces = (0..<count).map { $0 < 3 ? parts[$0] : parts[1] }
            cases.append(HostileCase(name: "segments: \(count)", bytes: Array(pieces.joined(separator: ".").utf8), expected: .malformed))
        }
        cases.append(HostileCase(name: "segments: 3 (the good token)", bytes: good, expected: nil))
        cases += [
            ("three empty", "..", TesseraError.Code.malformed), ("four empty", "...", .malformed), ("six empty", ".....", .malformed),
            ("empty payload", "\(parts[0])..\(parts[2])", .badSignature), ("empty signature", "\(parts[0]).\(parts[1]).", .badSignature),
            ("empty header", ".\(parts[1]).\(parts[2])", .malformed),
        ].map { HostileCase(name: "segments: \($0.0)", bytes: Array($0.1.utf8), expected: $0.2) }
        let emptyPayload = signed(payload: [])
        cases.append(HostileCase(name: "segments: signed empty payload", bytes: emptyPayload, expected: .malformed))
        return cases
    }()

    static let wrongTypes = ["1", "-1", "1.5", "0", "true", "false", "null", "[]", "{}", #"["x"]"#, #"{"a":1}"#]

    // Header members of the wrong JSON type.
    static let headerTypes: [HostileCase] = ["alg", "kid", "typ"].flatMap { name in
        wrongTypes.map { value in
            HostileCase(name: "header \(name): \(value)", bytes: signed(header: headerWith(name, value), payload: payload()), expected: .malformed)
        }
    }

    // Header members with wrong string values.
    static let headerValues: [HostileCase] = {
        var cases: [HostileCase] = []
        let algs: [(String, TesseraError.Code?)] = [
            ("none", .unsupportedAlgorithm), ("None", .unsupportedAlgorithm), ("NONE", .unsupportedAlgorithm),
            ("nOnE", .unsupportedAlgorithm), ("", .unsupportedAlgorithm), ("hs256", .unsupportedAlgorithm),
            ("HS256 ", .unsupportedAlgorithm), (#"HS256\u0000"#, .unsupportedAlgorithm), ("HS384", .unsupportedAlgorithm),
            ("HS512", .unsupportedAlgorithm), ("EdDSA", .unsupportedAlgorithm), ("Ed25519", .unsupportedAlgorithm),
            ("RS256", .unsupportedAlgorithm), ("ES256", .unsupportedAlgorithm), ("PS256", .unsupportedAlgorithm),
            (#"H\u0053256"#, nil),
        ]
        for (alg, code) in algs {
            cases.append(HostileCase(name: "header alg: \"\(alg)\"", bytes: signed(header: headerWith("alg", "\"\(alg)\""), payload: payload()), expected: code))
        }
        let kids: [(String, TesseraError.Code?)] = [
            ("", .keyNotFound), ("HS", .keyNotFound), ("hs ", .keyNotFound), (#"h\u0000s"#, .keyNotFound), ("ed", .unsupportedAlgorithm),
            (String(repeating: "k", count: 2000), .keyNotFound), (#"\u0068s"#, nil),
        ]
        for (kid, code) in kids {
            cases.append(HostileCase(name: "header kid: \"\(kid.prefix(12))\" (\(kid.count))", bytes: signed(header: headerWith("kid", "\"\(kid)\""), payload: payload()), expected: code))
        }
        let types: [(String, TesseraError.Code?)] = [
            ("JWT", .wrongType), ("jwt", .wrongType), ("", .wrongType), ("at+jwt ", .wrongType), ("application/jwt", .wrongType),
            ("at+jwt\\u0000", .wrongType), ("application/at+jwt+x", .wrongType), ("AT+JWT", nil), ("application/at+jwt", nil),
            ("Application/At+Jwt", nil),
        ]
        for (typ, code) in types {
            cases.append(HostileCase(name: "header typ: \"\(typ)\"", bytes: signed(header: headerWith("typ", "\"\(typ)\""), payload: payload()), expected: code))
        }
        let noKid = Array(#"{"alg":"HS256","typ":"at+jwt"}"#.utf8)
        let noTyp = Array(#"{"alg":"HS256","kid":"hs"}"#.utf8)
        let noAlg = Array(#"{"kid":"hs","typ":"at+jwt"}"#.utf8)
        cases += [
            HostileCase(name: "header: no kid with two keys", bytes: signed(header: noKid, payload: payload()), expected: .keyNotFound),
            HostileCase(name: "header: no typ", bytes: signed(header: noTyp, payload: payload()), expected: .wrongType),
            HostileCase(name: "header: no alg", bytes: signed(header: noAlg, payload: payload()), expected: .malformed),
        ]
        for name in ["crit", "jwk", "jku", "x5u", "x5c", "x5t", "enc", "zip", "b64", "cty"] {
            let value = name == "crit" ? #"["exp"]"# : name == "b64" ? "false" : #""x""#
            let code: TesseraError.Code? = name == "x5t" ? nil : .malformed  // x5t names no key material; it is ignored
            cases.append(HostileCase(name: "header refuses \(name)", bytes: signed(header: headerWith(name, value), payload: payload()), expected: code))
        }
        return cases
    }()

    // Header documents that are not one flat JSON object.
    static let headerShapes: [HostileCase] = {
        let good = #"{"alg":"HS256","kid":"hs","typ":"at+jwt"}"#
        let shapes: [(String, [UInt8], TesseraError.Code?)] = [
            ("array", Array("[]".utf8), .malformed), ("string", Array(#""HS256""#.utf8), .malformed),
            ("number", Array("1".utf8), .malformed), ("null", Array("null".utf8), .malformed),
            ("empty object", Array("{}".utf8), .malformed),
            ("duplicate alg", Array(#"{"alg":"HS256","alg":"HS256","kid":"hs","typ":"at+jwt"}"#.utf8), .malformed),
            ("duplicate alg via escape", Array(#"{"alg":"HS256","\u0061lg":"none","kid":"hs","typ":"at+jwt"}"#.utf8), .malformed),
            ("BOM", [0xEF, 0xBB, 0xBF] + Array(good.utf8), .malformed),
            ("trailing data", Array((good + "x").utf8), .malformed),
            ("two objects", Array((good + good).utf8), .malformed),
            ("trailing comma", Array(#"{"alg":"HS256","kid":"hs","typ":"at+jwt",}"#.utf8), .malformed),
            ("spaces, tabs, CRLF", Array(" {\t\"alg\" :\r\n\"HS256\" , \"kid\":\"hs\",\"typ\":\"at+jwt\" }\n".utf8), nil),
            ("form feed", Array(("\u{0C}" + good).utf8), .malformed),
            ("vertical tab", Array(("\u{0B}" + good).utf8), .malformed),
            ("no-break space", Array(("\u{A0}" + good).utf8), .malformed),
            ("NUL after", Array(good.utf8) + [0], .malformed),
            ("unterminated", Array(good.dropLast().utf8), .malformed),
            ("single quotes", Array("{'alg':'HS256','kid':'hs','typ':'at+jwt'}".utf8), .malformed),
            ("unquoted names", Array("{alg:\"HS256\",kid:\"hs\",typ:\"at+jwt\"}".utf8), .malformed),
            ("extra member nested 20 deep", headerWith("x", nested(20)), nil),
            ("extra member nested 40 deep", headerWith("x", nested(40)), .malformed),
            ("extra member nested 3000 deep", headerWith("x", nested(3000)), .malformed),
            ("extra member with NaN", headerWith("x", "NaN"), .malformed),
            // Parsed before the signature check: once quadratic in the member count.
            ("3000 extra members", Array(("{" + (0..<3000).map { "\"m\($0)\":0," }.joined() + #""alg":"HS256","kid":"hs","typ":"at+jwt"}"#).utf8), nil),
            ("extra member with invalid UTF-8", headerWith("x", "\"") + [0xFF] + Array("\"}".utf8), .malformed),
        ]
        return shapes.map { HostileCase(name: "header shape: \($0.0)", bytes: signed(header: $0.1, payload: payload()), expected: $0.2, large: true) }
    }()

    static func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }

    // Registered claims of the wrong JSON type.
    static let claimTypes: [HostileCase] = {
        var cases: [HostileCase] = []
        for name in ["iss", "sub", "jti", "sid", "scope"] {
            for value in wrongTypes {
                cases.append(HostileCase(name: "claim \(name): \(value)", bytes: signed(payload: payload(name, value)), expected: .malformed))
            }
        }
        for value in ["1", "true", "null", "[]", "{}", "[1]", #"["api",1]"#, #"["api",null]"#, #"[["api"]]"#, #"{"api":1}"#] {
            cases.append(HostileCase(name: "claim aud: \(value)", bytes: signed(payload: payload("aud", value)), expected: .malformed))
        }
        for name in ["exp", "nbf", "iat", "auth_time", "ep"] {
            for value in [#""1700000000""#, "true", "false", "null", "[]", "{}", "[1700000000]", #"{"$date":1}"#] {
                cases.append(HostileCase(name: "claim \(name): \(value)", bytes: signed(payload: payload(name, value)), expected: .malformed))
            }
        }
        return cases
    }()

    // Huge, negative, non-finite and otherwise awkward numbers in every numeric claim.
    static let numbers: [HostileCase] = {
        var cases: [HostileCase] = []
        let bad = ["-1", "-1700000600", "1e400", "-1e400", "99999999999999999999", "253402300800", "1e999999999",
                   "NaN", "Infinity", "-Infinity", "+1700000600", "01700000600", "1700000600.", ".5", "0x65",
                   "1_700_000_600", String(repeating: "9", count: 1000), "-0.5"]
        for name in ["exp", "nbf", "iat", "auth_time"] {
            for value in bad {
                cases.append(HostileCase(name: "number \(name): \(value.prefix(24))", bytes: signed(payload: payload(name, value)), expected: .malformed))
            }
        }
        let fine: [(String, String, TesseraError.Code?)] = [
            ("exp", "1700000600.9", nil), ("exp", "1.7000006e9", nil), ("exp", "17000006E2", nil), ("exp", "253402300799", nil),
            ("exp", "-0", .expired), ("exp", "0", .expired), ("exp", "1e-400", .expired),
            ("nbf", "253402300799", .notYetValid), ("iat", "253402300799", .notYetValid), ("nbf", "-0", nil),
            ("auth_time", "0", nil), ("auth_time", "1.5", nil),
        ]
        for (name, value, code) in fine {
            cases.append(HostileCase(name: "number \(name): \(value) (valid JSON)", bytes: signed(payload: payload(name, value)), expected: code))
        }
        let epochs: [(String, TesseraError.Code?)] = [
            ("-1", .malformed), ("1.5", .malformed), ("1e2", .malformed), ("1.0", .malformed), ("-0", .malformed),
            ("9007199254740993", .malformed), ("99999999999999999999", .malformed), ("9007199254740992", nil), ("0", nil),
        ]
        for (value, code) in epochs {
            cases.append(HostileCase(name: "number ep: \(value)", bytes: signed(payload: payload("ep", value)), expected: code))
        }
        // Unknown claims may hold any valid number; they are validated, never converted.
        for value in ["1e400", String(repeating: "9", count: 3000), "-0.0e-0"] {
            cases.append(HostileCase(name: "number x (unknown claim): \(value.prefix(12))", bytes: signed(payload: payload("x", value)), expected: nil))
        }
        return cases
    }()

    // Time windows around the fixed clock (leeway 60 s) and missing claims.
    static let times: [HostileCase] = {
        let n = now
        let cases: [(String, [UInt8], TesseraError.Code?)] = [
            ("exp now-61", payload("exp", "\(n - 61)"), .expired), ("exp now-60", payload("exp", "\(n - 60)"), .expired),
            ("exp now-59", payload("exp", "\(n - 59)"), nil), ("nbf now+61", payload("nbf", "\(n + 61)"), .notYetValid),
            ("nbf now+60", payload("nbf", "\(n + 60)"), nil), ("iat now+61", payload("iat", "\(n + 61)"), .notYetValid),
            ("iat now+60", payload("iat", "\(n + 60)"), nil), ("auth_time in the future", payload("auth_time", "\(n + 9999)"), nil),
            ("no exp", payload(drop: ["exp"]), .missingClaim), ("no sub", payload(drop: ["sub"]), .missingClaim),
            ("no iss", payload(drop: ["iss"]), .missingClaim), ("no aud", payload(drop: ["aud"]), .missingClaim),
            ("no iat, jti, sid, scope", payload(drop: ["iat", "jti", "sid", "scope"]), nil),
            ("empty object", Array("{}".utf8), .missingClaim),
        ]
        return cases.map { HostileCase(name: "time: \($0.0)", bytes: signed(payload: $0.1), expected: $0.2) }
    }()

    // Wrong or tricky string values of iss, aud, jti, sid.
    static let claimValues: [HostileCase] = {
        let cases: [(String, String, String, TesseraError.Code?)] = [
            ("iss", "trailing slash", #""https://auth.example/""#, .wrongIssuer),
            ("iss", "upper case", #""HTTPS://AUTH.EXAMPLE""#, .wrongIssuer),
            ("iss", "NUL escape", #""https://auth.example\u0000""#, .wrongIssuer),
            ("iss", "escaped slashes (same value)", #""https:\/\/auth.example""#, nil),
            ("iss", "empty", #""""#, .wrongIssuer),
            ("aud", "other", #""other""#, .wrongAudience), ("aud", "list without api", #"["a","b"]"#, .wrongAudience),
            ("aud", "list with api", #"["a","api"]"#, nil), ("aud", "escaped api", #""\u0061pi""#, nil),
            ("aud", "api with space", #""api ""#, .wrongAudience), ("aud", "API", #""API""#, .wrongAudience),
            ("jti", "revoked", #""revoked-jti""#, .revoked), ("jti", "revoked, escaped", #""revoked\u002djti""#, .revoked),
            ("sid", "revoked", #""revoked-sid""#, .revoked), ("jti", "revoked with NUL", #""revoked-jti\u0000""#, nil),
            ("sub", "NUL escape", #""\u0000""#, nil), ("sub", "empty", #""""#, nil),
        ]
        return cases.map { HostileCase(name: "claim \($0.0): \($0.1)", bytes: signed(payload: payload($0.0, $0.2)), expected: $0.3) }
    }()

    static let badUTF8: [(String, [UInt8])] = [
        ("FF", [0xFF]), ("FE", [0xFE]), ("lone continuation 80", [0x80]), ("truncated C3", [0xC3]), ("C3 28", [0xC3, 0x28]),
        ("overlong '/' C0 AF", [0xC0, 0xAF]), ("overlong NUL C0 80", [0xC0, 0x80]), ("overlong E0 80 AF", [0xE0, 0x80, 0xAF]),
        ("overlong F0 80 80 AF", [0xF0, 0x80, 0x80, 0xAF]), ("surrogate ED A0 80", [0xED, 0xA0, 0x80]),
        ("above U+10FFFF F4 90 80 80", [0xF4, 0x90, 0x80, 0x80]), ("5-byte F8 88 80 80 80", [0xF8, 0x88, 0x80, 0x80, 0x80]),
        ("truncated E2 82", [0xE2, 0x82]),
    ]

    // Long strings, invalid and overlong UTF-8, NUL and control bytes, bad escapes.
    static let strings: [HostileCase] = {
        var cases: [HostileCase] = []
        func quoted(_ bytes: [UInt8]) -> [UInt8] { [UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\"")] }
        for (name, bytes) in badUTF8 {
            cases.append(HostileCase(name: "string sub: \(name)", bytes: signed(payload: payload([("sub", quoted(Array("a".utf8) + bytes))])), expected: .malformed))
            let member = Array("{\"".utf8) + bytes + Array("\":1,".utf8) + payload().dropFirst()
            cases.append(HostileCase(name: "string member name: \(name)", bytes: signed(payload: member), expected: .malformed))
            cases.append(HostileCase(name: "string header kid: \(name)", bytes: signed(header: Array(#"{"alg":"HS256","typ":"at+jwt","kid":"#.utf8) + quoted(bytes) + [UInt8(ascii: "}")], payload: payload()), expected: .malformed))
        }
        for byte: UInt8 in [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x1B, 0x1F] {
            cases.append(HostileCase(name: "string sub: raw control byte \(byte)", bytes: signed(payload: payload([("sub", quoted([0x61, byte]))])), expected: .malformed))
        }
        cases.append(HostileCase(name: "string sub: DEL 7F is allowed", bytes: signed(payload: payload([("sub", quoted([0x61, 0x7F]))])), expected: nil))
        for escape in [#"\ud800"#, #"\udfff"#, #"\ud800x"#, #"\ud800\u0041"#, #"\udc00\ud800"#, #"\ud800\ud800"#,
                       #"\x41"#, #"\U0041"#, #"\u00G0"#, #"\u12"#, #"\'"#, #"\a"#, #"\"#] {
            cases.append(HostileCase(name: "string sub escape: \(escape)", bytes: signed(payload: payload("sub", "\"\(escape)\"")), expected: .malformed))
        }
        for escape in [#"\ud83d\ude00"#, #"\uD83D\uDE00"#, #"\u00e9"#, #"\/\b\f\n\r\t\"\\"#, "é😀", "\u{FEFF}"] {
            cases.append(HostileCase(name: "string sub valid: \(escape)", bytes: signed(payload: payload("sub", "\"\(escape)\"")), expected: nil))
        }
        let long: [(Int, Bool, TesseraError.Code?)] = [(5000, false, nil), (7000, false, .tooLarge), (40_000, true, nil), (60_000, true, .tooLarge)]
        for (count, large, code) in long {
            cases.append(HostileCase(name: "string sub: \(count) bytes", bytes: signed(payload: payload("sub", "\"\(String(repeating: "a", count: count))\"")), expected: code, large: large))
        }
        let escapes = String(repeating: #"\u0041"#, count: 6000)
        cases.append(HostileCase(name: "string sub: 6000 escapes", bytes: signed(payload: payload("sub", "\"\(escapes)\"")), expected: nil, large: true))
        return cases
    }()

    // Payload documents that are not one flat JSON object, duplicates, whitespace, nesting, width.
    static let payloadShapes: [HostileCase] = {
        let good = payload()
        let text = String(decoding: good, as: UTF8.self)
        var shapes: [(String, [UInt8], TesseraError.Code?)] = [
            ("array", Array("[]".utf8), .malformed), ("string", Array(#""alice""#.utf8), .malformed),
            ("number", Array("1700000600".utf8), .malformed), ("null", Array("null".utf8), .malformed),
            ("true", Array("true".utf8), .malformed), ("whitespace only", Array("  ".utf8), .malformed),
            ("BOM", [0xEF, 0xBB, 0xBF] + good, .malformed), ("UTF-16LE", Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, .malformed),
            ("trailing x", good + Array("x".utf8), .malformed), ("two objects", good + good, .malformed),
            ("trailing comma", Array(text.dropLast().utf8) + Array(",}".utf8), .malformed),
            ("trailing NUL", good + [0], .malformed),
            ("leading and trailing JSON whitespace", Array(" \t\r\n".utf8) + good + Array("\n\r\t ".utf8), nil),
            ("form feed", [0x0C] + good, .malformed), ("vertical tab", [0x0B] + good, .malformed),
            ("no-break space", [0xC2, 0xA0] + good, .malformed), ("line separator U+2028", [0xE2, 0x80, 0xA8] + good, .malformed),
            ("ideographic space", [0xE3, 0x80, 0x80] + good, .malformed),
            ("duplicate sub", payload([("sub", Array(#""alice""#.utf8)), ("sub", Array(#""bob""#.utf8))]), .malformed),
            ("duplicate exp", Array(text.dropLast().utf8) + Array(#","exp":9999999999}"#.utf8), .malformed),
            ("duplicate unknown", payload([("x", Array("1".utf8)), ("y", Array("1".utf8))]).replacing(Array(#""y""#.utf8), with: Array(#""x""#.utf8)), .malformed),
            ("duplicate via escape", Array(text.dropLast().utf8) + Array(#","\u0073ub":"bob"}"#.utf8), .malformed),
            ("escaped exp only", payload([("e\\u0078p", Array("1700000600".utf8))], drop: ["exp"]), .malformed),
            ("escaped aud only", payload([("\\u0061ud", Array(#""x""#.utf8))], drop: ["aud"]), .malformed),
            ("single quotes", Array("{'sub':'alice'}".utf8), .malformed),
            ("comment", Array("/*x*/".utf8) + good, .malformed),
            ("unterminated", Array(text.dropLast().utf8), .malformed),
            ("nested 20 deep", payload("x", nested(20)), nil), ("nested 40 deep", payload("x", nested(40)), .malformed),
            ("objects nested 40 deep", payload("x", String(repeating: #"{"a":"#, count: 40) + "1" + String(repeating: "}", count: 40)), .malformed),
        ]
        shapes.append(("nested 20000 deep", payload("x", nested(20_000)), .malformed))
        shapes.append(("unclosed 20000 deep", payload("x", String(repeating: "[", count: 20_000)), .malformed))
        let wide = (0..<2000).map { ("m\($0)", Array("0".utf8)) }
        shapes.append(("2000 members", payload(wide), nil))
        let array = "[" + Array(repeating: "0", count: 15_000).joined(separator: ",") + "]"
        shapes.append(("array of 15000 numbers", payload("x", array), nil))
        return shapes.map { HostileCase(name: "payload: \($0.0)", bytes: signed(payload: $0.1), expected: $0.2, large: true) }
    }()

    // Signatures that are wrong, short, long, non-canonical, or from the other key.
    static let signatures: [HostileCase] = {
        let text = String(decoding: good, as: UTF8.self)
        let parts = text.split(separator: ".").map(String.init)
        let input = parts[0] + "." + parts[1]
        let signature = Base64URL.decode(parts[2])!
        var cases: [HostileCase] = []
        func token(_ sig: String) -> [UInt8] { Array((input + "." + sig).utf8) }
        for index in [0, 15, 31] {
            var flipped = signature
            flipped[index] ^= 0x80
            cases.append(HostileCase(name: "signature: bit flipped in byte \(index)", bytes: token(Base64URL.encode(flipped)), expected: .badSignature))
        }
        cases += [
            HostileCase(name: "signature: truncated to 16 bytes", bytes: token(Base64URL.encode(signature.prefix(16))), expected: .badSignature),
            HostileCase(name: "signature: 31 bytes", bytes: token(Base64URL.encode(signature.prefix(31))), expected: .badSignature),
            HostileCase(name: "signature: 33 bytes", bytes: token(Base64URL.encode(signature + [0])), expected: .badSignature),
            HostileCase(name: "signature: 64 bytes", bytes: token(Base64URL.encode(signature + signature)), expected: .badSignature),
            HostileCase(name: "signature: all zero", bytes: token(Base64URL.encode([UInt8](repeating: 0, count: 32))), expected: .badSignature),
            HostileCase(name: "signature: padded", bytes: token(parts[2] + "="), expected: .malformed),
            HostileCase(name: "signature: standard alphabet", bytes: token(parts[2].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "+/"), expected: .malformed),
            HostileCase(name: "signature: 45 characters (1 mod 4)", bytes: token(parts[2] + "AA"), expected: .malformed),
            HostileCase(name: "signature: Ed25519 signature under an HS256 header", bytes: token(Base64URL.encode(sign(Array(input.utf8), ed))), expected: .badSignature),
        ]
        // 43 characters encode 32 bytes with 2 unused bits in the last one: set one of them.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let last = alphabet.firstIndex(of: parts[2].last!)!
        let sibling = String(parts[2].dropLast()) + String(alphabet[last ^ 1])
        cases.append(HostileCase(name: "signature: non-canonical last character", bytes: token(sibling), expected: .malformed))
        // Algorithm confusion: HS256 keyed with the Ed25519 public key, naming the Ed25519 kid.
        let confused = Array(#"{"alg":"HS256","kid":"ed","typ":"at+jwt"}"#.utf8)
        guard case .ed25519(let edKey) = ed.core.material else { fatalError("ed is an Ed25519 key") }
        let publicHMAC = try! SigningKey(hmacSecret: edKey.publicBytes, algorithm: .hs256, keyID: "ed")
        cases.append(HostileCase(name: "signature: HS256 keyed with the Ed25519 public key", bytes: signed(header: confused, payload: payload(), key: publicHMAC), expected: .unsupportedAlgorithm))
        cases.append(HostileCase(name: "signature: EdDSA token from the Ed25519 key", bytes: signed(header: Array(#"{"alg":"EdDSA","kid":"ed","typ":"at+jwt"}"#.utf8), payload: payload(), key: ed), expected: nil))
        cases.append(HostileCase(name: "signature: EdDSA token with the HS256 kid", bytes: signed(header: Array(#"{"alg":"EdDSA","kid":"hs","typ":"at+jwt"}"#.utf8), payload: payload(), key: ed), expected: .unsupportedAlgorithm))
        return cases
    }()

    // Bytes around and inside an otherwise good token.
    static let tokenBytes: [HostileCase] = {
        let text = String(decoding: good, as: UTF8.self)
        let middle = text.index(text.startIndex, offsetBy: 10)
        let cases: [(String, [UInt8], TesseraError.Code?)] = [
            ("leading space", Array((" " + text).utf8), .malformed), ("trailing newline", Array((text + "\n").utf8), .malformed),
            ("trailing CRLF", Array((text + "\r\n").utf8), .malformed), ("Bearer prefix", Array(("Bearer " + text).utf8), .malformed),
            ("space inside", Array((text[..<middle] + " " + text[middle...]).utf8), .malformed),
            ("tab inside", Array((text[..<middle] + "\t" + text[middle...]).utf8), .malformed),
            ("NUL inside", Array(text[..<middle].utf8) + [0] + Array(text[middle...].utf8), .malformed),
            ("NUL after", good + [0], .malformed), ("BOM before", [0xEF, 0xBB, 0xBF] + good, .malformed),
            ("é inside", Array((text[..<middle] + "é" + text[middle...]).utf8), .malformed),
            ("invalid UTF-8 inside", Array(text[..<middle].utf8) + [0xFF] + Array(text[middle...].utf8), .malformed),
            ("quoted", Array(("\"" + text + "\"").utf8), .malformed),
            ("8193 bytes", [UInt8](repeating: UInt8(ascii: "a"), count: 8193), .tooLarge),
            ("1 MiB of dots", [UInt8](repeating: UInt8(ascii: "."), count: 1 << 20), .tooLarge),
            ("8192 bytes, no dots", [UInt8](repeating: UInt8(ascii: "a"), count: 8192), .malformed),
            ("8192 dots", [UInt8](repeating: UInt8(ascii: "."), count: 8192), .malformed),
            ("JWE-shaped 5 segments", Array("eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAA.AAAA.AAAA".utf8), .malformed),
            ("JSON serialization", Array(#"{"payload":"e30","signatures":[]}"#.utf8), .malformed),
        ]
        return cases.map { HostileCase(name: "token bytes: \($0.0)", bytes: $0.1, expected: $0.2) }
    }()

    // Deterministic noise: base64url-alphabet segments (never JSON when decoded) and raw bytes.
    static let random: [HostileCase] = {
        var state: UInt64 = 0x7E55_E4A0
        func next() -> UInt64 {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var cases: [HostileCase] = []
        for i in 0..<40 {
            let segments = (0..<3).map { _ in (0..<Int(next() % 120 + 2)).map { _ in alphabet[Int(next() % 64)] } }
            cases.append(HostileCase(name: "random base64url segments #\(i)", bytes: segments.joined(separator: [UInt8(ascii: ".")]).map { $0 }, expected: .malformed))
        }
        for i in 0..<40 {
            var bytes = (0..<Int(next() % 300)).map { _ in UInt8(truncatingIfNeeded: next()) }
            if i % 2 == 0 { bytes += Array("..".utf8) }
            cases.append(HostileCase(name: "random bytes #\(i)", bytes: bytes, expected: .malformed))
        }
        return cases
    }()
}

extension Array where Element == UInt8 {
    /// The array with the first occurrence of `target` replaced.
    fileprivate func replacing(_ target: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        guard let start = indices.first(where: { self[$0...].starts(with: target) }) else { return self }
        return Array(self[..<start]) + replacement + Array(self[(start + target.count)...])
    }
}

// MARK: - Keys

enum HostileKeys {
    /// The code loading `bytes` as a key file (and building its key set) fails with, or nil.
    static func load(_ bytes: [UInt8]) -> TesseraError.Code? {
        errorCode { () throws(TesseraError) in try KeyFile(contents: bytes).keySet() }
    }

    static let x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    static let d = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"

    static func jwk(_ members: [(String, String)]) -> [UInt8] {
        Array(("{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}").utf8)
    }

    static func okp(_ changes: [(String, String)] = [], drop: Set<String> = []) -> [UInt8] {
        merge([("kty", #""OKP""#), ("crv", #""Ed25519""#), ("x", "\"\(x)\""), ("d", "\"\(d)\"")], changes, drop)
    }

    static func oct(_ changes: [(String, String)] = [], drop: Set<String> = []) -> [UInt8] {
        merge([("kty", #""oct""#), ("alg", #""HS256""#), ("k", "\"\(Base64URL.encode([UInt8](repeating: 7, count: 32)))\"")], changes, drop)
    }

    static func merge(_ base: [(String, String)], _ changes: [(String, String)], _ drop: Set<String>) -> [UInt8] {
        var members = base.filter { !drop.contains($0.0) }
        for (name, value) in changes {
            if let i = members.firstIndex(where: { $0.0 == name }) { members[i].1 = value } else { members.append((name, value)) }
        }
        return jwk(members)
    }

    static let all: [HostileCase] = files + secrets + publicKeys + memberTypes + memberValues + documents + sets

    /// `Corpus/keys/*`: invalid unless the name starts with `ok-`.
    static let files: [HostileCase] = {
        let directory = CorpusFiles.directory.appendingPathComponent("keys")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { name in
            let bytes = (try? [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))) ?? []
            return HostileCase(name: "key file: \(name)", bytes: bytes, expected: name.hasPrefix("ok-") ? nil : .invalidKey)
        }
    }()

    // HMAC secrets of every short length, per algorithm.
    static let secrets: [HostileCase] = {
        var cases: [HostileCase] = []
        for (alg, minimum) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
            for length in [0, 1, 16, minimum - 1, minimum, minimum + 1] {
                let k = Base64URL.encode([UInt8](repeating: 0xA5, count: length))
                cases.append(HostileCase(name: "oct \(alg) with a \(length)-byte secret", bytes: oct([("alg", "\"\(alg)\""), ("k", "\"\(k)\"")]), expected: length < minimum ? .invalidKey : nil))
            }
        }
        return cases
    }()

    // Ed25519 public and private halves of the wrong size or encoding.
    static let publicKeys: [HostileCase] = {
        var cases: [HostileCase] = []
        for length in [0, 1, 31, 33, 64] {
            let value = "\"\(Base64URL.encode([UInt8](repeating: 9, count: length)))\""
            cases.append(HostileCase(name: "OKP with a \(length)-byte x", bytes: okp([("x", value)], drop: ["d"]), expected: .invalidKey))
            cases.append(HostileCase(name: "OKP with a \(length)-byte d", bytes: okp([("d", value)]), expected: .invalidKey))
        }
        let sibling = String(x.dropLast()) + "p"  // same 6 high bits, non-zero unused bits
        cases += [
            HostileCase(name: "OKP x with non-canonical last character", bytes: okp([("x", "\"\(sibling)\"")], drop: ["d"]), expected: .invalidKey),
            HostileCase(name: "OKP x padded", bytes: okp([("x", "\"\(x)=\"")], drop: ["d"]), expected: .invalidKey),
            HostileCase(name: "OKP x in standard base64", bytes: okp([("x", "\"\(x.replacingOccurrences(of: "_", with: "/"))\"")], drop: ["d"]), expected: .invalidKey),
            HostileCase(name: "OKP x with whitespace", bytes: okp([("x", "\" \(x)\"")], drop: ["d"]), expected: .invalidKey),
            HostileCase(name: "OKP d that does not match x", bytes: okp([("x", "\"\(Base64URL.encode([UInt8](repeating: 9, count: 32)))\"")]), expected: .invalidKey),
            HostileCase(name: "OKP private (RFC 8037 A.1)", bytes: okp(), expected: nil),
            HostileCase(name: "OKP public (RFC 8037 A.1)", bytes: okp(drop: ["d"]), expected: nil),
            HostileCase(name: "OKP without x", bytes: okp(drop: ["x", "d"]), expected: .invalidKey),
            HostileCase(name: "oct without k", bytes: oct(drop: ["k"]), expected: .invalidKey),
            HostileCase(name: "oct without alg", bytes: oct(drop: ["alg"]), expected: .invalidKey),
        ]
        return cases
    }()

    // Every member with the wrong JSON type.
    static let memberTypes: [HostileCase] = {
        var cases: [HostileCase] = []
        for value in ["1", "true", "null", "[]", "{}"] {
            for name in ["kty", "crv", "x", "d", "alg", "kid", "use"] {
                cases.append(HostileCase(name: "OKP \(name): \(value)", bytes: okp([(name, value)]), expected: .invalidKey))
            }
            for name in ["k", "alg"] {
                cases.append(HostileCase(name: "oct \(name): \(value)", bytes: oct([(name, value)]), expected: .invalidKey))
            }
        }
        return cases
    }()

    // Wrong string values.
    static let memberValues: [HostileCase] = {
        let cases: [(String, [UInt8], TesseraError.Code?)] = [
            ("kty RSA", okp([("kty", #""RSA""#)]), .invalidKey), ("kty EC", okp([("kty", #""EC""#)]), .invalidKey),
            ("kty okp", okp([("kty", #""okp""#)]), .invalidKey), ("kty empty", okp([("kty", #""""#)]), .invalidKey),
            ("kty missing", okp(drop: ["kty"]), .invalidKey), ("crv X25519", okp([("crv", #""X25519""#)]), .invalidKey),
            ("crv Ed448", okp([("crv", #""Ed448""#)]), .invalidKey), ("crv ed25519", okp([("crv", #""ed25519""#)]), .invalidKey),
            ("crv missing", okp(drop: ["crv"]), .invalidKey), ("OKP alg HS256", okp([("alg", #""HS256""#)]), .invalidKey),
            ("OKP alg none", okp([("alg", #""none""#)]), .invalidKey), ("OKP alg Ed25519", okp([("alg", #""Ed25519""#)]), nil),
            ("oct alg RS256", oct([("alg", #""RS256""#)]), .invalidKey), ("oct alg EdDSA", oct([("alg", #""EdDSA""#)]), .invalidKey),
            ("oct alg none", oct([("alg", #""none""#)]), .invalidKey), ("oct alg hs256", oct([("alg", #""hs256""#)]), .invalidKey),
            ("use enc", oct([("use", #""enc""#)]), .invalidKey), ("use empty", oct([("use", #""""#)]), .invalidKey),
            ("use sig", oct([("use", #""sig""#)]), nil), ("kid empty", oct([("kid", #""""#)]), .invalidKey),
            ("kid with NUL escape", oct([("kid", #""a\u0000b""#)]), nil), ("key_ops and x5c are ignored", oct([("key_ops", #"["sign"]"#), ("x5c", "[]")]), nil),
        ]
        return cases.map { HostileCase(name: "JWK \($0.0)", bytes: $0.1, expected: $0.2) }
    }()

    // Documents that are not one JWK.
    static let documents: [HostileCase] = {
        let good = oct()
        let text = String(decoding: good, as: UTF8.self)
        let cases: [(String, [UInt8], TesseraError.Code?)] = [
            ("empty", [], .invalidKey), ("whitespace only", Array(" \n\t\r".utf8), .invalidKey), ("NUL", [0], .invalidKey),
            ("array", Array("[]".utf8), .invalidKey), ("string", Array(#""oct""#.utf8), .invalidKey), ("number", Array("1".utf8), .invalidKey),
            ("null", Array("null".utf8), .invalidKey), ("empty object", Array("{}".utf8), .invalidKey),
            ("BOM", [0xEF, 0xBB, 0xBF] + good, .invalidKey), ("trailing data", good + Array("x".utf8), .invalidKey),
            ("leading and trailing whitespace", Array("\n  ".utf8) + good + Array(" \n".utf8), nil),
            ("duplicate k", Array(text.dropLast().utf8) + Array(#","k":"AAAA"}"#.utf8), .invalidKey),
            ("duplicate kty via escape", Array(text.dropLast().utf8) + Array(#","\u006bty":"OKP"}"#.utf8), .invalidKey),
            ("invalid UTF-8 in kid", Array(text.dropLast().utf8) + Array(#","kid":""#.utf8) + [0xC0, 0xAF] + Array("\"}".utf8), .invalidKey),
            ("nested 40 deep", oct([("x", String(repeating: "[", count: 40) + String(repeating: "]", count: 40))]), .invalidKey),
            ("nested 100000 deep", oct([("x", String(repeating: "[", count: 100_000))]), .invalidKey),
            ("PEM header only", Array("-----BEGIN PRIVATE KEY-----\n".utf8), .invalidKey),
            ("PEM certificate", Array("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n".utf8), .invalidKey),
            ("PEM RSA PRIVATE KEY label", Array("-----BEGIN RSA PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----\n".utf8), .invalidKey),
            ("PEM with 200 KB body", Array(("-----BEGIN PRIVATE KEY-----\n" + String(repeating: "QUFB\n", count: 40_000) + "-----END PRIVATE KEY-----\n").utf8), .invalidKey),
            ("PEM with NUL in body", Array("-----BEGIN PUBLIC KEY-----\nMCow\0BQYDK2VwAyEA\n-----END PUBLIC KEY-----\n".utf8), .invalidKey),
        ]
        return cases.map { HostileCase(name: "JWK document: \($0.0)", bytes: $0.1, expected: $0.2) }
    }()

    // JWK Sets.
    static let sets: [HostileCase] = {
        let okpPublic = String(decoding: okp([("kid", #""a""#)], drop: ["d"]), as: UTF8.self)
        let octKey = String(decoding: oct([("kid", #""b""#)]), as: UTF8.self)
        let rsa = #"{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"r"}"#
        let cases: [(String, String, TesseraError.Code?)] = [
            ("keys not an array", #"{"keys":{}}"#, .invalidKey), ("keys a string", #"{"keys":"a"}"#, .invalidKey),
            ("keys empty", #"{"keys":[]}"#, .invalidKey), ("keys [1]", #"{"keys":[1]}"#, .invalidKey),
            ("keys [null]", #"{"keys":[null]}"#, .invalidKey), ("only RSA", "{\"keys\":[\(rsa)]}", .invalidKey),
            ("RSA skipped, OKP kept", "{\"keys\":[\(rsa),\(okpPublic)]}", nil), ("OKP and oct", "{\"keys\":[\(okpPublic),\(octKey)]}", nil),
            ("same kid twice", "{\"keys\":[\(okpPublic),\(okpPublic)]}", .invalidKey),
            ("one bad key spoils the set", "{\"keys\":[\(okpPublic),{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"AA\"}]}", .invalidKey),
            ("kty of the wrong type", #"{"keys":[{"kty":1}]}"#, .invalidKey),
            ("keys twice", "{\"keys\":[\(okpPublic)],\"keys\":[]}", .invalidKey),
        ]
        return cases.map { HostileCase(name: "JWK Set: \($0.0)", bytes: Array($0.1.utf8), expected: $0.2) }
    }()
}
