import Foundation
import Logging
import Synchronization
import Tessera
@testable import TesseraServer

/// A temporary directory removed when the fixture is released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Keys written to files, and issuers for them.
struct TestKeys {
    let directory: TemporaryDirectory
    let signing: SigningKey
    let keyPath: String

    init(_ algorithm: Algorithm = .edDSA, in directory: TemporaryDirectory, name: String = "key.jwk") throws {
        self.directory = directory
        signing = try SigningKey.generate(algorithm)
        keyPath = directory.file(name)
        try signing.writePrivateJWK(toFile: keyPath)
    }

    /// A token for `subject`; `clock` pins when it was minted.
    func token(_ subject: String = "alice", scopes: [String] = ["read"], sessionID: String? = nil,
               lifetime: Int64 = 900, clock: TokenClock = .system, epoch: Int64? = nil) throws -> IssuedToken {
        try Issuer(key: signing, lifetime: lifetime, clock: clock)
            .issue(TokenRequest(subject: subject, scopes: scopes, sessionID: sessionID, epoch: epoch))
    }

    /// A token that expired an hour ago.
    func expiredToken() throws -> String {
        try token(lifetime: 60, clock: .fixed(TokenClock.system.now() - 3600)).token
    }
}

/// Flips one character of the signature.
func tampered(_ token: String) -> String {
    var bytes = Array(token.utf8)
    let index = bytes.count - 3
    bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    return String(decoding: bytes, as: UTF8.self)
}

/// A store that can be switched off, to test failing closed.
final class SwitchableStore: RevocationStore {
    let inner = InMemoryRevocationStore()
    private let down = Mutex(false)

    var isDown: Bool {
        get { down.withLock { $0 } }
        set { down.withLock { $0 = newValue } }
    }

    private func check() throws(TesseraError) {
        if isDown { throw TesseraError(.storeUnavailable, "switched off by the test") }
    }

    func revokeToken(id jti: String, until: Int64) async throws(TesseraError) { try check(); try await inner.revokeToken(id: jti, until: until) }
    func revokeSession(id sid: String, until: Int64) async throws(TesseraError) { try check(); try await inner.revokeSession(id: sid, until: until) }
    func bumpEpoch(subject: String) async throws(TesseraError) -> Int64 { try check(); return try await inner.bumpEpoch(subject: subject) }
    func currentEpoch(subject: String) async throws(TesseraError) -> Int64 { try check(); return try await inner.currentEpoch(subject: subject) }
    func version() async throws(TesseraError) -> Int64 { try check(); return try await inner.version() }
    func load() async throws(TesseraError) -> VersionedSnapshot { try check(); return try await inner.load() }
    func loadIfChanged(since version: Int64) async throws(TesseraError) -> VersionedSnapshot? {
        try check(); return try await inner.loadIfChanged(since: version)
    }
    func prune(now: Int64) async throws(TesseraError) -> PruneCounts { try check(); return try await inner.prune(now: now) }
    func stats() async throws(TesseraError) -> RevocationStats { try check(); return try await inner.stats() }
}

/// A service state for in-process route tests.
func makeState(_ keys: TestKeys, store: (any RevocationStore)? = nil, adminKeyPath: String? = nil,
               audiences: [String] = [], signingKeyPath: String? = nil, allowedOrigins: [String] = [],
               sessionPolicy: SessionPolicy = .standard, logger: Logger? = nil) async throws -> ServiceState {
    let configuration = ServeConfiguration(keyPath: keys.keyPath, storePath: store == nil ? nil : "test",
                                           audiences: audiences, port: 0, adminKeyPath: adminKeyPath,
                                           signingKeyPath: signingKeyPath, allowedOrigins: allowedOrigins,
                                           sessionPolicy: sessionPolicy)
    try configuration.validate()
    var quiet = Logger(label: "test")
    quiet.logLevel = .critical
    return try await ServiceLoader.load(configuration, store: store, logger: logger ?? quiet)
}
