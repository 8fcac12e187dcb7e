import Fluent
import RectifyCore
import Vapor

/// Administration: users (with one-time passwords and password resets that lift a lockout), units,
/// the working-day calendar (its years, and importing the State Council's holiday notice with a
/// preview first), and each round's warning thresholds. People are managed on the people pages
/// (`PeoplePagesController`), which the office uses too.
struct AdminPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "admin", access: .roles(Access.admins), use: page)
        routes.endpoint(.POST, "admin", "users", access: .roles(Access.admins), use: createUser)
        routes.endpoint(.POST, "admin", "units", access: .roles(Access.admins), use: createUnit)
        routes.endpoint(.POST, "admin", "sector", access: .roles(Access.admins), use: sector)
        routes.endpoint(.POST, "admin", "thresholds", access: .roles(Access.admins), use: thresholds)
        routes.endpoint(.POST, "admin", "users", ":id", "reset-password", access: .roles(Access.admins), use: resetPassword)
        routes.endpoint(.POST, "admin", "calendar", "preview", access: .roles(Access.admins), use: previewCalendar)
        routes.endpoint(.POST, "admin", "calendar", "import", access: .roles(Access.admins), use: importCalendar)
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
        let calendarYears: [CalendarYearLine]; let calendarWarning: String?; let calendar: CalendarPanel
        let rounds: [RoundRow]; let created: String?; let password: String?
        let error: String?
        /// The body's sector key ("" when none is set), the choices and the version the form sends.
        let sector: String; let sectors: [Option]; let scopeVersion: Int
    }

    struct CalendarYearLine: Encodable { let year: Int; let origin: String; let source: String; let imported: String }

    /// The notice being imported: the text (kept in the form between preview and import), what it
    /// reads and changes, what the import did, or why it was refused (shown beside the form).
    struct CalendarPanel: Encodable {
        var text = ""
        var preview: CalendarPreview?
        var done: String?
        var error: String?
    }

    /// An import's outcome in sentences, for the page.
    struct CalendarPreview: Encodable {
        let title: String
        let holidays: [String]
        let workdays: String
        let replaces: String
        let unchanged: Bool
        let changedDays: [String]
        let changedCount: Int
        let measures: [String]
        /// Measures affected beyond those listed, `nil` when all are.
        let moreMeasures: Int?
        let deadlines: [String]

        init(_ o: CalendarImportOutcome) {
            title = "\(o.year)年节假日安排（\(o.source)）"
            holidays = o.holidays.map { "\($0.name)：\($0.first.chinese)至\($0.last.chinese)，共\($0.days)天" }
            workdays = o.adjustedWorkdays.isEmpty ? "无" : o.adjustedWorkdays.map { "\($0.chinese)（\($0.weekdayName)）" }.joined(separator: "、")
            replaces = o.replaces ?? "无（新增年份）"
            unchanged = o.unchanged
            changedDays = o.changedDays.map(\.text)
            changedCount = o.changedDays.count
            measures = o.measures.map { m in
                (["\(m.label) \(m.text)（整改期限\(m.deadline.chinese)）：\(m.before) → \(m.after)"]
                    + m.steps.map { "\($0.step)：\($0.before.chinese) → \($0.after.chinese)" }).joined(separator: "；")
            }
            moreMeasures = o.measuresAffected > o.measures.count ? o.measuresAffected - o.measures.count : nil
            deadlines = o.deadlines.map { "\($0.label)：\($0.before.chinese) → \($0.after.chinese)" }
        }
    }

    /// The page shows one inspected body at a time (`?body=`): its units, its users (with those who
    /// belong to no unit, such as supervisors), and its rounds' thresholds. At province
    /// scale a page of everything would list tens of thousands of units in every unit selector.
    func render(_ req: Request, created: String? = nil, password: String? = nil, error: String? = nil,
                calendar panel: CalendarPanel = CalendarPanel()) async throws -> Response {
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
        let scopeBody = orgs.first { $0.id == scopeID }
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

        let coverage = CalendarCoverageDTO.make(req.application)
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
            calendarYears: coverage.years.map { y in CalendarYearLine(
                year: y.year, origin: y.originLabel, source: y.source,
                imported: y.importedBy.map { "\($0)，\(y.importedAt.map { Day($0).chinese } ?? "")" } ?? "") },
            calendarWarning: coverage.warning, calendar: panel,
            rounds: rounds.compactMap { r in r.id.map { RoundRow(id: $0, title: r.title, dueSoon: r.warningThresholds.dueSoonWorkingDays,
                                                                   behind: r.warningThresholds.behindSchedulePoints, version: r.version) } },
            created: created, password: password, error: error,
            sector: scopeBody?.sector ?? "", sectors: BodySector.allCases.map { Option(value: $0.rawValue, label: $0.label) },
            scopeVersion: scopeBody?.version ?? 0))
        let response = try await view.encodeResponse(for: req)
        if error != nil || panel.error != nil { response.status = .unprocessableEntity }
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

    struct SectorPost: Content { var bodyId: UUID?; var sector: String?; var version: Int? }

    @Sendable
    func sector(_ req: Request) async throws -> Response {
        let form = try req.content.decode(SectorPost.self)
        guard let id = form.bodyId, let version = form.version else { return try await render(req, error: "请选择被巡察单位") }
        var input = OrganizationResource.UpdateInput()
        input.sector = form.sector ?? ""
        do {
            _ = try await ResourceController<OrganizationResource>.update(id, with: input, expected: version, access: try await req.access(), on: req)
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

    struct CalendarPost: Content { var text: String?; var file: File?; var replace: String? }

    /// The notice from the form: an uploaded file when one is chosen, else the pasted text.
    func calendarText(_ req: Request) throws -> (text: String?, replace: Bool) {
        let form = try req.content.decode(CalendarPost.self)
        if let file = form.file, file.data.readableBytes > 0 {
            do {
                return (try HolidayNoticeReader.text(from: Data(buffer: file.data)), form.replace != nil)
            } catch let error as HolidayNoticeError {
                throw RectifyError.invalid("file", "unreadable", error.description)
            }
        }
        return (form.text, form.replace != nil)
    }

    @Sendable
    func previewCalendar(_ req: Request) async throws -> Response {
        var panel = CalendarPanel()
        do {
            let (text, _) = try calendarText(req)
            panel.text = text ?? ""
            let outcome = try await CalendarController.run(text, dryRun: true, replace: false, userID: try await req.access().userID, on: req)
            panel.preview = CalendarPreview(outcome)
            return try await render(req, calendar: panel)
        } catch let error as RectifyError {
            panel.error = messages(error)
            return try await render(req, calendar: panel)
        }
    }

    @Sendable
    func importCalendar(_ req: Request) async throws -> Response {
        var panel = CalendarPanel()
        do {
            let (text, replace) = try calendarText(req)
            panel.text = text ?? ""
            let userID = try await req.access().userID
            do {
                let outcome = try await CalendarController.run(text, dryRun: false, replace: replace, userID: userID, on: req)
                panel.preview = CalendarPreview(outcome)
                panel.done = outcome.stored
                    ? "已导入\(outcome.year)年节假日安排，\(outcome.changedDays.count)天的工作日安排改变，重新计算了\(outcome.deadlines.count)个期限"
                    : "\(outcome.year)年节假日安排与现有数据相同，未写入"
                return try await render(req, calendar: panel)
            } catch let error as RectifyError {
                // Refused for want of "replace": show what the replacement would change.
                if case .conflict(let code, _) = error, code == "year_covered" {
                    panel.preview = CalendarPreview(try await CalendarController.run(text, dryRun: true, replace: false, userID: userID, on: req))
                }
                throw error
            }
        } catch let error as RectifyError {
            panel.error = messages(error)
            return try await render(req, calendar: panel)
        }
    }
}
