// Shared by every fuzz target: fixed keys, a fixed clock, and the invariant helper.
// Compiled into the same module as the core sources (`-module-name Tessera`), so internal
// APIs are reachable without `@testable`.

/// Fixed keys and rules, so every run of a target sees the same world.
enum Fixture {
    /// The verifier's clock: 2023-11-14T22:13:20Z.
    static let now: Int64 = 1_700_000_000

    /// HS256 with the RFC 7515 A.1 key (64 bytes), kid `hs`.
    static let hmac: SigningKey = try! SigningKey(
        hmacSecret: Base64URL.decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")!,
        algorithm: .hs256, keyID: "hs")

    /// Ed25519 with the RFC 8037 A.1 key, kid `ed`.
    static let ed: SigningKey = {
        let jwk = #"{"kty":"OKP","crv":"Ed25519","kid":"ed","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        guard case .signing(let key) = try! JWK.parse(Array(jwk.utf8)) else { fatalError("fixture key is private") }
        return key
    }()

    static let issuer = "https://auth.example"
    static let audience = "api"

    /// The pipeline under test: both keys, fixed clock, issuer and audience required, a
    /// revocation list with one of each kind of entry.
    static let verifier: Verifier = try! Verifier(
        keys: KeySet([hmac.verificationKey, ed.verificationKey]),
        rules: ClaimRules(issuer: issuer, audiences: [audience], clock: .fixed(now)),
        revocation: RevocationList(RevocationSnapshot(tokenIDs: ["revoked-jti"], sessionIDs: ["revoked-sid"], epochs: ["epoch-user": 5])))

    /// `header.payload.signature` signed by `key`, the header given as raw JSON bytes (or the
    /// key's own pre-encoded header when nil).
    static func sign(header: [UInt8]?, payload: [UInt8], with key: SigningKey) -> [UInt8] {
        var token: [UInt8] = []
        if let header {
            header.withUnsafeBytes { Base64URL.encode($0, into: &token) }
        } else {
            token = key.core.encodedHeader
        }
        token.append(UInt8(ascii: "."))
        payload.withUnsafeBytes { Base64URL.encode($0, into: &token) }
        var signature = [UInt8](repeating: 0, count: key.algorithm.signatureLength)
        token.withUnsafeBytes { input in
            signature.withUnsafeMutableBytes { out in try! key.core.sign(input, into: out) }
        }
        token.append(UInt8(ascii: "."))
        signature.withUnsafeBytes { Base64URL.encode($0, into: &token) }
        return token
    }
}

/// Stops the run (libFuzzer records the input as a crash) when an invariant does not hold.
/// Never prints the input: the crash file is the record.
@inline(never)
func invariant(_ condition: @autoclosure () -> Bool, _ message: StaticString) {
    if !condition() { fatalError("invariant violated: \(message)") }
}
