import Fluent
import RectifyCore
import Vapor

struct LookBackCheckDTO: Content, Equatable {
    var id: UUID
    var problemId: UUID
    var measureId: UUID?
    var scheduledOn: Day
    var performedOn: Day?
    var result: LookBackResult
    var resultLabel: String
    var finding: String?
    var checkerId: UUID?
    var version: Int
}

/// Look-back checks (回头看) of closed items. Recording a failed look-back reopens the item.
struct LookBackCheckResource: LedgerResource {
    typealias M = LookBackCheck

    struct CreateInput: Decodable, Sendable {
        var problemId: UUID?
        var measureId: UUID?
        var scheduledOn: String?
    }

    struct UpdateInput: Decodable, Sendable, VersionedInput {
        var result: LookBackResult?
        var performedOn: String?
        var finding: String?
        var scheduledOn: String?
        var version: Int?
    }

    static let path = "look-back-checks"
    static let entity = "look_back_check"
    static let label = "回头看记录"
    static let readAccess = Access.ledgerReaders
    static let writeAccess = Access.verifiers
    static let filters: [ResourceFilter<LookBackCheck>] = [
        .uuid("problemId", "问题", \.$problemID),
        .text("result", "结果", \.$result, allowed: LookBackResult.allCases.map(\.rawValue)),
    ]
    static let sorts: [String: ResourceSort<LookBackCheck>] = ["scheduledOn": .field(\.$scheduledOn)]
    static let defaultSort = ResourceSort<LookBackCheck>.field(\.$scheduledOn)
    static let schema = ResourceSchema(
        name: "LookBackCheck",
        dto: [req("id", .uuid), req("problemId", .uuid), opt("measureId", .uuid), req("scheduledOn", .date), opt("performedOn", .date),
              req("result", .enumeration(LookBackResult.allCases.map(\.rawValue))), req("resultLabel", .string),
              opt("finding", .string), opt("checkerId", .uuid), req("version", .integer)],
        create: [req("problemId", .uuid), opt("measureId", .uuid), req("scheduledOn", .date)],
        update: [opt("result", .enumeration(LookBackResult.allCases.map(\.rawValue))), opt("performedOn", .date),
                 opt("finding", .string, "未通过时必填"), opt("scheduledOn", .date), opt("version", .integer)])

    static func scope(_ query: QueryBuilder<LookBackCheck>, _ access: AccessContext, on db: Database) async throws {
        guard let ids = access.inspectionIDs else { return }
        let problems = try await Problem.query(on: db).filter(\.$inspectionID ~~ Array(ids)).field(\.$id).all().compactMap(\.id)
        query.filter(\.$problemID ~~ problems)
    }

    static func authorizeWrite(_ model: LookBackCheck, _ access: AccessContext, on db: Database) async throws {}

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> LookBackCheck {
        var v = FieldValidator()
        if input.problemId == nil { v.add("problemId", "required", "问题不能为空") }
        let date = v.day(input.scheduledOn, field: "scheduledOn", label: "计划日期", required: true)
        try v.check()
        let problem = try await Lookup.problem(input.problemId!, field: "problemId", access: access, on: db)
        if let measureID = input.measureId {
            guard let measure = try await Measure.find(measureID, on: db), measure.problemID == problem.id else {
                throw RectifyError.invalid("measureId", "unknown_reference", "该措施不属于所选问题")
            }
        }
        let c = LookBackCheck()
        c.problemID = try problem.requireID()
        c.measureID = input.measureId
        c.scheduledOn = date!.iso
        c.result = LookBackResult.scheduled.rawValue
        return c
    }

    static func apply(_ input: UpdateInput, to c: LookBackCheck, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        guard c.result == LookBackResult.scheduled.rawValue else {
            throw RectifyError.conflict(code: "look_back_recorded", message: "该回头看已记录结果，不能修改；如需补充请新建一次回头看")
        }
        var v = FieldValidator()
        if let s = input.scheduledOn, let d = v.day(s, field: "scheduledOn", label: "计划日期") { c.scheduledOn = d.iso }
        let performed = v.day(input.performedOn, field: "performedOn", label: "检查日期")
        if input.result == .failed, input.finding.nonBlank == nil { v.add("finding", "required", "未通过时须写明发现的问题") }
        if input.result == .scheduled { v.add("result", "invalid_value", "结果应为 passed 或 failed") }
        try v.check()
        guard let result = input.result else { return }
        c.result = result.rawValue
        c.performedOn = (performed ?? access.today).iso
        c.finding = input.finding.nonBlank
        c.checkerID = access.userID
        if result == .failed { try await reopen(c, on: db, audit: audit) }
    }

    /// A failed look-back reopens the checked item (the measure, or the problem) and its problem.
    static func reopen(_ check: LookBackCheck, on db: Database, audit: AuditTrail) async throws {
        if let measureID = check.measureID, let measure = try await Measure.find(measureID, on: db),
           measure.status == RectificationStatus.closed.rawValue {
            let before = try await MeasureResource.dto(measure, on: db)
            measure.status = RectificationStatus.reopened.rawValue
            measure.version += 1
            try await measure.save(on: db)
            try await audit.record("reopen", entity: MeasureResource.entity, id: measureID.uuidString, before: before,
                                   after: try await MeasureResource.dto(measure, on: db))
        }
        if let problem = try await Problem.find(check.problemID, on: db), problem.status == RectificationStatus.closed.rawValue {
            let before = try await ProblemResource.dto(problem, on: db)
            problem.status = RectificationStatus.reopened.rawValue
            problem.closeOutStage = nil
            problem.version += 1
            try await problem.save(on: db)
            try await audit.record("reopen", entity: ProblemResource.entity, id: check.problemID.uuidString, before: before,
                                   after: try await ProblemResource.dto(problem, on: db))
        }
    }

    static func dtos(_ models: [LookBackCheck], on db: Database) async throws -> [LookBackCheckDTO] {
        try models.map { c in
            let result = LookBackResult(rawValue: c.result) ?? .scheduled
            return LookBackCheckDTO(id: try c.requireID(), problemId: c.problemID, measureId: c.measureID,
                                    scheduledOn: Day(iso: c.scheduledOn) ?? Day(dayNumber: 0),
                                    performedOn: c.performedOn.flatMap(Day.init(iso:)), result: result, resultLabel: result.label,
                                    finding: c.finding, checkerId: c.checkerID, version: c.version)
        }
    }

    static func version(of model: LookBackCheck) -> Int { model.version }
    static func setVersion(_ version: Int, of model: LookBackCheck) { model.version = version }
}
