import Fluent
import RectifyCore
import Vapor

/// Administration: users (with one-time passwords), units, the working-day calendar's years, and
/// each round's warning thresholds.
struct AdminPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "admin", access: .roles(Access.admins), use: page)
        routes.endpoint(.POST, "admin", "users", access: .roles(Access.admins), use: createUser)
        routes.endpoint(.POST, "admin", "units", access: .roles(Access.admins), use: createUnit)
        routes.endpoint(.POST, "admin", "thresholds", access: .roles(Access.admins), use: thresholds)
    }

    struct UserRow: Encodable { let username: String; let name: String; let role: String; let unit: String; let active: Bool }
    struct UnitRow: Encodable { let id: UUID; let name: String; let kind: String; let depth: Int }
    struct Option: Encodable { let value: String; let label: String }
    struct RoundRow: Encodable { let id: UUID; let title: String; let dueSoon: Int; let behind: Int; let version: Int }
    struct Context: Encodable {
        let frame: PageFrame; let users: [UserRow]; let units: [UnitRow]; let roles: [Option]; let kinds: [Option]
        let knownYears: String; let calendarWarning: String?; let rounds: [RoundRow]; let created: String?; let password: String?
        let error: String?
    }

    func render(_ req: Request, created: String? = nil, password: String? = nil, error: String? = nil) async throws -> Response {
        let users = try await User.query(on: req.db).sort(\.$username).all()
        let orgs = try await Organization.query(on: req.db).sort(\.$sortOrder).sort(\.$name).all()
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
        let calendar = req.application.workingCalendar
        let today = req.application.clock.today
        let missing = [today.year, today.year + 1].filter { !calendar.isKnown(year: $0) }
        let rounds = try await Inspection.query(on: req.db).sort(\.$feedbackDate, .descending).all()
        let view = try await req.view.render("admin", Context(
            frame: .make(req, title: "系统管理", current: "/admin"),
            users: users.map { UserRow(username: $0.username, name: $0.displayName, role: $0.role.label,
                                       unit: $0.organizationID.flatMap { names[$0] } ?? "—", active: $0.active) },
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

    struct UnitPost: Content { var name: String?; var kind: OrganizationKind?; var parentId: UUID? }

    @Sendable
    func createUnit(_ req: Request) async throws -> Response {
        let form = try req.content.decode(UnitPost.self)
        do {
            _ = try await ResourceController<OrganizationResource>.create(
                .init(parentId: form.parentId, name: form.name, shortName: nil, kind: form.kind, sortOrder: nil),
                access: try await req.access(), on: req)
            return req.redirect(to: "/admin", redirectType: .normal)
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
            return req.redirect(to: "/admin", redirectType: .normal)
        } catch let error as RectifyError {
            return try await render(req, error: messages(error))
        }
    }
}
