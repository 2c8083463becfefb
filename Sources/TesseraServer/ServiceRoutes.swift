import Hummingbird
import Tessera
import TesseraHummingbird

/// The HTTP surface of `tessera serve`.
enum ServiceRoutes {
    /// Methods `/verify` answers: gateways may forward the original request's method.
    static let verifyMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    /// Builds the router: `/verify`, `/.well-known/jwks.json`, `/healthz`, `/readyz`,
    /// `/metrics`, `/admin/…` when an admin key is configured, `/session/…` with a signing key.
    static func router(for state: ServiceState) -> Router<BasicTesseraRequestContext> {
        let router = Router(context: BasicTesseraRequestContext.self)
        for method in verifyMethods {
            router.on("verify", method: method) { request, context in
                let start = ContinuousClock.now
                let outcome = state.gatekeeper.check(request.headers)
                state.metrics.record(outcome, duration: ContinuousClock.now - start)
                context.logger.debug("verify", metadata: ["result": .string(outcome.result)])
                return outcome.response
            }
        }
        router.get(".well-known/jwks.json") { _, _ in
            Response(status: .ok,
                     headers: [.contentType: "application/jwk-set+json", .cacheControl: "public, max-age=300"],
                     body: .init(byteBuffer: ByteBuffer(string: state.publicJWKS)))
        }
        router.get("healthz") { _, _ in text(.ok, "ok\n") }
        router.get("readyz") { _, _ in
            state.isReady ? text(.ok, "ready\n") : text(.serviceUnavailable, "revocation store unavailable\n")
        }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: state.metrics.exposition())))
        }
        if let admin = state.admin { admin.addRoutes(to: router) }
        if let sessions = state.sessions { sessions.addRoutes(to: router) }
        return router
    }

    /// A small plain-text response that is never cached.
    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
