import Testing
@testable import Tessera

/// Strict base64url (RFC 4648 §5, no padding): exactly one accepted spelling per byte string.
@Suite struct Base64URLTests {
    @Test func rfc4648VectorsRoundTrip() {
        // RFC 4648 §10 vectors, unpadded.
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func everyByteValueRoundTrips() {
        for length in 0...66 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) }
            let encoded = Base64URL.encode(bytes)
            #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
            #expect(encoded.count == Base64URL.encodedLength(length))
            #expect(Base64URL.decode(encoded) == bytes)
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test func nonCanonicalInputIsRefused() {
        for bad in ["Zg==", "Zg=", "Zm9v+", "Zm9/", "+/+/", "Z", "Zm9vY", "Zh", "Zm9", "Zm+", "Zm 9v", "Zm9v\n", "Zm9vé"] {
            #expect(Base64URL.decode(bad) == nil, "\(bad.debugDescription)")
        }
        // Unused low bits must be zero: "Zg" is 'f', "Zh".."Zv" would decode to 'f' leniently.
        for last in "hijklmnopqrstuv" { #expect(Base64URL.decode("Z\(last)") == nil) }
        #expect(Base64URL.decode("Zm8") != nil && Base64URL.decode("Zm9") == nil)
    }

    @Test func canonicalCheckAgreesWithTheDecoder() {
        let samples = ["", "Zg", "Zh", "Zm8", "Zm9", "Zm9v", "Z", "Zg=", "-_8", "-_9", "a+b/"]
        for sample in samples {
            let canonical = Array(sample.utf8).withUnsafeBufferPointer { Base64URL.isCanonical($0) }
            #expect(canonical == (Base64URL.decode(sample) != nil), "\(sample)")
        }
    }
}
