import Fluent
import Vapor

extension User: Authenticatable {}

extension Request {
    /// Starts a fresh session for the user: the old session (and any id planted before sign-in)
    /// is deleted, so a fixated session id is worth nothing.
    func startSession(for user: User) async throws {
        if let old = session.id {
            try await application.sessions.driver.deleteSession(old, for: self).get()
        }
        session.id = nil
        session.data = SessionData()
        session.data[UserAuthenticator.sessionKey] = try user.requireID().uuidString
    }
}

/// Signs the request in from a bearer token (API) or the session cookie (pages).
struct UserAuthenticator: AsyncMiddleware {
    static let sessionKey = "uid"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let hash = Credentials.tokenHash(bearer.token)
            if let token = try await APIToken.query(on: request.db).filter(\.$tokenHash == hash).first(),
               token.revokedAt == nil, token.expiresAt.map({ $0 > request.application.clock.now() }) ?? true,
               let user = try await User.find(token.userID, on: request.db), user.active {
                request.auth.login(user)
            } else {
                throw RectifyError.unauthenticated
            }
        } else if request.hasSession, let id = request.session.data[Self.sessionKey].flatMap(UUID.init(uuidString:)),
                  let user = try await User.find(id, on: request.db), user.active {
            request.auth.login(user)
        }
        return try await next.respond(to: request)
    }
}
