import Hummingbird
import Tessera
import TesseraHummingbird

/// The example's routes: `/health` is public, `/me` needs any valid token, `/orders` needs the
/// `orders:read` scope and `POST /orders` the `orders:write` scope.
enum OrdersRoutes {
    static func router(verifier: Verifier) -> Router<BasicTesseraRequestContext> {
        let router = Router(context: BasicTesseraRequestContext.self)
        // Verifies `Authorization: Bearer …` once per request; invalid tokens get 401 here.
        router.add(middleware: TesseraAuthenticator(verifier: verifier))
        router.get("health") { _, _ in "ok\n" }
        router.group("me").add(middleware: RequireScope()).get { _, context in
            let token = try context.requireToken()
            return "subject=\(token.subject ?? "") session=\(token.sessionID ?? "-") scope=\(token.scope ?? "")\n"
        }
        router.group("orders").add(middleware: RequireScope("orders:read")).get { _, context in
            "orders of \(try context.requireToken().subject ?? "")\n"
        }
        router.group("orders").add(middleware: RequireScope("orders:write")).post { _, context in
            "order created for \(try context.requireToken().subject ?? "")\n"
        }
        return router
    }
}
