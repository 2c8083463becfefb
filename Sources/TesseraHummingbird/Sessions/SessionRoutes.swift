public import Hummingbird
public import Tessera

/// The login-session routes an application mounts (default prefix `/session`):
///
/// | route | credential | answer |
/// |---|---|---|
/// | `POST /session/refresh` | refresh cookie, or JSON `{"refresh_token":"…"}` | 200 ``SessionGrant/json``, both cookies re-set |
/// | `POST /session/logout` | Bearer, access cookie, refresh cookie or JSON body | 204, cookies cleared (idempotent) |
/// | `GET /session/sessions` | Bearer or access cookie | 200 ``SessionRecord/jsonArray(_:current:)`` of the caller's live sessions |
/// | `DELETE /session/sessions/{id}` | Bearer or access cookie | 204; 404 `session_not_found` unless it is the caller's live session |
/// | `POST /session/sessions/end-others` | Bearer or access cookie | 200 `{"ended":N}`: every other session of the caller ends |
///
/// A `POST`/`DELETE` whose credential came from a cookie must pass the ``CSRFPolicy`` (403
/// `csrf_rejected` otherwise). Errors are ``SessionRouteError``s. Log lines carry codes and
/// session ids, never a token.
///
/// ```swift
/// let routes = try SessionRoutes<BasicTesseraRequestContext>(
///     manager: sessions, verifier: verifier, csrf: CSRFPolicy(allowedOrigins: ["https://app.example"]))
/// routes.addRoutes(to: router)
/// ```
public struct SessionRoutes<Context: TesseraRequestContext>: Sendable {
    /// Refreshes, lists and ends sessions.
    public let manager: SessionManager
    /// Verifies access tokens (give it the store's ``RevocationList`` so ended sessions fail).
    public let verifier: Verifier
    /// The cookie policies.
    public let cookies: SessionCookies
    /// Which cookie-authenticated state changes are accepted.
    public let csrf: CSRFPolicy
    /// The path the routes are mounted under (also the refresh cookie's default `Path`).
    public let prefix: String
    /// The `realm` of challenges, if any.
    public let realm: String?
    /// Called after every write that ends a session (so a server can publish the revocation
    /// to its own verifier at once, as `tessera serve` does).
    public let afterWrite: @Sendable () async -> Void

    /// Routes under `prefix` with `cookies` (default: ``SessionCookies/init(refreshPath:)`` for
    /// `prefix`). A prefix must start with `/`.
    public init(
        manager: SessionManager, verifier: Verifier, cookies: SessionCookies? = nil, csrf: CSRFPolicy,
        prefix: String = SessionRoutesPath.defaultPrefix, realm: String? = nil,
        afterWrite: @escaping @Sendable () async -> Void = {}
    ) throws(TesseraError) {
        guard prefix.hasPrefix("/"), prefix.count > 1, !prefix.hasSuffix("/") else {
            throw TesseraError(.invalidConfiguration, "the session routes' prefix must look like /session")
        }
        self.manager = manager
        self.verifier = verifier
        if let cookies { self.cookies = cookies } else { self.cookies = try SessionCookies(refreshPath: prefix) }
        self.csrf = csrf
        self.prefix = prefix
        self.realm = realm
        self.afterWrite = afterWrite
    }

    /// Mounts the routes under ``prefix`` of `router`.
    public func addRoutes(to router: some RouterMethods<Context>) {
        let group = router.group(RouterPath(prefix))
        group.post("refresh") { request, context in try await refresh(request, context) }
        group.post("logout") { request, context in try await logout(request, context) }
        group.get("sessions") { request, context in try await list(request, context) }
        group.post("sessions/end-others") { request, context in try await endOthers(request, context) }
        group.delete("sessions/:id") { request, context in
            try await end(context.parameters.get("id") ?? "", request, context)
        }
    }

    /// The 200 answer for `grant`: ``SessionGrant/json`` (`no-store`) with both cookies set.
    /// A login handler that has just called ``SessionManager/start(_:)`` can answer with it.
    public func response(for grant: SessionGrant) -> Response {
        var response = Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: grant.json)))
        for cookie in cookies.setting(grant, now: manager.clock.now()) { response.setCookie(cookie) }
        return response
    }

    // MARK: Handlers

    func refresh(_ request: Request, _ context: Context) async throws -> Response {
        var request = request
        let presented: String
        if let token = try await SessionCredentials.refreshTokenInBody(&request) {
            presented = token
        } else if let token = SessionCredentials.cookie(cookies.refresh.name, in: request.headers) {
            try checkCSRF(request.headers, context)
            presented = token
        } else {
            throw SessionRouteError.failed(TesseraError(.malformed, "no refresh token: send the refresh cookie or {\"refresh_token\": …}"),
                                           realm: realm)
        }
        do throws(TesseraError) {
            let grant = try await manager.refresh(presented)
            context.logger.info("session refreshed", metadata: ["tessera.sid": .string(grant.session.id)])
            return response(for: grant)
        } catch {
            context.logger.notice("refresh rejected", metadata: ["tessera.code": .string(error.code.rawValue)])
            if error.code == .refreshReused { await afterWrite() }
            let ends: Set<TesseraError.Code> = [.refreshReused, .sessionRevoked, .sessionExpired]
            throw SessionRouteError.failed(error, clearing: ends.contains(error.code) ? cookies.clearing() : [], realm: realm)
        }
    }

    func logout(_ request: Request, _ context: Context) async throws -> Response {
        var request = request
        let headers = request.headers
        var sessionID: String?
        if let bearer = BearerTokenSource().token(in: headers) {
            sessionID = try await session(ofAccess: String(bearer))
        } else if let token = try await SessionCredentials.refreshTokenInBody(&request) {
            sessionID = try await session(ofRefresh: token)
        } else {
            let access = SessionCredentials.cookie(cookies.access.name, in: headers)
            let refresh = SessionCredentials.cookie(cookies.refresh.name, in: headers)
            if access != nil || refresh != nil { try checkCSRF(headers, context) }
            if let access { sessionID = try await session(ofAccess: access) }
            if sessionID == nil, let refresh { sessionID = try await session(ofRefresh: refresh) }
        }
        if let sessionID {
            try await write { () async throws(TesseraError) in _ = try await manager.end(sessionID: sessionID) }
            context.logger.info("session ended: logout", metadata: ["tessera.sid": .string(sessionID)])
        }
        var response = Response(status: .noContent, headers: [.cacheControl: "no-store"])
        for cookie in cookies.clearing() { response.setCookie(cookie) }
        return response
    }

    func list(_ request: Request, _ context: Context) async throws -> Response {
        let (token, _) = try authenticate(request.headers, stateChanging: false, context)
        let records: [SessionRecord]
        do throws(TesseraError) { records = try await manager.sessions(subject: token.subject ?? "") } catch {
            throw SessionRouteError.failed(error, realm: realm)
        }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: SessionRecord.jsonArray(records, current: token.sessionID))))
    }

    func end(_ id: String, _ request: Request, _ context: Context) async throws -> Response {
        let (token, source) = try authenticate(request.headers, stateChanging: true, context)
        let record: SessionRecord?
        do throws(TesseraError) { record = try await manager.session(id: id) } catch {
            throw SessionRouteError.failed(error, realm: realm)
        }
        guard let record, record.subject == token.subject else { throw SessionRouteError.notFound }
        try await write { () async throws(TesseraError) in _ = try await manager.end(sessionID: id) }
        context.logger.info("session ended by its owner", metadata: ["tessera.sid": .string(id)])
        var response = Response(status: .noContent, headers: [.cacheControl: "no-store"])
        if id == token.sessionID, source == .cookie { for cookie in cookies.clearing() { response.setCookie(cookie) } }
        return response
    }

    func endOthers(_ request: Request, _ context: Context) async throws -> Response {
        let (token, _) = try authenticate(request.headers, stateChanging: true, context)
        let subject = token.subject ?? ""
        let ended = try await write { () async throws(TesseraError) in
            try await manager.endAll(subject: subject, except: token.sessionID)
        }
        context.logger.info("other sessions ended", metadata: ["tessera.sid": .string(token.sessionID ?? ""),
                                                               "tessera.ended": .stringConvertible(ended.count)])
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: "{\"ended\":\(ended.count)}")))
    }

    // MARK: Steps

    /// The verified access token (Bearer or cookie) with a subject; a cookie on a state change
    /// must pass the CSRF policy first.
    private func authenticate(_ headers: HTTPFields, stateChanging: Bool, _ context: Context) throws(SessionRouteError)
        -> (VerifiedToken, CredentialSource)
    {
        guard let found = SessionCredentials.accessToken(in: headers, cookie: cookies.access.name) else {
            throw SessionRouteError.missingToken(realm: realm)
        }
        let (token, source) = found
        if stateChanging, source == .cookie { try checkCSRF(headers, context) }
        do throws(TesseraError) {
            let verified = try verifier.verify(token)
            guard verified.subject != nil else { throw TesseraError(.missingClaim, "the access token has no 'sub'") }
            return (verified, source)
        } catch {
            context.logger.debug("access token rejected", metadata: ["tessera.code": .string(error.code.rawValue)])
            throw SessionRouteError.failed(error, realm: realm)
        }
    }

    private func checkCSRF(_ headers: HTTPFields, _ context: Context) throws(SessionRouteError) {
        guard csrf.allows(headers) else {
            context.logger.notice("cross-site session request refused", metadata: ["tessera.code": .string(SessionRouteError.csrfRejectedCode)])
            throw SessionRouteError.csrfRejected
        }
    }

    /// The live session a valid access token names, if it is its subject's; nil for a token
    /// that does not verify (logout stays idempotent). An undecidable check is 503.
    private func session(ofAccess token: String) async throws(SessionRouteError) -> String? {
        do throws(TesseraError) {
            let verified = try verifier.verify(token)
            guard let sid = verified.sessionID, let record = try await manager.session(id: sid),
                  record.subject == verified.subject else { return nil }
            return sid
        } catch {
            if error.isRejection { return nil }
            throw SessionRouteError.failed(error, realm: realm)
        }
    }

    /// The live session a refresh token belongs to; nil for one that does not work.
    private func session(ofRefresh token: String) async throws(SessionRouteError) -> String? {
        do throws(TesseraError) {
            return try await manager.session(forRefresh: token).id
        } catch {
            if error.code == .refreshReused { await afterWrite() }
            if error.isRejection { return nil }
            throw SessionRouteError.failed(error, realm: realm)
        }
    }

    /// Runs a store write, then ``afterWrite``; a store failure is 503, never a silent success.
    private func write<T: Sendable>(_ body: () async throws(TesseraError) -> T) async throws(SessionRouteError) -> T {
        do throws(TesseraError) {
            let result = try await body()
            await afterWrite()
            return result
        } catch {
            throw SessionRouteError.failed(error, realm: realm)
        }
    }
}
