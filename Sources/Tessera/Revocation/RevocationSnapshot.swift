/// An immutable set of revocations: revoked token ids (`jti`), revoked sessions (`sid`), and each
/// subject's current epoch (tokens whose `ep` is lower are revoked).
///
/// Build one with ``init(tokenIDs:sessionIDs:epochs:)`` or a ``Builder`` (which takes raw bytes,
/// so a store can load 100,000 rows without making a `String` per row). Lookups are O(1), allocate
/// nothing, and read the ids straight from the verified payload's bytes. Entries carry no expiry
/// here: an entry is in force while it is in the snapshot, and stores drop expired ones when they
/// are pruned.
public struct RevocationSnapshot: Sendable {
    let storage: SnapshotStorage

    /// An empty snapshot: nothing is revoked.
    public init() { self = Builder().build() }

    /// A snapshot of the given revoked token ids, session ids and subject epochs.
    public init(tokenIDs: some Sequence<String> = [], sessionIDs: some Sequence<String> = [], epochs: [String: Int64] = [:]) {
        var builder = Builder()
        for id in tokenIDs { builder.revokeToken(id) }
        for id in sessionIDs { builder.revokeSession(id) }
        for (subject, epoch) in epochs { builder.setEpoch(epoch, forSubject: subject) }
        self = builder.build()
    }

    /// Number of revoked token ids.
    public var tokenCount: Int { storage.tokens.count }
    /// Number of revoked session ids.
    public var sessionCount: Int { storage.sessions.count }
    /// Number of subjects with an epoch.
    public var epochCount: Int { storage.epochs.count }
    /// Bytes of memory the lookup tables occupy.
    public var allocatedBytes: Int { storage.tokens.allocatedBytes + storage.sessions.allocatedBytes + storage.epochs.allocatedBytes }

    /// True when the token's `jti` or `sid` is revoked, or its `ep` (0 when absent) is below its
    /// subject's current epoch. O(1); allocation-free unless a claim is written with JSON escapes.
    public func isRevoked(_ token: VerifiedToken) -> Bool { storage.reason(token) != nil }

    /// True when token id `jti` is revoked.
    public func isTokenRevoked(_ jti: String) -> Bool { storage.tokens.entry(jti) != nil }

    /// True when session id `sid` is revoked.
    public func isSessionRevoked(_ sid: String) -> Bool { storage.sessions.entry(sid) != nil }

    /// The subject's current epoch (0 when it has none).
    public func epoch(forSubject subject: String) -> Int64 {
        storage.epochs.entry(subject).map(storage.epochs.value) ?? 0
    }

    /// Collects revocations, then builds an immutable snapshot.
    public struct Builder: Sendable {
        private var tokens = ByteKeyTable.Builder()
        private var sessions = ByteKeyTable.Builder()
        private var epochs = ByteKeyTable.Builder()

        /// An empty builder.
        public init() {}

        /// Adds a revoked token id.
        public mutating func revokeToken(_ jti: String) { tokens.add(jti) }
        /// Adds a revoked token id given as UTF-8 bytes.
        public mutating func revokeToken(utf8 jti: UnsafeRawBufferPointer) { tokens.add(jti) }
        /// Adds a revoked session id.
        public mutating func revokeSession(_ sid: String) { sessions.add(sid) }
        /// Adds a revoked session id given as UTF-8 bytes.
        public mutating func revokeSession(utf8 sid: UnsafeRawBufferPointer) { sessions.add(sid) }
        /// Sets a subject's epoch (the largest wins if a subject is given twice).
        public mutating func setEpoch(_ epoch: Int64, forSubject subject: String) { epochs.add(subject, value: epoch) }
        /// Sets a subject's epoch, the subject given as UTF-8 bytes.
        public mutating func setEpoch(_ epoch: Int64, forSubject subject: UnsafeRawBufferPointer) { epochs.add(subject, value: epoch) }

        /// The snapshot.
        public func build() -> RevocationSnapshot {
            RevocationSnapshot(storage: SnapshotStorage(tokens: tokens.build(), sessions: sessions.build(), epochs: epochs.build()))
        }
    }

    private init(storage: SnapshotStorage) { self.storage = storage }
}
