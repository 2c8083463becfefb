import Foundation
import Tessera

/// The JSON `tessera verify` prints for a valid token: `{"header":{…},"claims":{…}}`.
enum VerifiedJSON {
    /// The header facts the verifier established.
    private struct Header: Encodable {
        let alg: String
        /// The id of the key that verified the token.
        let kid: String
        let typ: String?
    }

    /// One line of compact JSON; `claims` is the verified payload exactly as signed.
    static func render(_ token: VerifiedToken) -> String {
        let header = Header(alg: token.algorithm.name, kid: token.keyID, typ: token.type)
        return #"{"header":"# + encode(header) + #","claims":"# + token.payloadJSON + "}"
    }

    /// Compact, sorted JSON for a small value (`/` left unescaped).
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings into JSON cannot fail.
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
