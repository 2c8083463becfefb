import Testing
@testable import Tessera

/// RFC 4231 §4 test cases 1–7 for HMAC-SHA-256/384/512, typed in from the RFC (hex as laid out
/// there). Case 5 publishes only the first 128 bits: the full MAC's prefix is checked, and
/// `verify` refuses the truncated tag.
@Suite struct RFC4231Tests {
    struct Case: Sendable, CustomStringConvertible {
        let number: Int
        let key: String
        let data: String
        let sha256: String
        let sha384: String
        let sha512: String
        var truncated: Bool { number == 5 }
        var description: String { "Test Case \(number)" }
    }

    static let aa131 = String(repeating: "aa", count: 131)

    static let cases: [Case] = [
        Case(number: 1,
             key: "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b 0b0b0b0b",
             data: "4869205468657265",
             sha256: "b0344c61d8db38535ca8afceaf0bf12b 881dc200c9833da726e9376c2e32cff7",
             sha384: "afd03944d84895626b0825f4ab46907f 15f9dadbe4101ec682aa034c7cebc59c faea9ea9076ede7f4af152e8b2fa9cb6",
             sha512: "87aa7cdea5ef619d4ff0b4241a1d6cb0 2379f4e2ce4ec2787ad0b30545e17cde daa833b7d6b8a702038b274eaea3f4e4 be9d914eeb61f1702e696c203a126854"),
        Case(number: 2,
             key: "4a656665",
             data: "7768617420646f2079612077616e7420 666f72206e6f7468696e673f",
             sha256: "5bdcc146bf60754e6a042426089575c7 5a003f089d2739839dec58b964ec3843",
             sha384: "af45d2e376484031617f78d2b58a6b1b 9c7ef464f5a01b47e42ec3736322445e 8e2240ca5e69e2c78b3239ecfab21649",
             sha512: "164b7a7bfcf819e2e395fbe73b56e0a3 87bd64222e831fd610270cd7ea250554 9758bf75c05a994a6d034f65f8f0e6fd caeab1a34d4a6b4b636e070a38bce737"),
        Case(number: 3,
             key: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa aaaaaaaa",
             data: "dddddddddddddddddddddddddddddddd dddddddddddddddddddddddddddddddd dddddddddddddddddddddddddddddddd dddd",
             sha256: "773ea91e36800e46854db8ebd09181a7 2959098b3ef8c122d9635514ced565fe",
             sha384: "88062608d3e6ad8a0aa2ace014c8a86f 0aa635d947ac9febe83ef4e55966144b 2a5ab39dc13814b94e3ab6e101a34f27",
             sha512: "fa73b0089d56a284efb0f0756c890be9 b1b5dbdd8ee81a3655f83e33b2279d39 bf3e848279a722c806b485a47e67c807 b946a337bee8942674278859e13292fb"),
        Case(number: 4,
             key: "0102030405060708090a0b0c0d0e0f10 111213141516171819",
             data: "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd cdcd",
             sha256: "82558a389a443c0ea4cc819899f2083a 85f0faa3e578f8077a2e3ff46729665b",
             sha384: "3e8a69b7783c25851933ab6290af6ca7 7a9981480850009cc5577c6e1f573b4e 6801dd23c4a7d679ccf8a386c674cffb",
             sha512: "b0ba465637458c6990e5a8c5f61d4af7 e576d97ff94b872de76f8050361ee3db a91ca5c11aa25eb4d679275cc5788063 a5f19741120c4f2de2adebeb10a298dd"),
        Case(number: 5,
             key: "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c 0c0c0c0c",
             data: "546573742057697468205472756e6361 74696f6e",
             sha256: "a3b6167473100ee06e0c796c2955552b",
             sha384: "3abf34c3503b2a23a46efc619baef897",
             sha512: "415fad6271580a531d4179bc891d87a6"),
        Case(number: 6,
             key: aa131,
             data: "54657374205573696e67204c61726765 72205468616e20426c6f636b2d53697a 65204b6579202d2048617368204b6579 204669727374",
             sha256: "60e431591ee0b67f0d8a26aacbf5b77f 8e0bc6213728c5140546040f0ee37f54",
             sha384: "4ece084485813e9088d2c63a041bc5b4 4f9ef1012a2b588f3cd11f05033ac4c6 0c2ef6ab4030fe8296248df163f44952",
             sha512: "80b24263c7c1a3ebb71493c1dd7be8b4 9b46d1f41b4aeec1121b013783f8f352 6b56d037e05f2598bd0fd2215d6a1e52 95e64f73f63f0aec8b915a985d786598"),
        Case(number: 7,
             key: aa131,
             data: """
                 54686973206973206120746573742075 73696e672061206c6172676572207468 616e20626c6f636b2d73697a65206b65
                 7920616e642061206c61726765722074 68616e20626c6f636b2d73697a652064 6174612e20546865206b6579206e6565
                 647320746f2062652068617368656420 6265666f7265206265696e6720757365 642062792074686520484d414320616c
                 676f726974686d2e
                 """,
             sha256: "9b09ffa71b942fcb27635fbcd5b0e944 bfdc63644f0713938a7f51535c3a35e2",
             sha384: "6617178e941f020d351e2f254e8fd32c 602420feb0b8fb9adccebb82461e99c5 a678cc31e799176d3860e6110c46523e",
             sha512: "e37b6a775dc87dbaa4dfa9f96e5e3ffd debd71f8867289865df5a32d20cdc944 b6022cac3c4982b10d5eeb55c3e4de15 134676fb6de0446065c97440fa8c6a58"),
    ]

    @Test(arguments: cases)
    func macMatchesTheRFC(_ vector: Case) throws {
        let secret = Hex.decode(vector.key), data = Hex.decode(vector.data)
        for (digest, expected) in [(HMACKey.Digest.sha256, vector.sha256), (.sha384, vector.sha384), (.sha512, vector.sha512)] {
            let tag = Hex.decode(expected)
            let mac = try HandMade.hmac(digest, secret: secret, message: data)
            let key = try secret.withUnsafeBytes { try HMACKey(digest: digest, secret: $0) }
            let accepted = tag.withUnsafeBytes { t in data.withUnsafeBytes { key.verify(t, over: $0) } }
            if vector.truncated {
                #expect(tag.count == 16)
                #expect(Array(mac.prefix(16)) == tag, "\(vector) \(digest): prefix of the full MAC")
                #expect(!accepted, "\(vector) \(digest): a truncated tag is refused")
                let whole = mac.withUnsafeBytes { t in data.withUnsafeBytes { key.verify(t, over: $0) } }
                #expect(whole, "\(vector) \(digest): the whole tag verifies")
            } else {
                #expect(mac == tag, "\(vector) \(digest)")
                #expect(accepted, "\(vector) \(digest)")
            }
        }
    }

    /// The same vectors through the public key type where the secret is long enough: the
    /// precomputed keyed states must give the same MAC as the RFC.
    @Test func signingKeyMatchesTheRFCWhereTheSecretIsLongEnough() throws {
        let vector = Self.cases[5]  // 131-byte key: valid for every HS algorithm
        let data = Hex.decode(vector.data)
        for (algorithm, expected) in [(Algorithm.hs256, vector.sha256), (.hs384, vector.sha384), (.hs512, vector.sha512)] {
            let key = try SigningKey(hmacSecret: Hex.decode(vector.key), algorithm: algorithm)
            var tag = [UInt8](repeating: 0, count: algorithm.signatureLength)
            try data.withUnsafeBytes { d in try tag.withUnsafeMutableBytes { try key.core.sign(d, into: $0) } }
            #expect(tag == Hex.decode(expected), "\(algorithm)")
        }
    }
}
