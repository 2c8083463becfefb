// Fuzz target: the whole verify pipeline.
//
// Each input is used three ways:
// 1. as a token, byte for byte (size, split, base64url, header, key, algorithm, signature);
// 2. as a claims payload, signed with both fixture keys under their own header (the fast
//    path), so the payload reader and the claim rules see attacker bytes behind a valid
//    signature;
// 3. when it holds a NUL byte: the bytes before it as header JSON and after it as payload JSON,
//    signed with both keys, so the strict header parser is reached with a valid signature.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    check(Fixture.verifier.verify(utf8: input))

    let bytes = Array(input)
    var header: [UInt8]? = nil
    var payload = bytes
    if let nul = bytes.firstIndex(of: 0) {
        header = Array(bytes[..<nul])
        payload = Array(bytes[(nul + 1)...])
    }
    for key in [Fixture.hmac, Fixture.ed] {
        let token = Fixture.sign(header: header, payload: payload, with: key)
        let result = token.withUnsafeBufferPointer { Fixture.verifier.verify(utf8: $0) }
        check(result)
        if case .success(let verified) = result {
            invariant(verified.keyID == key.keyID, "verified with a key other than the one that signed")
            invariant(verified.payloadJSON.utf8.elementsEqual(payload), "payload changed in verification")
        }
    }
    return 0
}

/// What must hold of every verdict.
func check(_ result: Result<VerifiedToken, TesseraError>) {
    switch result {
    case .failure(let error):
        invariant(error.isRejection, "a token caused a configuration or crypto error instead of a rejection")
        invariant(!error.detail.isEmpty, "empty error detail")
    case .success(let token):
        let expected: Algorithm = token.keyID == "hs" ? .hs256 : .edDSA
        invariant(token.keyID == "hs" || token.keyID == "ed", "unknown kid accepted")
        invariant(token.algorithm == expected, "algorithm not pinned by the key")
        invariant(Fixture.now < token.expiresAt + 60, "expired token accepted")
        if let nbf = token.notBefore { invariant(nbf <= Fixture.now + 60, "future nbf accepted") }
        if let iat = token.issuedAt { invariant(iat <= Fixture.now + 60, "future iat accepted") }
        invariant(token.subject != nil, "token without sub accepted")
        invariant(token.issuer == Fixture.issuer, "wrong issuer accepted")
        invariant(token.audience.contains(Fixture.audience), "wrong audience accepted")
        invariant(token.type.map { TokenType.matches($0, expected: "at+jwt") } ?? false, "wrong typ accepted")
        invariant(token.tokenID != "revoked-jti" && token.sessionID != "revoked-sid", "revoked token accepted")
        if token.subject == "epoch-user" { invariant(token.epoch >= 5, "token of an older epoch accepted") }
        let claims = token.claims
        invariant(claims.expiresAt == token.expiresAt, "claims disagree with fields")
        guard let tree = try? JSONValue.parse(Array(token.payloadJSON.utf8)), case .object = tree else {
            invariant(false, "accepted payload is not a JSON object to the tree parser")
            return
        }
        invariant(tree["iss"]?.stringValue == token.issuer, "tree parser and claim reader disagree on iss")
        invariant(tree["sub"]?.stringValue == token.subject, "tree parser and claim reader disagree on sub")
    }
}
