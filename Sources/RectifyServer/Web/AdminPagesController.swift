import Fluent
import RectifyCore
import Vapor

/// Administration: users (with one-time passwords and password resets that lift a lockout), units,
/// people (the leaders and staff measures and registers name), the working-day calendar's years,
/// and each round's warning thresholds.
struct AdminPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "admin", access: .roles(Access.admins), use: page)
        routes.endpoint(.POST, "admin", "users", access: .roles(Access.admins), use: createUser)
        routes.endpoint(.POST, "admin", "units", access: .roles(Access.admins), use: createUnit)
        routes.endpoint(.POST, "admin", "thresholds", access: .roles(Access.admins), use: thresholds)
        routes.endpoint(.POST, "admin", "users", ":id", "reset-password", access: .roles(Access.admins), use: resetPassword)
        routes.endpoint(.POST, "admin", "people", access: .roles(Access.admins), use: createPerson)
        routes.endpoint(.POST, "admin", "people", ":id", access: .roles(Access.admins), use: updatePerson)
    }

    /// Users and people listed per page of the admin page (a province holds tens of thousands).
    static let usersPerPage = 50
    static let peoplePerPage = 50

    struct UserRow: Encodable {
        let id: UUID; let username: String; let name: String; let role: String; let unit: String; let active: Bool; let locked: Bool
    }
    struct PersonRow: Encodable {
        let id: UUID; let name: String; let rank: String; let title: String; let unitID: String; let unit: String; let version: Int
    }
    struct UnitRow: Encodable { let id: UUID; let name: String; let kind: String; let depth: Int }
    struct Option: Encodable { let value: String; let label: String }
    struct RoundRow: Encodable { let id: UUID; let title: String; let dueSoon: Int; let behind: Int; let version: Int }
    struct Context: Encodable {
        let frame: PageFrame; let bodies: [Option]; let scope: String; let scopeName: String
        let users: [UserRow]; let usersPager: Pager; let units: [UnitRow]; let roles: [Option]; let kinds: [Option]
        let knownYears: String; let calendarWarning: String?; let rounds: [RoundRow]; let created: String?; let password: String?
        let error: String?
        let people: [PersonRow]; let ranks: [Option]; let peopleUnit: String; let peoplePager: Pager
    }

    /// The page shows one inspected body at a time (`?body=`): its units, its users and people (with
    /// those who belong to no unit, such as supervisors), and its rounds' thresholds. At province
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

        let peopleUnit = req.query[UUID.self, at: "peopleUnit"].flatMap { scopeUnits.contains($0) ? $0 : nil }
        let peopleQuery = Person.query(on: req.db)
        if let peopleUnit {
            peopleQuery.filter(\.$organizationID == peopleUnit)
        } else {
            peopleQuery.group(.or) { or in
                or.filter(\.$organizationID == nil)
                if !inScope.isEmpty { or.filter(\.$organizationID ~~ inScope) }
            }
        }
        let (peoplePager, peopleRange) = pager(total: try await peopleQuery.count(), per: Self.peoplePerPage, key: "peoplePage",
                                               extra: peopleUnit.map { ["peopleUnit": $0.uuidString] } ?? [:], anchor: "#people")
        let people = try await peopleQuery.sort(\.$name).sort(\.$id).range(peopleRange).all()

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
            created: created, password: password, error: error,
            people: people.compactMap { p in p.id.map { PersonRow(
                id: $0, name: p.name, rank: p.rank.flatMap(CadreRank.init(rawValue:))?.label ?? "—", title: p.title ?? "",
                unitID: p.organizationID?.uuidString ?? "", unit: p.organizationID.flatMap { names[$0] } ?? "—", version: p.version) } },
            ranks: CadreRank.allCases.map { Option(value: $0.rawValue, label: $0.label) },
            peopleUnit: peopleUnit?.uuidString ?? "", peoplePager: peoplePager))
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

    struct PersonPost: Content { var name: String?; var rank: String?; var title: String?; var organizationId: String?; var version: Int? }

    /// Empty selects and fields mean "none"; an unknown rank is left for the resource to refuse.
    static func personFields(_ form: PersonPost) -> (rank: CadreRank?, title: String?, unit: UUID?, rankInvalid: Bool) {
        let rankText = form.rank?.trimmingCharacters(in: .whitespaces) ?? ""
        let rank = CadreRank(rawValue: rankText)
        return (rank, form.title, form.organizationId.flatMap { UUID(uuidString: $0) }, !rankText.isEmpty && rank == nil)
    }

    @Sendable
    func createPerson(_ req: Request) async throws -> Response {
        let form = try req.content.decode(PersonPost.self)
        let fields = Self.personFields(form)
        guard !fields.rankInvalid else { return try await render(req, error: "职级不在可选范围内") }
        do {
            _ = try await ResourceController<PersonResource>.create(
                .init(name: form.name, rank: fields.rank, title: fields.title, organizationId: fields.unit),
                access: try await req.access(), on: req)
            return Self.back(req, anchor: "#people")
        } catch let error as RectifyError {
            return try await render(req, error: messages(error))
        }
    }

    @Sendable
    func updatePerson(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("人员") }
        let form = try req.content.decode(PersonPost.self)
        let fields = Self.personFields(form)
        guard !fields.rankInvalid else { return try await render(req, error: "职级不在可选范围内") }
        guard let version = form.version else { return try await render(req, error: "缺少版本号，请刷新页面后重试") }
        var input = PersonResource.UpdateInput()
        input.name = form.name
        input.rank = fields.rank
        input.title = fields.title
        input.organizationId = fields.unit
        do {
            _ = try await ResourceController<PersonResource>.update(id, with: input, expected: version, access: try await req.access(), on: req)
            return Self.back(req, anchor: "#people")
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
