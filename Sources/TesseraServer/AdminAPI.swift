import Hummingbird
import Logging
import Tessera
import TesseraHummingbird

/// The admin API, mounted under `/admin` only when `--admin-key` is given.
///
/// Every call needs `Authorization: Bearer` with a token verified by the admin key (under the
/// same issuer/audience rules as `/verify`, and subject to revocation) whose scope includes
/// ``scope``. Writes go to the revocation store and are published to this server at once;
/// other servers pick them up at their next poll.
struct AdminAPI: Sendable {
    /// The scope an admin token must hold.
    static let scope = "tessera:admin"

    /// Verifies admin tokens.
    let adminVerifier: Verifier
    /// Verifies the tokens submitted for revocation: the service's keys, revocation not consulted.
    let tokenVerifier: Verifier
    /// The store written to.
    let feed: RevocationFeed
    /// Starts, lists and ends sessions (`/admin/sessions…`), when `--signing-key` is given.
    var sessions: SessionManager? = nil
    /// The audience and issuer of sessions started without their own.
    var sessionDefaults = SessionRequest(subject: "")
    /// Audit log: who did what (ids only, never a token).
    let logger: Logger

    func addRoutes(to router: Router<BasicTesseraRequestContext>) {
        let group = router.group("admin")
            .add(middleware: TesseraAuthenticator(verifier: adminVerifier))
            .add(middleware: RequireScope(Self.scope))
        group.post("revoke/token") { request, context in
            let body = try await request.decode(as: RevokeTokenRequest.self, context: context)
            let (jti, exp) = try target(of: body)
            let until = exp + RevocationRetention.leeway
            try await write(context) { try await feed.store.revokeToken(id: jti, until: until) }
            audit(context, "revoke token", ["jti": .string(jti)])
            return AdminResult(revoked: "token", jti: jti, until: until, version: feed.currentVersion)
        }
        group.post("revoke/session") { request, context in
            let body = try await request.decode(as: RevokeSessionRequest.self, context: context)
            try await write(context) { try await feed.store.revokeSession(id: body.sid, until: body.until) }
            audit(context, "revoke session", ["sid": .string(body.sid)])
            return AdminResult(revoked: "session", sid: body.sid, until: body.until, version: feed.currentVersion)
        }
        group.post("logout-all") { request, context in
            let body = try await request.decode(as: LogoutAllRequest.self, context: context)
            let epoch = try await write(context) { try await feed.store.bumpEpoch(subject: body.sub) }
            audit(context, "logout-all", ["sub": .string(body.sub), "epoch": .stringConvertible(epoch)])
            return AdminResult(revoked: "subject", sub: body.sub, epoch: epoch, version: feed.currentVersion)
        }
        if let sessions { addSessionRoutes(to: group, sessions: sessions) }
    }

    /// The `jti` and `exp` to revoke: from the submitted token once it verifies, or as given.
    private func target(of body: RevokeTokenRequest) throws -> (String, Int64) {
        if let token = body.token {
            let verified: VerifiedToken
            do throws(TesseraError) { verified = try tokenVerifier.verify(token) } catch {
                throw HTTPError(.badRequest, message: "the token does not verify (\(error.code.rawValue)); nothing to revoke")
            }
            guard let jti = verified.tokenID else { throw HTTPError(.badRequest, message: "the token has no 'jti'; revoke its session instead") }
            return (jti, verified.expiresAt)
        }
        guard let jti = body.jti, let exp = body.exp else {
            throw HTTPError(.badRequest, message: "send either {\"token\": …} or {\"jti\": …, \"exp\": …}")
        }
        return (jti, exp)
    }

    /// Runs a store write, then publishes it here; store errors become 503, bad ids 400.
    func write<T: Sendable>(_ context: BasicTesseraRequestContext,
                                    _ body: @Sendable () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            await feed.refresh()
            return result
        } catch let error as TesseraError {
            guard error.code == .storeUnavailable else { throw HTTPError(.badRequest, message: error.description) }
            context.logger.error("admin write failed", metadata: ["code": .string(error.code.rawValue)])
            throw HTTPError(.serviceUnavailable, message: error.description)
        }
    }

    func audit(_ context: BasicTesseraRequestContext, _ action: String, _ metadata: Logger.Metadata) {
        var metadata = metadata
        metadata["admin"] = .string(context.token?.subject ?? "")
        logger.notice("admin: \(action)", metadata: metadata)
    }
}

extension AdminResult: ResponseEncodable {}

