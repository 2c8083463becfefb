internal import COpenSSL

/// HMAC (RFC 2104) with SHA-256/384/512, with the keyed states precomputed once per key.
///
/// Why not `EVP_MAC` per call: a fresh or duplicated `EVP_MAC_CTX` costs 2–5× the HMAC itself,
/// and a reused one is mutable, so it needs a lock or a per-thread pool. Instead the key's inner
/// state (after `K ⊕ ipad`) and outer state (after `K ⊕ opad`) are computed once with OpenSSL's
/// SHA-2 block functions and copied onto the stack for each message, as BoringSSL's `HMAC_CTX`
/// does. A call therefore allocates nothing, takes no lock, and is safe from any number of threads.
/// Correctness is pinned by the RFC 4231 and Wycheproof vectors.
///
/// `@unchecked Sendable`: the states are written once in `init`, then only copied from.
final class HMACKey: @unchecked Sendable {
    enum Digest: Sendable {
        case sha256, sha384, sha512

        var blockSize: Int { self == .sha256 ? 64 : 128 }
        var outputSize: Int {
            switch self {
            case .sha256: 32
            case .sha384: 48
            case .sha512: 64
            }
        }
    }

    let digest: Digest
    /// Inner state at index 0, outer at index 1; owned here and wiped in `deinit`.
    private let states256: UnsafeMutablePointer<SHA256_CTX>
    private let states512: UnsafeMutablePointer<SHA512_CTX>

    /// Prepares the keyed states for `secret` (any length; longer than a block is hashed first).
    init(digest: Digest, secret: UnsafeRawBufferPointer) throws(TesseraError) {
        self.digest = digest
        states256 = .allocate(capacity: 2)
        states256.initialize(repeating: SHA256_CTX(), count: 2)
        states512 = .allocate(capacity: 2)
        states512.initialize(repeating: SHA512_CTX(), count: 2)

        let blockSize = digest.blockSize
        var block = [UInt8](repeating: 0, count: blockSize)
        defer { block.withUnsafeMutableBytes { OpenSSL.cleanse($0) } }
        if secret.count > blockSize {
            let hashed = block.withUnsafeMutableBytes { Self.hash(digest, secret, into: $0) }
            guard hashed else { throw TesseraError(.cryptoFailure, "SHA-2 digest failed: \(OpenSSL.drainErrors())") }
        } else if secret.count > 0 {
            block.withUnsafeMutableBytes { $0.copyMemory(from: secret) }
        }
        for (index, mask) in [UInt8(0x36), 0x5c].enumerated() {
            var pad = block.map { $0 ^ mask }
            defer { pad.withUnsafeMutableBytes { OpenSSL.cleanse($0) } }
            let ok: Int32 = pad.withUnsafeBytes { pad in
                switch digest {
                case .sha256:
                    return SHA256_Init(states256 + index) & SHA256_Update(states256 + index, pad.baseAddress, pad.count)
                case .sha384:
                    return SHA384_Init(states512 + index) & SHA512_Update(states512 + index, pad.baseAddress, pad.count)
                case .sha512:
                    return SHA512_Init(states512 + index) & SHA512_Update(states512 + index, pad.baseAddress, pad.count)
                }
            }
            try OpenSSL.check(ok, "SHA-2 init")
        }
    }

    /// Writes the MAC of `message` into `output` (at least `digest.outputSize` bytes).
    ///
    /// The SHA-2 update/final functions cannot fail on in-memory input; their results are still
    /// checked, and a failure is reported as `false`.
    func authenticate(_ message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        precondition(output.count >= digest.outputSize)
        let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var ok: Int32 = 1
        switch digest {
        case .sha256:
            var ctx = states256[0]
            ok &= SHA256_Update(&ctx, message.baseAddress, message.count)
            ok &= SHA256_Final(out, &ctx)
            ctx = states256[1]
            ok &= SHA256_Update(&ctx, out, 32)
            ok &= SHA256_Final(out, &ctx)
            withUnsafeMutableBytes(of: &ctx) { OpenSSL.cleanse($0) }
        case .sha384, .sha512:
            let size = digest.outputSize
            let sha384 = digest == .sha384
            var ctx = states512[0]
            ok &= SHA512_Update(&ctx, message.baseAddress, message.count)
            ok &= sha384 ? SHA384_Final(out, &ctx) : SHA512_Final(out, &ctx)
            ctx = states512[1]
            ok &= SHA512_Update(&ctx, out, size)
            ok &= sha384 ? SHA384_Final(out, &ctx) : SHA512_Final(out, &ctx)
            withUnsafeMutableBytes(of: &ctx) { OpenSSL.cleanse($0) }
        }
        return ok == 1
    }

    /// Verifies `tag` over `message` in constant time. Truncated tags are refused (RFC 8725 §3.2).
    func verify(_ tag: UnsafeRawBufferPointer, over message: UnsafeRawBufferPointer) -> Bool {
        guard tag.count == digest.outputSize else { return false }
        return withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { buffer in
            defer { OpenSSL.cleanse(buffer) }
            guard authenticate(message, into: buffer) else { return false }
            return OpenSSL.constantTimeEqual(UnsafeRawBufferPointer(rebasing: buffer[0..<tag.count]), tag)
        }
    }

    private static func hash(_ digest: Digest, _ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Bool {
        let source = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let target = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let result = switch digest {
        case .sha256: SHA256(source, input.count, target)
        case .sha384: SHA384(source, input.count, target)
        case .sha512: SHA512(source, input.count, target)
        }
        return result != nil
    }

    deinit {
        // The keyed states are as sensitive as the key itself.
        OpenSSL.cleanse(UnsafeMutableRawBufferPointer(start: states256, count: 2 * MemoryLayout<SHA256_CTX>.stride))
        OpenSSL.cleanse(UnsafeMutableRawBufferPointer(start: states512, count: 2 * MemoryLayout<SHA512_CTX>.stride))
        states256.deallocate()
        states512.deallocate()
    }
}
