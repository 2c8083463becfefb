extension InMemoryRevocationStore {
    /// See ``SessionStore/createSession(_:refresh:limit:replacing:now:)``.
    public func createSession(_ session: SessionRecord, refresh: RefreshDigest, limit: Int, replacing: String?, now: Int64)
        throws(TesseraError) -> (ended: [String], epoch: Int64)
    {
        try RevocationRetention.checkID(session.id, "session id")
        return try state.withLock { (state) throws(TesseraError) in
            guard state.live[session.id] == nil, state.digests[refresh.selector] == nil else {
                throw TesseraError(.storeUnavailable, "a session or refresh selector with this id already exists")
            }
            var ended: [String] = []
            if let replacing, state.end(session: replacing, now: now) { ended.append(replacing) }
            state.live[session.id] = session
            state.add(refresh, to: session.id, now: now)
            // The new session is never the one evicted, even among sessions of the same second.
            let others = state.live.values.filter { $0.subject == session.subject && $0.id != session.id && $0.isLive(at: now) }
                .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
            for oldest in others.prefix(max(0, others.count + 1 - limit)) where state.end(session: oldest.id, now: now) {
                ended.append(oldest.id)
            }
            state.version += ended.isEmpty ? 0 : 1
            state.cleanUp(now: now)
            return (ended, state.epochs[session.subject]?.epoch ?? 0)
        }
    }

    /// See ``SessionStore/rotateRefresh(_:next:grace:client:now:)``.
    public func rotateRefresh(_ presented: RefreshDigest, next: RefreshDigest, grace: Int64, client: String?, now: Int64)
        throws(TesseraError) -> (session: SessionRecord, epoch: Int64)
    {
        try state.withLock { (state) throws(TesseraError) in
            let (record, digest) = try state.checked(presented, grace: grace, now: now)
            // Exactly one digest per session is unused at any time: the newest.
            if let current = state.digestsBySession[record.id]?.last { state.digests[current]?.consumedAt = digest.consumedAt ?? now }
            state.add(next, to: record.id, now: now)
            let updated = record.refreshed(at: now, accessExpiry: record.accessExpiry(at: now), client: client)
            state.live[record.id] = updated
            state.cleanUp(now: now)
            return (updated, state.epochs[record.subject]?.epoch ?? 0)
        }
    }

    /// See ``SessionStore/session(forRefresh:grace:now:)``.
    public func session(forRefresh presented: RefreshDigest, grace: Int64, now: Int64) throws(TesseraError) -> SessionRecord {
        try state.withLock { (state) throws(TesseraError) in try state.checked(presented, grace: grace, now: now).0 }
    }

    /// See ``SessionStore/session(id:now:)``.
    public func session(id: String, now: Int64) throws(TesseraError) -> SessionRecord? {
        state.withLock { state in state.live[id].flatMap { $0.isLive(at: now) ? $0 : nil } }
    }

    /// See ``SessionStore/sessions(subject:now:)``.
    public func sessions(subject: String, now: Int64) throws(TesseraError) -> [SessionRecord] {
        state.withLock { state in
            state.live.values.filter { $0.subject == subject && $0.isLive(at: now) }
                .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        }
    }

    /// See ``SessionStore/endSession(id:now:)``.
    public func endSession(id: String, now: Int64) throws(TesseraError) -> Bool {
        state.withLock { state in
            let ended = state.end(session: id, now: now)
            if ended { state.version += 1 }
            state.cleanUp(now: now)
            return ended
        }
    }

    /// See ``SessionStore/endSessions(subject:except:now:)``.
    public func endSessions(subject: String, except: String?, now: Int64) throws(TesseraError) -> [String] {
        state.withLock { state in
            let ids = state.live.values.filter { $0.subject == subject && $0.id != except && $0.isLive(at: now) }.map(\.id)
            let ended = ids.filter { state.end(session: $0, now: now) }
            if !ended.isEmpty { state.version += 1 }
            state.cleanUp(now: now)
            return ended
        }
    }
}

extension InMemoryRevocationStore.State {
    /// The live session and digest `presented` names, after the shared checks; a reuse past
    /// the grace ends the session (and is remembered: the revocation is kept).
    mutating func checked(_ presented: RefreshDigest, grace: Int64, now: Int64) throws(TesseraError)
        -> (SessionRecord, InMemoryRevocationStore.StoredDigest)
    {
        guard let digest = digests[presented.selector], presented.matches(digest.secretHash),
              let record = live[digest.sessionID] else { throw RefreshRotation.unknown }
        try RefreshRotation.checkLive(record, now: now)
        if RefreshRotation.decide(consumedAt: digest.consumedAt, now: now, grace: grace) == .reused {
            if end(session: record.id, now: now) { version += 1 }
            throw RefreshRotation.reuse
        }
        return (record, digest)
    }

    /// Ends a live session: removes it and revokes its `sid` while its access tokens may live.
    mutating func end(session id: String, now: Int64) -> Bool {
        guard let record = live[id] else { return false }
        delete(session: id)
        if record.revokeUntil >= now { sessions[id] = max(sessions[id] ?? 0, record.revokeUntil) }
        return true
    }

    /// Records a new current digest, keeping the newest ``SessionRetention/digestsPerSession``.
    mutating func add(_ digest: RefreshDigest, to session: String, now: Int64) {
        digests[digest.selector] = InMemoryRevocationStore.StoredDigest(sessionID: session, secretHash: digest.secretHash, issuedAt: now)
        digestsBySession[session, default: []].append(digest.selector)   // in place: no copy
        if let count = digestsBySession[session]?.count, count > SessionRetention.digestsPerSession {
            let dropped = digestsBySession[session]!.removeFirst()
            digests[dropped] = nil
        }
    }
}
