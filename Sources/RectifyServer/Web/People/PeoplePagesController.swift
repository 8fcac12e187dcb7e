import Fluent
import RectifyCore
import Vapor

/// People management (人员管理) for a body's rectification office and for administrators: the body's
/// people by unit, adding, editing, moving between the body's units, marking as left (离任 or 调离,
/// kept for history) and undoing that mark. Every write is `PersonResource`'s, through
/// `ResourceController`, so the pages validate, scope and audit exactly as the API does.
struct PeoplePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let access = RouteAccess.roles(PersonResource.writeAccess)
        routes.endpoint(.GET, "people", access: access, use: list)
        routes.endpoint(.POST, "people", access: access, use: create)
        routes.endpoint(.GET, "people", ":id", access: access, use: detail)
        routes.endpoint(.POST, "people", ":id", access: access, use: edit)
        routes.endpoint(.POST, "people", ":id", "move", access: access, use: move)
        routes.endpoint(.POST, "people", ":id", "leave", access: access, use: leave)
        routes.endpoint(.POST, "people", ":id", "reinstate", access: access, use: reinstate)
    }

    static let perPage = 50

    typealias Option = BoardController.Option

    /// Which people the list shows; the serving ones unless asked otherwise.
    enum StatusFilter: String, CaseIterable {
        case active, left, all

        var label: String {
            switch self {
            case .active: "在任"
            case .left: "已离任或调离"
            case .all: "全部"
            }
        }
    }

    static let doneMessages = [
        "created": "人员已新增。", "saved": "已保存。", "moved": "已调整所在单位。",
        "left": "已标记离任（调离）。该人员不再作为新整改措施的责任领导供选择，已有措施仍显示其姓名。",
        "reinstated": "已撤销离任（调离）标记，该人员恢复为在任。",
    ]

    // MARK: scope

    /// The body whose people a page shows and the units it offers.
    struct Scope {
        let directory: BodyDirectory
        /// The bodies to switch between, for roles that reach every body; empty for the others.
        let bodies: [Option]
        /// People without a unit (an administrator may enter one without) are listed for roles that
        /// reach every body, whichever body the page shows.
        let includesUnitless: Bool
    }

    /// The user's own body; for roles that reach every body (`ScopeRule`), the one asked for or the first.
    static func scope(_ req: Request, _ access: AccessContext, asked: UUID?) async throws -> Scope {
        if let units = try await access.bodyUnits(on: req.db) {
            guard let body = access.bodyID, !units.isEmpty else { return Scope(directory: .empty, bodies: [], includesUnitless: false) }
            return Scope(directory: try await .load(body: body, subtree: units, on: req.db), bodies: [], includesUnitless: false)
        }
        let bodies = try await Organization.query(on: req.db).filter(\.$parentID == nil)
            .sort(\.$sortOrder).sort(\.$name).field(\.$id).field(\.$name).all()
        let chosen = bodies.first(where: { $0.id == asked })?.id ?? bodies.first?.id
        var directory = BodyDirectory.empty
        if let chosen { directory = try await .load(body: chosen, on: req.db) }
        return Scope(directory: directory,
                     bodies: bodies.compactMap { b in b.id.map { Option(value: $0.uuidString, label: b.name, selected: $0 == chosen) } },
                     includesUnitless: true)
    }

    // MARK: list

    struct Row: Encodable { let id: UUID; let name: String; let rank: String; let title: String; let unit: String; let status: String; let left: Bool }
    struct ListContext: Encodable {
        let frame: PageFrame; let bodies: [Option]; let body: String; let bodyName: String
        let rows: [Row]; let pager: Pager; let units: [Option]; let statuses: [Option]; let q: String
        let formUnits: [Option]; let ranks: [Option]; let draft: [String: String]; let errors: [String: String]; let done: String?
    }

    static func statusText(_ person: Person) -> String {
        guard let leftOn = person.leftOn else { return "在任" }
        let how = person.departure.flatMap(Departure.init(rawValue:))?.label ?? Departure.leftOffice.label
        return "\(Day(iso: leftOn)?.chinese ?? leftOn)\(how)"
    }

    @Sendable
    func list(_ req: Request) async throws -> Response {
        try await renderList(req, draft: [:], errors: [:], refusal: nil)
    }

    func renderList(_ req: Request, draft: [String: String], errors: [String: String], refusal: RectifyError?) async throws -> Response {
        let access = try await req.access()
        let scope = try await Self.scope(req, access, asked: req.query[UUID.self, at: "body"])
        let directory = scope.directory
        let unit = req.query[UUID.self, at: "unit"].flatMap { directory.names[$0] != nil ? $0 : nil }
        let status = req.query[String.self, at: "status"].flatMap(StatusFilter.init(rawValue:)) ?? .active
        let q = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)

        let query = Person.query(on: req.db)
        try await PersonResource.scope(query, access, on: req.db)
        if let unit {
            query.filter(\.$organizationID == unit)
        } else {
            let ids = directory.ids.map(Optional.some)
            query.group(.or) { or in
                or.filter(\.$organizationID ~~ ids)
                if scope.includesUnitless { or.filter(\.$organizationID == nil) }
            }
        }
        switch status {
        case .active: query.filter(\.$leftOn == nil)
        case .left: query.filter(\.$leftOn != nil)
        case .all: break
        }
        if !q.isEmpty { query.filter(\.$name, .custom("LIKE"), "%\(q.replacingOccurrences(of: "%", with: ""))%") }
        let body = directory.bodyID?.uuidString ?? ""
        let (pager, range) = Pager.make(total: try await query.copy().count(), per: Self.perPage, requested: req.query[Int.self, at: "page"]) { page in
            var parts = ["body=\(body)", "status=\(status.rawValue)", "page=\(page)"]
            if let unit { parts.append("unit=\(unit)") }
            if !q.isEmpty { parts.append("q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            return "/people?" + parts.joined(separator: "&")
        }
        let people = try await query.sort(\.$name).sort(\.$id).range(range).all()
        let context = ListContext(
            frame: .make(req, title: "人员管理", current: "/people"), bodies: scope.bodies, body: body,
            bodyName: directory.bodyID.flatMap { directory.names[$0] } ?? "",
            rows: people.compactMap { p in
                p.id.map { Row(id: $0, name: p.name, rank: p.rank.flatMap(CadreRank.init(rawValue:))?.label ?? "—", title: p.title ?? "",
                               unit: p.organizationID.flatMap { directory.names[$0] } ?? "—", status: Self.statusText(p), left: p.leftOn != nil) }
            },
            pager: pager, units: directory.options(selected: unit),
            statuses: StatusFilter.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == status) }, q: q,
            formUnits: directory.options(selected: draft["organizationId"].flatMap(UUID.init(uuidString:)) ?? directory.bodyID),
            ranks: Self.ranks(selected: draft["rank"]), draft: draft, errors: errors,
            done: req.query[String.self, at: "done"].flatMap { Self.doneMessages[$0] })
        let response = try await req.view.render("people", context).encodeResponse(for: req)
        if !errors.isEmpty { response.refusedForm(refusal, otherwise: refusal?.status ?? .unprocessableEntity) }
        return response
    }

    static func ranks(selected: String?) -> [Option] {
        CadreRank.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }

    // MARK: the form

    /// What the forms post. Selects send "" for none; the values are checked here only as far as the
    /// resource's input types need, and the resource checks the rest.
    struct Form: Content {
        var name: String?; var rank: String?; var title: String?; var organizationId: String?
        var leftOn: String?; var departure: String?; var version: String?

        /// The values to show again beside the messages.
        var draft: [String: String] {
            var draft: [String: String] = [:]
            for (key, value) in [("name", name), ("rank", rank), ("title", title), ("organizationId", organizationId),
                                 ("leftOn", leftOn), ("departure", departure)] { if let value { draft[key] = value } }
            return draft
        }
    }

    struct Parsed {
        var rank: CadreRank?
        var unit: UUID?
        var departure: Departure?
        var version: Int?
        var errors: [String: String] = [:]
    }

    static func parse(_ form: Form) -> Parsed {
        var parsed = Parsed()
        if let text = form.rank.nonBlank {
            parsed.rank = CadreRank(rawValue: text)
            if parsed.rank == nil { parsed.errors["rank"] = "职级不在可选范围内" }
        }
        if let text = form.organizationId.nonBlank {
            parsed.unit = UUID(uuidString: text)
            if parsed.unit == nil { parsed.errors["organizationId"] = "所选单位不存在或不属于本单位" }
        }
        if let text = form.departure.nonBlank {
            parsed.departure = Departure(rawValue: text)
            if parsed.departure == nil { parsed.errors["departure"] = "请选择离任或调离" }
        }
        parsed.version = form.version.nonBlank.flatMap { Int($0) }
        return parsed
    }

    /// A refusal shown on the form: its field messages, or its message. Not found and forbidden are
    /// not: they answer as they would anywhere else.
    static func shownOnForm(_ error: RectifyError) -> Bool {
        ![.notFound, .forbidden, .unauthorized].contains(error.status)
    }

    static func messages(_ error: RectifyError) -> [String: String] {
        var messages: [String: String] = [:]
        for issue in error.fields { messages[issue.field] = messages[issue.field].map { $0 + "；" + issue.message } ?? issue.message }
        if messages.isEmpty { messages["form"] = error.reason }
        return messages
    }

    // MARK: create

    @Sendable
    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        var parsed = Self.parse(form)
        // The page always names the unit: an administrator's person without one would be seen by no office.
        if parsed.unit == nil, parsed.errors["organizationId"] == nil { parsed.errors["organizationId"] = "请选择所在单位" }
        guard parsed.errors.isEmpty else { return try await renderList(req, draft: form.draft, errors: parsed.errors, refusal: nil) }
        do {
            let (created, _) = try await ResourceController<PersonResource>.create(
                .init(name: form.name, rank: parsed.rank, title: form.title, organizationId: parsed.unit), access: try await req.access(), on: req)
            return req.redirect(to: "/people/\(created.id)?done=created", redirectType: .normal)
        } catch let error as RectifyError where Self.shownOnForm(error) {
            return try await renderList(req, draft: form.draft, errors: Self.messages(error), refusal: error)
        }
    }

    // MARK: one person

    struct PersonContext: Encodable {
        let frame: PageFrame; let id: UUID; let name: String; let status: String; let left: Bool; let version: Int
        let unitName: String; let title: String; let listLink: String
        let values: [String: String]; let ranks: [Option]; let hasRank: Bool; let units: [Option]; let departures: [Option]; let today: String
        let led: Int; let open: Int; let trail: [PersonTrail.Row]; let errors: [String: String]; let done: String?
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound(PersonResource.label) }
        return id
    }

    @Sendable
    func detail(_ req: Request) async throws -> Response {
        try await renderPerson(req, id: try Self.id(req), draft: [:], errors: [:], refusal: nil)
    }

    /// The person's page, read through the resource's scope: another body's person is not found.
    func renderPerson(_ req: Request, id: UUID, draft: [String: String], errors: [String: String], refusal: RectifyError?) async throws -> Response {
        let access = try await req.access()
        let query = Person.query(on: req.db).filter(\.$id == id)
        try await PersonResource.scope(query, access, on: req.db)
        guard let person = try await query.first() else { throw RectifyError.notFound(PersonResource.label) }
        var asked = req.query[UUID.self, at: "body"]
        if try await access.bodyUnits(on: req.db) == nil, let unit = person.organizationID {
            asked = try await OrganizationTree.root(of: unit, on: req.db)
        }
        let directory = try await Self.scope(req, access, asked: asked).directory
        let measures = Measure.query(on: req.db).filter(\.$leaderID == id)
        try await MeasureResource.scope(measures, access, on: req.db)
        let led = try await measures.copy().count()
        let open = try await measures.filter(\.$status != RectificationStatus.closed.rawValue).count()
        var values = ["name": person.name, "rank": person.rank ?? "", "title": person.title ?? "",
                      "organizationId": person.organizationID?.uuidString ?? "", "leftOn": access.today.iso,
                      "departure": Departure.leftOffice.rawValue]
        values.merge(draft) { $1 }
        let context = PersonContext(
            frame: .make(req, title: "人员：\(person.name)", current: "/people"), id: id, name: person.name,
            status: Self.statusText(person), left: person.leftOn != nil, version: person.version,
            unitName: person.organizationID.flatMap { directory.names[$0] } ?? "未归属单位", title: person.title ?? "",
            listLink: "/people" + (directory.bodyID.map { "?body=\($0)" } ?? ""),
            // A rank once given is changed, not removed (the resource keeps it when none is sent).
            values: values, ranks: Self.ranks(selected: values["rank"]), hasRank: person.rank != nil,
            units: directory.options(selected: values["organizationId"].flatMap(UUID.init(uuidString:))),
            departures: Departure.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == values["departure"]) },
            today: access.today.iso, led: led, open: open,
            trail: try await PersonTrail.load(id, units: directory.names, on: req.db), errors: errors,
            done: req.query[String.self, at: "done"].flatMap { Self.doneMessages[$0] })
        let response = try await req.view.render("person", context).encodeResponse(for: req)
        if !errors.isEmpty { response.refusedForm(refusal, otherwise: refusal?.status ?? .unprocessableEntity) }
        return response
    }

    /// Writes `input` through the resource at the version the form was based on, then back to the
    /// person's page; a refusal shows there beside the fields, with what was entered.
    func update(_ req: Request, form: Form, parsed: Parsed, input: PersonResource.UpdateInput, done: String) async throws -> Response {
        let id = try Self.id(req)
        var errors = parsed.errors
        if parsed.version == nil { errors["form"] = "缺少版本号，请刷新页面后重试" }
        guard errors.isEmpty, let version = parsed.version else {
            return try await renderPerson(req, id: id, draft: form.draft, errors: errors, refusal: nil)
        }
        do {
            _ = try await ResourceController<PersonResource>.update(id, with: input, expected: version, access: try await req.access(), on: req)
            return req.redirect(to: "/people/\(id)?done=\(done)", redirectType: .normal)
        } catch let error as RectifyError where Self.shownOnForm(error) {
            return try await renderPerson(req, id: id, draft: form.draft, errors: Self.messages(error), refusal: error)
        }
    }

    @Sendable
    func edit(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let parsed = Self.parse(form)
        var input = PersonResource.UpdateInput()
        input.name = form.name
        input.rank = parsed.rank
        input.title = form.title
        return try await update(req, form: form, parsed: parsed, input: input, done: "saved")
    }

    @Sendable
    func move(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        var parsed = Self.parse(form)
        if parsed.unit == nil, parsed.errors["organizationId"] == nil { parsed.errors["organizationId"] = "请选择要调往的单位" }
        var input = PersonResource.UpdateInput()
        input.organizationId = parsed.unit
        return try await update(req, form: form, parsed: parsed, input: input, done: "moved")
    }

    @Sendable
    func leave(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        var parsed = Self.parse(form)
        // An empty day would mean "serving again" to the resource: here it is a missing answer.
        if form.leftOn.nonBlank == nil { parsed.errors["leftOn"] = "离任（调离）日期不能为空" }
        if parsed.departure == nil { parsed.errors["departure"] = "请选择离任或调离" }
        var input = PersonResource.UpdateInput()
        input.leftOn = form.leftOn
        input.departure = parsed.departure
        return try await update(req, form: form, parsed: parsed, input: input, done: "left")
    }

    @Sendable
    func reinstate(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        var input = PersonResource.UpdateInput()
        input.leftOn = ""
        return try await update(req, form: form, parsed: Self.parse(form), input: input, done: "reinstated")
    }
}
