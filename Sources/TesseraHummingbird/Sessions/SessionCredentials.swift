import Foundation
import Hummingbird

/// Where a session route found its credential: the distinction that decides whether the
/// request is CSRF-able (a browser attaches cookies on its own; it never invents an
/// `Authorization` header or a JSON body holding a refresh token for a cross-site page).
enum CredentialSource: Sendable {
    /// `Authorization: Bearer` or a JSON body: carried by the client itself.
    case explicit
    /// A cookie: subject to the ``CSRFPolicy``.
    case cookie
}

/// Reading session credentials out of a request; never logs or echoes them.
enum SessionCredentials {
    /// The largest JSON body a refresh or logout reads (a refresh token is 68 bytes).
    static let maxBodySize = 4096

    /// The `Authorization: Bearer` token, else the access cookie's value.
    static func accessToken(in headers: HTTPFields, cookie: String) -> (token: String, source: CredentialSource)? {
        if let bearer = BearerTokenSource().token(in: headers) { return (String(bearer), .explicit) }
        guard let value = self.cookie(cookie, in: headers) else { return nil }
        return (value, .cookie)
    }

    /// The value of cookie `name`, or nil when absent or empty.
    static func cookie(_ name: String, in headers: HTTPFields) -> String? {
        guard let value = Cookies(from: headers[values: .cookie])[name]?.value, !value.isEmpty else { return nil }
        return value
    }

    /// `{"refresh_token": "…"}` from a JSON body, or nil when the request has no JSON body.
    /// A JSON body that is too large, not an object or without a string `refresh_token` is
    /// `malformed` (the detail never repeats the body).
    static func refreshTokenInBody(_ request: inout Request) async throws(SessionRouteError) -> String? {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/json") else { return nil }
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: maxBodySize) } catch {
            throw SessionRouteError.failed(.init(.malformed, "the request body is larger than \(maxBodySize) bytes"))
        }
        if buffer.readableBytes == 0 { return nil }
        struct Body: Decodable { var refresh_token: String }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView)) else {
            throw SessionRouteError.failed(.init(.malformed, "the body must be {\"refresh_token\": \"…\"}"))
        }
        return body.refresh_token
    }
}
