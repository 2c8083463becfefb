/// JSON Web Key (RFC 7517) import and export for `OKP`/`Ed25519` (RFC 8037) and `oct` keys.
enum JWK {
    /// A parsed JWK: a signing key when it carries private material, else a verification key.
    enum Parsed: Sendable {
        case signing(SigningKey)
        case verification(VerificationKey)

        var verificationKey: VerificationKey {
            switch self {
            case .signing(let key): key.verificationKey
            case .verification(let key): key
            }
        }
    }

    static func parse(_ text: [UInt8]) throws(TesseraError) -> Parsed {
        let value: JSONValue
        do { value = try JSONValue.parse(text) } catch { throw TesseraError(.invalidKey, "the JWK is not valid JSON: \(error.detail)") }
        return try parse(value)
    }

    static func parse(_ jwk: JSONValue) throws(TesseraError) -> Parsed {
        guard case .object = jwk else { throw TesseraError(.invalidKey, "a JWK must be a JSON object") }
        func string(_ name: String) throws(TesseraError) -> String? {
            guard let member = jwk[name] else { return nil }
            guard let value = member.stringValue else { throw TesseraError(.invalidKey, "JWK member '\(name)' must be a string") }
            return value
        }
        func bytes(_ name: String) throws(TesseraError) -> [UInt8]? {
            guard let text = try string(name) else { return nil }
            guard let decoded = Base64URL.decode(text) else { throw TesseraError(.invalidKey, "JWK member '\(name)' is not canonical base64url") }
            return decoded
        }
        if let use = try string("use"), use != "sig" {
            throw TesseraError(.invalidKey, "JWK 'use' is '\(use)'; Tessera keys sign (\"sig\")")
        }
        let kid = try string("kid")
        if let kid, kid.isEmpty { throw TesseraError(.invalidKey, "JWK 'kid' must not be empty") }
        let alg = try string("alg")
        switch try string("kty") {
        case "oct":
            guard let alg else {
                throw TesseraError(.invalidKey, "an oct JWK must name its algorithm in 'alg' (HS256, HS384 or HS512): a key is bound to one algorithm")
            }
            guard let algorithm = Algorithm(joseName: alg), algorithm.isHMAC else {
                throw TesseraError(.invalidKey, "an oct JWK's 'alg' must be HS256, HS384 or HS512, got '\(alg)'")
            }
            guard var secret = try bytes("k") else { throw TesseraError(.invalidKey, "an oct JWK needs 'k'") }
            defer { secret.withUnsafeMutableBytes { OpenSSL.cleanse($0) } }
            return .signing(try SigningKey(hmacSecret: secret, algorithm: algorithm, keyID: kid))
        case "OKP":
            guard try string("crv") == "Ed25519" else { throw TesseraError(.invalidKey, "an OKP JWK must have crv 'Ed25519'") }
            if let alg, Algorithm(joseName: alg) != .edDSA {
                throw TesseraError(.invalidKey, "an Ed25519 JWK's 'alg' must be EdDSA or Ed25519, got '\(alg)'")
            }
            guard let x = try bytes("x") else { throw TesseraError(.invalidKey, "an OKP JWK needs 'x'") }
            guard x.count == 32 else { throw TesseraError(.invalidKey, "an Ed25519 'x' is 32 bytes, got \(x.count)") }
            guard var d = try bytes("d") else {
                return .verification(try VerificationKey(ed25519PublicKey: x, keyID: kid))
            }
            defer { d.withUnsafeMutableBytes { OpenSSL.cleanse($0) } }
            let key = try Ed25519Key.privateKey(seed: d)
            guard key.publicBytes == x else { throw TesseraError(.invalidKey, "the JWK's 'x' does not match its private key 'd'") }
            return .signing(try SigningKey(ed25519: key, keyID: kid))
        case let other?:
            throw TesseraError(.invalidKey, "JWK kty '\(other)' is not supported; Tessera uses OKP (Ed25519) and oct (HMAC)")
        case nil:
            throw TesseraError(.invalidKey, "a JWK needs 'kty'")
        }
    }

    /// Serializes a key. `includePrivate` adds `d`/`k`; without it an HMAC key must not be
    /// exported at all (callers check ``VerificationKey/isPublic``).
    static func export(_ core: KeyCore, includePrivate: Bool) -> String {
        var writer = JSONWriter()
        write(core, includePrivate: includePrivate, into: &writer)
        return writer.text
    }

    static func write(_ core: KeyCore, includePrivate: Bool, into writer: inout JSONWriter) {
        writer.beginObject()
        switch core.material {
        case .ed25519(let key):
            writer.key("kty"); writer.string("OKP")
            writer.key("crv"); writer.string("Ed25519")
            writer.key("alg"); writer.string(core.algorithm.name)
            writer.key("kid"); writer.string(core.keyID)
            writer.key("use"); writer.string("sig")
            writer.key("x"); writer.string(Base64URL.encode(key.publicBytes))
            if includePrivate, let seed = try? key.privateSeed() {
                writer.key("d"); writer.string(Base64URL.encode(seed.array))
            }
        case .hmac(_, let secret):
            precondition(includePrivate, "an HMAC secret has no public form")
            writer.key("kty"); writer.string("oct")
            writer.key("alg"); writer.string(core.algorithm.name)
            writer.key("kid"); writer.string(core.keyID)
            writer.key("use"); writer.string("sig")
            writer.key("k"); writer.string(Base64URL.encode(secret.array))
        }
        writer.endObject()
    }
}
