import Tessera

/// The one place `tessera serve` builds its verifiers, so that verifier-wide options (such as
/// a verified-token cache) are set for every route at once.
enum VerifierFactory {
    /// A verifier for `keys` under `rules`, consulting `revocation` last when given. Each has its
    /// own verified-token cache: a gateway sees the same token on every request of its lifetime,
    /// and a hit still re-checks expiry and revocation (see `VerifiedTokenCache`).
    static func make(keys: KeySet, rules: ClaimRules, revocation: RevocationList?) throws(TesseraError) -> Verifier {
        try Verifier(keys: keys, rules: rules, revocation: revocation, cache: VerifiedTokenCache())
    }
}
