internal import COpenSSL

/// One owned `EVP_PKEY` holding an Ed25519 key (private, or public only).
///
/// `@unchecked Sendable`: the `EVP_PKEY` is never mutated after creation, and OpenSSL allows one
/// key to be used by concurrent sign/verify operations, each with its own `EVP_MD_CTX`.
/// `EVP_PKEY_free` wipes private key material.
final class Ed25519Key: @unchecked Sendable {
    private let pkey: OpaquePointer
    let isPrivate: Bool
    /// The 32-byte public key.
    let publicBytes: [UInt8]

    private init(pkey: OpaquePointer, isPrivate: Bool) throws(TesseraError) {
        self.pkey = pkey
        self.isPrivate = isPrivate
        var length = 32
        var bytes = [UInt8](repeating: 0, count: 32)
        let rc = bytes.withUnsafeMutableBufferPointer { EVP_PKEY_get_raw_public_key(pkey, $0.baseAddress, &length) }
        guard rc == 1, length == 32 else {
            EVP_PKEY_free(pkey)
            throw TesseraError(.invalidKey, "could not read the Ed25519 public key: \(OpenSSL.drainErrors())")
        }
        publicBytes = bytes
    }

    deinit { EVP_PKEY_free(pkey) }

    /// A fresh key from OpenSSL's CSPRNG.
    static func generate() throws(TesseraError) -> Ed25519Key {
        let ctx = try OpenSSL.check(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil), "EVP_PKEY_CTX_new_id")
        defer { EVP_PKEY_CTX_free(ctx) }
        try OpenSSL.check(EVP_PKEY_keygen_init(ctx), "EVP_PKEY_keygen_init")
        var pkey: OpaquePointer?
        try OpenSSL.check(EVP_PKEY_keygen(ctx, &pkey), "EVP_PKEY_keygen")
        return try Ed25519Key(pkey: OpenSSL.check(pkey, "EVP_PKEY_keygen"), isPrivate: true)
    }

    /// A private key from its 32-byte seed (JWK `d`).
    static func privateKey(seed: [UInt8]) throws(TesseraError) -> Ed25519Key {
        guard seed.count == 32 else { throw TesseraError(.invalidKey, "an Ed25519 private key is 32 bytes, got \(seed.count)") }
        let pkey = seed.withUnsafeBufferPointer { EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32) }
        return try Ed25519Key(pkey: OpenSSL.check(pkey, "EVP_PKEY_new_raw_private_key", code: .invalidKey), isPrivate: true)
    }

    /// A public key from its 32 bytes (JWK `x`).
    static func publicKey(_ bytes: [UInt8]) throws(TesseraError) -> Ed25519Key {
        guard bytes.count == 32 else { throw TesseraError(.invalidKey, "an Ed25519 public key is 32 bytes, got \(bytes.count)") }
        let pkey = bytes.withUnsafeBufferPointer { EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32) }
        return try Ed25519Key(pkey: OpenSSL.check(pkey, "EVP_PKEY_new_raw_public_key", code: .invalidKey), isPrivate: false)
    }

    /// Reads a PEM: PKCS#8 `PRIVATE KEY` or SPKI `PUBLIC KEY`, Ed25519 only.
    static func fromPEM(_ pem: [UInt8]) throws(TesseraError) -> Ed25519Key {
        let isPrivate = pem.starts(with: Array("-----BEGIN PRIVATE KEY-----".utf8))
        let isPublic = pem.starts(with: Array("-----BEGIN PUBLIC KEY-----".utf8))
        guard isPrivate || isPublic else {
            throw TesseraError(.invalidKey, "expected a PEM 'PRIVATE KEY' (PKCS#8) or 'PUBLIC KEY' (SPKI) block")
        }
        let pkey: OpaquePointer? = pem.withUnsafeBytes { bytes in
            guard let bio = BIO_new_mem_buf(bytes.baseAddress, Int32(bytes.count)) else { return nil }
            defer { BIO_free(bio) }
            // With a nil callback OpenSSL asks for a pass phrase on the terminal when a block
            // claims to be encrypted (`Proc-Type: 4,ENCRYPTED`): a hostile key file could hang
            // the process. Tessera reads unencrypted keys only, so the callback refuses.
            let noPassphrase: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = { _, _, _, _ in -1 }
            return isPrivate ? PEM_read_bio_PrivateKey(bio, nil, noPassphrase, nil) : PEM_read_bio_PUBKEY(bio, nil, noPassphrase, nil)
        }
        let key = try OpenSSL.check(pkey, "reading the PEM key", code: .invalidKey)
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 else {
            EVP_PKEY_free(key)
            throw TesseraError(.invalidKey, "the PEM key is not an Ed25519 key; Tessera signs with Ed25519 or HMAC only")
        }
        return try Ed25519Key(pkey: key, isPrivate: isPrivate)
    }

    /// The 32-byte private seed (for JWK export only).
    func privateSeed() throws(TesseraError) -> SecretBytes {
        guard isPrivate else { throw TesseraError(.invalidKey, "this is a public key; it has no private part") }
        var length = 32
        var seed = [UInt8](repeating: 0, count: 32)
        defer { seed.withUnsafeMutableBytes { OpenSSL.cleanse($0) } }
        let rc = seed.withUnsafeMutableBufferPointer { EVP_PKEY_get_raw_private_key(pkey, $0.baseAddress, &length) }
        try OpenSSL.check(rc, "EVP_PKEY_get_raw_private_key")
        return seed.withUnsafeBytes { SecretBytes($0) }
    }

    /// PEM text: PKCS#8 for a private key, SPKI for a public one (as `openssl genpkey` /
    /// `openssl pkey -pubout` write them).
    func pem(private wantPrivate: Bool) throws(TesseraError) -> String {
        guard !wantPrivate || isPrivate else { throw TesseraError(.invalidKey, "this is a public key; it has no private part") }
        let bio = try OpenSSL.check(BIO_new(BIO_s_mem()), "BIO_new")
        defer { BIO_free(bio) }
        let rc = wantPrivate ? PEM_write_bio_PrivateKey(bio, pkey, nil, nil, 0, nil, nil) : PEM_write_bio_PUBKEY(bio, pkey)
        try OpenSSL.check(rc, "PEM_write_bio")
        var data: UnsafeMutablePointer<CChar>?
        let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data)  // BIO_get_mem_data is a macro
        guard length > 0, let data else { throw TesseraError(.cryptoFailure, "PEM export produced no data") }
        let buffer = UnsafeRawBufferPointer(start: data, count: Int(length))
        defer { if wantPrivate { OpenSSL.cleanse(UnsafeMutableRawBufferPointer(mutating: buffer)) } }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Signs `message`, writing 64 bytes into `signature`.
    func sign(_ message: UnsafeRawBufferPointer, into signature: UnsafeMutableRawBufferPointer) throws(TesseraError) {
        precondition(isPrivate && signature.count >= 64)
        let ctx = try OpenSSL.check(EVP_MD_CTX_new(), "EVP_MD_CTX_new")
        defer { EVP_MD_CTX_free(ctx) }
        try OpenSSL.check(EVP_DigestSignInit_ex(ctx, nil, nil, nil, nil, pkey, nil), "EVP_DigestSignInit_ex")
        var length = 64
        try OpenSSL.check(
            EVP_DigestSign(ctx, signature.baseAddress?.assumingMemoryBound(to: UInt8.self), &length,
                           message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count),
            "EVP_DigestSign")
        guard length == 64 else { throw TesseraError(.cryptoFailure, "Ed25519 signature of unexpected length") }
    }

    /// True when `signature` is a valid Ed25519 signature of `message` (RFC 8032 strict checks
    /// are OpenSSL's: canonical S, valid point encodings).
    func verify(_ signature: UnsafeRawBufferPointer, over message: UnsafeRawBufferPointer) -> Bool {
        guard signature.count == 64, let ctx = EVP_MD_CTX_new() else {
            ERR_clear_error()
            return false
        }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestVerifyInit_ex(ctx, nil, nil, nil, nil, pkey, nil) == 1 else {
            ERR_clear_error()
            return false
        }
        let rc = EVP_DigestVerify(ctx, signature.baseAddress?.assumingMemoryBound(to: UInt8.self), 64,
                                  message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count)
        if rc != 1 { ERR_clear_error() }
        return rc == 1
    }
}
