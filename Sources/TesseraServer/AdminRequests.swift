/// `POST /admin/revoke/token`: either `token` (its `jti` and `exp` are read after verifying it)
/// or `jti` with `exp` (the token's expiry, seconds since the epoch).
struct RevokeTokenRequest: Decodable {
    var token: String?
    var jti: String?
    var exp: Int64?
}

/// `POST /admin/revoke/session`: session id `sid`, denied until `until` (seconds since the epoch).
struct RevokeSessionRequest: Decodable {
    var sid: String
    var until: Int64
}

/// `POST /admin/logout-all`: bump subject `sub`'s epoch.
struct LogoutAllRequest: Decodable {
    var sub: String
}

/// The answer to every admin write: what was done and the store version afterwards.
struct AdminResult: Encodable {
    var revoked: String
    var jti: String?
    var sid: String?
    var sub: String?
    var until: Int64?
    var epoch: Int64?
    var version: Int64
}

/// `POST /admin/sessions`: start a session for `sub` (after the login service checked the
/// password). `scope` is space-separated; `aud` defaults to the server's `--aud`.
struct StartSessionRequest: Decodable {
    var sub: String
    var scope: String?
    var aud: [String]?
    var client: String?
}

/// `POST /admin/sessions/revoke`: end every session of `sub` except `except`.
struct EndSessionsRequest: Decodable {
    var sub: String
    var except: String?
}

/// The answer to `POST /admin/sessions/revoke`: the ids ended and the store version afterwards.
struct EndedSessions: Encodable {
    var ended: [String]
    var version: Int64
}
