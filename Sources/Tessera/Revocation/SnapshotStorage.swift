/// The memory behind a ``RevocationSnapshot``: three immutable tables, freed once in `deinit`.
///
/// `@unchecked Sendable` because the tables hold raw pointers: they are written only while this
/// object is being initialised and never after, so sharing it across threads is a read-only
/// affair. Lookups go through an unretained reference (see ``RevocationList``), which is why the
/// tables are plain pointers rather than arrays: a lookup touches no reference count.
final class SnapshotStorage: @unchecked Sendable {
    let tokens: ByteKeyTable
    let sessions: ByteKeyTable
    let epochs: ByteKeyTable

    init(tokens: ByteKeyTable, sessions: ByteKeyTable, epochs: ByteKeyTable) {
        self.tokens = tokens
        self.sessions = sessions
        self.epochs = epochs
    }

    deinit {
        tokens.deallocate()
        sessions.deallocate()
        epochs.deallocate()
    }

    /// Why `token` is revoked, or nil. Allocates nothing unless a claim is written with escapes.
    @inline(__always)
    func reason(_ token: VerifiedToken) -> RevocationReason? {
        token.payload.withUnsafeBufferPointer { payload -> RevocationReason? in
            if tokens.count > 0, let jti = token.fields.tokenID, tokens.entry(jti, in: payload) != nil { return .token }
            if sessions.count > 0, let sid = token.fields.sessionID, sessions.entry(sid, in: payload) != nil { return .session }
            if epochs.count > 0, let sub = token.fields.subject, let entry = epochs.entry(sub, in: payload) {
                let current = epochs.value(entry)
                if (token.fields.epoch ?? 0) < current { return .epoch(current) }
            }
            return nil
        }
    }
}

/// Which revocation matched a token.
enum RevocationReason: Equatable {
    /// Its `jti` is revoked.
    case token
    /// Its `sid` is revoked.
    case session
    /// Its `ep` is below its subject's current epoch (shown).
    case epoch(Int64)

    /// The `revoked` error for this reason (never includes the token or its ids).
    var error: TesseraError {
        switch self {
        case .token: TesseraError(.revoked, "the token has been revoked (jti)")
        case .session: TesseraError(.revoked, "the token's session has been revoked (sid)")
        case .epoch: TesseraError(.revoked, "the subject was logged out after this token was minted (ep below the subject's epoch)")
        }
    }
}
