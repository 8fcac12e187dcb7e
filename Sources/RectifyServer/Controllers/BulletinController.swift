import Fluent
import RectifyCore
import Vapor

struct BulletinDTO: Content {
    var id: UUID
    var inspectionId: UUID
    var week: String
    var bulletin: WeeklyBulletin
    var paragraphs: [String]
    var generatedBy: String
    var version: Int
    var updatedAt: Date?
}

extension WeeklyBulletin: Content {}

/// Weekly bulletins (每周通报): generated for any week from the ledger, stored, listed.
struct BulletinController: RouteCollection {
    struct GenerateInput: Content {
        var inspectionId: UUID?
        var week: String?
    }

    static let bulletinSchema: SchemaType = .object([
        req("id", .uuid), req("inspectionId", .uuid), req("week", .string, "ISO 周，如 2024-W05"),
        req("bulletin", .freeObject, "通报数据"), req("paragraphs", .array(.string), "通报正文段落"),
        req("generatedBy", .string), req("version", .integer), opt("updatedAt", .dateTime)])

    static let operations: [APIOperation] = [
        APIOperation(method: "POST", path: "/bulletins", summary: "生成（或重新生成）某周的整改进展通报", access: .roles(Access.ledgerWriters),
                     request: .object([req("inspectionId", .uuid), req("week", .string, "如 2024-W05")]),
                     response: bulletinSchema, status: 201),
        APIOperation(method: "GET", path: "/bulletins", summary: "已生成的周通报", access: .roles(Access.ledgerReaders), request: nil,
                     response: .object([req("items", .array(bulletinSchema)), req("page", .integer), req("per", .integer),
                                        req("total", .integer)]), status: 200,
                     query: [("page", "页码"), ("per", "每页条数"), ("inspectionId", "巡察轮次")]),
        APIOperation(method: "GET", path: "/bulletins/{id}", summary: "查看周通报", access: .roles(Access.ledgerReaders),
                     request: nil, response: bulletinSchema, status: 200),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.POST, "bulletins", access: .roles(Access.ledgerWriters), use: generate)
        routes.endpoint(.GET, "bulletins", access: .roles(Access.ledgerReaders), use: list)
        routes.endpoint(.GET, "bulletins", ":id", access: .roles(Access.ledgerReaders), use: get)
    }

    static func dto(_ b: Bulletin, on db: Database) async throws -> BulletinDTO {
        let bulletin = try JSONDecoder().decode(WeeklyBulletin.self, from: Data(b.content.utf8))
        let inspection = try await Inspection.find(b.inspectionID, on: db)
        let body = try await inspection.map(\.inspectedBodyID).asyncMap { try await Organization.find($0, on: db)?.name }
        return BulletinDTO(id: try b.requireID(), inspectionId: b.inspectionID, week: b.week, bulletin: bulletin,
                           paragraphs: bulletin.paragraphs(bodyName: (body ?? nil) ?? "", roundTitle: inspection?.title ?? ""),
                           generatedBy: b.generatedBy, version: b.version, updatedAt: b.updatedAt ?? b.createdAt)
    }

    /// Builds and stores the bulletin of a round and week (replacing an earlier one of that week).
    static func generate(inspection: Inspection, week: ISOWeek, calendar: WorkingDayCalendar, by actor: AuditActor,
                         now: Date, on db: Database) async throws -> Bulletin {
        let bulletin = try await BulletinSource.build(inspection: inspection, week: week, calendar: calendar, on: db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let content = String(decoding: try encoder.encode(bulletin), as: UTF8.self)
        let inspectionID = try inspection.requireID()
        return try await db.ledgerWrite(actor: actor, now: now) { tx, audit in
            let row = try await Bulletin.query(on: tx).filter(\.$inspectionID == inspectionID).filter(\.$week == week.text).first()
                ?? Bulletin()
            let isNew = row.id == nil
            row.inspectionID = inspectionID
            row.week = week.text
            row.content = content
            row.generatedBy = actor.name
            row.version = isNew ? 1 : row.version + 1
            try await row.save(on: tx)
            try await audit.record(isNew ? "generate" : "regenerate", entity: "bulletin", id: try row.requireID().uuidString,
                                   after: ["week": week.text, "inspectionId": inspectionID.uuidString])
            return row
        }
    }

    @Sendable
    func generate(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let input = try req.content.decode(GenerateInput.self)
        var v = FieldValidator()
        if input.inspectionId == nil { v.add("inspectionId", "required", "巡察轮次不能为空") }
        let week = input.week.flatMap(ISOWeek.init(text:))
        if week == nil { v.add("week", input.week == nil ? "required" : "invalid_week", "周次应为 ISO 周，如 2024-W05") }
        try v.check()
        let inspection = try await Lookup.inspection(input.inspectionId!, field: "inspectionId", access: access, on: req.db)
        let row = try await Self.generate(inspection: inspection, week: week!, calendar: req.application.workingCalendar,
                                          by: req.auditActor, now: req.application.clock.now(), on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try await Self.dto(row, on: req.db), as: .json)
        return response
    }

    @Sendable
    func list(_ req: Request) async throws -> Page<BulletinDTO> {
        let access = try await req.access()
        let params = try ListParameters.from(req)
        let query = Bulletin.query(on: req.db)
        if let ids = access.inspectionIDs { query.filter(\.$inspectionID ~~ Array(ids)) }
        if let id = req.query[String.self, at: "inspectionId"].nonBlank {
            query.filter(\.$inspectionID == (try ResourceFilter<Bulletin>.parseUUID(id, "inspectionId")))
        }
        query.sort(\.$week, .descending).sort(\.$id)
        let total = try await query.copy().count()
        let rows = try await query.page(params).all()
        var items: [BulletinDTO] = []
        for row in rows { items.append(try await Self.dto(row, on: req.db)) }
        return Page(items: items, page: params.page, per: params.per, total: total)
    }

    @Sendable
    func get(_ req: Request) async throws -> BulletinDTO {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self), let row = try await Bulletin.find(id, on: req.db),
              access.canSee(inspection: row.inspectionID) else { throw RectifyError.notFound("周通报") }
        return try await Self.dto(row, on: req.db)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
