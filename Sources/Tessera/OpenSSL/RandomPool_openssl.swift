internal import COpenSSL
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import Synchronization

/// Per-thread buffers of CSPRNG output for ``RandomID``: each thread draws ``RandomPool/size``
/// bytes from `RAND_bytes` at a time and hands them out 16 at a time, so one id costs a copy
/// instead of a `RAND_bytes` call (OpenSSL 3.0 pays a parameter lookup, a `getpid()` system call,
/// a lock and a DRBG round for every call, about 0.5 µs, as much as the HMAC of a whole token).
///
/// Why this is safe:
/// - **Fork.** A child must never hand out bytes its parent also holds. A `pthread_atfork` child
///   handler bumps ``forkGeneration``; a buffer filled under another generation is discarded
///   before use. (OpenSSL reseeds its own DRBG in the child the same way.)
/// - **Secrecy.** Bytes are zeroed as they are handed out (session ids are secrets), and a
///   thread's buffer is cleansed and freed when the thread exits. The unspent rest of a buffer
///   (at most 1 KiB per thread) stays in memory until used, like the DRBG's own state.
/// - **No sharing.** A buffer belongs to one thread (a pthread key), so no lock is taken.
enum RandomPool {
    /// Bytes drawn from `RAND_bytes` per refill.
    static let size = 1024

    /// Bumped in a forked child; buffers from an older generation are stale.
    fileprivate static let forkGeneration = Atomic<Int>(0)

    /// The pthread key of each thread's ``PoolBuffer`` (nil if the process ran out of keys:
    /// then every draw calls `RAND_bytes` directly), created with the fork handler on first use.
    private static let key: pthread_key_t? = {
        guard pthread_atfork(nil, nil, forkedChild) == 0 else { return nil }
        var key = pthread_key_t()
        guard pthread_key_create(&key, releaseBuffer) == 0 else { return nil }
        return key
    }()

    /// Fills `out` (at most ``size`` bytes) with fresh CSPRNG output.
    static func fill(_ out: UnsafeMutableRawBufferPointer) throws(TesseraError) {
        guard let key, out.count <= size, let buffer = PoolBuffer.current(key) else {
            return try OpenSSL.randomBytes(out)
        }
        let generation = forkGeneration.load(ordering: .relaxed)
        if buffer.pointee.generation != generation || size - buffer.pointee.used < out.count {
            try OpenSSL.randomBytes(UnsafeMutableRawBufferPointer(start: buffer.pointee.bytes, count: size))
            buffer.pointee.used = 0
            buffer.pointee.generation = generation
        }
        let start = buffer.pointee.bytes + buffer.pointee.used
        out.baseAddress!.copyMemory(from: start, byteCount: out.count)
        OpenSSL.cleanse(UnsafeMutableRawBufferPointer(start: start, count: out.count))
        buffer.pointee.used += out.count
    }
}

/// One thread's buffer: ``RandomPool/size`` bytes, how many are spent, and the fork generation
/// they were drawn in.
private struct PoolBuffer {
    let bytes: UnsafeMutableRawPointer
    var used: Int
    var generation: Int

    /// This thread's buffer, created (empty) on first use; nil if it cannot be installed.
    static func current(_ key: pthread_key_t) -> UnsafeMutablePointer<PoolBuffer>? {
        if let existing = pthread_getspecific(key) { return existing.assumingMemoryBound(to: PoolBuffer.self) }
        let buffer = UnsafeMutablePointer<PoolBuffer>.allocate(capacity: 1)
        // `used == size`: empty, so the first draw refills it.
        buffer.initialize(to: PoolBuffer(
            bytes: .allocate(byteCount: RandomPool.size, alignment: 16), used: RandomPool.size, generation: -1))
        guard pthread_setspecific(key, buffer) == 0 else {
            releaseBuffer(buffer)
            return nil
        }
        return buffer
    }
}

/// `pthread_atfork` child handler: every buffer inherited from the parent is now stale.
private let forkedChild: @convention(c) () -> Void = {
    RandomPool.forkGeneration.add(1, ordering: .relaxed)
}

/// Thread exit (pthread key destructor): cleanse and free the thread's buffer.
private let releaseBuffer: @convention(c) (UnsafeMutableRawPointer?) -> Void = { raw in
    guard let raw else { return }
    let buffer = raw.assumingMemoryBound(to: PoolBuffer.self)
    OpenSSL.cleanse(UnsafeMutableRawBufferPointer(start: buffer.pointee.bytes, count: RandomPool.size))
    buffer.pointee.bytes.deallocate()
    buffer.deinitialize(count: 1)
    buffer.deallocate()
}
