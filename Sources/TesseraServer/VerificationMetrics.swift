import Prometheus
import Tessera

/// The service's Prometheus metrics, registered once at start-up so that recording on the
/// hot path is an atomic counter increment and one histogram update.
///
/// - `tessera_verifications_total{result=…}`: `ok`, `missing`, `store_unavailable`, or a
///   rejection code (`other` for anything unforeseen).
/// - `tessera_verify_duration_seconds`: histogram of `/verify` handling time.
/// - `tessera_revocation_reloads_total`, `tessera_revocation_store_up`: registered by
///   ``RevocationFeed`` when a store is configured.
final class VerificationMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let results: [String: Counter]
    private let duration: DurationHistogram

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        let verifications = MetricNameDescriptor(
            namespace: "tessera", metricName: "verifications", unitName: "total",
            helpText: "Token verifications by result: ok, missing, store_unavailable or the rejection code")
        let names = ["ok", "missing", "other", TesseraError.Code.storeUnavailable.rawValue, TesseraError.Code.cryptoFailure.rawValue]
            + TesseraError.Code.rejections.map(\.rawValue)
        results = Dictionary(uniqueKeysWithValues: names.map {
            ($0, registry.makeCounter(descriptor: verifications, labels: [("result", $0)]))
        })
        duration = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "tessera", metricName: "verify_duration", unitName: "seconds",
                                             helpText: "Time to answer /verify"),
            buckets: [.microseconds(10), .microseconds(25), .microseconds(50), .microseconds(100), .microseconds(250),
                      .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10)])
    }

    /// Counts one `/verify` outcome and its duration.
    func record(_ outcome: VerifyOutcome, duration elapsed: Duration) {
        (results[outcome.result] ?? results["other"]!).increment()
        duration.record(elapsed)
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> [UInt8] { registry.emitToBuffer() }
}
