import CoreMetrics
import Foundation
import Prometheus

/// The process's metrics: one Prometheus registry behind swift-metrics, so that Vapor's request
/// metrics (`http_requests_total`, `http_request_duration_seconds` by route pattern, method and
/// status) and Rectify's own land in the same `/metrics` text.
enum RectifyMetrics {
    /// swift-metrics takes one backend per process, set on first use (tests start many
    /// applications in one process; they share it).
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static func bootstrap() { _ = registry }

    /// The Prometheus text exposition of everything recorded so far.
    static func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64 * 1024)
        registry.emit(into: &buffer)
        return buffer
    }

    // MARK: Work done by the server

    static func outboxDelivery(channel: String, result: String) {
        Counter(label: "rectify_outbox_deliveries_total", dimensions: [("channel", channel), ("result", result)]).increment()
    }

    static func scan(seconds: Duration, noticesIssued: Int) {
        Counter(label: "rectify_scan_runs_total").increment()
        Counter(label: "rectify_scan_notices_issued_total").increment(by: noticesIssued)
        CoreMetrics.Timer(label: "rectify_scan_duration_seconds", preferredDisplayUnit: .seconds).record(duration: seconds)
    }

    /// Imports, checks and generated documents: the heavy requests, by what they do.
    static func heavyWork(kind: String, status: UInt, seconds: Duration) {
        let outcome = status < 400 ? "ok" : "refused"
        Counter(label: "rectify_\(kind)s_total", dimensions: [("outcome", outcome)]).increment()
        CoreMetrics.Timer(label: "rectify_\(kind)_duration_seconds", preferredDisplayUnit: .seconds).record(duration: seconds)
    }
}

extension CoreMetrics.Timer {
    func record(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
