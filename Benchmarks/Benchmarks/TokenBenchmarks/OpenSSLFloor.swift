import CBenchOpenSSL

/// The raw OpenSSL floor for HMAC: one `EVP_MAC_CTX`, keyed once, re-initialised per message with
/// `EVP_MAC_init(ctx, NULL, 0, NULL)` (which keeps the key), then update and final. This is the
/// cheapest way OpenSSL 3's public API computes an HMAC.
///
/// `@unchecked Sendable`: the context is mutable; each benchmark owns one floor and drives it
/// from one task at a time.
final class HMACFloor: @unchecked Sendable {
    private let mac: OpaquePointer
    private let ctx: OpaquePointer
    let outputSize: Int

    /// `digest` is OpenSSL's digest name (`SHA256`, `SHA384`, `SHA512`).
    init(digest: String, key: [UInt8]) {
        mac = EVP_MAC_fetch(nil, "HMAC", nil)!
        let ctx = EVP_MAC_CTX_new(mac)!
        self.ctx = ctx
        let ok: Int32 = digest.withCString { name in
            "digest".withCString { field in
                var params = [
                    OSSL_PARAM_construct_utf8_string(field, UnsafeMutablePointer(mutating: name), 0),
                    OSSL_PARAM_construct_end(),
                ]
                return key.withUnsafeBufferPointer { EVP_MAC_init(ctx, $0.baseAddress, $0.count, &params) }
            }
        }
        precondition(ok == 1, "EVP_MAC_init failed")
        outputSize = EVP_MAC_CTX_get_mac_size(ctx)
    }

    deinit {
        EVP_MAC_CTX_free(ctx)
        EVP_MAC_free(mac)
    }

    /// One HMAC over `message` into `out` (64 bytes).
    @inline(__always)
    func authenticate(_ message: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) -> Bool {
        var length = 0
        return EVP_MAC_init(ctx, nil, 0, nil) == 1
            && EVP_MAC_update(ctx, message.baseAddress!.assumingMemoryBound(to: UInt8.self), message.count) == 1
            && EVP_MAC_final(ctx, out, &length, 64) == 1
    }
}

/// The raw OpenSSL floor for Ed25519: `EVP_DigestSign` / `EVP_DigestVerify` with a fresh
/// `EVP_MD_CTX` per operation, exactly the calls Tessera makes.
///
/// `@unchecked Sendable`: the `EVP_PKEY` is immutable after creation; OpenSSL allows concurrent
/// operations on one key, each with its own `EVP_MD_CTX`.
final class Ed25519Floor: @unchecked Sendable {
    private let pkey: OpaquePointer

    /// A fresh Ed25519 key (timing does not depend on the key).
    init() {
        let kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil)!
        defer { EVP_PKEY_CTX_free(kctx) }
        var key: OpaquePointer?
        precondition(EVP_PKEY_keygen_init(kctx) == 1 && EVP_PKEY_keygen(kctx, &key) == 1, "Ed25519 keygen failed")
        pkey = key!
    }

    deinit { EVP_PKEY_free(pkey) }

    /// Signs `message` into `signature` (64 bytes).
    @inline(__always)
    func sign(_ message: UnsafeRawBufferPointer, into signature: UnsafeMutablePointer<UInt8>) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        var length = 64
        return EVP_DigestSignInit_ex(ctx, nil, nil, nil, nil, pkey, nil) == 1
            && EVP_DigestSign(ctx, signature, &length, message.baseAddress!.assumingMemoryBound(to: UInt8.self), message.count) == 1
    }

    /// Verifies a 64-byte `signature` over `message`.
    @inline(__always)
    func verify(_ signature: UnsafePointer<UInt8>, over message: UnsafeRawBufferPointer) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        return EVP_DigestVerifyInit_ex(ctx, nil, nil, nil, nil, pkey, nil) == 1
            && EVP_DigestVerify(ctx, signature, 64, message.baseAddress!.assumingMemoryBound(to: UInt8.self), message.count) == 1
    }

    /// A signature over `message`, for the verify floor.
    func signature(over message: [UInt8]) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: 64)
        let ok = message.withUnsafeBytes { m in signature.withUnsafeMutableBufferPointer { sign(m, into: $0.baseAddress!) } }
        precondition(ok, "Ed25519 sign failed")
        return signature
    }
}

/// `OpenSSL 3.0.x …` as the library reports itself.
var openSSLVersion: String { String(cString: OpenSSL_version(OPENSSL_VERSION)) }
