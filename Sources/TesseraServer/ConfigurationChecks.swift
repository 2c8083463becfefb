public import Tessera
import TesseraHummingbird

extension ServeConfiguration {
    /// Refuses configurations that are unsafe or out of range (`invalid_configuration`):
    /// a non-loopback bind without ``allowInsecureBind`` (`tessera serve` speaks plain HTTP, so
    /// tokens would cross the network in clear), a bad port, poll interval or cookie name, and
    /// an admin API or session routes without a store to write to, an invalid session policy or
    /// allowed origin.
    public func validate() throws(TesseraError) {
        guard (0...65_535).contains(port) else {
            throw TesseraError(.invalidConfiguration, "--port must be 0 to 65535, got \(port)")
        }
        if !Self.isLoopback(host), !allowInsecureBind {
            throw TesseraError(.invalidConfiguration, """
                refusing to bind \(host): tessera serve has no TLS, so tokens would cross the network in clear. \
                Bind 127.0.0.1 behind your gateway, or pass --allow-insecure-bind if the path is protected otherwise
                """)
        }
        guard Self.pollIntervalRange.contains(pollInterval) else {
            throw TesseraError(.invalidConfiguration, "--poll-interval must be 10ms to 300s")
        }
        if let cookieName {
            let allowed = cookieName.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"()<>@,;:\\\"/[]?={}".utf8.contains($0) }
            guard !cookieName.isEmpty, allowed else {
                throw TesseraError(.invalidConfiguration, "--cookie-name must be an RFC 6265 cookie name")
            }
        }
        if adminKeyPath != nil, storePath == nil {
            throw TesseraError(.invalidConfiguration, "the admin API (--admin-key) writes revocations: it needs --store")
        }
        if signingKeyPath != nil, storePath == nil {
            throw TesseraError(.invalidConfiguration, "the session routes (--signing-key) keep sessions in the store: they need --store")
        }
        if signingKeyPath == nil, !allowedOrigins.isEmpty {
            throw TesseraError(.invalidConfiguration, "--allowed-origin only applies to the session routes: add --signing-key")
        }
        try sessionPolicy.validate()
        _ = try CSRFPolicy(allowedOrigins: allowedOrigins)
    }

    /// True for `localhost`, `127.0.0.0/8` and `::1`.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { UInt8($0) != nil }
    }
}
