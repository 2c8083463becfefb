import Foundation
import Testing
import Tessera
import TesseraSQLite

/// The stores every session test runs against: one conformance suite for all of them.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory, sqlite

    var testDescription: String { rawValue }

    /// A fresh, empty store reading time from `clock`, and a cleanup.
    func make(_ clock: ManualClock) throws -> (any SessionStore, () -> Void) {
        switch self {
        case .memory:
            return (InMemoryRevocationStore(clock: clock.clock), {})
        case .sqlite:
            let dir = try TemporaryDirectory()
            return (try SQLiteRevocationStore(path: dir.file("sessions.db"), clock: clock.clock), { dir.remove() })
        }
    }
}

/// A session manager on a store, with a hand-moved clock and a verifier that follows the store.
struct SessionHarness {
    static let start: Int64 = 1_800_000_000

    let clock: ManualClock
    let store: any SessionStore
    let key: SigningKey
    let manager: SessionManager
    let cleanup: () -> Void

    init(_ kind: StoreKind, policy: SessionPolicy = .standard) throws {
        clock = ManualClock(milliseconds: Self.start * 1000)
        (store, cleanup) = try kind.make(clock)
        key = try SigningKey.generate(.hs256)
        manager = try SessionManager(store: store, key: key, policy: policy, clock: clock.tokenClock)
    }

    /// A manager on the same store with another policy.
    func manager(_ policy: SessionPolicy) throws -> SessionManager {
        try SessionManager(store: store, key: key, policy: policy, clock: clock.tokenClock)
    }

    var now: Int64 { clock.tokenClock.now() }

    /// What a verifier following the store says about `token` now: nil when valid.
    func verdict(_ token: String, audiences: [String] = []) async throws -> TesseraError.Code? {
        let list = try await RevocationList.load(from: store)
        let rules = try ClaimRules(audiences: audiences, clock: clock.tokenClock)
        let verifier = try Verifier(keys: KeySet(key.verificationKey), rules: rules, revocation: list)
        return Fixture.outcome(verifier, token)
    }

    /// The code a session call throws, or nil when it succeeds.
    func code<T>(_ body: () async throws -> T) async -> TesseraError.Code? {
        do {
            _ = try await body()
            return nil
        } catch let error as TesseraError {
            return error.code
        } catch {
            return nil
        }
    }
}

extension ManualClock {
    /// The same clock in whole seconds, as issuers and session managers read it.
    var tokenClock: TokenClock { let clock = self.clock; return TokenClock { clock.seconds() } }
}
