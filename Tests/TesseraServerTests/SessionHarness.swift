import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Tessera
import TesseraHummingbird

/// A clock the test moves by hand (seconds), starting at the real time so that revocation
/// snapshots (which use the system clock) agree with it.
final class TestClock: Sendable {
    private let seconds: Atomic<Int64>
    init(_ start: Int64 = TokenClock.system.now()) { seconds = Atomic(start) }
    var now: Int64 { seconds.load(ordering: .relaxed) }
    func advance(_ delta: Int64) { seconds.add(delta, ordering: .relaxed) }
    var clock: TokenClock { TokenClock { self.now } }
}

/// One application with ``SessionRoutes`` mounted at `/session`, over a store, with a verifier
/// that follows the store's revocations (refreshed after each write, as `tessera serve` does).
struct SessionHarness {
    static let origin = "https://app.example"

    let store: any SessionStore
    let clock: TestClock
    let manager: SessionManager
    let verifier: Verifier
    let list: RevocationList
    let routes: SessionRoutes<BasicTesseraRequestContext>

    init(store: any SessionStore = InMemoryRevocationStore(), clock: TestClock = TestClock(), policy: SessionPolicy = .standard) async throws {
        let signing = try SigningKey.generate(.edDSA)
        self.store = store
        self.clock = clock
        manager = try SessionManager(store: store, key: signing, policy: policy, clock: clock.clock)
        let list = try await RevocationList.load(from: store)
        self.list = list
        verifier = try Verifier(keys: KeySet(signing.verificationKey), rules: ClaimRules(clock: clock.clock), revocation: list)
        routes = try SessionRoutes(manager: manager, verifier: verifier, csrf: CSRFPolicy(allowedOrigins: [Self.origin]),
                                   afterWrite: { _ = try? await list.refresh(from: store) })
    }

    /// The application; `logger` receives every log line of the routes.
    func app(logger: Logger? = nil) -> some ApplicationProtocol {
        let router = Router(context: BasicTesseraRequestContext.self)
        routes.addRoutes(to: router)
        router.group("me").add(middleware: TesseraAuthenticator(verifier: verifier, cookieName: SessionCookies.defaultAccessName))
            .get { _, context in try context.requireToken().subject ?? "" }
        if let logger { return Application(router: router, logger: logger) }
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        return Application(router: router, logger: quiet)
    }

    /// A session for `subject`, as a login service would start it.
    func start(_ subject: String = "alice", client: String? = "Firefox on Linux") async throws -> SessionGrant {
        try await manager.start(SessionRequest(subject: subject, scopes: ["read"], client: client))
    }
}

/// Request headers a browser on ``SessionHarness/origin`` would send with `grant`'s cookies.
func browserHeaders(_ grant: SessionGrant, origin: String? = SessionHarness.origin, fetchSite: String? = nil,
                    access: Bool = true, refresh: Bool = true) -> HTTPFields {
    var cookies: [String] = []
    if access { cookies.append("\(SessionCookies.defaultAccessName)=\(grant.access.token)") }
    if refresh { cookies.append("\(SessionCookies.defaultRefreshName)=\(grant.refreshToken)") }
    var headers: HTTPFields = [.cookie: cookies.joined(separator: "; ")]
    if let origin { headers[.origin] = origin }
    if let fetchSite { headers[CSRFPolicy.secFetchSite] = fetchSite }
    return headers
}

/// A `Set-Cookie` header, parsed: the name, the value, and the attributes (lowercased names).
struct SetCookie {
    let name: String
    let value: String
    let attributes: [String: String]

    init(_ header: String) {
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let pair = parts[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        name = String(pair[0])
        value = pair.count > 1 ? String(pair[1]) : ""
        var attributes: [String: String] = [:]
        for part in parts.dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            attributes[kv[0].lowercased()] = kv.count > 1 ? String(kv[1]) : ""
        }
        self.attributes = attributes
    }

    func has(_ flag: String) -> Bool { attributes[flag.lowercased()] != nil }
    var maxAge: Int? { attributes["max-age"].flatMap { Int($0) } }
}

extension TestResponse {
    /// The `Set-Cookie` headers by cookie name.
    var setCookies: [String: SetCookie] {
        Dictionary(headers[values: .setCookie].map { (SetCookie($0).name, SetCookie($0)) }, uniquingKeysWith: { $1 })
    }

    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body's JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}

/// A session store that can be switched off, to test that a store failure is 503.
final class SwitchableSessionStore: SessionStore {
    let inner = InMemoryRevocationStore()
    private let down = Mutex(false)

    var isDown: Bool {
        get { down.withLock { $0 } }
        set { down.withLock { $0 = newValue } }
    }

    private func check() throws(TesseraError) {
        if isDown { throw TesseraError(.storeUnavailable, "switched off by the test") }
    }

    func revokeToken(id jti: String, until: Int64) async throws(TesseraError) { try check(); try await inner.revokeToken(id: jti, until: until) }
    func revokeSession(id sid: String, until: Int64) async throws(TesseraError) { try check(); try await inner.revokeSession(id: sid, until: until) }
    func bumpEpoch(subject: String) async throws(TesseraError) -> Int64 { try check(); return try await inner.bumpEpoch(subject: subject) }
    func currentEpoch(subject: String) async throws(TesseraError) -> Int64 { try check(); return try await inner.currentEpoch(subject: subject) }
    func version() async throws(TesseraError) -> Int64 { try check(); return try await inner.version() }
    func load() async throws(TesseraError) -> VersionedSnapshot { try check(); return try await inner.load() }
    func loadIfChanged(since version: Int64) async throws(TesseraError) -> VersionedSnapshot? {
        try check(); return try await inner.loadIfChanged(since: version)
    }
    func prune(now: Int64) async throws(TesseraError) -> PruneCounts { try check(); return try await inner.prune(now: now) }
    func stats() async throws(TesseraError) -> RevocationStats { try check(); return try await inner.stats() }
    func createSession(_ session: SessionRecord, refresh: RefreshDigest, limit: Int, replacing: String?, now: Int64)
        async throws(TesseraError) -> (ended: [String], epoch: Int64)
    {
        try check(); return try await inner.createSession(session, refresh: refresh, limit: limit, replacing: replacing, now: now)
    }
    func rotateRefresh(_ presented: RefreshDigest, next: RefreshDigest, grace: Int64, client: String?, now: Int64)
        async throws(TesseraError) -> (session: SessionRecord, epoch: Int64)
    {
        try check(); return try await inner.rotateRefresh(presented, next: next, grace: grace, client: client, now: now)
    }
    func session(forRefresh presented: RefreshDigest, grace: Int64, now: Int64) async throws(TesseraError) -> SessionRecord {
        try check(); return try await inner.session(forRefresh: presented, grace: grace, now: now)
    }
    func session(id: String, now: Int64) async throws(TesseraError) -> SessionRecord? { try check(); return try await inner.session(id: id, now: now) }
    func sessions(subject: String, now: Int64) async throws(TesseraError) -> [SessionRecord] {
        try check(); return try await inner.sessions(subject: subject, now: now)
    }
    func endSession(id: String, now: Int64) async throws(TesseraError) -> Bool { try check(); return try await inner.endSession(id: id, now: now) }
    func endSessions(subject: String, except: String?, now: Int64) async throws(TesseraError) -> [String] {
        try check(); return try await inner.endSessions(subject: subject, except: except, now: now)
    }
}

/// A swift-log handler that keeps every line (message and metadata) in memory.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }
    var count: Int { lines.withLock { $0.count } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// A logger at `trace` level writing here.
    var logger: Logger {
        Logger(label: "capture") { label in Handler(label: label, sink: self) }
    }

    struct Handler: LogHandler {
        let label: String
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var all = metadata
            if let extra = event.metadata { all.merge(extra) { $1 } }
            sink.append("\(event.level) \(event.message) \(all.map { "\($0)=\($1)" }.sorted().joined(separator: " "))")
        }
    }
}

/// The code `verifier` rejects `token` with, or nil when it verifies.
func rejection(_ verifier: Verifier, _ token: String) -> String? {
    do throws(TesseraError) {
        _ = try verifier.verify(token)
        return nil
    } catch {
        return error.code.rawValue
    }
}
