/// The claim checks of the pipeline, in order: time → subject → issuer → audience → type.
extension ClaimRules {
    func check(_ fields: ClaimFields, type: String?, payload: UnsafeBufferPointer<UInt8>) throws(TesseraError) {
        let reader = JSONReader(payload)
        let now = clock.now()
        guard let exp = fields.expiresAt else { throw TesseraError(.missingClaim, "the token has no 'exp'") }
        guard now < exp + leeway else { throw TesseraError(.expired, "the token expired at \(exp)") }
        if let nbf = fields.notBefore, now + leeway < nbf {
            throw TesseraError(.notYetValid, "the token is not valid before \(nbf)")
        }
        if let iat = fields.issuedAt, now + leeway < iat {
            throw TesseraError(.notYetValid, "the token was issued in the future (\(iat))")
        }
        if requireSubject, fields.subject == nil { throw TesseraError(.missingClaim, "the token has no 'sub'") }
        if let issuerBytes {
            guard let iss = fields.issuer else { throw TesseraError(.missingClaim, "the token has no 'iss'") }
            let matches = issuerBytes.withUnsafeBufferPointer { reader.equals(iss, $0) }
            guard matches else { throw TesseraError(.wrongIssuer, "the token's 'iss' is not the configured issuer") }
        }
        try checkAudience(fields.audience, reader)
        if let expectedType {
            guard let type, TokenType.matches(type, expected: expectedType) else {
                throw TesseraError(.wrongType, "the header 'typ' must be '\(expectedType)'")
            }
        }
    }

    private func checkAudience(_ audience: ClaimFields.Audience, _ reader: JSONReader) throws(TesseraError) {
        if audienceBytes.isEmpty {
            guard case .none = audience else {
                throw TesseraError(.wrongAudience, "the token names an audience but this verifier is configured with none")
            }
            return
        }
        func accepted(_ ref: JSONStringRef) -> Bool {
            audienceBytes.contains { want in want.withUnsafeBufferPointer { reader.equals(ref, $0) } }
        }
        switch audience {
        case .none:
            throw TesseraError(.missingClaim, "the token has no 'aud'")
        case .one(let ref):
            guard accepted(ref) else { throw TesseraError(.wrongAudience, "the token's 'aud' is not an accepted audience") }
        case .many(let range):
            var sub = JSONReader(UnsafeBufferPointer(rebasing: reader.bytes[range]))
            var found = false
            try sub.readArray { (r) throws(TesseraError) in
                let ref = try r.readString()
                // Shift into the payload's coordinates.
                if !found, accepted(JSONStringRef(start: ref.start + range.lowerBound, end: ref.end + range.lowerBound, hasEscapes: ref.hasEscapes)) {
                    found = true
                }
            }
            guard found else { throw TesseraError(.wrongAudience, "no 'aud' entry is an accepted audience") }
        }
    }
}
