import Foundation
import Vapor

/// First in the chain: gives the request its id (the proxy's `X-Request-Id` when it is plain,
/// otherwise a new one), runs the request with that id as its task's trace, returns it in the
/// response, and writes one line per request with its route pattern, status, duration and user.
struct RequestLogMiddleware: AsyncMiddleware {
    static let header = "X-Request-Id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let id = RequestTrace.accept(request.headers.first(name: Self.header)) ?? RequestTrace.make()
        request.logger[metadataKey: "request-id"] = .string(id)
        let started = ContinuousClock.now
        do {
            let response = try await RequestTrace.$requestID.withValue(id) { try await next.respond(to: request) }
            response.headers.replaceOrAdd(name: Self.header, value: id)
            log(request, status: response.status.code, since: started)
            return response
        } catch {
            log(request, status: (error as? any AbortError)?.status.code ?? 500, since: started)
            throw error
        }
    }

    private func log(_ request: Request, status: UInt, since started: ContinuousClock.Instant) {
        guard request.logger.logLevel <= .info else { return }
        let elapsed = started.duration(to: .now)
        let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            // The pattern (`/api/v1/problems/:id`), not the path: ids and queries stay out of the logs.
            "route": .string(request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"),
            "status": .stringConvertible(Int(status)),
            "duration_ms": .stringConvertible((millis * 100).rounded() / 100),
        ]
        if let user = request.auth.get(User.self) {
            if let id = user.id { metadata["user_id"] = .string(id.uuidString) }
            if let organization = user.organizationID { metadata["organization_id"] = .string(organization.uuidString) }
        }
        request.logger.info("request", metadata: metadata)
    }
}
