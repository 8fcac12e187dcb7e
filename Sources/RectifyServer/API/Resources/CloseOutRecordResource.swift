import Fluent
import RectifyCore
import Vapor

struct CloseOutRecordDTO: Content, Equatable {
    var id: UUID
    var problemId: UUID?
    var measureId: UUID?
    var stage: CloseOutStage
    var stageLabel: String
    var decision: CloseOutDecision
    var opinion: String
    var actorId: UUID?
    var actorName: String
    var createdAt: Date?
}

/// Close-out (销号) decisions. Posting one moves the item through unit self-check → office review →
/// leader sign-off, or returns it; the records are the close-out trail and are never edited.
struct CloseOutRecordResource: LedgerResource {
    typealias M = CloseOutRecord
    typealias UpdateInput = NoUpdate

    struct CreateInput: Decodable, Sendable {
        var problemId: UUID?
        var measureId: UUID?
        var stage: CloseOutStage?
        var decision: CloseOutDecision?
        var opinion: String?
    }

    static let path = "close-out-records"
    static let entity = "close_out_record"
    static let label = "销号记录"
    static let readAccess = Access.everyone
    static let writeAccess = Access.closeOutActors
    static let updatable = false
    static let filters: [ResourceFilter<CloseOutRecord>] = [
        .optionalUUID("problemId", "问题", \.$problemID),
        .optionalUUID("measureId", "整改措施", \.$measureID),
        .text("stage", "环节", \.$stage, allowed: CloseOutStage.allCases.map(\.rawValue)),
    ]
    static let sorts: [String: ResourceSort<CloseOutRecord>] = ["createdAt": .timestamp(\.$createdAt)]
    static let defaultSort = ResourceSort<CloseOutRecord>.timestamp(\.$createdAt)
    static let schema = ResourceSchema(
        name: "CloseOutRecord",
        dto: [req("id", .uuid), opt("problemId", .uuid), opt("measureId", .uuid),
              req("stage", .enumeration(CloseOutStage.allCases.map(\.rawValue))), req("stageLabel", .string),
              req("decision", .enumeration(CloseOutDecision.allCases.map(\.rawValue))), req("opinion", .string),
              opt("actorId", .uuid), req("actorName", .string), opt("createdAt", .dateTime)],
        create: [opt("problemId", .uuid, "问题（与 measureId 二选一）"), opt("measureId", .uuid, "整改措施"),
                 req("stage", .enumeration(CloseOutStage.allCases.map(\.rawValue))),
                 req("decision", .enumeration(CloseOutDecision.allCases.map(\.rawValue))), opt("opinion", .string, "退回时必填")],
        update: [])

    /// Who decides each stage.
    static func roles(for stage: CloseOutStage) -> Set<Role> {
        switch stage {
        case .selfCheck: [.unitReporter, .office, .admin]
        case .officeReview: [.office, .admin]
        case .leaderSignOff: [.leader, .admin]
        }
    }

    static func scope(_ query: QueryBuilder<CloseOutRecord>, _ access: AccessContext, on db: Database) async throws {
        guard access.inspectionIDs != nil || access.unitIDs != nil else { return }
        let measures = Measure.query(on: db)
        try await MeasureResource.scope(measures, access, on: db)
        let measureIDs = try await measures.field(\.$id).all().compactMap(\.id)
        let problems = Problem.query(on: db)
        try await ProblemResource.scope(problems, access, on: db)
        let problemIDs = try await problems.field(\.$id).all().compactMap(\.id)
        query.group(.or) { group in
            group.filter(\.$measureID ~~ measureIDs.map(Optional.some))
            group.filter(\.$problemID ~~ problemIDs.map(Optional.some))
        }
    }

    static func authorizeWrite(_ model: CloseOutRecord, _ access: AccessContext, on db: Database) async throws {}

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> CloseOutRecord {
        var v = FieldValidator()
        if (input.problemId == nil) == (input.measureId == nil) {
            v.add("measureId", "one_of", "须且只能指定一项问题（problemId）或整改措施（measureId）")
        }
        if input.stage == nil { v.add("stage", "required", "销号环节不能为空") }
        if input.decision == nil { v.add("decision", "required", "审核结论不能为空") }
        let opinion = v.text(input.opinion, field: "opinion", label: "意见", required: input.decision == .returned, max: 5000)
        try v.check()
        let stage = input.stage!, decision = input.decision!
        guard roles(for: stage).contains(access.role) else {
            throw RectifyError.forbidden("“\(stage.label)”环节须由\(roles(for: stage).map(\.label).sorted().joined(separator: "、"))办理")
        }
        let record = CloseOutRecord()
        record.stage = stage.rawValue
        record.decision = decision.rawValue
        record.opinion = opinion ?? decision.label
        record.actorID = access.userID
        record.actorName = access.userName
        if let measureID = input.measureId {
            let query = Measure.query(on: db).filter(\.$id == measureID)
            try await MeasureResource.scope(query, access, on: db)
            guard let measure = try await query.first() else {
                throw RectifyError.invalid("measureId", "unknown_reference", "所选整改措施不存在或不属于本单位")
            }
            let before = try await MeasureResource.dto(measure, on: db)
            try advance(status: &measure.status, stage: &measure.closeOutStage, to: stage, decision: decision)
            if stage == .selfCheck, decision == .approve, measure.progress < 100,
               MeasureKind(rawValue: measure.kind) != .longTerm {
                throw RectifyError.conflict(code: "progress_incomplete", message: "措施进度尚未达到100%，不能申请销号")
            }
            measure.version += 1
            try await measure.save(on: db)
            try await audit.record("close_out", entity: MeasureResource.entity, id: measureID.uuidString,
                                   before: before, after: try await MeasureResource.dto(measure, on: db))
            record.measureID = measureID
        } else if let problemID = input.problemId {
            let query = Problem.query(on: db).filter(\.$id == problemID)
            try await ProblemResource.scope(query, access, on: db)
            guard let problem = try await query.first() else {
                throw RectifyError.invalid("problemId", "unknown_reference", "所选问题不存在")
            }
            if stage == .selfCheck, decision == .approve {
                let open = try await Measure.query(on: db).filter(\.$problemID == problemID)
                    .filter(\.$status != RectificationStatus.closed.rawValue).count()
                if open > 0 {
                    throw RectifyError.conflict(code: "measures_open", message: "该问题还有\(open)项整改措施未销号，不能申请问题销号")
                }
            }
            let before = try await ProblemResource.dto(problem, on: db)
            try advance(status: &problem.status, stage: &problem.closeOutStage, to: stage, decision: decision)
            problem.version += 1
            try await problem.save(on: db)
            try await audit.record("close_out", entity: ProblemResource.entity, id: problemID.uuidString,
                                   before: before, after: try await ProblemResource.dto(problem, on: db))
            if problem.status == RectificationStatus.closed.rawValue {
                try await scheduleLookBack(problemID: problemID, access, on: db, audit: audit)
            }
            record.problemID = problemID
        }
        return record
    }

    /// A closed problem gets its look-back (回头看) scheduled the configured working days later.
    static func scheduleLookBack(problemID: UUID, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        let check = LookBackCheck()
        check.problemID = problemID
        check.scheduledOn = access.rules.lookBackDay(after: access.today).iso
        check.result = LookBackResult.scheduled.rawValue
        check.version = 1
        try await check.create(on: db)
        try await audit.record("schedule", entity: LookBackCheckResource.entity, id: try check.requireID().uuidString,
                               after: try await LookBackCheckResource.dto(check, on: db))
    }

    /// Applies one stage decision to an item's status and awaited stage.
    static func advance(status: inout String, stage awaited: inout String?, to stage: CloseOutStage,
                        decision: CloseOutDecision) throws {
        let current = RectificationStatus(rawValue: status) ?? .notStarted
        let expected = awaited.flatMap(CloseOutStage.init(rawValue:)) ?? .selfCheck
        if current == .closed {
            throw RectifyError.conflict(code: "closed_read_only", message: "该事项已销号")
        }
        guard stage == expected else {
            throw RectifyError.conflict(code: "wrong_stage", message: "该事项当前应办理“\(expected.label)”环节，而不是“\(stage.label)”")
        }
        switch (stage, decision) {
        case (.selfCheck, .approve):
            guard current.canMove(to: .pendingCloseOut) else {
                throw RectifyError.illegalTransition(field: "status", from: current.label, to: RectificationStatus.pendingCloseOut.label)
            }
            status = RectificationStatus.pendingCloseOut.rawValue
            awaited = CloseOutStage.officeReview.rawValue
        case (.selfCheck, .returned):
            throw RectifyError.invalid("decision", "invalid_value", "单位自查环节只能提出销号申请（approve）")
        case (_, .approve):
            if let next = stage.next {
                awaited = next.rawValue
            } else {
                status = RectificationStatus.closed.rawValue
                awaited = nil
            }
        case (_, .returned):
            status = RectificationStatus.inProgress.rawValue
            awaited = nil
        }
    }

    static func dtos(_ models: [CloseOutRecord], on db: Database) async throws -> [CloseOutRecordDTO] {
        try models.map { r in
            let stage = CloseOutStage(rawValue: r.stage) ?? .selfCheck
            return CloseOutRecordDTO(id: try r.requireID(), problemId: r.problemID, measureId: r.measureID, stage: stage,
                                     stageLabel: stage.label, decision: CloseOutDecision(rawValue: r.decision) ?? .approve,
                                     opinion: r.opinion, actorId: r.actorID, actorName: r.actorName, createdAt: r.createdAt)
        }
    }
}
