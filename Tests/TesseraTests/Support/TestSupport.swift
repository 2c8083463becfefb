import Foundation
@testable import Tessera

/// Hex for vectors: whitespace between digits is ignored, so vectors can be pasted as the RFCs
/// lay them out.
enum Hex {
    static func decode(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8.filter { !$0.isASCIIWhitespace })
        precondition(digits.count % 2 == 0, "odd number of hex digits")
        return stride(from: 0, to: digits.count, by: 2).map { i in
            UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16)!
        }
    }

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

extension UInt8 {
    fileprivate var isASCIIWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}

/// The fixed "now" of the token tests, and verifiers built around it.
enum Fixture {
    static let now: Int64 = 1_700_000_000

    static func rules(
        issuer: String? = nil, audiences: [String] = [], leeway: Int64 = 60,
        expectedType: String? = "at+jwt", requireSubject: Bool = true, now: Int64 = Fixture.now
    ) throws -> ClaimRules {
        try ClaimRules(issuer: issuer, audiences: audiences, leeway: leeway, expectedType: expectedType,
                       requireSubject: requireSubject, clock: .fixed(now))
    }

    static func verifier(
        _ keys: [VerificationKey], rules: ClaimRules? = nil, maxTokenSize: Int = Verifier.defaultMaxTokenSize,
        revocation: RevocationList? = nil
    ) throws -> Verifier {
        try Verifier(keys: KeySet(keys), rules: rules ?? Fixture.rules(), maxTokenSize: maxTokenSize, revocation: revocation)
    }

    /// A valid claims object for ``now``.
    static let claims = #"{"sub":"alice","exp":1700000600,"iat":1700000000}"#
}

/// Tokens built by hand from JSON text, so hostile headers and payloads can carry a *valid*
/// signature and the check under test is the one that fires.
enum HandMade {
    static func segment(_ json: String) -> String { Base64URL.encode(Array(json.utf8)) }

    /// The header JSON Tessera itself writes for `key`.
    static func header(_ key: SigningKey, typ: String = "at+jwt") -> String {
        #"{"alg":"\#(key.algorithm.name)","kid":"\#(key.keyID)","typ":"\#(typ)"}"#
    }

    /// `base64url(header).base64url(payload).base64url(signature by key)`.
    static func token(header: String, payload: String, key: SigningKey) throws -> String {
        try token(encodedHeader: segment(header), encodedPayload: segment(payload), key: key)
    }

    static func token(encodedHeader: String, encodedPayload: String, key: SigningKey) throws -> String {
        let input = encodedHeader + "." + encodedPayload
        return input + "." + Base64URL.encode(try signature(over: input, key: key))
    }

    /// A token with Tessera's own header for `key` and the given claims.
    static func token(claims: String, key: SigningKey) throws -> String {
        try token(header: header(key), payload: claims, key: key)
    }

    static func signature(over input: String, key: SigningKey) throws -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: key.algorithm.signatureLength)
        let message = Array(input.utf8)
        try message.withUnsafeBytes { m in try signature.withUnsafeMutableBytes { s in try key.core.sign(m, into: s) } }
        return signature
    }

    /// HMAC with an arbitrary secret (any length), straight from the primitive.
    static func hmac(_ digest: HMACKey.Digest, secret: [UInt8], message: [UInt8]) throws -> [UInt8] {
        let key = try secret.withUnsafeBytes { try HMACKey(digest: digest, secret: $0) }
        var tag = [UInt8](repeating: 0, count: 64)
        let ok = message.withUnsafeBytes { m in tag.withUnsafeMutableBytes { key.authenticate(m, into: $0) } }
        precondition(ok, "HMAC failed")
        return Array(tag[0..<digest.outputSize])
    }

    /// `token` with the bit `mask` flipped in byte `index` of its decoded signature (re-encoded
    /// canonically, so only the signature check can catch it).
    static func flippingSignatureBit(_ token: String, byte index: Int = 0, mask: UInt8 = 0x01) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        var signature = Base64URL.decode(parts[2])!
        signature[index] ^= mask
        return parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)
    }
}

/// The code a verifier rejects `token` with, or nil when it accepts it.
func rejection(_ verifier: Verifier, _ token: String) -> TesseraError.Code? {
    do {
        _ = try verifier.verify(token)
        return nil
    } catch {
        return error.code
    }
}

/// The code `body` throws, or nil when it does not throw. Anything other than a
/// ``TesseraError`` is reported as the pseudo-code `not_a_tessera_error`, which no test expects.
func errorCode<T>(_ body: () throws -> T) -> TesseraError.Code? {
    do {
        _ = try body()
        return nil
    } catch let error as TesseraError {
        return error.code
    } catch {
        return TesseraError.Code(rawValue: "not_a_tessera_error")
    }
}

/// The ``TesseraError`` `body` throws, or nil.
func thrownError<T>(_ body: () throws -> T) -> TesseraError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? TesseraError
    }
}
