// Fuzz target: PEM parsing (`Ed25519Key.fromPEM`, through OpenSSL's PEM and DER decoders).
//
// Invariants: failures are `invalid_key`; an accepted key writes PEM that reads back to the
// same public key, of the same kind (private or public).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let key: Ed25519Key
    do throws(TesseraError) {
        key = try Ed25519Key.fromPEM(Array(UnsafeBufferPointer(start: data, count: size)))
    } catch {
        invariant(error.code == .invalidKey, "a PEM failed with a code other than invalid_key")
        return 0
    }
    invariant(key.publicBytes.count == 32, "Ed25519 public key is not 32 bytes")
    guard let pem = try? key.pem(private: key.isPrivate), let again = try? Ed25519Key.fromPEM(Array(pem.utf8)) else {
        invariant(false, "an accepted PEM key does not export and re-read")
        return 0
    }
    invariant(again.publicBytes == key.publicBytes && again.isPrivate == key.isPrivate, "PEM does not round-trip")
    return 0
}
