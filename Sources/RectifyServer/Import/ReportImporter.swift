import Fluent
import Foundation
import RectifyCore

/// Writes a read report into the ledger: the inspected body (found by name or created), the round
/// with its dates and stated figures, and every problem and measure, in one transaction.
struct ReportImporter: Sendable {
    struct Options: Sendable {
        var inspectedBodyID: UUID?
        var title: String?
        var fileName: String
    }

    struct Summary: Codable, Sendable {
        var inspectionId: UUID
        var inspectedBodyId: UUID
        var problemsCreated: Int
        var measuresCreated: Int
    }

    let report: ReadReport
    let options: Options

    static func source(_ source: ReportSource) -> ProblemSource {
        switch source {
        case .inspectionFeedback: .inspectionFeedback
        case .secretaryAssigned: .secretaryAssigned
        case .selfFound: .selfFound
        }
    }

    func run(on db: Database, audit: AuditTrail, today: Day) async throws -> Summary {
        guard !report.problems.isEmpty else {
            throw RectifyError.invalid("file", "no_problems", "报告中没有可导入的具体问题（如“(1)关于“…”问题”），只能检查不能导入")
        }
        let round = report.round
        let bodyID = try await body(on: db, audit: audit)
        let inspection = Inspection()
        inspection.title = options.title ?? [round.inspectingGroup, round.inspectedBody.map { "对\($0)的巡察" }]
            .compactMap { $0 }.joined()
        if inspection.title.isEmpty { inspection.title = "导入的巡察整改报告（\(options.fileName)）" }
        inspection.kind = (round.inspectingGroup ?? "").contains("巡视") ? "tour" : "inspection"
        inspection.inspectingGroup = round.inspectingGroup ?? "未注明"
        inspection.inspectedBodyID = bodyID
        inspection.onsiteStart = round.onSiteStart?.iso
        inspection.onsiteEnd = round.onSiteEnd?.iso
        inspection.feedbackDate = round.feedbackDate?.iso
        inspection.statusDate = round.statusDate?.iso
        inspection.publishedOn = round.publicationDate?.iso
        inspection.issuer = round.issuer
        inspection.importedFrom = options.fileName
        inspection.statedClaimsJSON = String(decoding: try JSONEncoder().encode(report.claims), as: UTF8.self)
        inspection.version = 1
        try await inspection.create(on: db)
        let inspectionID = try inspection.requireID()
        try await audit.record("import", entity: InspectionResource.entity, id: inspectionID.uuidString,
                               after: try inspection.toDTO())
        // Status history is dated by the report: created at feedback, status as of the status date.
        let createdOn = (round.feedbackDate ?? round.statusDate ?? today).iso
        let statusOn = (round.statusDate ?? round.publicationDate ?? today).iso
        var measures = 0
        let checker = ReportChecker()
        var usedNumbers: [ProblemSource: Set<Int>] = [:]
        for item in report.problems {
            let source = Self.source(item.source)
            // A report may number two problems alike (a numbering fault the checker reports); the
            // ledger keeps the printed label and moves the sort number out of the way.
            var number = item.number
            while usedNumbers[source, default: []].contains(number) { number += 1000 }
            usedNumbers[source, default: []].insert(number)
            // A problem counts as completed when its heading says so, or when the report says every
            // problem of its source is completed (the way the seed states its assigned items).
            let status: RectificationStatus = checker.isCompleted(item, in: report) ? .closed : .inProgress
            let problem = Problem()
            problem.inspectionID = inspectionID
            problem.source = source.rawValue
            problem.number = number
            problem.label = item.label
            problem.title = item.title
            problem.problemDescription = item.progressText.isEmpty ? nil : "整改情况：" + item.progressText
            problem.status = status.rawValue
            problem.version = 1
            try await problem.create(on: db)
            let problemID = try problem.requireID()
            try await history(inspectionID, problemID, nil, status, createdOn: createdOn, statusOn: statusOn, on: db)
            for (index, m) in item.measures.enumerated() {
                let measure = Measure()
                measure.problemID = problemID
                measure.inspectionID = inspectionID
                measure.number = index + 1
                measure.label = m.label.isEmpty ? MeasureResource.defaultLabel(index + 1) : m.label
                // The ledger keeps the number in `label`; the text reads without it.
                measure.text = !m.label.isEmpty && m.text.hasPrefix(m.label)
                    ? String(m.text.dropFirst(m.label.count)).trimmingCharacters(in: .whitespaces) : m.text
                measure.kind = MeasureKind.timeBound.rawValue
                measure.startDate = round.feedbackDate?.iso
                measure.status = status.rawValue
                measure.progress = status == .closed ? 100 : 0
                measure.version = 1
                try await measure.create(on: db)
                try await history(inspectionID, problemID, try measure.requireID(), status, createdOn: createdOn, statusOn: statusOn, on: db)
                measures += 1
            }
            try await audit.record("import", entity: ProblemResource.entity, id: problemID.uuidString,
                                   after: try await ProblemResource.dto(problem, on: db))
        }
        return Summary(inspectionId: inspectionID, inspectedBodyId: bodyID, problemsCreated: report.problems.count,
                       measuresCreated: measures)
    }

    private func history(_ inspectionID: UUID, _ problemID: UUID, _ measureID: UUID?, _ status: RectificationStatus,
                         createdOn: String, statusOn: String, on db: Database) async throws {
        try await StatusChangeRecord(inspectionID: inspectionID, problemID: problemID, measureID: measureID,
                                     status: RectificationStatus.inProgress.rawValue, changedOn: createdOn).create(on: db)
        if status != .inProgress {
            try await StatusChangeRecord(inspectionID: inspectionID, problemID: problemID, measureID: measureID,
                                         status: status.rawValue, changedOn: statusOn).create(on: db)
        }
    }

    private func body(on db: Database, audit: AuditTrail) async throws -> UUID {
        if let id = options.inspectedBodyID {
            guard try await Organization.find(id, on: db) != nil else {
                throw RectifyError.invalid("inspectedBodyId", "unknown_reference", "所选被巡察单位不存在")
            }
            return id
        }
        let name = report.round.inspectedBody ?? report.round.issuer ?? "未注明的被巡察单位"
        if let existing = try await Organization.query(on: db).filter(\.$name == name).filter(\.$parentID == nil).first() {
            return try existing.requireID()
        }
        let org = Organization()
        org.name = name
        org.kind = OrganizationKind.body.rawValue
        org.sortOrder = 0
        org.version = 1
        try await org.create(on: db)
        try await audit.record("import", entity: OrganizationResource.entity, id: try org.requireID().uuidString,
                               after: try org.toDTO())
        return try org.requireID()
    }
}
