import Fluent
import SQLKit
import RectifyCore
import Vapor

struct MeasureDTO: Content, Equatable {
    var id: UUID
    var problemId: UUID
    var inspectionId: UUID
    var number: Int
    var label: String
    var text: String
    var kind: MeasureKind
    var leaderId: UUID?
    var leadUnitId: UUID?
    var supportingUnitIds: [UUID]
    var startDate: Day?
    var deadline: Day?
    var status: RectificationStatus
    var statusLabel: String
    var closeOutStage: CloseOutStage?
    var progress: Int
    var lastReportedOn: Day?
    var version: Int
}

/// Measures (整改措施): the plan's unit of work, each with a leader, a lead unit, supporting units
/// and a deadline. Unit reporters see the measures their units lead or support.
struct MeasureResource: LedgerResource {
    typealias M = Measure

    struct CreateInput: Decodable, Sendable {
        var problemId: UUID?
        var number: Int?
        var label: String?
        var text: String?
        var kind: MeasureKind?
        var leaderId: UUID?
        var leadUnitId: UUID?
        var supportingUnitIds: [UUID]?
        var startDate: String?
        var deadline: String?
    }

    struct UpdateInput: Decodable, Sendable, VersionedInput {
        var label: String?
        var text: String?
        var kind: MeasureKind?
        var leaderId: UUID?
        var leadUnitId: UUID?
        var supportingUnitIds: [UUID]?
        var startDate: String?
        var deadline: String?
        var status: RectificationStatus?
        var version: Int?
    }

    static let path = "measures"
    static let entity = "measure"
    static let label = "整改措施"
    static let readAccess = Access.everyone
    static let writeAccess = Access.ledgerWriters
    static let deletable = true
    static let filters: [ResourceFilter<Measure>] = [
        .uuid("inspectionId", "巡察轮次", \.$inspectionID),
        .uuid("problemId", "所属问题", \.$problemID),
        .optionalUUID("leaderId", "责任领导", \.$leaderID),
        .optionalUUID("leadUnitId", "牵头单位", \.$leadUnitID),
        .text("status", "状态", \.$status, allowed: RectificationStatus.allCases.map(\.rawValue)),
        .text("kind", "措施类型", \.$kind, allowed: MeasureKind.allCases.map(\.rawValue)),
        .dayOnOrBefore("deadlineBefore", "整改期限不晚于（YYYY-MM-DD）", \.$deadline),
        SearchMatch.filter(.measure, summary: "全文检索措施内容（空格分隔的词须全部出现）"),
    ]
    static let sorts: [String: ResourceSort<Measure>] = [
        "deadline": .optional(\.$deadline), "number": .field(\.$number), "progress": .field(\.$progress),
        "status": .field(\.$status),
    ]
    static let defaultSort = ResourceSort<Measure>.fields(["problem_id", "number"])
    static let schema = ResourceSchema(
        name: "Measure",
        dto: [req("id", .uuid), req("problemId", .uuid), req("inspectionId", .uuid), req("number", .integer),
              req("label", .string, "显示编号，如 ①"), req("text", .string, "措施内容"),
              req("kind", .enumeration(MeasureKind.allCases.map(\.rawValue)), "立行立改 / 限期整改 / 长期坚持"),
              opt("leaderId", .uuid, "责任领导"), opt("leadUnitId", .uuid, "牵头单位"), req("supportingUnitIds", .array(.uuid), "配合单位"),
              opt("startDate", .date, "起始日期"), opt("deadline", .date, "整改期限"),
              req("status", .enumeration(RectificationStatus.allCases.map(\.rawValue))), req("statusLabel", .string),
              opt("closeOutStage", .enumeration(CloseOutStage.allCases.map(\.rawValue))), req("progress", .integer, "进度百分比"),
              opt("lastReportedOn", .date), req("version", .integer)],
        create: [req("problemId", .uuid), opt("number", .integer), opt("label", .string), req("text", .string),
                 opt("kind", .enumeration(MeasureKind.allCases.map(\.rawValue))), opt("leaderId", .uuid, "责任领导，新指定的须为在任人员"),
                 opt("leadUnitId", .uuid), opt("supportingUnitIds", .array(.uuid)), opt("startDate", .date),
                 opt("deadline", .date, "长期坚持的措施可不填")],
        update: [opt("label", .string), opt("text", .string), opt("kind", .enumeration(MeasureKind.allCases.map(\.rawValue))),
                 opt("leaderId", .uuid, "责任领导，新指定的须为在任人员"), opt("leadUnitId", .uuid), opt("supportingUnitIds", .array(.uuid)),
                 opt("startDate", .date), opt("deadline", .date),
                 opt("status", .enumeration(RectificationStatus.allCases.map(\.rawValue))), opt("version", .integer)])

    static let circled = Array("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳").map(String.init)

    static func defaultLabel(_ number: Int) -> String {
        (1...circled.count).contains(number) ? circled[number - 1] : "(\(number))"
    }

    /// Measures a unit leads or supports, in one statement: the supporting units' measures are a
    /// subquery rather than a list read first, which cost every unit reporter's page a round trip.
    /// Callers narrow `query` to the user's rounds first: PostgreSQL tests a subquery under OR row by
    /// row, over what the other filters leave (without them, every measure of the province).
    static func scopeToUnits(_ query: QueryBuilder<Measure>, _ units: Set<UUID>, on db: Database) async throws {
        let unitList = Array(units)
        guard !unitList.isEmpty else {
            query.filter(\.$id ~~ [UUID]())
            return
        }
        let supported = SQLSubquery.select { $0.column("measure_id").from(MeasureUnit.schema).where("organization_id", .in, unitList) }
        query.group(.or) { group in
            group.filter(\.$leadUnitID ~~ unitList.map(Optional.some))
            group.filter(.sql(SQLBinaryExpression(SQLColumn("id", table: Measure.schema), .in, supported)))
        }
    }

    static func scope(_ query: QueryBuilder<Measure>, _ access: AccessContext, on db: Database) async throws {
        if let ids = access.inspectionIDs { query.filter(\.$inspectionID ~~ Array(ids)) }
        if let units = access.unitIDs { try await scopeToUnits(query, units, on: db) }
    }

    static func authorizeWrite(_ model: Measure, _ access: AccessContext, on db: Database) async throws {
        guard access.canSee(inspection: model.inspectionID) else { throw RectifyError.forbidden("只能维护本单位巡察轮次的整改措施") }
    }

    /// `deadlineGiven`: the input named a deadline (a malformed one is reported by its own issue).
    static func validate(start: Day?, deadline: Day?, deadlineGiven: Bool, kind: MeasureKind, _ v: inout FieldValidator) {
        if deadline == nil && !deadlineGiven && kind != .longTerm { v.add("deadline", "required", "整改期限不能为空（长期坚持的措施除外）") }
        v.order(start, deadline, field: "deadline", message: "整改期限不能早于起始日期")
    }

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> Measure {
        var v = FieldValidator()
        if input.problemId == nil { v.add("problemId", "required", "所属问题不能为空") }
        let text = v.text(input.text, field: "text", label: "措施内容", max: 20_000)
        v.range(input.number, field: "number", label: "序号", 1...999)
        let start = v.day(input.startDate, field: "startDate", label: "起始日期")
        let deadline = v.day(input.deadline, field: "deadline", label: "整改期限")
        let kind = input.kind ?? .timeBound
        validate(start: start, deadline: deadline, deadlineGiven: input.deadline.nonBlank != nil, kind: kind, &v)
        try v.check()
        let problem = try await Lookup.problem(input.problemId!, field: "problemId", access: access, on: db)
        try StatusUpdate.requireOpen(problem.status)
        guard let inspection = try await Inspection.find(problem.inspectionID, on: db) else { throw RectifyError.notFound("巡察轮次") }
        try await ScopeRule.require(references(input.leaderId, input.leadUnitId, input.supportingUnitIds),
                                    withinBodyOf: inspection.inspectedBodyID, on: db)
        try await LeaderRule.requireServing(input.leaderId.map { [$0] } ?? [], field: "leaderId", on: db)
        let problemID = try problem.requireID()
        let number: Int
        if let given = input.number {
            number = given
            if try await Measure.query(on: db).filter(\.$problemID == problemID).filter(\.$number == given).count() > 0 {
                throw RectifyError.invalid("number", "duplicate", "该问题下已有序号为\(given)的措施")
            }
        } else {
            number = (try await Measure.query(on: db).filter(\.$problemID == problemID).max(\.$number) ?? 0) + 1
        }
        let m = Measure()
        m.problemID = problemID
        m.inspectionID = problem.inspectionID
        m.number = number
        m.label = input.label.nonBlank ?? defaultLabel(number)
        m.text = text!
        m.kind = kind.rawValue
        m.leaderID = input.leaderId
        m.leadUnitID = input.leadUnitId ?? problem.leadUnitID
        m.startDate = start?.iso ?? inspection.feedbackDate
        m.deadline = deadline?.iso
        m.status = RectificationStatus.notStarted.rawValue
        m.progress = 0
        return m
    }

    /// The units and people a measure names, which must be of its round's body.
    private static func references(_ leader: UUID?, _ leadUnit: UUID?, _ supporting: [UUID]?) -> ScopeRule.References {
        var references = ScopeRule.References()
        references.person(leader, field: "leaderId")
        references.unit(leadUnit, field: "leadUnitId")
        references.units(supporting, field: "supportingUnitIds")
        return references
    }

    static func afterCreate(_ model: Measure, _ input: CreateInput, on db: Database, audit: AuditTrail) async throws {
        try await setSupportingUnits(model, input.supportingUnitIds ?? [], on: db)
    }

    static func apply(_ input: UpdateInput, to m: Measure, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        try StatusUpdate.requireOpen(m.status)
        var v = FieldValidator()
        if input.text != nil, let t = v.text(input.text, field: "text", label: "措施内容", max: 20_000) { m.text = t }
        if input.label != nil, let l = v.text(input.label, field: "label", label: "显示编号", max: 20) { m.label = l }
        if let kind = input.kind { m.kind = kind.rawValue }
        if let s = input.startDate { m.startDate = s.isEmpty ? nil : v.day(s, field: "startDate", label: "起始日期")?.iso }
        if let d = input.deadline { m.deadline = d.isEmpty ? nil : v.day(d, field: "deadline", label: "整改期限")?.iso }
        validate(start: m.startDate.flatMap(Day.init(iso:)), deadline: m.deadline.flatMap(Day.init(iso:)),
                 deadlineGiven: input.deadline.nonBlank != nil, kind: MeasureKind(rawValue: m.kind) ?? .timeBound, &v)
        try v.check()
        try await ScopeRule.require(references(input.leaderId, input.leadUnitId, input.supportingUnitIds),
                                    withinBodyOfRound: m.inspectionID, on: db)
        try await LeaderRule.requireServing(input.leaderId.map { [$0] } ?? [], keeping: Set([m.leaderID].compactMap { $0 }),
                                            field: "leaderId", on: db)
        if let leader = input.leaderId { m.leaderID = leader }
        if let unit = input.leadUnitId { m.leadUnitID = unit }
        if let status = input.status {
            try StatusUpdate.check(from: m.status, to: status)
            m.status = status.rawValue
        }
    }

    static func afterUpdate(_ model: Measure, _ input: UpdateInput, on db: Database, audit: AuditTrail) async throws {
        if let units = input.supportingUnitIds {
            try await MeasureUnit.query(on: db).filter(\.$measureID == model.requireID()).delete()
            try await setSupportingUnits(model, units, on: db)
        }
    }

    private static func setSupportingUnits(_ model: Measure, _ units: [UUID], on db: Database) async throws {
        let id = try model.requireID()
        var seen = Set<UUID>()
        for unit in units where seen.insert(unit).inserted {
            try await MeasureUnit(measureID: id, organizationID: unit, position: seen.count).create(on: db)
        }
    }

    static func beforeDelete(_ model: Measure, on db: Database) async throws {
        let id = try model.requireID()
        let used = try await ProgressReport.query(on: db).filter(\.$measureID == id).count()
            + CloseOutRecord.query(on: db).filter(\.$measureID == id).count()
            + NoticeItem.query(on: db).filter(\.$measureID == id).count()
        if used > 0 {
            throw RectifyError.conflict(code: "in_use", message: "该措施已有进展报告、督办或销号记录，不能删除")
        }
        try await MeasureUnit.query(on: db).filter(\.$measureID == id).delete()
    }

    static func dtos(_ models: [Measure], on db: Database) async throws -> [MeasureDTO] {
        let ids = models.compactMap(\.id)
        var units: [UUID: [UUID]] = [:]
        if !ids.isEmpty {
            for link in try await MeasureUnit.query(on: db).filter(\.$measureID ~~ ids).sort(\.$position).sort(\.$id).all() {
                units[link.measureID, default: []].append(link.organizationID)
            }
        }
        return try models.map { m in try dto(m, supportingUnitIds: units[m.id!] ?? []) }
    }

    /// A measure whose supporting units are known (they stay as they were when only progress changes).
    static func dto(_ m: Measure, supportingUnitIds: [UUID]) throws -> MeasureDTO {
        let status = RectificationStatus(rawValue: m.status) ?? .notStarted
        return MeasureDTO(id: try m.requireID(), problemId: m.problemID, inspectionId: m.inspectionID, number: m.number,
                          label: m.label, text: m.text, kind: MeasureKind(rawValue: m.kind) ?? .timeBound,
                          leaderId: m.leaderID, leadUnitId: m.leadUnitID, supportingUnitIds: supportingUnitIds,
                          startDate: m.startDate.flatMap(Day.init(iso:)), deadline: m.deadline.flatMap(Day.init(iso:)),
                          status: status, statusLabel: status.label,
                          closeOutStage: m.closeOutStage.flatMap(CloseOutStage.init(rawValue:)), progress: m.progress,
                          lastReportedOn: m.lastReportedOn.flatMap(Day.init(iso:)), version: m.version)
    }

    static func version(of model: Measure) -> Int { model.version }
    static func setVersion(_ version: Int, of model: Measure) { model.version = version }
}
