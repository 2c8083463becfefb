/// The signature algorithms Tessera supports: a closed set, one table of facts.
///
/// A key is bound to exactly one algorithm when it is created or imported. The token header's
/// `alg` is only ever compared with the key's algorithm; it never selects code or a key type.
public enum Algorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// HMAC with SHA-256 (RFC 7518 §3.2).
    case hs256 = "HS256"
    /// HMAC with SHA-384 (RFC 7518 §3.2).
    case hs384 = "HS384"
    /// HMAC with SHA-512 (RFC 7518 §3.2).
    case hs512 = "HS512"
    /// Ed25519 (RFC 8037). Written as `EdDSA`; `Ed25519` (RFC 9864) is accepted when verifying.
    case edDSA = "EdDSA"

    /// The JOSE name written into headers.
    public var name: String { rawValue }
    /// The JOSE name.
    public var description: String { rawValue }

    /// True for the HMAC family (symmetric keys).
    public var isHMAC: Bool { self != .edDSA }

    /// Signature length in bytes.
    public var signatureLength: Int {
        switch self {
        case .hs256: 32
        case .hs384: 48
        case .hs512, .edDSA: 64
        }
    }

    /// The shortest key accepted, in bytes: for HMAC the hash output size (RFC 7518 §3.2),
    /// for Ed25519 the fixed 32-byte key.
    public var minimumKeyLength: Int {
        switch self {
        case .hs256: 32
        case .hs384: 48
        case .hs512: 64
        case .edDSA: 32
        }
    }

    /// The JWK `kty` of keys for this algorithm.
    public var keyType: String { isHMAC ? "oct" : "OKP" }

    /// Parses a JOSE `alg` value as written in a header or a JWK. Accepts the RFC 9864 name
    /// `Ed25519` for ``edDSA``. Case-sensitive, as RFC 7515 requires; `none` is never accepted.
    public init?(joseName: some StringProtocol) {
        switch joseName {
        case "HS256": self = .hs256
        case "HS384": self = .hs384
        case "HS512": self = .hs512
        case "EdDSA", "Ed25519": self = .edDSA
        default: return nil
        }
    }
}
