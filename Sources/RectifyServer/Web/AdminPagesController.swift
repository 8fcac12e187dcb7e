import Fluent
import RectifyCore
import Vapor

/// Administration: users (with one-time passwords and password resets that lift a lockout), units,
/// the working-day calendar's years, and each round's warning thresholds. People are managed on the
/// people pages (`PeoplePagesController`), which the office uses too.
struct AdminPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "admin", access: .roles(Access.admins), use: page)
        routes.endpoint(.POST, "admin", "users", access: .roles(Access.admins), use: createUser)
        routes.endpoint(.POST, "admin", "units", access: .roles(Access.admins), use: createUnit)
        routes.endpoint(.POST, "admin", "thresholds", access: .roles(Access.admins), use: thresholds)
        routes.endpoint(.POST, "admin", "users", ":id", "reset-password", access: .roles(Access.admins), use: resetPassword)
    }

    /// Users listed per page of the admin page (a province holds tens of thousands).
    static let usersPerPage = 50

    struct UserRow: Encodable {
        let id: UUID; let username: String; let name: String; let role: String; let unit: String; let active: Bool; let locked: Bool
    }
    struct UnitRow: Encodable { let id: UUID; let name: String; let kind: String; let depth: Int }
    struct Option: Encodable { let value: String; let label: String }
    struct RoundRow: Encodable { let id: UUID; let title: String; let dueSoon: Int; let behind: Int; let version: Int }
    struct Context: Encodable {
        let frame: PageFrame; let bodies: [Option]; let scope: String; let scopeName: String
        let users: [UserRow]; let usersPager: Pager; let units: [UnitRow]; let roles: [Option]; let kinds: [Option]
        let knownYears: String; let calendarWarning: String?; let rounds: [RoundRow]; let created: String?; let password: String?
        let error: String?
    }

    /// The page shows one inspected body at a time (`?body=`): its units, its users (with those who
    /// belong to no unit, such as supervisors), and its rounds' thresholds. At province
    /// scale a page of everything would list tens of thousands of units in every unit selector.
    func render(_ req: Request, created: String? = nil, password: String? = nil, error: String? = nil) async throws -> Response {
        let bodies = try await Organization.query(on: req.db).filter(\.$parentID == nil)
            .sort(\.$sortOrder).sort(\.$name).field(\.$id).field(\.$name).all()
        let asked = req.query[UUID.self, at: "body"]
        let scope = bodies.first(where: { $0.id == asked }) ?? bodies.first
        let scopeID = scope?.id
        var scopeUnits: Set<UUID> = []
        if let scopeID { scopeUnits = try await OrganizationTree.subtree(of: scopeID, on: req.db) }
        let orgs = scopeUnits.isEmpty ? [] : try await Organization.query(on: req.db).filter(\.$id ~~ scopeUnits)
            .sort(\.$sortOrder).sort(\.$name).all()
        let names = Dictionary(uniqueKeysWithValues: orgs.compactMap { o in o.id.map { ($0, o.name) } })
        var children: [UUID?: [Organization]] = [:]
        for org in orgs { children[org.parentID, default: []].append(org) }
        var rows: [UnitRow] = []
        func walk(_ parent: UUID?, _ depth: Int) {
            for org in children[parent] ?? [] where depth < 12 {
                rows.append(UnitRow(id: org.id!, name: org.name, kind: (OrganizationKind(rawValue: org.kind) ?? .department).label, depth: depth))
                walk(org.id, depth + 1)
            }
        }
        walk(nil, 0)
        func link(_ extra: [String: String], anchor: String) -> String {
            var items = scopeID.map { ["body=\($0)"] } ?? []
            items += extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return "/admin" + (items.isEmpty ? "" : "?" + items.joined(separator: "&")) + anchor
        }
        func pager(total: Int, per: Int, key: String, extra: [String: String], anchor: String) -> (Pager, Range<Int>) {
            Pager.make(total: total, per: per, requested: req.query[Int.self, at: key]) {
                link(extra.merging([key: "\($0)"]) { $1 }, anchor: anchor)
            }
        }
        let inScope = Array(scopeUnits).map(Optional.some)

        let usersQuery = User.query(on: req.db).group(.or) { or in
            or.filter(\.$organizationID == nil)
            if !inScope.isEmpty { or.filter(\.$organizationID ~~ inScope) }
        }
        let (usersPager, usersRange) = pager(total: try await usersQuery.count(), per: Self.usersPerPage, key: "usersPage", extra: [:], anchor: "#users")
        let users = try await usersQuery.sort(\.$username).range(usersRange).all()

        let calendar = req.application.workingCalendar
        let today = req.application.clock.today
        let missing = [today.year, today.year + 1].filter { !calendar.isKnown(year: $0) }
        var rounds: [Inspection] = []
        if let scopeID {
            rounds = try await Inspection.query(on: req.db).filter(\.$inspectedBodyID == scopeID).sort(\.$feedbackDate, .descending).all()
        }
        let now = req.application.clock.now()
        let view = try await req.view.render("admin", Context(
            frame: .make(req, title: "系统管理", current: "/admin"),
            bodies: bodies.compactMap { b in b.id.map { Option(value: $0.uuidString, label: b.name) } },
            scope: scopeID?.uuidString ?? "", scopeName: scope?.name ?? "",
            users: users.compactMap { u in u.id.map { UserRow(id: $0, username: u.username, name: u.displayName, role: u.role.label,
                                                             unit: u.organizationID.flatMap { names[$0] } ?? "—", active: u.active,
                                                             locked: (u.lockedUntil ?? .distantPast) > now) } },
            usersPager: usersPager,
            units: rows, roles: Role.allCases.map { Option(value: $0.rawValue, label: $0.label) },
            kinds: OrganizationKind.allCases.map { Option(value: $0.rawValue, label: $0.label) },
            knownYears: calendar.knownYears.map(String.init).joined(separator: "、"),
            calendarWarning: WorkingDayCalendar.warning(forUnknownYears: missing).map { $0 + "；请在国务院办公厅通知发布后通过 RECTIFY_CALENDAR 补充" },
            rounds: rounds.compactMap { r in r.id.map { RoundRow(id: $0, title: r.title, dueSoon: r.warningThresholds.dueSoonWorkingDays,
                                                                   behind: r.warningThresholds.behindSchedulePoints, version: r.version) } },
            created: created, password: password, error: error))
        let response = try await view.encodeResponse(for: req)
        if error != nil { response.status = .unprocessableEntity }
        return response
    }

    /// Back to the page of the body the form was posted from.
    static func back(_ req: Request, anchor: String = "") -> Response {
        let body = req.query[UUID.self, at: "body"].map { "?body=\($0)" } ?? ""
        return req.redirect(to: "/admin" + body + anchor, redirectType: .normal)
    }

    @Sendable
    func page(_ req: Request) async throws -> Response { try await render(req) }

    func messages(_ error: RectifyError) -> String {
        let fields = error.fields.map(\.message).joined(separator: "；")
        return fields.isEmpty ? error.reason : fields
    }

    @Sendable
    func createUser(_ req: Request) async throws -> Response {
        var input = try req.content.decode(UserController.CreateInput.self)
        if input.organizationId == nil, let text = try? req.content.get(String.self, at: "unit"), let id = UUID(uuidString: text) {
            input.organizationId = id
        }
        do {
            let created = try await UserController.create(input, on: req)
            return try await render(req, created: created.user.username, password: created.oneTimePassword)
        } catch let error as RectifyError {
            return try await render(req, error: messages(error))
        }
    }

    @Sendable
    func resetPassword(_ req: Request) async throws -> Response {
        do {
            let reset = try await UserController().resetPassword(req)
            return try await render(req, created: reset.user.username, password: reset.oneTimePassword)
        } catch let error as RectifyError {
            return try await render(req, error: messages(error))
        }
    }

    struct UnitPost: Content { var name: String?; var kind: OrganizationKind?; var parentId: UUID? }

    @Sendable
    func createUnit(_ req: Request) async throws -> Response {
        let form = try req.content.decode(UnitPost.self)
        do {
            let (created, _) = try await ResourceController<OrganizationResource>.create(
                .init(parentId: form.parentId, name: form.name, shortName: nil, kind: form.kind, sortOrder: nil),
                access: try await req.access(), on: req)
            // A unit without a parent is a new inspected body: the page turns to it.
            if form.parentId == nil { return req.redirect(to: "/admin?body=\(created.id)", redirectType: .normal) }
            return Self.back(req)
        } catch let error as RectifyError {
            return try await render(req, error: messages(error))
        }
    }

    struct ThresholdPost: Content { var inspectionId: UUID?; var dueSoonWorkingDays: Int?; var behindSchedulePoints: Int?; var version: Int? }

    @Sendable
    func thresholds(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ThresholdPost.self)
        guard let id = form.inspectionId, let due = form.dueSoonWorkingDays, let behind = form.behindSchedulePoints,
              let version = form.version else { return try await render(req, error: "请填写临期工作日数和进度落后百分点") }
        var input = InspectionResource.UpdateInput()
        input.warningThresholds = WarningThresholds(dueSoonWorkingDays: due, behindSchedulePoints: behind)
        do {
            _ = try await ResourceController<InspectionResource>.update(id, with: input, expected: version, access: try await req.access(), on: req)
            return Self.back(req)
        } catch let error as RectifyError {
            return try await render(req, error: messages(error))
        }
    }
}
