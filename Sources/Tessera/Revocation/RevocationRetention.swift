/// How long revocation entries must be kept, and how epochs advance: the rules every store shares.
///
/// **The `ep` claim.** An issuer stamps each token with its subject's current epoch as `ep`
/// (an integer; omitted when 0). A token is revoked when its `ep` is below its subject's current
/// epoch. Bumping sets the epoch to `max(now in milliseconds, previous + 1)`, so
/// - a token minted after a bump, even in the same millisecond, carries the new epoch and is valid;
/// - every token minted before it carries a lower value and is revoked;
/// - other subjects are untouched.
///
/// **Why time-based.** An epoch entry may be pruned once no token minted before the bump can
/// still be valid: ``epochSeconds`` (the longest token lifetime plus the largest leeway) after the
/// bump. After that, issuers stamp 0 again. Any `ep` ever stamped is at most the (pruned) epoch,
/// which was about the bump's time in milliseconds; the next bump happens later, so it yields a
/// larger value than every older stamp, and those tokens die as they should. A plain counter
/// would restart at 1 after pruning and could fail to revoke tokens stamped with a higher count.
public enum RevocationRetention {
    /// The largest leeway a verifier may allow (``ClaimRules/maximumLeeway``), in seconds: added
    /// to a token's `exp` when revoking it by token.
    public static let leeway: Int64 = ClaimRules.maximumLeeway

    /// How long an epoch entry is kept after its last bump, in seconds: the longest token
    /// lifetime (``Issuer/lifetimeRange``) plus ``leeway``.
    public static let epochSeconds: Int64 = Issuer.lifetimeRange.upperBound + leeway

    /// The epoch a bump sets.
    public static func nextEpoch(after previous: Int64, nowMilliseconds: Int64) -> Int64 {
        max(nowMilliseconds, previous + 1)
    }

    /// Checks an id (`jti`, `sid`): 1 to ``Issuer/maxClaimLength`` bytes.
    public static func checkID(_ id: String, _ what: String) throws(TesseraError) {
        guard !id.isEmpty, id.utf8.count <= Issuer.maxClaimLength else {
            throw TesseraError(.invalidConfiguration, "a \(what) must be 1 to \(Issuer.maxClaimLength) bytes")
        }
    }

    /// Checks a subject: 1 to 255 bytes, as the issuer requires.
    public static func checkSubject(_ subject: String) throws(TesseraError) {
        guard !subject.isEmpty, subject.utf8.count <= 255 else {
            throw TesseraError(.invalidConfiguration, "a subject must be 1 to 255 bytes")
        }
    }
}
