public import HTTPTypes
import Hummingbird

/// Finds the access token in a request: the `Authorization: Bearer` header (RFC 6750 §2.1,
/// scheme matched case-insensitively) or, failing that, a session cookie.
///
/// The query string is never consulted (RFC 6750 §2.3 leaks tokens into logs and `Referer`).
public struct BearerTokenSource: Sendable {
    /// The cookies that may carry the token, tried in order after the header (empty: header only).
    public let cookieNames: [String]

    /// The first cookie that may carry the token, or nil to accept the header only.
    public var cookieName: String? { cookieNames.first }

    /// A source that reads the `Authorization` header, then the cookie `cookieName` if given.
    public init(cookieName: String? = nil) {
        self.init(cookieNames: cookieName.map { [$0] } ?? [])
    }

    /// A source that reads the `Authorization` header, then each of `cookieNames` in order
    /// (e.g. a gateway's own cookie and the session routes' `__Host-` access cookie).
    public init(cookieNames: [String]) {
        self.cookieNames = cookieNames
    }

    /// The token in `headers`, or nil when there is none. A non-Bearer `Authorization` header
    /// (such as `Basic`) is ignored; an empty Bearer credential counts as none.
    public func token(in headers: HTTPFields) -> Substring? {
        for value in headers[values: .authorization] {
            if let token = Self.bearerCredential(value) { return token }
        }
        guard !cookieNames.isEmpty else { return nil }
        let cookies = Cookies(from: headers[values: .cookie])
        for name in cookieNames {
            if let value = cookies[name]?.value, !value.isEmpty { return Substring(value) }
        }
        return nil
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
