/// Unguessable identifiers: 128 bits from OpenSSL's CSPRNG, base64url (22 characters).
///
/// Used for `jti`, and for session ids, which are always minted by the server and never
/// accepted from a client (no session fixation).
public enum RandomID {
    /// A fresh 128-bit identifier.
    public static func generate() throws(TesseraError) -> String {
        try withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { (buffer) throws(TesseraError) -> String in
            try OpenSSL.randomBytes(buffer)
            var out: [UInt8] = []
            out.reserveCapacity(22)
            Base64URL.encode(UnsafeRawBufferPointer(buffer), into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }
}
