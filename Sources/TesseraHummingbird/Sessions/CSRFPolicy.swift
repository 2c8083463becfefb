public import HTTPTypes
public import Tessera

/// Which browser requests may change session state with credentials taken from cookies.
///
/// A request authenticated by a cookie is accepted for `POST`/`DELETE` only when
/// - its `Origin` header is one of ``allowedOrigins`` (exact `scheme://host[:port]`), or
/// - its `Sec-Fetch-Site` header is `same-origin` (a header scripts cannot set; browsers send
///   it with every request since 2020–2023) and ``trustsFetchMetadata`` is on.
///
/// Anything else — a foreign or `null` `Origin`, `Sec-Fetch-Site: cross-site`/`same-site`
/// without an allowed `Origin`, or neither header — is refused with 403 `csrf_rejected`.
/// `SameSite=Strict` on the cookies is kept as defence in depth, not relied upon. Requests that
/// carry their credential themselves (`Authorization: Bearer`, a JSON-body refresh token) are
/// not subject to this check: a cross-site page cannot make a browser attach them.
public struct CSRFPolicy: Sendable, Hashable {
    /// The accepted origins, normalised (lowercase, no trailing `/`).
    public let allowedOrigins: Set<String>
    /// Whether `Sec-Fetch-Site: same-origin` suffices when no allowed `Origin` is sent.
    public let trustsFetchMetadata: Bool

    /// A policy. Each origin must be `http://` or `https://` with a host and optional port, no
    /// path, query or user; otherwise `invalid_configuration`.
    public init(allowedOrigins: [String], trustsFetchMetadata: Bool = true) throws(TesseraError) {
        var set: Set<String> = []
        for origin in allowedOrigins { set.insert(try Self.normalized(origin)) }
        self.allowedOrigins = set
        self.trustsFetchMetadata = trustsFetchMetadata
    }

    /// True when a cookie-authenticated state change with `headers` may proceed.
    public func allows(_ headers: HTTPFields) -> Bool {
        let origins = headers[values: .origin]
        if origins.count == 1, let origin = origins.first, allowedOrigins.contains(origin.lowercased()) { return true }
        guard trustsFetchMetadata else { return false }
        let site = headers[values: Self.secFetchSite]
        return site.count == 1 && site.first?.lowercased() == "same-origin"
    }

    /// `Sec-Fetch-Site`.
    public static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!

    /// `origin` in the form browsers send it, or `invalid_configuration`.
    static func normalized(_ origin: String) throws(TesseraError) -> String {
        var text = origin.lowercased()
        if text.hasSuffix("/") { text.removeLast() }
        let scheme: String
        if text.hasPrefix("https://") { scheme = "https://" } else if text.hasPrefix("http://") { scheme = "http://" } else {
            throw TesseraError(.invalidConfiguration, "an allowed origin must start with https:// or http://")
        }
        let authority = text.dropFirst(scheme.count)
        let allowed = authority.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || "-.:[]".utf8.contains(byte)
        }
        guard !authority.isEmpty, allowed, !authority.hasPrefix(":") else {
            throw TesseraError(.invalidConfiguration, "an allowed origin is scheme://host[:port], without path, query or user")
        }
        return text
    }
}
