internal import COpenSSL

/// The one place OpenSSL's error queue is read.
///
/// Every OpenSSL call whose result matters goes through ``check(_:_:)`` (or a comparison next to
/// it), so no failure is ignored and the thread-local queue is drained in the same synchronous
/// stretch of code that filled it (no `await` in between).
enum OpenSSL {
    /// Drains the thread's error queue into one short string (OpenSSL's reason texts only).
    static func drainErrors() -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if reasons.count < 4, let reason = ERR_reason_error_string(code) {
                reasons.append(String(cString: reason))
            }
        }
        return reasons.isEmpty ? "no OpenSSL reason given" : reasons.joined(separator: "; ")
    }

    /// Throws a ``TesseraError`` with `code` unless `result == 1` (OpenSSL's success value).
    static func check(
        _ result: Int32, _ operation: StaticString, code: TesseraError.Code = .cryptoFailure
    ) throws(TesseraError) {
        guard result == 1 else {
            throw TesseraError(code, "\(operation) failed: \(drainErrors())")
        }
    }

    /// Throws unless `pointer` is non-nil, and returns it.
    static func check<T>(
        _ pointer: T?, _ operation: StaticString, code: TesseraError.Code = .cryptoFailure
    ) throws(TesseraError) -> T {
        guard let pointer else {
            throw TesseraError(code, "\(operation) failed: \(drainErrors())")
        }
        return pointer
    }

    /// Constant-time equality of two equal-length byte ranges (`CRYPTO_memcmp`).
    static func constantTimeEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0 else { return true }
        return CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0
    }

    /// Overwrites memory so the compiler cannot elide it (`OPENSSL_cleanse`).
    static func cleanse(_ bytes: UnsafeMutableRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        OPENSSL_cleanse(base, bytes.count)
    }

    /// Fills `bytes` from OpenSSL's CSPRNG (`RAND_bytes`).
    static func randomBytes(_ bytes: UnsafeMutableRawBufferPointer) throws(TesseraError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        try check(RAND_bytes(base.assumingMemoryBound(to: UInt8.self), Int32(bytes.count)), "RAND_bytes")
    }

    /// `count` bytes from OpenSSL's CSPRNG.
    static func randomBytes(count: Int) throws(TesseraError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let rc = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        try check(count == 0 ? 1 : rc, "RAND_bytes")
        return bytes
    }

    /// SHA-256 of `bytes` (used for RFC 7638 thumbprints; not on the token hot path).
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { out in
                _ = SHA256(input.baseAddress, input.count, out.baseAddress)  // returns `out`; cannot fail
            }
        }
        return digest
    }
}
