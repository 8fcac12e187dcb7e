import Foundation
import Vapor

/// First in the chain: gives the request its id (the proxy's `X-Request-Id` when it is plain,
/// otherwise a new one), runs the request with that id as its task's trace, returns it in the
/// response, and writes one line per request with its route pattern, status, duration and user.
struct RequestLogMiddleware: Middleware {
    static let header = "X-Request-Id"

    /// Future-based like every middleware in the chain: an async middleware costs a task per request
    /// even when it does nothing. The handler runs with the id as its task's trace (`endpoint`).
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let id = RequestTrace.accept(request.headers.first(name: Self.header)) ?? RequestTrace.make()
        request.logger[metadataKey: "request-id"] = .string(id)
        request.requestID = id
        let started = ContinuousClock.now
        return next.respond(to: request).map { response in
            response.headers.replaceOrAdd(name: Self.header, value: id)
            log(request, status: response.status.code, since: started)
            return response
        }.flatMapErrorThrowing { error in
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

extension Request {
    private struct RequestIDKey: StorageKey { typealias Value = String }

    /// The request's id (`RequestLogMiddleware`), which its handler carries as `RequestTrace.requestID`.
    var requestID: String? {
        get { storage[RequestIDKey.self] }
        set { storage[RequestIDKey.self] = newValue }
    }
}
