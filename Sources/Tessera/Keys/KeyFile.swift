#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The contents of a key file: a JWK (private or public), a JWK Set, or an Ed25519 PEM
/// (PKCS#8 private or SPKI public). The format is recognised from the contents.
public struct KeyFile: Sendable {
    /// Keys that can sign (private JWKs, PKCS#8 PEM).
    public let signingKeys: [SigningKey]
    /// Every key, as verification keys (a private key contributes its public or secret half).
    public let verificationKeys: [VerificationKey]
    /// Problems worth telling a person about that do not stop the key from loading, such as a
    /// private key file readable by others, or JWKs of unsupported types that were skipped.
    public let warnings: [String]

    /// Parses key file contents.
    public init(contents: [UInt8]) throws(TesseraError) {
        var warnings: [String] = []
        let text = contents.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard !text.isEmpty else { throw TesseraError(.invalidKey, "the key file is empty") }
        var body = Array(text)  // a copy of secret material: wiped when parsed
        defer { body.withUnsafeMutableBytes { OpenSSL.cleanse($0) } }
        var parsed: [JWK.Parsed] = []
        if body.starts(with: Array("-----BEGIN".utf8)) {
            let key = try Ed25519Key.fromPEM(body)
            parsed = [key.isPrivate ? .signing(try SigningKey(ed25519: key, keyID: nil))
                                    : .verification(try VerificationKey(ed25519PublicKey: key.publicBytes))]
        } else {
            let json: JSONValue
            do { json = try JSONValue.parse(body) } catch {
                throw TesseraError(.invalidKey, "the key file is neither PEM nor valid JSON (JWK or JWK Set): \(error.detail)")
            }
            if let keys = json["keys"] {
                guard case .array(let items) = keys else { throw TesseraError(.invalidKey, "a JWK Set's 'keys' must be an array") }
                for item in items {
                    if let kty = item["kty"]?.stringValue, kty != "OKP", kty != "oct" {
                        warnings.append("skipped a \(kty) key: Tessera uses OKP (Ed25519) and oct (HMAC) keys")
                        continue
                    }
                    parsed.append(try JWK.parse(item))
                }
                guard !parsed.isEmpty else { throw TesseraError(.invalidKey, "the JWK Set has no usable key") }
            } else {
                parsed = [try JWK.parse(json)]
            }
        }
        signingKeys = parsed.compactMap { if case .signing(let key) = $0 { key } else { nil } }
        verificationKeys = parsed.map(\.verificationKey)
        self.warnings = warnings
    }

    /// Reads and parses a key file. Warns when a file holding secret material is readable or
    /// writable by group or others.
    public init(path: String) throws(TesseraError) {
        // One binding only: a second reference to the buffer would make the wipe below copy it
        // (copy-on-write) and wipe the copy, freeing the original unwiped.
        let mode: UInt32
        var contents: [UInt8]
        (contents, mode) = try FileIO.read(path: path)
        defer { contents.withUnsafeMutableBytes { OpenSSL.cleanse($0) } }
        let parsed = try KeyFile(contents: contents)
        var warnings = parsed.warnings
        if !parsed.signingKeys.isEmpty, mode & 0o077 != 0 {
            warnings.append("\(path) holds a private key but its mode is \(String(mode & 0o777, radix: 8)); run `chmod 600 \(path)`")
        }
        signingKeys = parsed.signingKeys
        verificationKeys = parsed.verificationKeys
        self.warnings = warnings
    }

    /// The verification keys as a ``KeySet``.
    public func keySet() throws(TesseraError) -> KeySet { try KeySet(verificationKeys) }
}

extension SigningKey {
    /// Writes the private JWK to `path` with mode 0600 (created or truncated, never followed
    /// through a symbolic link).
    public func writePrivateJWK(toFile path: String) throws(TesseraError) {
        try FileIO.writeSecret(Array((privateJWK + "\n").utf8), to: path)
    }

    /// Writes the PKCS#8 PEM of an Ed25519 private key to `path` with mode 0600, like
    /// ``writePrivateJWK(toFile:)``. HMAC keys have no PEM form (`invalid_key`).
    public func writePrivatePEM(toFile path: String) throws(TesseraError) {
        try FileIO.writeSecret(Array(try privatePEM().utf8), to: path)
    }
}

/// Minimal POSIX file access (the core does not import Foundation).
enum FileIO {
    static func read(path: String, limit: Int = 1 << 20) throws(TesseraError) -> (bytes: [UInt8], mode: UInt32) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TesseraError(.ioFailure, "cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw TesseraError(.ioFailure, "cannot stat \(path)") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TesseraError(.ioFailure, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            guard bytes.count <= limit else { throw TesseraError(.ioFailure, "\(path) is larger than \(limit) bytes") }
        }
        chunk.withUnsafeMutableBytes { OpenSSL.cleanse($0) }
        return (bytes, UInt32(info.st_mode))
    }

    static func writeSecret(_ bytes: [UInt8], to path: String) throws(TesseraError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw TesseraError(.ioFailure, "cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw TesseraError(.ioFailure, "cannot set mode 0600 on \(path)") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TesseraError(.ioFailure, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}
