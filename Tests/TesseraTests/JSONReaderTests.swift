import Testing
@testable import Tessera

/// The strict JSON reader behind headers, claims and JWKs (RFC 8259 plus RFC 8725's "no parser
/// differentials"): anything a lenient parser might read differently is `malformed`.
@Suite struct JSONReaderTests {
    private func parses(_ bytes: [UInt8]) -> Bool { errorCode { try JSONValue.parse(bytes) } == nil }
    private func parses(_ text: String) -> Bool { parses(Array(text.utf8)) }
    private func code(_ bytes: [UInt8]) -> TesseraError.Code? { errorCode { try JSONValue.parse(bytes) } }

    /// `"` + bytes + `"`
    private func quoted(_ bytes: [UInt8]) -> [UInt8] { [0x22] + bytes + [0x22] }

    @Test func validDocumentsParse() throws {
        #expect(try JSONValue.parse(Array(#"{"a":[1,-0,2.5e-3,true,false,null,"x"],"b":{}}"#.utf8))["b"] == .object([]))
        #expect(try JSONValue.parse(Array("\"h\u{E9}llo \u{1F600}\"".utf8)) == .string("h\u{E9}llo \u{1F600}"))
        #expect(try JSONValue.parse(Array(#""\"\\\/\b\f\n\r\t\u0041""#.utf8)) == .string("\"\\/\u{8}\u{C}\n\r\tA"))
    }

    @Test func invalidUTF8IsMalformed() {
        let bad: [[UInt8]] = [
            [0xFF], [0xFE], [0x80], [0xBF],                  // not lead bytes
            [0xC3],                                          // truncated 2-byte
            [0xE2, 0x82],                                    // truncated 3-byte
            [0xC3, 0x28],                                    // bad continuation
            [0xF5, 0x80, 0x80, 0x80],                        // lead byte past U+10FFFF
            [0xF4, 0x90, 0x80, 0x80],                        // U+110000
        ]
        for bytes in bad { #expect(code(quoted(bytes)) == .malformed, "\(Hex.encode(bytes))") }
    }

    @Test func overlongEncodingsAreMalformed() {
        let overlong: [[UInt8]] = [
            [0xC0, 0xAF], [0xC1, 0xBF],                      // 2-byte overlongs of '/' and DEL
            [0xC0, 0x80],                                    // "modified UTF-8" NUL
            [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF],          // 3-byte overlongs
            [0xF0, 0x80, 0x80, 0xAF], [0xF0, 0x8F, 0xBF, 0xBF],  // 4-byte overlongs
        ]
        for bytes in overlong { #expect(code(quoted(bytes)) == .malformed, "\(Hex.encode(bytes))") }
        // The shortest forms are fine.
        for bytes: [UInt8] in [[0xC2, 0x80], [0xE0, 0xA0, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF]] {
            #expect(parses(quoted(bytes)), "\(Hex.encode(bytes))")
        }
    }

    @Test func surrogatesEncodedInUTF8AreMalformed() {
        for bytes: [UInt8] in [[0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]] {
            #expect(code(quoted(bytes)) == .malformed, "\(Hex.encode(bytes))")
        }
        #expect(parses(quoted([0xED, 0x9F, 0xBF])))  // U+D7FF, just below the surrogates
        #expect(parses(quoted([0xEE, 0x80, 0x80])))  // U+E000, just above
    }

    @Test func unpairedSurrogateEscapesAreMalformed() {
        for text in [#""\ud800""#, #""\uDBFF""#, #""\udc00""#, #""\ud800x""#, #""\ud800\n""#, #""\ud800\ud800""#,
                     #""\udc00\ud800""#, #""\ud800\u0041""#, #""\ud83d""#] {
            #expect(!parses(text), "\(text)")
        }
    }

    @Test func pairedSurrogateEscapesDecode() throws {
        #expect(try JSONValue.parse(Array(#""\ud83d\ude00""#.utf8)) == .string("\u{1F600}"))
        #expect(try JSONValue.parse(Array(#""\uD800\uDC00""#.utf8)) == .string("\u{10000}"))
        #expect(try JSONValue.parse(Array(#""\udbff\udfff""#.utf8)) == .string("\u{10FFFF}"))
    }

    @Test func badEscapesAreMalformed() {
        for text in [#""\x41""#, #""\u41""#, #""\u00g1""#, #""\'""#, #""\U0041""#, #""\"#, #""\u004"#, "\"\\\u{0}\""] {
            #expect(!parses(text), "\(text.debugDescription)")
        }
    }

    @Test func rawControlCharactersInStringsAreMalformed() {
        for byte in UInt8(0)..<0x20 { #expect(code(quoted([0x61, byte, 0x62])) == .malformed, "0x\(Hex.encode([byte]))") }
        #expect(parses(quoted([0x7F])))  // DEL is not a control character in JSON
        #expect(parses(#""\u0000\u001f""#))  // escaped, they are fine
    }

    @Test func numbersFollowTheGrammar() {
        for good in ["0", "-0", "1", "-1", "10", "1.5", "0.5", "1e5", "1E+5", "1e-5", "-1.25e10", "123456789012345678901234567890"] {
            #expect(parses(good), "\(good)")
        }
        for bad in ["01", "-01", "00", "1.", "-", "+1", ".5", "1e", "1e+", "1.e5", "0x10", "1_000", "--1", "1..2", "- 1", "1 2", "Infinity", "-Infinity", "NaN", "nan", "inf"] {
            #expect(!parses(bad), "\(bad)")
        }
    }

    @Test func literalsAreExact() {
        for good in ["true", "false", "null"] { #expect(parses(good)) }
        for bad in ["True", "FALSE", "nul", "nulll", "undefined", "tru e", "t"] { #expect(!parses(bad), "\(bad)") }
    }

    @Test func trailingContentIsMalformed() {
        for bad in [#"{}x"#, #"{} {}"#, #"{},"#, #"[1]]"#, #""a""b""#, "1 2", "{}\u{0}"] {
            #expect(!parses(bad), "\(bad.debugDescription)")
        }
        for bad in [#"{"a":1,}"#, "[1,]", #"{"a" 1}"#, #"{"a":}"#, #"{,}"#, "[,1]", "{", "[", #"{"a":1"#, "", " "] {
            #expect(!parses(bad), "\(bad.debugDescription)")
        }
    }

    @Test func insignificantWhitespaceIsAllowed() {
        #expect(parses(" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" :\n\"c\" } \n"))
        // Only the four JSON whitespace characters.
        for other in ["\u{0B}{}", "\u{0C}{}", "\u{A0}{}", "{}\u{2028}"] { #expect(!parses(other), "\(other.debugDescription)") }
    }

    @Test func byteOrderMarkIsMalformed() {
        #expect(!parses([0xEF, 0xBB, 0xBF] + Array("{}".utf8)))
        #expect(!parses([0xFE, 0xFF, 0x00, 0x7B, 0x00, 0x7D]))
    }

    @Test func nestingDeeperThan32IsMalformed() {
        func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        #expect(parses(nested(JSONReader.maxDepth)))
        #expect(!parses(nested(JSONReader.maxDepth + 1)))
        #expect(!parses(nested(10_000)))  // no stack overflow
        let objects = String(repeating: #"{"a":"#, count: 33) + "1" + String(repeating: "}", count: 33)
        #expect(!parses(objects))
    }

    @Test func duplicateMembersAreMalformedEvenWhenEscaped() {
        #expect(!parses(#"{"a":1,"a":2}"#))
        #expect(!parses(#"{"a":1,"\u0061":2}"#))
        #expect(!parses(#"{"\u00e9":1,"é":2}"#))
        #expect(!parses(#"{"x":{"a":1,"a":1}}"#))
        // Many members: the duplicate check spills past its inline list.
        let wide = (0..<40).map { #""m\#($0)":\#($0)"# }.joined(separator: ",")
        #expect(parses("{\(wide)}"))
        #expect(!parses("{\(wide),\"m3\":0}"))
        #expect(!parses("{\(wide),\"m39\":0}"))
        #expect(parses(#"{"a":1,"A":2,"a ":3}"#))
    }

    /// Regression: the inline list of seen names holds 16 entries; objects of 15, 16 and 17
    /// members (around the spill point) must parse and still catch duplicates on either side.
    @Test func objectsAroundTheInlineCapacityParse() {
        for width in 14...18 {
            let members = (0..<width).map { #""m\#($0)":\#($0)"# }.joined(separator: ",")
            #expect(parses("{\(members)}"), "\(width) members")
            #expect(!parses("{\(members),\"m0\":0}"), "\(width) members + duplicate of the first")
            #expect(!parses("{\(members),\"m\(width - 1)\":0}"), "\(width) members + duplicate of the last")
        }
    }

    /// Claims and headers are read with the same reader and the same nesting limit.
    @Test func claimsAndJSONValueShareTheNestingLimit() throws {
        func claims(nestedArrays depth: Int) -> String {
            #"{"sub":"a","exp":1700000600,"x":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        }
        // The claims object itself is one level: 31 nested arrays make 32 levels in all.
        let limit = JSONReader.maxDepth - 1
        #expect(parses(claims(nestedArrays: limit)))
        #expect(!parses(claims(nestedArrays: limit + 1)))
        let ok = Array(claims(nestedArrays: limit).utf8)
        let tooDeep = Array(claims(nestedArrays: limit + 1).utf8)
        #expect(errorCode { try ok.withUnsafeBufferPointer { (b) throws(TesseraError) in try ClaimFields.read(b) } } == nil)
        #expect(errorCode { try tooDeep.withUnsafeBufferPointer { (b) throws(TesseraError) in try ClaimFields.read(b) } } == .malformed)
    }

    /// Found by the json_diff fuzzer: Foundation drops a raw U+FEFF inside a string; we keep
    /// every scalar of a string's content (RFC 8259 §7).
    @Test func aZeroWidthNoBreakSpaceInsideAStringIsKept() throws {
        let value = try JSONValue.parse(Array("[\"a\u{FEFF}b\"]".utf8))
        #expect(value == .array([.string("a\u{FEFF}b")]))
    }
}
