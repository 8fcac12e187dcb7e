import Fluent
import RectifyCore
import Vapor

struct UserDTO: Content, Equatable {
    var id: UUID
    var username: String
    var displayName: String
    var role: Role
    var organizationId: UUID?
    var active: Bool
    var mustChangePassword: Bool
    var version: Int
}

extension User {
    func toDTO() throws -> UserDTO {
        UserDTO(id: try requireID(), username: username, displayName: displayName, role: role,
                organizationId: organizationID, active: active, mustChangePassword: mustChangePassword, version: version)
    }
}

struct TokenDTO: Content {
    var id: UUID
    var name: String
    var createdAt: Date?
    var expiresAt: Date?
    var revoked: Bool
}

/// Sign-in for API clients, the current user, and their tokens.
struct AuthController: RouteCollection {
    struct LoginInput: Content {
        var username: String?
        var password: String?
        var tokenName: String?
    }

    struct LoginResult: Content {
        var token: String
        var user: UserDTO
    }

    struct PasswordInput: Content {
        var currentPassword: String?
        var newPassword: String?
    }

    static let userSchema: SchemaType = .object([
        req("id", .uuid), req("username", .string), req("displayName", .string),
        req("role", .enumeration(Role.allCases.map(\.rawValue))), opt("organizationId", .uuid),
        req("active", .boolean), req("mustChangePassword", .boolean), req("version", .integer)])

    static let operations: [APIOperation] = [
        APIOperation(method: "POST", path: "/auth/login", summary: "登录并取得 API 令牌", access: .anyone,
                     request: .object([req("username", .string), req("password", .string), opt("tokenName", .string)]),
                     response: .object([req("token", .string), req("user", userSchema)]), status: 200),
        APIOperation(method: "POST", path: "/auth/logout", summary: "注销当前令牌", access: .roles(Access.everyone),
                     request: nil, response: nil, status: 204),
        APIOperation(method: "GET", path: "/me", summary: "当前用户", access: .roles(Access.everyone),
                     request: nil, response: userSchema, status: 200),
        APIOperation(method: "POST", path: "/me/password", summary: "修改本人密码", access: .roles(Access.everyone),
                     request: .object([req("currentPassword", .string), req("newPassword", .string)]), response: nil, status: 204),
        APIOperation(method: "GET", path: "/tokens", summary: "本人的 API 令牌", access: .roles(Access.everyone),
                     request: nil, response: .object([
                        req("items", .array(.object([req("id", .uuid), req("name", .string), opt("createdAt", .dateTime),
                                                    opt("expiresAt", .dateTime), req("revoked", .boolean)]))),
                        req("page", .integer), req("per", .integer), req("total", .integer)]), status: 200,
                     query: [("page", "页码"), ("per", "每页条数")]),
        APIOperation(method: "DELETE", path: "/tokens/{id}", summary: "吊销令牌", access: .roles(Access.everyone),
                     request: nil, response: nil, status: 204),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.POST, "auth", "login", access: .anyone, use: login)
        routes.endpoint(.POST, "auth", "logout", access: .roles(Access.everyone), use: logout)
        routes.endpoint(.GET, "me", access: .roles(Access.everyone), use: me)
        routes.endpoint(.POST, "me", "password", access: .roles(Access.everyone), use: changePassword)
        routes.endpoint(.GET, "tokens", access: .roles(Access.everyone), use: tokens)
        routes.endpoint(.DELETE, "tokens", ":id", access: .roles(Access.everyone), use: revoke)
    }

    @Sendable
    func login(_ req: Request) async throws -> LoginResult {
        let input = try req.content.decode(LoginInput.self)
        var v = FieldValidator()
        let username = v.text(input.username, field: "username", label: "用户名", max: 100)
        let password = v.text(input.password, field: "password", label: "密码", max: 200)
        try v.check()
        let user = try await LoginGate.verify(username: username!, password: password!, on: req)
        let minted = Credentials.mintToken()
        let name = input.tokenName.nonBlank ?? "API 登录"
        try await req.db.ledgerWrite(actor: AuditActor(id: user.id?.uuidString, name: "\(user.displayName)（\(user.username)）"),
                                     now: req.application.clock.now()) { db, audit in
            let token = APIToken()
            token.userID = try user.requireID()
            token.name = name
            token.tokenHash = minted.hash
            try await token.create(on: db)
            try await audit.record("login", entity: "api_token", id: try token.requireID().uuidString,
                                   after: ["name": name, "userId": user.id?.uuidString ?? ""])
        }
        // The same sign-in opens a browser session (cookie), for pages and scripts in the browser.
        try await req.startSession(for: user)
        return LoginResult(token: minted.token, user: try user.toDTO())
    }

    @Sendable
    func logout(_ req: Request) async throws -> HTTPStatus {
        if let bearer = req.headers.bearerAuthorization {
            let hash = Credentials.tokenHash(bearer.token)
            try await req.write { db, audit in
                guard let token = try await APIToken.query(on: db).filter(\.$tokenHash == hash).first() else { return }
                token.revokedAt = req.application.clock.now()
                try await token.save(on: db)
                try await audit.record("revoke", entity: "api_token", id: try token.requireID().uuidString,
                                       after: ["name": token.name])
            }
        }
        req.session.destroy()
        return .noContent
    }

    @Sendable
    func me(_ req: Request) async throws -> UserDTO {
        try req.auth.require(User.self).toDTO()
    }

    @Sendable
    func changePassword(_ req: Request) async throws -> HTTPStatus {
        let user = try req.auth.require(User.self)
        let input = try req.content.decode(PasswordInput.self)
        var v = FieldValidator()
        let current = v.text(input.currentPassword, field: "currentPassword", label: "原密码", max: 200)
        let new = v.text(input.newPassword, field: "newPassword", label: "新密码", max: 200)
        if let new, new.count < 10 { v.add("newPassword", "too_short", "新密码至少10个字符") }
        try v.check()
        guard try await req.application.credentials.verify(password: current!, hash: user.passwordHash, on: req.application) else {
            throw RectifyError.invalid("currentPassword", "wrong_password", "原密码不正确")
        }
        let hash = try await req.application.credentials.hash(password: new!, on: req.application)
        let userID = try user.requireID()
        try await req.write { db, audit in
            guard let stored = try await User.find(userID, on: db) else { throw RectifyError.notFound("用户") }
            stored.passwordHash = hash
            stored.mustChangePassword = false
            stored.version += 1
            try await stored.save(on: db)
            try await audit.record("change_password", entity: "user", id: userID.uuidString, after: ["username": stored.username])
        }
        return .noContent
    }

    @Sendable
    func tokens(_ req: Request) async throws -> Page<TokenDTO> {
        let user = try req.auth.require(User.self)
        let params = try ListParameters.from(req)
        let query = APIToken.query(on: req.db).filter(\.$userID == (try user.requireID())).sort(\.$createdAt, .descending).sort(\.$id)
        let total = try await query.copy().count()
        let rows = try await query.page(params).all()
        return Page(items: try rows.map {
            TokenDTO(id: try $0.requireID(), name: $0.name, createdAt: $0.createdAt,
                     expiresAt: $0.expiresAt, revoked: $0.revokedAt != nil)
        }, page: params.page, per: params.per, total: total)
    }

    @Sendable
    func revoke(_ req: Request) async throws -> HTTPStatus {
        let user = try req.auth.require(User.self)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("令牌") }
        let isAdmin = user.role == .admin
        let userID = try user.requireID()
        try await req.write { db, audit in
            guard let token = try await APIToken.find(id, on: db), isAdmin || token.userID == userID else {
                throw RectifyError.notFound("令牌")
            }
            guard token.revokedAt == nil else { return }
            token.revokedAt = req.application.clock.now()
            try await token.save(on: db)
            try await audit.record("revoke", entity: "api_token", id: id.uuidString, after: ["name": token.name])
        }
        return .noContent
    }
}
