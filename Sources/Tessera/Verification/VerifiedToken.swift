/// A token whose signature, claims and revocation status all checked out.
///
/// Claims are decoded from the verified payload on demand, so verifying costs no allocation per
/// claim; use ``claims`` for all of them at once.
public struct VerifiedToken: Sendable {
    /// The algorithm the token was verified with (the key's).
    public let algorithm: Algorithm
    /// The key id of the key that verified it.
    public let keyID: String
    /// The header's `typ`, if it had one.
    public let type: String?
    let payload: [UInt8]
    let fields: ClaimFields

    /// `exp`, seconds since the epoch.
    public var expiresAt: Int64 { fields.expiresAt ?? 0 }
    /// `nbf`.
    public var notBefore: Int64? { fields.notBefore }
    /// `iat`.
    public var issuedAt: Int64? { fields.issuedAt }
    /// `auth_time`.
    public var authTime: Int64? { fields.authTime }
    /// `ep`, the subject's revocation epoch at minting (0 when absent).
    public var epoch: Int64 { fields.epoch ?? 0 }
    /// `sub`.
    public var subject: String? { string(fields.subject) }
    /// `iss`.
    public var issuer: String? { string(fields.issuer) }
    /// `jti`.
    public var tokenID: String? { string(fields.tokenID) }
    /// `sid`.
    public var sessionID: String? { string(fields.sessionID) }
    /// `scope`, space-separated.
    public var scope: String? { string(fields.scope) }

    /// `aud`, as a list.
    public var audience: [String] {
        withPayload { reader in
            switch fields.audience {
            case .none: return []
            case .one(let ref): return [reader.decodeString(ref)]
            case .many(let range):
                var sub = JSONReader(UnsafeBufferPointer(rebasing: reader.bytes[range]))
                var result: [String] = []
                try? sub.readArray { (r) throws(TesseraError) in result.append(r.decodeString(try r.readString())) }
                return result
            }
        }
    }

    /// True when `scope` contains `wanted` as one of its space-separated entries.
    public func hasScope(_ wanted: String) -> Bool {
        guard let scope else { return false }
        return scope.split(separator: " ").contains { $0 == wanted }
    }

    /// All claims, decoded.
    public var claims: Claims {
        Claims(issuer: issuer, subject: subject, audience: audience, expiresAt: expiresAt, notBefore: notBefore,
               issuedAt: issuedAt, tokenID: tokenID, sessionID: sessionID, scope: scope, authTime: authTime,
               epoch: fields.epoch)
    }

    /// The verified payload exactly as signed (UTF-8 JSON, including claims Tessera does not model).
    public var payloadJSON: String { String(decoding: payload, as: UTF8.self) }

    func withPayload<R>(_ body: (JSONReader) -> R) -> R {
        payload.withUnsafeBufferPointer { body(JSONReader($0)) }
    }

    private func string(_ ref: JSONStringRef?) -> String? {
        guard let ref else { return nil }
        return withPayload { $0.decodeString(ref) }
    }
}
