import Synchronization

/// A ``RevocationStore`` and ``SessionStore`` in process memory: for tests, and for a single
/// process that embeds Tessera and needs no persistence. Same semantics as the SQLite store
/// (both pass the same conformance suite).
public final class InMemoryRevocationStore: SessionStore {
    struct StoredDigest {
        var sessionID: String
        var secretHash: String
        var issuedAt: Int64
        var consumedAt: Int64?
    }

    struct State {
        var tokens: [String: Int64] = [:]
        var sessions: [String: Int64] = [:]
        var epochs: [String: (epoch: Int64, bumpedAt: Int64)] = [:]
        var version: Int64 = 0
        /// Login sessions by id, and refresh digests by selector.
        var live: [String: SessionRecord] = [:]
        var digests: [String: StoredDigest] = [:]
        var digestsBySession: [String: [String]] = [:]
        /// The second of the last cleanup pass (memory has no index by time: at most one pass a second).
        var lastCleanup: Int64 = .min
    }

    let state = Mutex(State())
    let clock: RevocationClock

    /// An empty store reading time from `clock`.
    public init(clock: RevocationClock = .system) { self.clock = clock }

    /// See ``RevocationStore/revokeToken(id:until:)``.
    public func revokeToken(id jti: String, until: Int64) throws(TesseraError) {
        try RevocationRetention.checkID(jti, "token id")
        let now = clock.seconds()
        state.withLock { $0.tokens[jti] = max($0.tokens[jti] ?? until, until); $0.version += 1; $0.cleanUp(now: now) }
    }

    /// See ``RevocationStore/revokeSession(id:until:)``.
    public func revokeSession(id sid: String, until: Int64) throws(TesseraError) {
        try RevocationRetention.checkID(sid, "session id")
        let now = clock.seconds()
        state.withLock { $0.sessions[sid] = max($0.sessions[sid] ?? until, until); $0.version += 1; $0.cleanUp(now: now) }
    }

    /// See ``RevocationStore/bumpEpoch(subject:)``. Also ends every login session of the subject.
    public func bumpEpoch(subject: String) throws(TesseraError) -> Int64 {
        try RevocationRetention.checkSubject(subject)
        let now = clock.milliseconds()
        return state.withLock { state in
            let epoch = RevocationRetention.nextEpoch(after: state.epochs[subject]?.epoch ?? 0, nowMilliseconds: now)
            state.epochs[subject] = (epoch, now / 1000)
            for record in state.live.values where record.subject == subject { state.delete(session: record.id) }
            state.version += 1
            state.cleanUp(now: now / 1000)
            return epoch
        }
    }

    /// See ``RevocationStore/currentEpoch(subject:)``.
    public func currentEpoch(subject: String) throws(TesseraError) -> Int64 {
        state.withLock { $0.epochs[subject]?.epoch ?? 0 }
    }

    /// See ``RevocationStore/version()``.
    public func version() throws(TesseraError) -> Int64 { state.withLock { $0.version } }

    /// See ``RevocationStore/load()``. Entries whose time has passed are left out.
    public func load() throws(TesseraError) -> VersionedSnapshot {
        let now = clock.seconds()
        return state.withLock { state in
            var builder = RevocationSnapshot.Builder()
            for (id, until) in state.tokens where until >= now { builder.revokeToken(id) }
            for (id, until) in state.sessions where until >= now { builder.revokeSession(id) }
            for (subject, entry) in state.epochs where entry.bumpedAt + RevocationRetention.epochSeconds >= now {
                builder.setEpoch(entry.epoch, forSubject: subject)
            }
            return VersionedSnapshot(version: state.version, snapshot: builder.build())
        }
    }

    /// See ``RevocationStore/loadIfChanged(since:)``.
    public func loadIfChanged(since version: Int64) throws(TesseraError) -> VersionedSnapshot? {
        try self.version() == version ? nil : try load()
    }

    /// See ``RevocationStore/prune(now:)``. Also removes login sessions expired for longer
    /// than ``SessionRetention/expiredRetention``.
    public func prune(now: Int64) throws(TesseraError) -> PruneCounts {
        state.withLock { state in
            let before = (state.tokens.count, state.sessions.count, state.epochs.count, state.live.count)
            state.tokens = state.tokens.filter { $0.value >= now }
            state.sessions = state.sessions.filter { $0.value >= now }
            state.epochs = state.epochs.filter { $0.value.bumpedAt + RevocationRetention.epochSeconds >= now }
            for record in state.live.values where record.expiresAt + SessionRetention.expiredRetention < now { state.delete(session: record.id) }
            let counts = PruneCounts(tokens: before.0 - state.tokens.count, sessions: before.1 - state.sessions.count,
                                     epochs: before.2 - state.epochs.count, loginSessions: before.3 - state.live.count)
            if counts.total > 0 { state.version += 1 }
            return counts
        }
    }

    /// See ``RevocationStore/stats()``.
    public func stats() throws(TesseraError) -> RevocationStats {
        state.withLock { state in
            RevocationStats(tokens: state.tokens.count, sessions: state.sessions.count, epochs: state.epochs.count,
                            oldestExpiry: (Array(state.tokens.values) + Array(state.sessions.values)).min(), version: state.version,
                            loginSessions: state.live.count)
        }
    }
}

extension InMemoryRevocationStore.State {
    /// Removes a session and its digests (no revocation).
    mutating func delete(session id: String) {
        live[id] = nil
        for selector in digestsBySession.removeValue(forKey: id) ?? [] { digests[selector] = nil }
    }

    /// The bounded cleanup every write does (``SessionRetention/cleanupBatch`` of each kind).
    mutating func cleanUp(now: Int64) {
        guard now != lastCleanup else { return }
        lastCleanup = now
        let batch = SessionRetention.cleanupBatch
        for (id, _) in tokens.lazy.filter({ $0.value < now }).prefix(batch) { tokens[id] = nil }
        for (id, _) in sessions.lazy.filter({ $0.value < now }).prefix(batch) { sessions[id] = nil }
        for (subject, _) in epochs.lazy.filter({ $0.value.bumpedAt + RevocationRetention.epochSeconds < now }).prefix(batch) { epochs[subject] = nil }
        for record in live.values.lazy.filter({ $0.expiresAt + SessionRetention.expiredRetention < now }).prefix(batch) { delete(session: record.id) }
    }
}
