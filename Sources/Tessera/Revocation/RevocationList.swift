import Synchronization

/// The revocation state a verifier consults as its last step, swapped atomically as a whole.
///
/// Readers never see a half-applied change: a writer builds a new immutable
/// ``RevocationSnapshot`` and publishes it in one step.
public final class RevocationList: Sendable {
    private let current: Mutex<RevocationSnapshot>

    /// A list starting from `snapshot` (empty by default).
    public init(_ snapshot: RevocationSnapshot = RevocationSnapshot()) {
        current = Mutex(snapshot)
    }

    /// The snapshot in force now.
    public var snapshot: RevocationSnapshot { current.withLock { $0 } }

    /// Publishes a new snapshot.
    public func replace(with snapshot: RevocationSnapshot) {
        current.withLock { $0 = snapshot }
    }

    /// True when the token's `jti`, `sid` or subject epoch is revoked.
    func isRevoked(_ token: VerifiedToken) -> Bool {
        snapshot.isRevoked(token)
    }
}

/// An immutable set of revocations.
public struct RevocationSnapshot: Sendable {
    /// Revoked token ids.
    public var tokenIDs: Set<String>
    /// Revoked session ids.
    public var sessionIDs: Set<String>
    /// Each subject's current epoch: tokens with a lower `ep` are revoked.
    public var epochs: [String: Int64]

    /// A snapshot.
    public init(tokenIDs: Set<String> = [], sessionIDs: Set<String> = [], epochs: [String: Int64] = [:]) {
        self.tokenIDs = tokenIDs
        self.sessionIDs = sessionIDs
        self.epochs = epochs
    }

    func isRevoked(_ token: VerifiedToken) -> Bool {
        if let jti = token.tokenID, tokenIDs.contains(jti) { return true }
        if let sid = token.sessionID, sessionIDs.contains(sid) { return true }
        if let sub = token.subject, let epoch = epochs[sub], token.epoch < epoch { return true }
        return false
    }
}
