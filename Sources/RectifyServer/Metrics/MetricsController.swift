import Crypto
import Foundation
import Vapor

/// `GET /metrics` in the Prometheus text format, for the monitoring system only: from an address of
/// `RECTIFY_METRICS_ALLOW`, with the bearer token `RECTIFY_METRICS_TOKEN`, or as an administrator.
/// Anyone else gets 404, as if the route were not there.
struct MetricsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "metrics", access: .anyone, use: metrics)
    }

    @Sendable
    func metrics(_ req: Request) async throws -> Response {
        guard Self.mayRead(req) else { throw Abort(.notFound) }
        try await MetricsSnapshot.refresh(on: req.db)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(RectifyMetrics.exposition())))
    }

    static func mayRead(_ req: Request) -> Bool {
        if req.storage[MetricsTokenKey.self] == true { return true }
        if req.auth.get(User.self)?.role == .admin { return true }
        let config = req.application.rectifyConfig
        let address = req.clientAddress
        return config.metricsAllow.contains { $0.contains(address) }
    }

    /// Compares in time independent of where the texts differ.
    static func tokenMatches(_ presented: String, _ expected: String) -> Bool {
        Data(SHA256.hash(data: Data(presented.utf8))) == Data(SHA256.hash(data: Data(expected.utf8)))
    }
}

/// Set by the authenticator when the request carries the metrics token instead of a user's.
struct MetricsTokenKey: StorageKey { typealias Value = Bool }
