import Fluent
import RectifyCore
import SQLKit
import Vapor

struct EvidenceDTO: Content, Equatable {
    var id: UUID
    var progressReportId: UUID
    var name: String
    var mediaType: String
    var size: Int64
    var sha256: String
    var createdAt: Date?
}

struct ProgressReportDTO: Content, Equatable {
    var id: UUID
    var measureId: UUID
    var reportDate: Day
    var text: String
    var progress: Int
    var reporterId: UUID?
    var reporterName: String
    var reviewState: ReviewState
    var reviewOpinion: String?
    var reviewerId: UUID?
    var reviewedAt: Date?
    var evidence: [EvidenceDTO]
    var version: Int
}

extension EvidenceFile {
    func toDTO() throws -> EvidenceDTO {
        EvidenceDTO(id: try requireID(), progressReportId: progressReportID, name: name, mediaType: mediaType,
                    size: size, sha256: sha256, createdAt: createdAt)
    }
}

/// Progress reports (整改进展) on a measure: written by the measure's units, reviewed by the office.
/// A submission sets the measure's progress; a returned report is corrected and resubmitted.
struct ProgressReportResource: LedgerResource {
    typealias M = ProgressReport

    struct CreateInput: Decodable, Sendable {
        var measureId: UUID?
        var reportDate: String?
        var text: String?
        var progress: Int?
        /// The measure as `prepare` found and checked it before the write (never decoded).
        var checked: CheckedMeasure? = nil

        private enum CodingKeys: String, CodingKey { case measureId, reportDate, text, progress }
    }

    /// A measure read and checked before the write, with its DTO at that version (once the report is
    /// applied to it, the measure as updated and its snapshot before).
    struct CheckedMeasure: Sendable {
        let measure: Measure
        let before: MeasureDTO
    }

    struct UpdateInput: Decodable, Sendable, VersionedInput {
        var text: String?
        var progress: Int?
        var reportDate: String?
        var reviewState: ReviewState?
        var reviewOpinion: String?
        var version: Int?
    }

    static let path = "progress-reports"
    static let entity = "progress_report"
    static let label = "进展报告"
    static let readAccess = Access.everyone
    static let writeAccess = Access.reporters
    static let filters: [ResourceFilter<ProgressReport>] = [
        .uuid("measureId", "整改措施", \.$measureID),
        .text("reviewState", "审核状态", \.$reviewState, allowed: ReviewState.allCases.map(\.rawValue)),
    ]
    static let sorts: [String: ResourceSort<ProgressReport>] = [
        "reportDate": .field(\.$reportDate), "createdAt": .timestamp(\.$createdAt),
    ]
    static let defaultSort = ResourceSort<ProgressReport>.field(\.$reportDate)
    static let evidenceSchema: SchemaType = .object([
        req("id", .uuid), req("progressReportId", .uuid), req("name", .string), req("mediaType", .string),
        req("size", .int64), req("sha256", .string), opt("createdAt", .dateTime)])
    static let schema = ResourceSchema(
        name: "ProgressReport",
        dto: [req("id", .uuid), req("measureId", .uuid), req("reportDate", .date, "报告日期"), req("text", .string, "进展情况"),
              req("progress", .integer, "进度百分比 0–100"), opt("reporterId", .uuid), req("reporterName", .string),
              req("reviewState", .enumeration(ReviewState.allCases.map(\.rawValue))), opt("reviewOpinion", .string),
              opt("reviewerId", .uuid), opt("reviewedAt", .dateTime), req("evidence", .array(evidenceSchema), "佐证材料"),
              req("version", .integer)],
        create: [req("measureId", .uuid), opt("reportDate", .date, "缺省为今天"), req("text", .string), req("progress", .integer)],
        update: [opt("text", .string), opt("progress", .integer), opt("reportDate", .date),
                 opt("reviewState", .enumeration(ReviewState.allCases.map(\.rawValue)), "整改办审核：approved 或 returned"),
                 opt("reviewOpinion", .string), opt("version", .integer)])

    static func scope(_ query: QueryBuilder<ProgressReport>, _ access: AccessContext, on db: Database) async throws {
        guard access.inspectionIDs != nil || access.unitIDs != nil else { return }
        let measures = Measure.query(on: db)
        try await MeasureResource.scope(measures, access, on: db)
        let ids = try await measures.field(\.$id).all().compactMap(\.id)
        query.filter(\.$measureID ~~ ids)
    }

    /// The measure a report is about, if the user may report on it.
    static func reportableMeasure(_ id: UUID, field: String, _ access: AccessContext, on db: Database) async throws -> Measure {
        let query = Measure.query(on: db).filter(\.$id == id)
        try await MeasureResource.scope(query, access, on: db)
        guard let measure = try await query.first() else {
            throw RectifyError.invalid(field, "unknown_reference", "所选整改措施不存在或不属于本单位")
        }
        try StatusUpdate.requireOpen(measure.status)
        if measure.status == RectificationStatus.pendingCloseOut.rawValue {
            throw RectifyError.conflict(code: "close_out_pending", message: "该措施正在销号审核中，暂不能填报进展")
        }
        return measure
    }

    /// Visibility only: whether the report may still be edited or reviewed depends on what is done.
    static func authorizeWrite(_ model: ProgressReport, _ access: AccessContext, on db: Database) async throws {
        // A new report's measure was found within the same scope by `make`, or by `prepare` and
        // confirmed unchanged under the lock.
        guard model._$id.exists else { return }
        let query = Measure.query(on: db).filter(\.$id == model.measureID)
        try await MeasureResource.scope(query, access, on: db)
        guard try await query.count() > 0 else { throw RectifyError.notFound(label) }
        // A unit sees the reports of every unit on a measure it leads or supports, but changes
        // (and adds evidence to) only those written by a reporter of its own units.
        if let units = access.unitIDs, model.reporterID != access.userID {
            let author = try await model.reporterID.asyncMap {
                try await User.query(on: db).filter(\.$id == $0).field(\.$id).field(\.$organizationID).first()
            } ?? nil
            guard let unit = author?.organizationID, units.contains(unit) else {
                throw RectifyError.forbidden("只能修改本单位填报的进展报告")
            }
        }
    }

    /// Finds and checks the measure before the write; the write then updates it only if it is still
    /// at the version read here (`make`). A measure not yet started is left to the write,
    /// whose save records its first status change. Input that fails here is left to `make`, which
    /// reports every field's error together (or the database's, should it fail again).
    static func prepare(_ input: CreateInput, _ access: AccessContext, on db: Database) async throws -> CreateInput {
        guard let id = input.measureId,
              let measure = try? await reportableMeasure(id, field: "measureId", access, on: db),
              measure.status != RectificationStatus.notStarted.rawValue else { return input }
        var prepared = input
        prepared.checked = CheckedMeasure(measure: measure, before: try await MeasureResource.dto(measure, on: db))
        return prepared
    }

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> ProgressReport {
        var v = FieldValidator()
        if input.measureId == nil { v.add("measureId", "required", "整改措施不能为空") }
        let text = v.text(input.text, field: "text", label: "进展情况", max: 20_000)
        if input.progress == nil { v.add("progress", "required", "进度不能为空") }
        v.range(input.progress, field: "progress", label: "进度", 0...100)
        let date = v.day(input.reportDate, field: "reportDate", label: "报告日期") ?? access.today
        if date > access.today { v.add("reportDate", "future_date", "报告日期不能晚于今天") }
        try v.check()
        let r = ProgressReport()
        r.measureID = input.measureId!
        r.reportDate = date.iso
        r.text = text!
        r.progress = input.progress!
        r.reporterID = access.userID
        r.reporterName = access.userName
        r.reviewState = ReviewState.submitted.rawValue
        // The measure as `prepare` checked it, if it is still at that version: the report is applied to
        // it here, before the report row exists. Else the measure is found and checked under the lock.
        if let checked = input.checked, checked.measure.id == input.measureId,
           try await applyIfUnchanged(r, to: checked, now: audit.now, on: db) {
            return r
        }
        r.reportedMeasure = try await reportableMeasure(input.measureId!, field: "measureId", access, on: db)
        return r
    }

    static func afterCreate(_ model: ProgressReport, _ input: CreateInput, on db: Database, audit: AuditTrail) async throws {
        try await applyToMeasure(model, on: db, audit: audit)
    }

    /// The latest report sets the measure's progress and moves an unstarted measure into progress.
    static func applyToMeasure(_ report: ProgressReport, on db: Database, audit: AuditTrail) async throws {
        if let applied = report.appliedBeforeInsert {
            return try await recordApplied(applied.measure, before: applied.before, audit: audit)
        }
        // The measure as `make` or `apply` read it in this transaction, else read now.
        let found = if let measure = report.reportedMeasure { measure } else { try await Measure.find(report.measureID, on: db) }
        guard let measure = found else { return }
        let before = try await MeasureResource.dto(measure, on: db)
        advance(measure, by: report)
        try await measure.save(on: db)
        try await recordApplied(measure, before: before, audit: audit)
    }

    /// What a report changes on its measure, in memory.
    private static func advance(_ measure: Measure, by report: ProgressReport) {
        // Only the latest report sets the progress: correcting an older one must not roll it back.
        if (measure.lastReportedOn ?? "") <= report.reportDate {
            measure.progress = report.progress
            measure.lastReportedOn = report.reportDate
        }
        if measure.status == RectificationStatus.notStarted.rawValue {
            measure.status = RectificationStatus.inProgress.rawValue
        }
        measure.version += 1
    }

    private static func recordApplied(_ measure: Measure, before: MeasureDTO, audit: AuditTrail) async throws {
        try await audit.record("report_progress", entity: MeasureResource.entity, id: try measure.requireID().uuidString,
                               before: before, after: try MeasureResource.dto(measure, supportingUnitIds: before.supportingUnitIds))
    }

    /// Applies a report to the measure `prepare` read before the write, in one statement, if the
    /// measure is still at the version read (every write to a measure advances it): no read of the
    /// measure while the ledger is held. False if it changed or is gone; nothing is written then.
    /// Only progress changes: `prepare` leaves measures not yet started, whose status the report
    /// changes, to the write.
    private static func applyIfUnchanged(_ report: ProgressReport, to checked: CheckedMeasure, now: Date, on db: Database) async throws
        -> Bool {
        let measure = checked.measure
        let version = measure.version
        advance(measure, by: report)
        let updated = try await db.sql.update(Measure.schema)
            .set("progress", to: SQLBind(measure.progress))
            .set("last_reported_on", to: SQLBind(measure.lastReportedOn))
            .set("version", to: SQLBind(measure.version))
            .set("updated_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(try measure.requireID()))
            .where("version", .equal, SQLBind(version))
            .returning("id")
            .all()
        guard !updated.isEmpty else { return false }
        report.appliedBeforeInsert = checked
        return true
    }

    static func apply(_ input: UpdateInput, to r: ProgressReport, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        let state = ReviewState(rawValue: r.reviewState) ?? .submitted
        if let review = input.reviewState {
            guard Access.reviewers.contains(access.role) else { throw RectifyError.forbidden("只有整改办可以审核进展报告") }
            guard state.allowedNext.contains(review) else {
                throw RectifyError.illegalTransition(field: "reviewState", from: state.label, to: review.label)
            }
            if review == .returned, input.reviewOpinion.nonBlank == nil {
                throw RectifyError.invalid("reviewOpinion", "required", "退回时须填写审核意见")
            }
            r.reviewState = review.rawValue
            r.reviewOpinion = input.reviewOpinion.nonBlank ?? (review == .approved ? "同意" : nil)
            r.reviewerID = access.userID
            r.reviewedAt = access.now
            return
        }
        guard state != .approved else {
            throw RectifyError.conflict(code: "approved_read_only", message: "已审核通过的进展报告不能修改，请另行填报新的进展")
        }
        r.reportedMeasure = try await reportableMeasure(r.measureID, field: "measureId", access, on: db)
        var v = FieldValidator()
        if input.text != nil, let t = v.text(input.text, field: "text", label: "进展情况", max: 20_000) { r.text = t }
        if let p = input.progress {
            v.range(p, field: "progress", label: "进度", 0...100)
            r.progress = p
        }
        if let d = input.reportDate, let day = v.day(d, field: "reportDate", label: "报告日期") {
            if day > access.today { v.add("reportDate", "future_date", "报告日期不能晚于今天") }
            r.reportDate = day.iso
        }
        try v.check()
        r.reviewState = ReviewState.submitted.rawValue
    }

    static func afterUpdate(_ model: ProgressReport, _ input: UpdateInput, on db: Database, audit: AuditTrail) async throws {
        if input.reviewState == nil { try await applyToMeasure(model, on: db, audit: audit) }
    }

    static func dtos(_ models: [ProgressReport], on db: Database) async throws -> [ProgressReportDTO] {
        let evidence = try await evidence(of: models.compactMap(\.id), on: db)
        return try models.map { r in try dto(r, evidence: evidence[r.id!] ?? []) }
    }

    /// The evidence files of reports, in the order they were attached.
    static func evidence(of reports: [UUID], on db: Database) async throws -> [UUID: [EvidenceDTO]] {
        var evidence: [UUID: [EvidenceDTO]] = [:]
        guard !reports.isEmpty else { return evidence }
        let files = try await EvidenceFile.query(on: db).filter(\.$progressReportID ~~ reports)
            .field(\.$id).field(\.$progressReportID).field(\.$name).field(\.$mediaType)
            .field(\.$size).field(\.$sha256).field(\.$createdAt).sort(\.$createdAt).sort(\.$id).all()
        for file in files { evidence[file.progressReportID, default: []].append(try file.toDTO()) }
        return evidence
    }

    /// A report just created has no evidence yet: files are attached to a saved report.
    static func createdDTO(_ model: ProgressReport, on db: Database) async throws -> ProgressReportDTO {
        try dto(model, evidence: [])
    }

    static func dto(_ r: ProgressReport, evidence: [EvidenceDTO]) throws -> ProgressReportDTO {
        ProgressReportDTO(id: try r.requireID(), measureId: r.measureID, reportDate: Day(iso: r.reportDate) ?? Day(dayNumber: 0),
                          text: r.text, progress: r.progress, reporterId: r.reporterID, reporterName: r.reporterName,
                          reviewState: ReviewState(rawValue: r.reviewState) ?? .submitted, reviewOpinion: r.reviewOpinion,
                          reviewerId: r.reviewerID, reviewedAt: r.reviewedAt, evidence: evidence, version: r.version)
    }

    static func version(of model: ProgressReport) -> Int { model.version }
    static func setVersion(_ version: Int, of model: ProgressReport) { model.version = version }
}
