// Fuzz target: the strict base64url decoder.
//
// Invariants: `isCanonical` agrees with `decode`; whatever decodes re-encodes to exactly the
// input (one accepted encoding per byte string); encoding any bytes gives a canonical string
// that decodes back to them.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let raw: [UInt8]? = Base64URL.decodedLength(size).flatMap { length in
        var out = [UInt8](repeating: 0, count: length)
        return out.withUnsafeMutableBytes { Base64URL.decode(input, into: $0) }.map { Array(out[0..<$0]) }
    }
    invariant(Base64URL.isCanonical(input) == (raw != nil), "isCanonical disagrees with decode")
    if let raw {
        invariant(Base64URL.encode(raw).utf8.elementsEqual(input), "decode → encode is not the identity")
        invariant(raw.count == Base64URL.decodedLength(size), "decoded length is not decodedLength")
    }
    // The String decoder (invalid UTF-8 becomes U+FFFD, never in the alphabet) must agree.
    invariant(Base64URL.decode(String(decoding: input, as: UTF8.self)) == raw, "String and buffer decoders disagree")
    let encoded = Base64URL.encode(Array(input))
    invariant(encoded.utf8.count == Base64URL.encodedLength(size), "encodedLength is wrong")
    invariant(Base64URL.decode(encoded) == Array(input), "encode → decode is not the identity")
    var copy = Array(encoded.utf8)
    invariant(copy.withUnsafeMutableBufferPointer { Base64URL.isCanonical(UnsafeBufferPointer($0)) }, "an encoding is not canonical")
    return 0
}
