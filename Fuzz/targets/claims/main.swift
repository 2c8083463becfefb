// Fuzz target: the JSON readers on arbitrary bytes: the claims reader (`ClaimFields.read`),
// the header parser (`Header.parse`), and the tree parser (`JSONValue.parse`).
//
// Invariants: the flat readers never accept what the tree parser rejects (they share one
// grammar; the flat readers are at most stricter); an accepted tree writes back to JSON that
// parses to an equal tree; accepted claims can be judged and read back without a crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let tree = try? JSONValue.parse(Array(input))
    if let tree {
        var writer = JSONWriter()
        tree.write(into: &writer)
        let again = try? JSONValue.parse(writer.bytes)
        invariant(again == tree, "tree does not survive write → parse")
    }

    if let fields = try? ClaimFields.read(input) {
        guard case .object = tree else { invariant(false, "claims reader accepted what the tree parser rejects"); return 0 }
        let token = VerifiedToken(algorithm: .hs256, keyID: "hs", type: "at+jwt", payload: Array(input), fields: fields)
        invariant(token.subject == tree?["sub"]?.stringValue, "claims reader and tree disagree on sub")
        invariant(token.issuer == tree?["iss"]?.stringValue, "claims reader and tree disagree on iss")
        invariant(token.scope == tree?["scope"]?.stringValue, "claims reader and tree disagree on scope")
        switch tree?["aud"] {
        case .string(let one)?: invariant(token.audience == [one], "claims reader and tree disagree on aud")
        case .array(let items)?: invariant(token.audience == items.compactMap(\.stringValue), "claims reader and tree disagree on aud[]")
        default: invariant(token.audience.isEmpty, "aud from nowhere")
        }
        _ = token.claims
        let rules = try! ClaimRules(issuer: "https://auth.example", audiences: ["api"], clock: .fixed(Fixture.now))
        do throws(TesseraError) {
            try rules.check(fields, type: "at+jwt", payload: input)
        } catch {
            invariant(error.isRejection, "claim rules threw a non-rejection")
        }
    }

    if let header = try? Header.parse(input) {
        guard case .object = tree else { invariant(false, "header parser accepted what the tree parser rejects"); return 0 }
        invariant(tree?["alg"]?.stringValue == header.algorithm, "header parser and tree disagree on alg")
        invariant(tree?["kid"]?.stringValue == header.keyID, "header parser and tree disagree on kid")
    }
    return 0
}
