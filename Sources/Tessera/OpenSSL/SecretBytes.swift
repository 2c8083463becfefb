internal import COpenSSL

/// Secret key bytes with one owner: cleansed with `OPENSSL_cleanse` when the last reference goes.
///
/// `@unchecked Sendable`: the buffer is written once in `init` and only read afterwards.
final class SecretBytes: @unchecked Sendable {
    private let storage: UnsafeMutableRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) {
        storage = .allocate(byteCount: max(bytes.count, 1), alignment: 16)
        if bytes.count > 0 { storage.copyMemory(from: bytes) }
        count = bytes.count
    }

    /// Copies `bytes` into a new owner.
    static func copying(_ bytes: [UInt8]) -> SecretBytes {
        bytes.withUnsafeBytes { SecretBytes($0) }
    }

    /// A copy of the bytes (for export paths only, never the hot path).
    var array: [UInt8] { withBytes { Array($0) } }

    /// Number of secret bytes.
    let count: Int

    /// Calls `body` with the secret bytes. The pointer must not escape.
    func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
    }

    deinit {
        OPENSSL_cleanse(storage.baseAddress, storage.count)
        storage.deallocate()
    }
}
