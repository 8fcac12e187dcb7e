import Fluent
import FluentSQL
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
        session.data[UserAuthenticator.seenKey] = String(Int(application.clock.now().timeIntervalSince1970))
    }
}

/// Signs the request in from a bearer token (API) or the session cookie (pages). Future-based: a
/// token the sign-in cache holds, and a request without credentials, pass on without a task; only
/// a lookup in the database or the session store runs as one.
struct UserAuthenticator: Middleware {
    static let sessionKey = "uid"
    /// When the session last served a request (Unix seconds), refreshed at most every
    /// `seenRefreshSeconds` so that a page view does not write the session each time.
    static let seenKey = "seen"
    static let seenRefreshSeconds = 300

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if let bearer = request.headers.bearerAuthorization {
            if let expected = request.application.rectifyConfig.metricsToken, MetricsController.tokenMatches(bearer.token, expected) {
                // The monitoring system's token signs nobody in; it only reads `/metrics`.
                request.storage[MetricsTokenKey.self] = true
                return next.respond(to: request)
            }
            let hash = Credentials.tokenHash(bearer.token)
            if let user = SignInCache.shared.user(Self.cacheKey(tokenHash: hash), now: request.application.clock.now()) {
                request.auth.login(user)
                return next.respond(to: request)
            }
            return request.eventLoop.makeFutureWithTask { try await Self.signIn(request, tokenHash: hash) }
                .flatMap { next.respond(to: request) }
        }
        guard request.hasSession, let id = request.session.data[Self.sessionKey].flatMap(UUID.init(uuidString:)) else {
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask { try await Self.signIn(request, session: id) }.flatMap { next.respond(to: request) }
    }

    /// The user of a live token in one query: every API request the cache cannot answer starts with
    /// it. Written as SQL text because building it with Fluent (quoting 21 aliased columns) cost
    /// several times what SQLite takes to run it.
    private static func cacheKey(tokenHash: String) -> String { "token|" + tokenHash }

    private static func signIn(_ request: Request, tokenHash hash: String) async throws {
        let now = request.application.clock.now()
        let cache = SignInCache.shared
        let generation = cache.generation
        let row = try await request.db.sql.raw("""
            SELECT "users".*, "api_tokens"."expires_at" AS "token_expires_at" FROM "users" \
            JOIN "api_tokens" ON "api_tokens"."user_id" = "users"."id" \
            WHERE "api_tokens"."token_hash" = \(bind: hash) AND "api_tokens"."revoked_at" IS NULL \
            AND ("api_tokens"."expires_at" IS NULL OR "api_tokens"."expires_at" > \(bind: now)) \
            AND "users"."active" = \(bind: true) LIMIT 1
            """).first()
        guard let row else { throw RectifyError.unauthenticated }
        let user = try row.decode(fluentModel: User.self)
        cache.store(user, tokenExpiresAt: try row.decode(column: "token_expires_at", as: Date?.self), for: cacheKey(tokenHash: hash),
                    generation: generation, now: now)
        request.auth.login(user)
    }

    private static func signIn(_ request: Request, session id: UUID) async throws {
        let now = Int(request.application.clock.now().timeIntervalSince1970)
        let seen = request.session.data[Self.seenKey].flatMap(Int.init)
        // The cookie's max-age tells the browser the same limit; only this check ends a
        // session whose cookie was copied elsewhere.
        if let seen, now - seen > request.application.rectifyConfig.sessionLifetimeSeconds {
            // Deleted here: the sessions middleware saves nothing when the route throws, as
            // the sign-in redirect that follows does.
            if let key = request.session.id { try await request.application.sessions.driver.deleteSession(key, for: request).get() }
            request.session.destroy()
        } else if let user = try await Self.sessionUser(id, request), user.active {
            if seen.map({ now - $0 >= Self.seenRefreshSeconds }) ?? true { request.session.data[Self.seenKey] = String(now) }
            request.auth.login(user)
        }
    }

    /// The session's user, from `SignInCache` when it holds it.
    private static func sessionUser(_ id: UUID, _ request: Request) async throws -> User? {
        let now = request.application.clock.now()
        let cache = SignInCache.shared
        let key = "user|" + id.uuidString
        if let user = cache.user(key, now: now) { return user }
        let generation = cache.generation
        guard let user = try await request.db.sql.raw("""
            SELECT * FROM "users" WHERE "id" = \(bind: id) LIMIT 1
            """).first(decodingFluent: User.self) else { return nil }
        cache.store(user, tokenExpiresAt: nil, for: key, generation: generation, now: now)
        return user
    }
}
