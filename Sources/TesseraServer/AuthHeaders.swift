import HTTPTypes
import Hummingbird
import Tessera

/// The headers `/verify` answers a valid token with. A gateway copies them to the upstream
/// (nginx `auth_request_set`, Traefik `authResponseHeaders`), replacing any the client sent.
enum AuthHeaders {
    static let subject = HTTPField.Name("X-Auth-Subject")!
    static let scope = HTTPField.Name("X-Auth-Scope")!
    static let session = HTTPField.Name("X-Auth-Session")!
    static let expires = HTTPField.Name("X-Auth-Expires")!

    /// The response headers for `token`. Claims absent from the token are sent empty, so a
    /// gateway never falls back to a value the client supplied.
    static func fields(for token: VerifiedToken) -> HTTPFields {
        var fields = HTTPFields()
        fields.reserveCapacity(5)
        fields.append(HTTPField(name: subject, value: safe(token.subject)))
        fields.append(HTTPField(name: scope, value: safe(token.scope)))
        fields.append(HTTPField(name: session, value: safe(token.sessionID)))
        fields.append(HTTPField(name: expires, value: String(token.expiresAt)))
        fields.append(HTTPField(name: .cacheControl, value: "no-store"))
        return fields
    }

    /// The claim as a header value: printable ASCII kept, every other byte (and `%`)
    /// percent-encoded, so no claim can inject a header line.
    static func safe(_ value: String?) -> String {
        guard let value else { return "" }
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "%") }) { return value }
        var out = ""
        for byte in value.utf8 {
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "%") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += byte < 0x10 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return out
    }
}
