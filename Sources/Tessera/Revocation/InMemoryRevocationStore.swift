import Synchronization

/// A ``RevocationStore`` in process memory: for tests, and for a single process that embeds
/// Tessera and needs no persistence. Same semantics as the SQLite store.
public final class InMemoryRevocationStore: RevocationStore {
    private struct State {
        var tokens: [String: Int64] = [:]
        var sessions: [String: Int64] = [:]
        var epochs: [String: (epoch: Int64, bumpedAt: Int64)] = [:]
        var version: Int64 = 0
    }

    private let state = Mutex(State())
    private let clock: RevocationClock

    /// An empty store reading time from `clock`.
    public init(clock: RevocationClock = .system) { self.clock = clock }

    /// See ``RevocationStore/revokeToken(id:until:)``.
    public func revokeToken(id jti: String, until: Int64) throws(TesseraError) {
        try RevocationRetention.checkID(jti, "token id")
        state.withLock { $0.tokens[jti] = max($0.tokens[jti] ?? until, until); $0.version += 1 }
    }

    /// See ``RevocationStore/revokeSession(id:until:)``.
    public func revokeSession(id sid: String, until: Int64) throws(TesseraError) {
        try RevocationRetention.checkID(sid, "session id")
        state.withLock { $0.sessions[sid] = max($0.sessions[sid] ?? until, until); $0.version += 1 }
    }

    /// See ``RevocationStore/bumpEpoch(subject:)``.
    public func bumpEpoch(subject: String) throws(TesseraError) -> Int64 {
        try RevocationRetention.checkSubject(subject)
        let now = clock.milliseconds()
        return state.withLock { state in
            let epoch = RevocationRetention.nextEpoch(after: state.epochs[subject]?.epoch ?? 0, nowMilliseconds: now)
            state.epochs[subject] = (epoch, now / 1000)
            state.version += 1
            return epoch
        }
    }

    /// See ``RevocationStore/currentEpoch(subject:)``.
    public func currentEpoch(subject: String) throws(TesseraError) -> Int64 {
        state.withLock { $0.epochs[subject]?.epoch ?? 0 }
    }

    /// See ``RevocationStore/version()``.
    public func version() throws(TesseraError) -> Int64 { state.withLock { $0.version } }

    /// See ``RevocationStore/load()``.
    public func load() throws(TesseraError) -> VersionedSnapshot {
        state.withLock { state in
            var builder = RevocationSnapshot.Builder()
            for id in state.tokens.keys { builder.revokeToken(id) }
            for id in state.sessions.keys { builder.revokeSession(id) }
            for (subject, entry) in state.epochs { builder.setEpoch(entry.epoch, forSubject: subject) }
            return VersionedSnapshot(version: state.version, snapshot: builder.build())
        }
    }

    /// See ``RevocationStore/loadIfChanged(since:)``.
    public func loadIfChanged(since version: Int64) throws(TesseraError) -> VersionedSnapshot? {
        try self.version() == version ? nil : try load()
    }

    /// See ``RevocationStore/prune(now:)``.
    public func prune(now: Int64) throws(TesseraError) -> PruneCounts {
        state.withLock { state in
            let before = (state.tokens.count, state.sessions.count, state.epochs.count)
            state.tokens = state.tokens.filter { $0.value >= now }
            state.sessions = state.sessions.filter { $0.value >= now }
            state.epochs = state.epochs.filter { $0.value.bumpedAt + RevocationRetention.epochSeconds >= now }
            let counts = PruneCounts(tokens: before.0 - state.tokens.count, sessions: before.1 - state.sessions.count,
                                     epochs: before.2 - state.epochs.count)
            if counts.total > 0 { state.version += 1 }
            return counts
        }
    }

    /// See ``RevocationStore/stats()``.
    public func stats() throws(TesseraError) -> RevocationStats {
        state.withLock { state in
            RevocationStats(tokens: state.tokens.count, sessions: state.sessions.count, epochs: state.epochs.count,
                            oldestExpiry: (Array(state.tokens.values) + Array(state.sessions.values)).min(), version: state.version)
        }
    }
}
