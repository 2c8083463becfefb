public import HTTPTypes
import Hummingbird

/// Finds the access token in a request: the `Authorization: Bearer` header (RFC 6750 §2.1,
/// scheme matched case-insensitively) or, failing that, a session cookie.
///
/// The query string is never consulted (RFC 6750 §2.3 leaks tokens into logs and `Referer`).
public struct BearerTokenSource: Sendable {
    /// The cookie that may carry the token, or nil to accept the header only.
    public let cookieName: String?

    /// A source that reads the `Authorization` header, then the cookie `cookieName` if given.
    public init(cookieName: String? = nil) {
        self.cookieName = cookieName
    }

    /// The token in `headers`, or nil when there is none. A non-Bearer `Authorization` header
    /// (such as `Basic`) is ignored; an empty Bearer credential counts as none.
    public func token(in headers: HTTPFields) -> Substring? {
        for value in headers[values: .authorization] {
            if let token = Self.bearerCredential(value) { return token }
        }
        guard let cookieName else { return nil }
        let cookies = Cookies(from: headers[values: .cookie])
        guard let value = cookies[cookieName]?.value, !value.isEmpty else { return nil }
        return Substring(value)
    }

    /// The credential of an `Authorization` value whose scheme is `Bearer` in any casing.
    static func bearerCredential(_ value: String) -> Substring? {
        let utf8 = value.utf8
        guard utf8.count > 7 else { return nil }
        let scheme = value.prefix(6)
        guard scheme.lowercased() == "bearer", value.dropFirst(6).first == " " else { return nil }
        let credential = value.dropFirst(7).drop { $0 == " " }
        let trimmed = credential.prefix { $0 != " " && $0 != "\t" }
        guard !trimmed.isEmpty, trimmed.count == credential.count else { return nil }
        return trimmed
    }
}
