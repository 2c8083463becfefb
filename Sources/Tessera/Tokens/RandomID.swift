/// Unguessable identifiers: 128 bits from OpenSSL's CSPRNG, base64url (22 characters).
///
/// Used for `jti`, and for session ids, which are always minted by the server and never
/// accepted from a client (no session fixation). The bytes come from a per-thread buffer of
/// `RAND_bytes` output that is discarded in a forked child (see `RandomPool`).
public enum RandomID {
    /// A fresh 128-bit identifier.
    public static func generate() throws(TesseraError) -> String {
        try withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { (buffer) throws(TesseraError) -> String in
            defer { OpenSSL.cleanse(buffer) }
            try RandomPool.fill(buffer)
            // Written straight into the String's storage: one allocation.
            return String(unsafeUninitializedCapacity: 22) { out in
                Base64URL.encode(UnsafeRawBufferPointer(buffer), to: out.baseAddress!)
            }
        }
    }
}
