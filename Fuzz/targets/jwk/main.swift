// Fuzz target: key files (JWK, JWK Set, PEM) through `KeyFile(contents:)`.
//
// Invariants: failures are `invalid_key`; every accepted key exports to a JWK that parses back
// to the same algorithm and key id; a private key's public half is its verification key.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file: KeyFile
    do throws(TesseraError) {
        file = try KeyFile(contents: Array(UnsafeBufferPointer(start: data, count: size)))
    } catch {
        invariant(error.code == .invalidKey, "a key file failed with a code other than invalid_key")
        return 0
    }
    invariant(!file.verificationKeys.isEmpty, "a key file loaded no key")
    for key in file.signingKeys {
        let again = try? KeyFile(contents: Array(key.privateJWK.utf8))
        invariant(again?.signingKeys.first?.keyID == key.keyID, "private JWK does not round-trip")
        invariant(again?.signingKeys.first?.algorithm == key.algorithm, "private JWK changed the algorithm")
        invariant(key.verificationKey.keyID == key.keyID, "verification key has another kid")
    }
    for key in file.verificationKeys {
        invariant(key.algorithm.isHMAC != key.isPublic, "key type and algorithm disagree")
        if let jwk = key.publicJWK {
            let members = try? JSONValue.parse(Array(jwk.utf8))
            invariant(members?["d"] == nil && members?["k"] == nil, "public JWK carries private material")
            let again = try? KeyFile(contents: Array(jwk.utf8))
            invariant(again?.verificationKeys.first?.keyID == key.keyID, "public JWK does not round-trip")
            invariant(again?.signingKeys.isEmpty == true, "public JWK became a signing key")
        }
    }
    if let set = try? file.keySet() { _ = set.publicJWKS }
    return 0
}
