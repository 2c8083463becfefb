/// Serializes and signs: `encodedHeader . base64url(claims) . base64url(signature)`.
///
/// The token is written straight into the new `String`'s storage (its length is known up
/// front), and the signature is computed over that same memory: one allocation, no copies.
enum TokenSigner {
    static func sign(_ claims: Claims, with key: KeyCore) throws(TesseraError) -> String {
        guard key.canSign else { throw TesseraError(.invalidKey, "this key cannot sign: it is a public key") }
        let payload = claims.json
        let header = key.encodedHeader
        let signatureLength = key.algorithm.signatureLength
        let inputLength = header.count + 1 + Base64URL.encodedLength(payload.count)
        let total = inputLength + 1 + Base64URL.encodedLength(signatureLength)
        var failure: TesseraError?
        let token = String(unsafeUninitializedCapacity: total) { out -> Int in
            let base = out.baseAddress!
            header.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: $0.count) }
            base[header.count] = UInt8(ascii: ".")
            payload.withUnsafeBytes { Base64URL.encode($0, to: base + header.count + 1) }
            withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { buffer in
                defer { OpenSSL.cleanse(buffer) }
                let signature = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<signatureLength])
                do throws(TesseraError) {
                    try key.sign(UnsafeRawBufferPointer(start: base, count: inputLength), into: signature)
                } catch {
                    failure = error
                    return
                }
                base[inputLength] = UInt8(ascii: ".")
                Base64URL.encode(UnsafeRawBufferPointer(signature), to: base + inputLength + 1)
            }
            return failure == nil ? total : 0
        }
        if let failure { throw failure }
        return token
    }
}
