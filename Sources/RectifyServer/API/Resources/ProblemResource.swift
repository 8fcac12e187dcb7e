import Fluent
import RectifyCore
import SQLKit
import Vapor

struct ProblemDTO: Content, Equatable {
    var id: UUID
    var inspectionId: UUID
    var source: ProblemSource
    var category: String?
    var aspect: String?
    var number: Int
    var label: String
    var title: String
    var description: String?
    var leaderIds: [UUID]
    var leadUnitId: UUID?
    var deadline: Day?
    var status: RectificationStatus
    var statusLabel: String
    var closeOutStage: CloseOutStage?
    var version: Int
}

/// Problems (具体问题) fed back by the inspection, assigned by the secretary's meeting or found by
/// the body itself, grouped category → aspect.
struct ProblemResource: LedgerResource {
    typealias M = Problem

    struct CreateInput: Decodable, Sendable {
        var inspectionId: UUID?
        var source: ProblemSource?
        var category: String?
        var aspect: String?
        var number: Int?
        var label: String?
        var title: String?
        var description: String?
        var leaderIds: [UUID]?
        var leadUnitId: UUID?
        var deadline: String?
    }

    struct UpdateInput: Decodable, Sendable, VersionedInput {
        var category: String?
        var aspect: String?
        var label: String?
        var title: String?
        var description: String?
        var leaderIds: [UUID]?
        var leadUnitId: UUID?
        var deadline: String?
        var status: RectificationStatus?
        var version: Int?
    }

    static let path = "problems"
    static let entity = "problem"
    static let label = "问题"
    static let readAccess = Access.everyone
    static let writeAccess = Access.ledgerWriters
    static let deletable = true
    static let filters: [ResourceFilter<Problem>] = [
        .uuid("inspectionId", "巡察轮次", \.$inspectionID),
        .text("source", "问题来源", \.$source, allowed: ProblemSource.allCases.map(\.rawValue)),
        .optionalText("category", "问题类别", \.$category),
        .optionalText("aspect", "问题方面", \.$aspect),
        .text("status", "状态", \.$status, allowed: RectificationStatus.allCases.map(\.rawValue)),
        .optionalUUID("leadUnitId", "牵头单位", \.$leadUnitID),
        .dayOnOrBefore("deadlineBefore", "整改期限不晚于（YYYY-MM-DD）", \.$deadline),
        SearchMatch.filter(.problem, summary: "全文检索问题名称和问题表现（空格分隔的词须全部出现）"),
    ]
    static let sorts: [String: ResourceSort<Problem>] = [
        "number": .field(\.$number), "deadline": .optional(\.$deadline), "status": .field(\.$status), "title": .field(\.$title),
    ]
    static let defaultSort = ResourceSort<Problem>.fields(["source", "number"])
    static let schema = ResourceSchema(
        name: "Problem",
        dto: [req("id", .uuid), req("inspectionId", .uuid), req("source", .enumeration(ProblemSource.allCases.map(\.rawValue)), "问题来源"),
              opt("category", .string, "问题类别"), opt("aspect", .string, "问题方面"), req("number", .integer, "序号"),
              req("label", .string, "显示编号，如 (1)"), req("title", .string, "问题名称"), opt("description", .string, "问题表现"),
              req("leaderIds", .array(.uuid), "责任领导"), opt("leadUnitId", .uuid, "牵头单位"), opt("deadline", .date, "整改期限"),
              req("status", .enumeration(RectificationStatus.allCases.map(\.rawValue))), req("statusLabel", .string),
              opt("closeOutStage", .enumeration(CloseOutStage.allCases.map(\.rawValue)), "待办销号环节"), req("version", .integer)],
        create: [req("inspectionId", .uuid), req("source", .enumeration(ProblemSource.allCases.map(\.rawValue))),
                 opt("category", .string), opt("aspect", .string), opt("number", .integer, "缺省为该来源下一个序号"),
                 opt("label", .string), req("title", .string), opt("description", .string),
                 opt("leaderIds", .array(.uuid), "责任领导，新指定的须为在任人员"), opt("leadUnitId", .uuid), opt("deadline", .date)],
        update: [opt("category", .string), opt("aspect", .string), opt("label", .string), opt("title", .string),
                 opt("description", .string), opt("leaderIds", .array(.uuid), "责任领导，新指定的须为在任人员"), opt("leadUnitId", .uuid),
                 opt("deadline", .date),
                 opt("status", .enumeration(RectificationStatus.allCases.map(\.rawValue)), "不能直接改为销号状态"),
                 opt("version", .integer)])

    static func scope(_ query: QueryBuilder<Problem>, _ access: AccessContext, on db: Database) async throws {
        // The same condition as the row reads use: for a unit reporter a subquery, where a first
        // statement used to list the problems of the units' measures for an IN-list.
        switch scopeCondition(access) {
        case .everything: break
        case .nothing: query.filter(\.$id ~~ [UUID]())
        case .only(let condition): query.filter(.sql(condition))
        }
    }

    /// `scope(_:_:on:)` as a condition on `problems`: the user's rounds, and for a unit reporter the
    /// problems holding a measure the units see (the measures' own condition, as a subquery).
    static func scopeCondition(_ access: AccessContext) -> RowList<ProblemResource>.Scope {
        var conditions: [SQLQueryString] = []
        if let rounds = access.inspectionIDs {
            guard !rounds.isEmpty else { return .nothing }
            conditions.append("problems.inspection_id IN (\(binds: rounds.sorted { $0.uuidString < $1.uuidString }))")
        }
        if access.unitIDs != nil {
            switch MeasureResource.scopeCondition(access) {
            case .nothing: return .nothing
            case .everything: break
            case .only(let measures): conditions.append("problems.id IN (SELECT measures.problem_id FROM measures WHERE " + measures + ")")
            }
        }
        return conditions.isEmpty ? .everything : .only("(" + conditions.joined(separator: " AND ") + ")")
    }

    static func authorizeWrite(_ model: Problem, _ access: AccessContext, on db: Database) async throws {
        guard access.canSee(inspection: model.inspectionID) else { throw RectifyError.forbidden("只能维护本单位巡察轮次的问题") }
    }

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> Problem {
        var v = FieldValidator()
        if input.inspectionId == nil { v.add("inspectionId", "required", "巡察轮次不能为空") }
        if input.source == nil { v.add("source", "required", "问题来源不能为空") }
        let title = v.text(input.title, field: "title", label: "问题名称", max: 300)
        v.text(input.description, field: "description", label: "问题表现", required: false, max: 20_000)
        v.range(input.number, field: "number", label: "序号", 1...9999)
        let deadline = v.day(input.deadline, field: "deadline", label: "整改期限")
        try v.check()
        let inspection = try await Lookup.inspection(input.inspectionId!, field: "inspectionId", access: access, on: db)
        try await ScopeRule.require(references(input.leadUnitId, input.leaderIds), withinBodyOf: inspection.inspectedBodyID, on: db)
        try await LeaderRule.requireServing(input.leaderIds ?? [], field: "leaderIds", on: db)
        let inspectionID = try inspection.requireID()
        let source = input.source!
        let number: Int
        if let given = input.number {
            number = given
        } else {
            let last = try await Problem.query(on: db).filter(\.$inspectionID == inspectionID)
                .filter(\.$source == source.rawValue).max(\.$number)
            number = (last ?? 0) + 1
        }
        if try await Problem.query(on: db).filter(\.$inspectionID == inspectionID).filter(\.$source == source.rawValue)
            .filter(\.$number == number).count() > 0 {
            throw RectifyError.invalid("number", "duplicate", "该来源下已有序号为\(number)的问题")
        }
        let p = Problem()
        p.inspectionID = inspectionID
        p.source = source.rawValue
        p.category = input.category.nonBlank
        p.aspect = input.aspect.nonBlank
        p.number = number
        p.label = input.label.nonBlank ?? (source == .inspectionFeedback ? "(\(number))" : "\(number).")
        p.title = title!
        p.problemDescription = input.description.nonBlank
        p.leadUnitID = input.leadUnitId
        p.deadline = deadline?.iso
        p.status = RectificationStatus.notStarted.rawValue
        return p
    }

    /// The units and people a problem names, which must be of its round's body.
    private static func references(_ leadUnit: UUID?, _ leaders: [UUID]?) -> ScopeRule.References {
        var references = ScopeRule.References()
        references.unit(leadUnit, field: "leadUnitId")
        references.people(leaders, field: "leaderIds")
        return references
    }

    static func afterCreate(_ model: Problem, _ input: CreateInput, on db: Database, audit: AuditTrail) async throws {
        try await setLeaders(model, input.leaderIds ?? [], on: db)
    }

    static func apply(_ input: UpdateInput, to p: Problem, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        try StatusUpdate.requireOpen(p.status)
        var v = FieldValidator()
        if input.title != nil, let t = v.text(input.title, field: "title", label: "问题名称", max: 300) { p.title = t }
        if input.label != nil, let l = v.text(input.label, field: "label", label: "显示编号", max: 20) { p.label = l }
        if let d = input.description { p.problemDescription = d.isEmpty ? nil : d }
        if let c = input.category { p.category = c.isEmpty ? nil : c }
        if let a = input.aspect { p.aspect = a.isEmpty ? nil : a }
        if let d = input.deadline { p.deadline = d.isEmpty ? nil : v.day(d, field: "deadline", label: "整改期限")?.iso }
        try v.check()
        try await ScopeRule.require(references(input.leadUnitId, input.leaderIds), withinBodyOfRound: p.inspectionID, on: db)
        if let leaders = input.leaderIds {
            let current = try await ProblemLeader.query(on: db).filter(\.$problemID == p.requireID()).all().map(\.personID)
            try await LeaderRule.requireServing(leaders, keeping: Set(current), field: "leaderIds", on: db)
        }
        if let unit = input.leadUnitId { p.leadUnitID = unit }
        if let status = input.status {
            try StatusUpdate.check(from: p.status, to: status)
            p.status = status.rawValue
        }
    }

    static func afterUpdate(_ model: Problem, _ input: UpdateInput, on db: Database, audit: AuditTrail) async throws {
        if let leaders = input.leaderIds {
            try await ProblemLeader.query(on: db).filter(\.$problemID == model.requireID()).delete()
            try await setLeaders(model, leaders, on: db)
        }
    }

    private static func setLeaders(_ model: Problem, _ leaders: [UUID], on db: Database) async throws {
        let id = try model.requireID()
        var seen = Set<UUID>()
        for leader in leaders where seen.insert(leader).inserted {
            try await ProblemLeader(problemID: id, personID: leader, position: seen.count).create(on: db)
        }
    }

    static func beforeDelete(_ model: Problem, on db: Database) async throws {
        let id = try model.requireID()
        let used = try await Measure.query(on: db).filter(\.$problemID == id).count()
            + RegisterLink.query(on: db).filter(\.$problemID == id).count()
            + RecoveredFund.query(on: db).filter(\.$problemID == id).count()
            + CloseOutRecord.query(on: db).filter(\.$problemID == id).count()
            + LookBackCheck.query(on: db).filter(\.$problemID == id).count()
        if used > 0 {
            throw RectifyError.conflict(code: "in_use", message: "该问题已有整改措施、登记簿记录或销号记录，不能删除")
        }
        try await ProblemLeader.query(on: db).filter(\.$problemID == id).delete()
    }

    static func dtos(_ models: [Problem], on db: Database) async throws -> [ProblemDTO] {
        let ids = models.compactMap(\.id)
        var leaders: [UUID: [UUID]] = [:]
        if !ids.isEmpty {
            for link in try await ProblemLeader.query(on: db).filter(\.$problemID ~~ ids).sort(\.$position).sort(\.$id).all() {
                leaders[link.problemID, default: []].append(link.personID)
            }
        }
        return try models.map { p in
            let status = RectificationStatus(rawValue: p.status) ?? .notStarted
            return ProblemDTO(id: try p.requireID(), inspectionId: p.inspectionID, source: ProblemSource(rawValue: p.source) ?? .other,
                              category: p.category, aspect: p.aspect, number: p.number, label: p.label, title: p.title,
                              description: p.problemDescription, leaderIds: leaders[p.id!] ?? [], leadUnitId: p.leadUnitID,
                              deadline: p.deadline.flatMap(Day.init(iso:)), status: status, statusLabel: status.label,
                              closeOutStage: p.closeOutStage.flatMap(CloseOutStage.init(rawValue:)), version: p.version)
        }
    }

    static func version(of model: Problem) -> Int { model.version }
    static func setVersion(_ version: Int, of model: Problem) { model.version = version }
}
