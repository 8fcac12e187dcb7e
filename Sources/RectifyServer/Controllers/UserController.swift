import Fluent
import RectifyCore
import Vapor

/// User administration (admin only). Creating a user or resetting a password returns a
/// one-time password once; only its bcrypt hash is kept.
struct UserController: RouteCollection {
    struct CreateInput: Content {
        var username: String?
        var displayName: String?
        var role: Role?
        var organizationId: UUID?
    }

    struct UpdateInput: Content, VersionedInput {
        var displayName: String?
        var role: Role?
        var organizationId: UUID?
        var active: Bool?
        var version: Int?
    }

    struct Created: Content {
        var user: UserDTO
        var oneTimePassword: String
    }

    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/users", summary: "用户列表", access: .roles(Access.admins), request: nil,
                     response: .object([req("items", .array(AuthController.userSchema)), req("page", .integer),
                                        req("per", .integer), req("total", .integer)]), status: 200,
                     query: [("page", "页码"), ("per", "每页条数"), ("role", "角色"), ("organizationId", "所在单位")]),
        APIOperation(method: "GET", path: "/users/{id}", summary: "查看用户", access: .roles(Access.admins), request: nil,
                     response: AuthController.userSchema, status: 200),
        APIOperation(method: "POST", path: "/users", summary: "新建用户（返回一次性密码）", access: .roles(Access.admins),
                     request: .object([req("username", .string), req("displayName", .string),
                                       req("role", .enumeration(Role.allCases.map(\.rawValue))), opt("organizationId", .uuid)]),
                     response: .object([req("user", AuthController.userSchema), req("oneTimePassword", .string)]), status: 201),
        APIOperation(method: "PATCH", path: "/users/{id}", summary: "修改用户", access: .roles(Access.admins),
                     request: .object([opt("displayName", .string), opt("role", .enumeration(Role.allCases.map(\.rawValue))),
                                       opt("organizationId", .uuid), opt("active", .boolean), opt("version", .integer)]),
                     response: AuthController.userSchema, status: 200),
        APIOperation(method: "POST", path: "/users/{id}/reset-password", summary: "重置密码（返回一次性密码）",
                     access: .roles(Access.admins), request: nil,
                     response: .object([req("user", AuthController.userSchema), req("oneTimePassword", .string)]), status: 200),
    ]

    func boot(routes: any RoutesBuilder) throws {
        let admin = RouteAccess.roles(Access.admins)
        routes.endpoint(.GET, "users", access: admin, use: list)
        routes.endpoint(.GET, "users", ":id", access: admin, use: get)
        routes.endpoint(.POST, "users", access: admin, use: create)
        routes.endpoint(.PATCH, "users", ":id", access: admin, use: update)
        routes.endpoint(.POST, "users", ":id", "reset-password", access: admin, use: resetPassword)
    }

    @Sendable
    func list(_ req: Request) async throws -> Page<UserDTO> {
        let params = try ListParameters.from(req)
        let query = User.query(on: req.db)
        if let role = req.query[String.self, at: "role"], !role.isEmpty {
            guard Role(rawValue: role) != nil else { throw RectifyError.invalid("role", "invalid_value", "角色取值无效") }
            query.filter(\.$roleRaw == role)
        }
        if let org = req.query[String.self, at: "organizationId"], !org.isEmpty {
            query.filter(\.$organizationID == (try ResourceFilter<User>.parseUUID(org, "organizationId")))
        }
        query.sort(\.$username)
        let total = try await query.copy().count()
        let rows = try await query.page(params).all()
        return Page(items: try rows.map { try $0.toDTO() }, page: params.page, per: params.per, total: total)
    }

    @Sendable
    func get(_ req: Request) async throws -> UserDTO {
        try await find(req, on: req.db).toDTO()
    }

    private func find(_ req: Request, on db: Database) async throws -> User {
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await User.find(id, on: db) else {
            throw RectifyError.notFound("用户")
        }
        return user
    }

    @Sendable
    func create(_ req: Request) async throws -> Response {
        let created = try await Self.create(try req.content.decode(CreateInput.self), on: req)
        let response = Response(status: .created)
        try response.content.encode(created, as: .json)
        return response
    }

    /// Creates a user with a one-time password (shared by the API and the admin page).
    static func create(_ input: CreateInput, on req: Request) async throws -> Created {
        var v = FieldValidator()
        let username = v.text(input.username, field: "username", label: "用户名", max: 64)
        if let name = username, name.range(of: "^[A-Za-z0-9_.-]+$", options: .regularExpression) == nil {
            v.add("username", "invalid_format", "用户名只能包含字母、数字、下划线、点和连字符")
        }
        let display = v.text(input.displayName, field: "displayName", label: "姓名", max: 50)
        if input.role == nil { v.add("role", "required", "角色不能为空") }
        if let role = input.role, !role.readsAllBodies, input.organizationId == nil {
            v.add("organizationId", "required", "\(role.label)须指定所在单位（被巡察单位或其内设机构）")
        }
        try v.check()
        let password = Credentials.generatePassword()
        let hash = try await req.application.credentials.hash(password: password, on: req.application)
        let dto = try await req.write { db, audit in
            _ = try await Lookup.organization(input.organizationId, field: "organizationId", on: db)
            if try await User.query(on: db).filter(\.$username == username!).count() > 0 {
                throw RectifyError.invalid("username", "duplicate", "用户名已存在")
            }
            let user = User()
            user.username = username!
            user.displayName = display!
            user.passwordHash = hash
            user.roleRaw = input.role!.rawValue
            user.organizationID = input.organizationId
            user.active = true
            user.mustChangePassword = true
            user.version = 1
            try await user.create(on: db)
            let dto = try user.toDTO()
            try await audit.record("create", entity: "user", id: dto.id.uuidString, after: dto)
            return dto
        }
        return Created(user: dto, oneTimePassword: password)
    }

    @Sendable
    func update(_ req: Request) async throws -> UserDTO {
        let input = try req.content.decode(UpdateInput.self)
        let expected = try req.expectedVersion(input.version)
        let actingID = try req.auth.require(User.self).requireID()
        return try await req.write { db, audit in
            let user = try await find(req, on: db)
            guard user.version == expected else { throw RectifyError.staleVersion(current: user.version) }
            let before = try user.toDTO()
            var v = FieldValidator()
            if input.displayName != nil, let d = v.text(input.displayName, field: "displayName", label: "姓名", max: 50) {
                user.displayName = d
            }
            try v.check()
            if user.id == actingID, input.active == false || (input.role != nil && input.role != .admin) {
                throw RectifyError.conflict(code: "self_lockout", message: "不能停用自己的账号或取消自己的管理员角色")
            }
            if let role = input.role { user.roleRaw = role.rawValue }
            if let org = input.organizationId {
                _ = try await Lookup.organization(org, field: "organizationId", on: db)
                user.organizationID = org
            }
            if let active = input.active { user.active = active }
            user.version += 1
            try await user.save(on: db)
            let after = try user.toDTO()
            try await audit.record("update", entity: "user", id: after.id.uuidString, before: before, after: after)
            return after
        }
    }

    @Sendable
    func resetPassword(_ req: Request) async throws -> Created {
        let password = Credentials.generatePassword()
        let hash = try await req.application.credentials.hash(password: password, on: req.application)
        let dto = try await req.write { db, audit in
            let user = try await find(req, on: db)
            user.passwordHash = hash
            user.mustChangePassword = true
            // A reset also lifts a lockout: the administrator has identified the person.
            user.failedLogins = 0
            user.lockedUntil = nil
            user.version += 1
            try await user.save(on: db)
            let dto = try user.toDTO()
            try await audit.record("reset_password", entity: "user", id: dto.id.uuidString, after: ["username": dto.username])
            return dto
        }
        return Created(user: dto, oneTimePassword: password)
    }
}
