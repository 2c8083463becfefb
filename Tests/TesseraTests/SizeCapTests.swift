import Testing
@testable import Tessera

/// `too_large`: tokens over the cap (8 KiB by default, configurable within 256 B–64 KiB) are
/// refused before any parsing.
@Suite struct SizeCapTests {
    @Test func tokensOverTheDefaultCapAreTooLarge() throws {
        let key = try SigningKey.generate(.hs256, keyID: "k")
        let verifier = try Fixture.verifier([key.verificationKey])
        #expect(verifier.maxTokenSize == 8192)
        // A correctly signed token just over the cap, and one exactly at it.
        func token(length: Int) throws -> String {
            let base = try HandMade.token(claims: #"{"sub":"alice","exp":1700000600,"x":""}"#, key: key)
            let padding = String(repeating: "a", count: (length - base.count) * 3 / 4 + 3)
            var candidate = try HandMade.token(claims: #"{"sub":"alice","exp":1700000600,"x":"\#(padding)"}"#, key: key)
            var trimmed = padding
            while candidate.count > length {
                trimmed.removeLast()
                candidate = try HandMade.token(claims: #"{"sub":"alice","exp":1700000600,"x":"\#(trimmed)"}"#, key: key)
            }
            return candidate
        }
        let atCap = try token(length: 8192)
        #expect(atCap.count <= 8192 && atCap.count > 8185)
        #expect(rejection(verifier, atCap) == nil)
        let over = try token(length: 8300)
        #expect(over.count > 8192)
        #expect(rejection(verifier, over) == .tooLarge)
        // Garbage over the cap is too_large, not malformed: size is the first step.
        #expect(rejection(verifier, String(repeating: "x", count: 8193)) == .tooLarge)
    }

    @Test func theCapIsConfigurable() throws {
        let key = try SigningKey.generate(.edDSA, keyID: "k")
        let token = try HandMade.token(claims: #"{"sub":"alice","exp":1700000600,"scope":"\#(String(repeating: "s", count: 300))"}"#, key: key)
        #expect(token.count > 256 && token.count < 8192)
        #expect(rejection(try Fixture.verifier([key.verificationKey], maxTokenSize: 256), token) == .tooLarge)
        #expect(rejection(try Fixture.verifier([key.verificationKey], maxTokenSize: token.count), token) == nil)
        #expect(rejection(try Fixture.verifier([key.verificationKey], maxTokenSize: token.count - 1), token) == .tooLarge)
    }

    @Test func capsOutsideTheRangeAreRefused() throws {
        let keys = KeySet(try SigningKey.generate(.hs256).verificationKey)
        #expect(errorCode { try Verifier(keys: keys, maxTokenSize: 255) } == .invalidConfiguration)
        #expect(errorCode { try Verifier(keys: keys, maxTokenSize: 65_537) } == .invalidConfiguration)
        #expect(errorCode { try Verifier(keys: keys, maxTokenSize: 65_536) } == nil)
    }
}
