import Foundation
import Synchronization
import Tessera

/// A signing key, an issuer and a verifier that consult a given revocation list.
struct Fixture {
    let key: SigningKey
    let issuer: Issuer

    init(clock: TokenClock = .system) throws {
        key = try SigningKey.generate(.hs256)
        issuer = try Issuer(key: key, issuer: "https://auth.test", clock: clock)
    }

    func verifier(_ list: RevocationList, clock: TokenClock = .system) throws -> Verifier {
        try Verifier(keys: KeySet(key.verificationKey), rules: ClaimRules(issuer: "https://auth.test", clock: clock), revocation: list)
    }

    func mint(_ subject: String = "alice", session: String? = nil, epoch: Int64? = nil) throws -> IssuedToken {
        try issuer.issue(TokenRequest(subject: subject, sessionID: session, epoch: epoch))
    }

    /// The error code `verifier` gives `token`, or nil when it verifies.
    static func outcome(_ verifier: Verifier, _ token: String) -> TesseraError.Code? {
        do {
            _ = try verifier.verify(token)
            return nil
        } catch {
            return error.code
        }
    }
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "tessera-sqlite-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A clock that tests move by hand.
final class ManualClock: Sendable {
    private let now: Mutex<Int64>

    init(milliseconds: Int64) { now = Mutex(milliseconds) }

    var clock: RevocationClock { RevocationClock { [self] in now.withLock { $0 } } }

    func advance(seconds: Int64) { now.withLock { $0 += seconds * 1000 } }
}
