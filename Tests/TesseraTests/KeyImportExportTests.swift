import Testing
@testable import Tessera

/// JWK import and export (RFC 7517, RFC 8037 `OKP`/`Ed25519`, `oct`), RFC 7638 thumbprints as
/// default key ids, and the rules that keep keys strong and public exports public.
@Suite struct KeyImportExportTests {
    /// RFC 8037 Appendix A.1/A.2 key; its RFC 7638 thumbprint is given in A.3.
    static let rfc8037Private = #"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
    static let rfc8037Public = #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
    static let rfc8037Thumbprint = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"

    private func parse(_ json: String) throws(TesseraError) -> JWK.Parsed { try JWK.parse(Array(json.utf8)) }

    @Test func defaultKidIsTheRFC7638Thumbprint() throws {
        guard case .verification(let publicKey) = try parse(Self.rfc8037Public) else { Issue.record("expected a public key"); return }
        #expect(publicKey.keyID == Self.rfc8037Thumbprint)
        guard case .signing(let privateKey) = try parse(Self.rfc8037Private) else { Issue.record("expected a private key"); return }
        #expect(privateKey.keyID == Self.rfc8037Thumbprint)
        #expect(Thumbprint.okp(x: Base64URL.decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")!) == Self.rfc8037Thumbprint)
        // An explicit kid wins.
        guard case .verification(let named) = try parse(#"{"kty":"OKP","crv":"Ed25519","kid":"main","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)
        else { Issue.record("expected a public key"); return }
        #expect(named.keyID == "main")
    }

    @Test func generatedKeysUseThumbprintKids() throws {
        let ed = try SigningKey.generate(.edDSA)
        guard case .ed25519(let raw) = ed.core.material else { Issue.record("not Ed25519"); return }
        #expect(ed.keyID == Thumbprint.okp(x: raw.publicBytes))
        let hs = try SigningKey.generate(.hs256)
        #expect(hs.keyID.count == 43)  // base64url SHA-256
        #expect(try SigningKey.generate(.hs256, keyID: "mine").keyID == "mine")
    }

    @Test(arguments: Algorithm.allCases)
    func privateJWKRoundTrips(algorithm: Algorithm) throws {
        let key = try SigningKey.generate(algorithm, keyID: "k-\(algorithm)")
        guard case .signing(let back) = try parse(key.privateJWK) else { Issue.record("expected a private key"); return }
        #expect(back.algorithm == algorithm && back.keyID == key.keyID)
        #expect(back.privateJWK == key.privateJWK)
        // The re-imported key signs tokens the original key verifies, and vice versa.
        let claims = Fixture.claims
        #expect(rejection(try Fixture.verifier([key.verificationKey]), try HandMade.token(claims: claims, key: back)) == nil)
        #expect(rejection(try Fixture.verifier([back.verificationKey]), try HandMade.token(claims: claims, key: key)) == nil)
    }

    @Test func publicJWKRoundTripsAndVerifies() throws {
        let key = try SigningKey.generate(.edDSA, keyID: "ed-1")
        let json = try #require(key.verificationKey.publicJWK)
        #expect(!json.contains("\"d\""))
        guard case .verification(let back) = try parse(json) else { Issue.record("expected a public key"); return }
        #expect(back.keyID == "ed-1" && back.algorithm == .edDSA && back.publicJWK == json)
        #expect(rejection(try Fixture.verifier([back]), try HandMade.token(claims: Fixture.claims, key: key)) == nil)
        // A public key cannot sign.
        #expect(errorCode { try TokenSigner.sign(Claims(subject: "a", expiresAt: 1), with: back.core) } == .invalidKey)
    }

    @Test func publicExportsNeverContainSecrets() throws {
        let ed = try SigningKey.generate(.edDSA, keyID: "ed-1")
        let hs = try SigningKey.generate(.hs256, keyID: "hs-1")
        #expect(hs.verificationKey.publicJWK == nil)
        #expect(!hs.verificationKey.isPublic)
        #expect(errorCode { try hs.verificationKey.publicPEM() } == .invalidKey)
        let jwks = try KeySet([ed.verificationKey, hs.verificationKey]).publicJWKS
        let parsed = try JSONValue.parse(Array(jwks.utf8))
        guard case .array(let keys)? = parsed["keys"] else { Issue.record("no keys array"); return }
        #expect(keys.count == 1)
        for member in ["d", "k", "p", "q", "dp", "dq", "qi"] {
            #expect(keys.allSatisfy { $0[member] == nil }, "public JWKS has '\(member)'")
            #expect(ed.verificationKey.publicJWK.map { (try? JSONValue.parse(Array($0.utf8)))?[member] == nil } == true)
        }
        let secret = try #require(JSONValue.parse(Array(hs.privateJWK.utf8))["k"]?.stringValue)
        #expect(!jwks.contains(secret))
        let seed = try #require(JSONValue.parse(Array(ed.privateJWK.utf8))["d"]?.stringValue)
        #expect(!jwks.contains(seed))
    }

    @Test func shortHMACSecretsAreRefused() throws {
        for algorithm in [Algorithm.hs256, .hs384, .hs512] {
            let n = algorithm.minimumKeyLength
            let error = thrownError { try SigningKey(hmacSecret: [UInt8](repeating: 7, count: n - 1), algorithm: algorithm) }
            #expect(error?.code == .invalidKey)
            #expect(error?.detail.contains("at least \(n) bytes") == true, "the error names the fix")
            #expect(errorCode { try SigningKey(hmacSecret: [UInt8](repeating: 7, count: n), algorithm: algorithm) } == nil)
            let jwk = #"{"kty":"oct","alg":"\#(algorithm)","k":"\#(Base64URL.encode([UInt8](repeating: 7, count: n - 1)))"}"#
            #expect(errorCode { try parse(jwk) } == .invalidKey)
        }
        #expect(errorCode { try SigningKey(hmacSecret: [], algorithm: .hs256) } == .invalidKey)
        #expect(errorCode { try SigningKey(hmacSecret: [UInt8](repeating: 1, count: 64), algorithm: .edDSA) } == .invalidKey)
    }

    @Test func malformedJWKsAreRefused() {
        let x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
        let k = Base64URL.encode([UInt8](repeating: 9, count: 32))
        let otherD = Base64URL.encode([UInt8](repeating: 1, count: 32))
        let bad = [
            #"{"kty":"oct","k":"\#(k)"}"#,                                   // oct without alg: not bound to one algorithm
            #"{"kty":"oct","alg":"EdDSA","k":"\#(k)"}"#,
            #"{"kty":"oct","alg":"HS256"}"#,
            #"{"kty":"oct","alg":"HS256","k":"\#(k)=="}"#,                    // padded
            #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode([UInt8](repeating: 1, count: 31)))"}"#,  // 31-byte x
            #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode([UInt8](repeating: 1, count: 33)))"}"#,
            #"{"kty":"OKP","crv":"Ed25519","x":"\#(x)","d":"\#(otherD)"}"#,   // d does not match x
            #"{"kty":"OKP","crv":"Ed25519","x":"\#(x)","d":"\#(Base64URL.encode([UInt8](repeating: 1, count: 31)))"}"#,
            #"{"kty":"OKP","crv":"X25519","x":"\#(x)"}"#,
            #"{"kty":"OKP","crv":"Ed25519","alg":"HS256","x":"\#(x)"}"#,
            #"{"kty":"OKP","crv":"Ed25519","use":"enc","x":"\#(x)"}"#,
            #"{"kty":"OKP","crv":"Ed25519","kid":"","x":"\#(x)"}"#,
            #"{"kty":"OKP","crv":"Ed25519"}"#,
            #"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#,
            #"{"crv":"Ed25519","x":"\#(x)"}"#,
            #"{"kty":"OKP","crv":"Ed25519","x":"\#(x)","x":"\#(x)"}"#,       // duplicate member
            #"["kty"]"#, "", "not json",
        ]
        for jwk in bad {
            #expect(errorCode { try parse(jwk) } == .invalidKey, "\(jwk)")
        }
    }

    @Test func pemExportReimports() throws {
        let key = try SigningKey.generate(.edDSA)
        let privatePEM = try key.privatePEM()
        let publicPEM = try key.verificationKey.publicPEM()
        #expect(privatePEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try SigningKey(pem: privatePEM).privateJWK == key.privateJWK)
        #expect(try VerificationKey(pem: publicPEM).publicJWK == key.verificationKey.publicJWK)
        #expect(errorCode { try SigningKey(pem: publicPEM) } == .invalidKey)  // a public key cannot sign
        #expect(errorCode { try SigningKey.generate(.hs256).privatePEM() } == .invalidKey)
        #expect(errorCode { try SigningKey(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n") } == .invalidKey)
        #expect(errorCode { try SigningKey(pem: "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n") } == .invalidKey)
    }
}
