/// An opaque refresh token: `tsr_` and 64 base64url characters encoding a 16-byte
/// **selector** and a 32-byte **secret** (384 random bits from OpenSSL's CSPRNG; 256 of them
/// secret; drawn through the same fork-safe per-thread buffer as `RandomID`). It is not a JWT, so `Verifier.verify` rejects one as `malformed`.
///
/// Stores never see the secret: they keep the selector (to find the row) and
/// ``RefreshDigest/secretHash``, the SHA-256 of the secret, compared in constant time
/// (``RefreshDigest/matches(_:)``). A database dump therefore holds no usable token, and the
/// lookup by selector leaks nothing about the secret through timing. A plain hash is enough:
/// 256 random bits cannot be guessed from it, so no salt or slow KDF is needed.
public struct RefreshToken: Sendable {
    /// The prefix that marks a Tessera refresh token (for secret scanners and log filters).
    public static let prefix = "tsr_"
    /// The token's length in characters: the prefix and 64 base64url characters.
    public static let length = 4 + 64

    /// The token to hand to the client (once; it is never stored).
    public let value: String
    /// What the store keeps.
    public let digest: RefreshDigest

    /// A fresh token.
    public static func generate() throws(TesseraError) -> RefreshToken {
        var bytes = [UInt8](repeating: 0, count: 48)
        var failure: TesseraError?
        bytes.withUnsafeMutableBytes { raw in   // the fork-safe per-thread CSPRNG buffer RandomID uses
            do throws(TesseraError) { try RandomPool.fill(raw) } catch { failure = error }
        }
        if let failure { throw failure }
        defer { bytes.withUnsafeMutableBytes { OpenSSL.cleanse($0) } }
        var encoded: [UInt8] = Array(prefix.utf8)
        encoded.reserveCapacity(length)
        bytes.withUnsafeBytes { Base64URL.encode($0, into: &encoded) }
        return RefreshToken(value: String(decoding: encoded, as: UTF8.self), digest: digest(of: bytes))
    }

    /// Parses a presented token: `malformed` unless it is exactly `tsr_` and 64 canonical
    /// base64url characters. The detail never repeats the input.
    public static func parse(_ text: String) throws(TesseraError) -> RefreshDigest {
        let utf8 = text.utf8
        guard utf8.count == length, utf8.starts(with: prefix.utf8) else {
            throw TesseraError(.malformed, "not a refresh token: expected 'tsr_' and 64 base64url characters (\(utf8.count) bytes given)")
        }
        var text = text
        let decoded: [UInt8]? = text.withUTF8 { all in
            var out = [UInt8](repeating: 0, count: 48)
            let written = out.withUnsafeMutableBytes { Base64URL.decode(UnsafeBufferPointer(rebasing: all[4...]), into: $0) }
            return written == 48 ? out : nil
        }
        guard var bytes = decoded else {
            throw TesseraError(.malformed, "not a refresh token: its 64 characters are not canonical base64url")
        }
        defer { bytes.withUnsafeMutableBytes { OpenSSL.cleanse($0) } }
        return digest(of: bytes)
    }

    private static func digest(of bytes: [UInt8]) -> RefreshDigest {
        var selector: [UInt8] = []
        selector.reserveCapacity(22)
        bytes[0..<16].withUnsafeBytes { Base64URL.encode($0, into: &selector) }
        var hash: [UInt8] = []
        hash.reserveCapacity(43)
        OpenSSL.sha256(Array(bytes[16..<48])).withUnsafeBytes { Base64URL.encode($0, into: &hash) }
        return RefreshDigest(selector: String(decoding: selector, as: UTF8.self), secretHash: String(decoding: hash, as: UTF8.self))
    }

    private init(value: String, digest: RefreshDigest) {
        self.value = value
        self.digest = digest
    }
}

/// The stored form of a refresh token: its public selector and the SHA-256 of its secret, both
/// base64url text (22 and 43 characters).
public struct RefreshDigest: Sendable, Hashable {
    /// Finds the token's row; not secret.
    public let selector: String
    /// SHA-256 of the secret half.
    public let secretHash: String

    /// A digest as a store read it back.
    public init(selector: String, secretHash: String) {
        self.selector = selector
        self.secretHash = secretHash
    }

    /// True when `stored` (the hash a store kept for this selector) equals this token's,
    /// compared in constant time.
    public func matches(_ stored: String) -> Bool {
        var a = secretHash
        var b = stored
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && OpenSSL.constantTimeEqual(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) } }
    }
}
