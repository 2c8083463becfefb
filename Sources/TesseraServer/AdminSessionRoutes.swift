import Hummingbird
import Tessera
import TesseraHummingbird

/// `/admin/sessions…`: what a login service calls (start) and what support staff use (list,
/// end), behind the admin token like every admin route.
///
/// - `POST /admin/sessions` `{"sub","scope":"a b","aud":[…],"client"}` → 200 ``SessionGrant/json``
/// - `GET /admin/sessions?sub=S` → 200 the subject's live sessions (``SessionRecord/jsonArray(_:current:)``)
/// - `DELETE /admin/sessions/{sid}` → 204, or 404 when it is not live
/// - `POST /admin/sessions/revoke` `{"sub","except"}` → 200 `{"ended":[ids],"version":N}`
///
/// Writes are published to this server's verifier at once (``RevocationFeed/refresh()``).
extension AdminAPI {
    func addSessionRoutes(to group: RouterGroup<BasicTesseraRequestContext>, sessions: SessionManager) {
        group.post("sessions") { request, context in
            let body = try await request.decode(as: StartSessionRequest.self, context: context)
            var start = sessionDefaults
            start.subject = body.sub
            start.scopes = (body.scope ?? "").split(separator: " ").map(String.init)
            if let aud = body.aud { start.audience = aud }
            start.client = body.client
            let startRequest = start
            let grant = try await write(context) { try await sessions.start(startRequest) }
            audit(context, "start session", ["sub": .string(body.sub), "sid": .string(grant.session.id)])
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: grant.json)))
        }
        group.get("sessions") { request, context in
            guard let subject = request.uri.queryParameters.get("sub"), !subject.isEmpty else {
                throw HTTPError(.badRequest, message: "name the subject: /admin/sessions?sub=…")
            }
            let records = try await read(context) { try await sessions.sessions(subject: subject) }
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: SessionRecord.jsonArray(records))))
        }
        group.delete("sessions/:sid") { _, context in
            let sid = context.parameters.get("sid") ?? ""
            let ended = try await write(context) { try await sessions.end(sessionID: sid) }
            guard ended else { throw HTTPError(.notFound, message: "no live session with this id") }
            audit(context, "end session", ["sid": .string(sid)])
            return Response(status: .noContent, headers: [.cacheControl: "no-store"])
        }
        group.post("sessions/revoke") { request, context in
            let body = try await request.decode(as: EndSessionsRequest.self, context: context)
            let ended = try await write(context) { try await sessions.endAll(subject: body.sub, except: body.except) }
            audit(context, "end sessions", ["sub": .string(body.sub), "ended": .stringConvertible(ended.count)])
            return EndedSessions(ended: ended, version: feed.currentVersion)
        }
    }

    /// Runs a store read; a store failure is 503.
    private func read<T: Sendable>(_ context: BasicTesseraRequestContext, _ body: @Sendable () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as TesseraError {
            guard error.code == .storeUnavailable else { throw HTTPError(.badRequest, message: error.description) }
            throw HTTPError(.serviceUnavailable, message: error.description)
        }
    }
}

extension EndedSessions: ResponseEncodable {}
