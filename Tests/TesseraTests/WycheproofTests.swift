import Testing
@testable import Tessera

/// Project Wycheproof vectors (C2SP/wycheproof `testvectors_v1`, copied verbatim under
/// `Vectors/`): every case of each file is checked against the OpenSSL-backed primitives.
@Suite struct WycheproofTests {
    /// Ed25519: every `valid` signature verifies and every `invalid` one does not (malleable S,
    /// bad point encodings, wrong lengths, truncations…).
    @Test func ed25519EveryCaseMatchesItsResult() throws {
        let file = try VectorFiles.load("ed25519_test.json", as: Wycheproof.File<Wycheproof.EdDSAGroup>.self)
        var valid = 0, invalid = 0
        for group in file.testGroups {
            let key = try Ed25519Key.publicKey(Hex.decode(group.publicKey.pk))
            for test in group.tests {
                let message = Hex.decode(test.msg), signature = Hex.decode(test.sig)
                let verified = signature.withUnsafeBytes { s in message.withUnsafeBytes { key.verify(s, over: $0) } }
                switch test.result {
                case "valid":
                    #expect(verified, "tcId \(test.tcId) (\(test.comment)) must verify")
                    valid += 1
                case "invalid":
                    #expect(!verified, "tcId \(test.tcId) (\(test.comment)) must not verify")
                    invalid += 1
                default:
                    Issue.record("tcId \(test.tcId): unexpected result \(test.result)")
                }
            }
        }
        #expect(valid + invalid == file.numberOfTests)
        #expect(valid == 88 && invalid == 63)
    }

    @Test(arguments: [
        ("hmac_sha256_test.json", HMACKey.Digest.sha256),
        ("hmac_sha384_test.json", HMACKey.Digest.sha384),
        ("hmac_sha512_test.json", HMACKey.Digest.sha512),
    ])
    func hmacEveryCaseMatchesItsResult(file name: String, digest: HMACKey.Digest) throws {
        let file = try VectorFiles.load(name, as: Wycheproof.File<Wycheproof.MACGroup>.self)
        var counts = HMACCounts()
        for group in file.testGroups {
            for test in group.tests {
                try check(test, tagBits: group.tagSize, digest: digest, counts: &counts)
            }
        }
        #expect(counts.total == file.numberOfTests)
        // Both sizes and both verdicts are really exercised.
        #expect(counts.fullValid > 0 && counts.fullInvalid > 0 && counts.truncatedValid > 0 && counts.truncatedInvalid > 0)
        #expect(counts.shortKeys > 0, "keys shorter than the hash go through the primitive too")
    }

    struct HMACCounts {
        var fullValid = 0, fullInvalid = 0, truncatedValid = 0, truncatedInvalid = 0, shortKeys = 0
        var total: Int { fullValid + fullInvalid + truncatedValid + truncatedInvalid }
    }

    /// Full-size tags must match or not per `result`. Truncated tags are refused by `verify`
    /// whatever their content (RFC 8725: no truncated MACs); for valid ones the full MAC's prefix
    /// must still equal the vector's tag, so the MAC computation itself is proven.
    private func check(_ test: Wycheproof.MACTest, tagBits: Int, digest: HMACKey.Digest, counts: inout HMACCounts) throws {
        let secret = Hex.decode(test.key), message = Hex.decode(test.msg), tag = Hex.decode(test.tag)
        let key = try secret.withUnsafeBytes { try HMACKey(digest: digest, secret: $0) }
        let accepted = tag.withUnsafeBytes { t in message.withUnsafeBytes { key.verify(t, over: $0) } }
        let full = try HandMade.hmac(digest, secret: secret, message: message)
        let label = "tcId \(test.tcId) (\(test.comment))"
        if secret.count < digest.outputSize { counts.shortKeys += 1 }
        if tagBits / 8 == digest.outputSize {
            #expect(accepted == (test.result == "valid"), "\(label)")
            #expect((full == tag) == (test.result == "valid"), "\(label)")
            if test.result == "valid" { counts.fullValid += 1 } else { counts.fullInvalid += 1 }
        } else {
            #expect(!accepted, "\(label): a truncated tag must be refused")
            if test.result == "valid" {
                #expect(Array(full.prefix(tag.count)) == tag, "\(label): the full MAC's prefix must equal the tag")
                counts.truncatedValid += 1
            } else {
                #expect(Array(full.prefix(tag.count)) != tag, "\(label)")
                counts.truncatedInvalid += 1
            }
        }
    }
}
