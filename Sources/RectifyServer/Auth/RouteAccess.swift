import RectifyCore
import Vapor

/// Who may use a route. Every route Rectify registers carries one (see `RoutesBuilder.endpoint`);
/// a test walks the route table and fails on any route without it.
enum RouteAccess: Sendable, Equatable {
    /// Anyone, signed in or not (login, the public report, public feedback, the API document).
    case anyone
    /// Signed-in users with one of these roles.
    case roles(Set<Role>)

    static let userInfoKey = "rectify.access"

    func allows(_ role: Role?) -> Bool {
        switch self {
        case .anyone: true
        case .roles(let roles): role.map(roles.contains) ?? false
        }
    }
}

/// Refuses a request whose user may not use the route: 401 when nobody is signed in, 403 otherwise.
struct AccessGuard: Middleware {
    let access: RouteAccess

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if case .roles(let roles) = access {
            guard let user = request.auth.get(User.self) else { return request.eventLoop.makeFailedFuture(RectifyError.unauthenticated) }
            guard roles.contains(user.role) else {
                return request.eventLoop.makeFailedFuture(RectifyError.forbidden("当前角色（\(user.role.label)）无权使用该功能"))
            }
        }
        return next.respond(to: request)
    }
}

extension RoutesBuilder {
    /// Registers a route together with who may use it.
    @discardableResult
    func endpoint<Response: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: PathComponent..., access: RouteAccess,
        body: HTTPBodyStreamStrategy = .collect, heavy: Bool = false,
        use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        // Anyone may send to an anonymous route, so its body is small unless the route says otherwise.
        var body = body
        if access == .anyone, case .collect(nil) = body { body = .collect(maxSize: ByteCount(integerLiteral: Route.anonymousBodyLimit)) }
        let route = grouped(AccessGuard(access: access)).on(method, path, body: body) { request in
            try MultipartGuard.check(request)
            return try await RequestTrace.$requestID.withValue(request.requestID) { try await handler(request) }
        }
        route.userInfo[RouteAccess.userInfoKey] = access
        if case .collect(let max?) = body { route.userInfo[Route.bodyLimitKey] = max.value }
        if heavy { route.userInfo[Route.heavyKey] = true }
        return route
    }
}

extension Route {
    static let bodyLimitKey = "rectify.bodyLimit"
    static let heavyKey = "rectify.heavy"
    /// Bytes an anonymous request may carry (a feedback form, a sign-in).
    static let anonymousBodyLimit = 64 * 1024

    var access: RouteAccess? { userInfo[RouteAccess.userInfoKey] as? RouteAccess }
    /// The largest body the route collects, when it names its own (else the application's default).
    var bodyLimit: Int? { userInfo[Route.bodyLimitKey] as? Int }
    /// Reads an upload or generates a document: runs under `HeavyWorkGate`.
    var isHeavy: Bool { userInfo[Route.heavyKey] as? Bool ?? false }
}
