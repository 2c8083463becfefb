// Differential fuzz target: Tessera's strict JSON reader (`JSONValue.parse`) against
// Foundation's `JSONSerialization` (with `.fragmentsAllowed`) on the same bytes.
//
// Deliberate differences (where Tessera rejects and Foundation may accept), recognised by
// Tessera's error detail and allowed; anything else is a finding:
// - duplicate member names (Foundation keeps the last; RFC 8725 §3 / RFC 7515 §5.2 reject);
// - invalid UTF-8 and unpaired `\u` surrogates (Foundation may replace or pass them through);
// - nesting deeper than `JSONReader.maxDepth` (32; Foundation allows 512);
// - a trailing comma in an array or object (`[1,]`, `{"a":1,}`), which Foundation accepts;
// - a byte-order mark or UTF-16/UTF-32 text (Foundation detects encodings; JOSE is UTF-8 only);
// - numbers Foundation cannot represent (e.g. `1e400`): Tessera keeps the source text and
//   only its NumericDate reader range-checks them, so acceptance there is allowed both ways.
// - U+FEFF inside a string: swift-corelibs-foundation drops it (seen on `"a\u{FEFF}b"` written
//   raw), Tessera keeps every scalar as RFC 8259 requires; strings are compared without it.
// When both accept, strings, booleans, nulls, array lengths and object member sets must agree
// (member names compared as exact scalars; names that differ only by Unicode canonical
// equivalence collide in a Swift dictionary and are compared by count only).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let foundation = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    let ours: Result<JSONValue, TesseraError>
    do throws(TesseraError) { ours = .success(try JSONValue.parse(bytes)) } catch { ours = .failure(error) }

    switch (ours, foundation) {
    case (.success(let value), let other?):
        invariant(agree(value, other), "Tessera and Foundation accept the same JSON with different values")
    case (.success(let value), nil):
        invariant(hasUnrepresentableNumber(value), "Tessera accepts JSON that Foundation rejects")
    case (.failure(let error), _?):
        invariant(isDeliberate(error, bytes), "Foundation accepts JSON that Tessera rejects for an undocumented reason")
    case (.failure, nil):
        break
    }
    return 0
}

/// The reasons Tessera is stricter than Foundation on purpose.
func isDeliberate(_ error: TesseraError, _ bytes: [UInt8]) -> Bool {
    let reasons = ["duplicate member", "UTF-8", "unpaired surrogate", "nested too deeply"]
    if reasons.contains(where: { error.detail.contains($0) }) || hasTrailingComma(bytes) { return true }
    // Encoding detection: a BOM, or NUL bytes that make Foundation read UTF-16/32.
    return bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
        || bytes.prefix(4).contains(0)
}

/// True when a `,` outside every string is followed (after whitespace) by `]` or `}`.
func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
    var inString = false, escaped = false, afterComma = false
    for byte in bytes {
        if inString {
            if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            continue
        }
        switch byte {
        case UInt8(ascii: "\""): inString = true; afterComma = false
        case UInt8(ascii: ","): afterComma = true
        case 0x20, 0x09, 0x0A, 0x0D: break
        case UInt8(ascii: "]"), UInt8(ascii: "}"): if afterComma { return true }
        default: afterComma = false
        }
    }
    return false
}

func hasUnrepresentableNumber(_ value: JSONValue) -> Bool {
    switch value {
    case .number(let text): guard let d = Double(text) else { return true }; return !d.isFinite || (d != 0 && d.magnitude < Double.leastNormalMagnitude)
    case .array(let items): return items.contains(where: hasUnrepresentableNumber)
    case .object(let members): return members.contains { hasUnrepresentableNumber($0.1) }
    default: return false
    }
}

func agree(_ ours: JSONValue, _ theirs: Any) -> Bool {
    switch ours {
    case .string(let s):
        guard let t = theirs as? String else { return false }
        return withoutBOM(s).elementsEqual(withoutBOM(t))
    case .number(let text):
        guard let n = theirs as? NSNumber, let d = Double(text) else { return !(theirs is String) }
        if !d.isFinite { return true }
        let e = n.doubleValue
        return d == e || (d - e).magnitude <= max(d.magnitude, e.magnitude) * 1e-9
    case .bool(let b):
        guard let n = theirs as? NSNumber else { return (theirs as? Bool) == b }
        return n.boolValue == b
    case .null:
        return theirs is NSNull
    case .array(let items):
        guard let list = theirs as? [Any], list.count == items.count else { return false }
        return zip(items, list).allSatisfy { agree($0, $1) }
    case .object(let members):
        guard let dict = theirs as? [String: Any] else { return false }
        let names = members.map(\.0)
        if names.contains(where: { $0.unicodeScalars.contains("\u{FEFF}") }) { return dict.count <= members.count }
        let distinctUnderSwift = Set(names).count == names.count
        if distinctUnderSwift {
            guard dict.count == members.count else { return false }
            return members.allSatisfy { name, value in dict[name].map { agree(value, $0) } ?? false }
        }
        return dict.count <= members.count
    }
}

/// The scalars of `s` without U+FEFF, which Foundation drops from string contents.
func withoutBOM(_ s: String) -> [Unicode.Scalar] { s.unicodeScalars.filter { $0 != "\u{FEFF}" } }
