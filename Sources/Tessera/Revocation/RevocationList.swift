import Synchronization

/// The revocation state a ``Verifier`` consults as its last step: a ``RevocationSnapshot`` that
/// a writer replaces as a whole while any number of threads read it without locking.
///
/// ```swift
/// let list = try await RevocationList.load(from: store)          // fails if the store is unavailable
/// let verifier = try Verifier(keys: keys, rules: rules, revocation: list)
/// // periodically (e.g. every second):
/// try await list.refresh(from: store)                            // one version read when unchanged
/// ```
///
/// **Lock-free reads.** A writer publishes a new immutable snapshot under a mutex and then
/// advances an atomic generation (release ordering). Each reader thread keeps its own slot in
/// thread-local storage: the generation it saw and a retained reference to that snapshot. A
/// read loads the generation (acquire); when it equals the slot's, the reader uses its own
/// retained snapshot: no lock, no reference-count traffic, no shared cache line written. Only
/// after a change does a reader take the mutex once to pick up the new snapshot.
///
/// **Memory safety.** A snapshot is immutable and freed only when its last reference goes. Every
/// reader holds its own reference (taken under the mutex) for as long as its slot points at that
/// snapshot, so a writer can never free a snapshot a reader is using. A reader that misses a
/// concurrent swap by a few nanoseconds answers from the snapshot that was current when it
/// loaded the generation, which is a consistent, complete state. Once ``replace(with:)`` returns,
/// every later read sees the new snapshot (the generation store happens-before the load that
/// observes it). When the list is freed it releases all threads' snapshots; each thread that read it keeps a
/// 24-byte slot (and a reference to the list's small reader registry) that is never freed, since
/// freeing it could race with that thread's own exit. Create a list per verifier configuration
/// and keep it, rather than one per request. If the process runs out of pthread keys, the list
/// falls back to reading under its mutex (correct, slower).
///
/// **Failure policy.** ``markUnavailable(_:)`` (called by ``refresh(from:)`` when the store
/// fails) makes ``check(_:)`` throw `store_unavailable` for every token under ``FailurePolicy/failClosed``
/// (the default) until a refresh succeeds; ``FailurePolicy/failOpen`` keeps answering from the
/// last snapshot instead.
public final class RevocationList: Sendable {
    /// What verification does while the store is unavailable.
    public enum FailurePolicy: Sendable {
        /// Reject every token with `store_unavailable` (the default): a revoked token is never
        /// accepted because the store could not be read.
        case failClosed
        /// Keep verifying against the last snapshot that loaded. Opt in only when availability
        /// matters more than honouring revocations made during an outage.
        case failOpen
    }

    private struct State {
        var snapshot: RevocationSnapshot
        var generation = 0
        var version: Int64?
        var failure: TesseraError?
    }

    /// The policy while the store is unavailable.
    public let failurePolicy: FailurePolicy
    private let state: Mutex<State>
    private let generation = Atomic<Int>(0)
    private let unavailable = Atomic<Bool>(false)
    private let slotKey: ThreadSlotKey?
    private let registry = ReaderRegistry()

    /// A list starting from `snapshot` (empty by default).
    public init(_ snapshot: RevocationSnapshot = RevocationSnapshot(), failurePolicy: FailurePolicy = .failClosed) {
        self.failurePolicy = failurePolicy
        state = Mutex(State(snapshot: snapshot))
        slotKey = ThreadSlotKey()
    }

    /// A list loaded from `store`; throws `store_unavailable` if it cannot be read.
    public static func load(from store: some RevocationStore, failurePolicy: FailurePolicy = .failClosed) async throws(TesseraError) -> RevocationList {
        let loaded = try await store.load()
        let list = RevocationList(loaded.snapshot, failurePolicy: failurePolicy)
        list.state.withLock { $0.version = loaded.version }
        return list
    }

    deinit {
        slotKey?.delete()
        registry.releaseAll()
    }

    /// The snapshot in force now (takes the writer's lock; for inspection, not the hot path).
    public var snapshot: RevocationSnapshot { state.withLock { $0.snapshot } }

    /// The store version of the current snapshot, if it came from a store.
    public var version: Int64? { state.withLock { $0.version } }

    /// Publishes a new snapshot; every read that starts after this returns sees it.
    public func replace(with snapshot: RevocationSnapshot, version: Int64? = nil) {
        state.withLock { state in
            state.snapshot = snapshot
            state.version = version
            state.failure = nil
            state.generation += 1
            generation.store(state.generation, ordering: .releasing)
        }
        unavailable.store(false, ordering: .releasing)
    }

    /// Reloads from `store` if its version changed. Returns true when a new snapshot was
    /// published. On failure the list is marked unavailable (see ``FailurePolicy``) and the
    /// error is rethrown.
    @discardableResult
    public func refresh(from store: some RevocationStore) async throws(TesseraError) -> Bool {
        let known = version
        do {
            guard let loaded = try await store.loadIfChanged(since: known ?? -1) else {
                unavailable.store(false, ordering: .releasing)
                return false
            }
            replace(with: loaded.snapshot, version: loaded.version)
            return true
        } catch {
            markUnavailable(error)
            throw error
        }
    }

    /// Records that the store could not be read; under ``FailurePolicy/failClosed`` every token
    /// is then rejected with `store_unavailable` until the next successful refresh or replace.
    public func markUnavailable(_ error: TesseraError) {
        state.withLock { $0.failure = error }
        unavailable.store(true, ordering: .releasing)
    }

    /// True when the token's `jti`, `sid` or subject epoch is revoked. Lock-free (see above).
    public func isRevoked(_ token: VerifiedToken) -> Bool { withStorage { $0.reason(token) } != nil }

    /// The verifier's step 10: throws `revoked` for a revoked token, and `store_unavailable` when
    /// the store is unavailable and the policy is ``FailurePolicy/failClosed``.
    public func check(_ token: VerifiedToken) throws(TesseraError) {
        if failurePolicy == .failClosed, unavailable.load(ordering: .acquiring) {
            let cause = state.withLock { $0.failure?.detail } ?? "unknown failure"
            throw TesseraError(.storeUnavailable, "revocation store unavailable, failing closed: \(cause)")
        }
        if let reason = withStorage({ $0.reason(token) }) { throw reason.error }
    }

    /// Runs `body` on the current snapshot's storage without locking (fast path) or taking a
    /// reference count; takes the mutex only after a swap, or without a thread slot.
    @inline(__always)
    private func withStorage<R>(_ body: (SnapshotStorage) -> R) -> R {
        guard let slotKey else { return body(snapshot.storage) }
        let seen = generation.load(ordering: .acquiring)
        // The registry check guards against a reused pthread key whose value the C library
        // did not clear: a slot always keeps its own registry alive, so addresses cannot repeat.
        if let slot = slotKey.slot, slot.pointee.registry.toOpaque() == Unmanaged.passUnretained(registry).toOpaque() {
            if slot.pointee.generation != seen {
                let (storage, current) = state.withLock { (Unmanaged.passRetained($0.snapshot.storage), $0.generation) }
                let old = slot.pointee.storage
                slot.pointee.storage = storage
                slot.pointee.generation = current
                old.release()
            }
            return slot.pointee.storage._withUnsafeGuaranteedRef(body)
        }
        let (storage, current) = state.withLock { ($0.snapshot.storage, $0.generation) }
        guard slotKey.install(generation: current, storage: storage, registry: registry) else { return body(storage) }
        return body(storage)
    }
}
