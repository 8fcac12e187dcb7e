import Fluent
import Foundation
import RectifyCore
import SQLKit

/// The progress-report list as rows: a measure's reports (its page's history), the review queue's
/// reads through the API. The user's scope is the measures' own as a subquery, where the Fluent
/// path first read every visible measure's id and sent them back as a list. Evidence files are read
/// in a second statement only when a report on the page has any.
extension ProgressReportResource {
    static let rowList: RowList<ProgressReportResource>? = RowList(
        columns: { _ in columns },
        scope: { access in
            switch MeasureResource.scopeCondition(access) {
            case .everything: .everything
            case .nothing: .nothing
            case .only(let measures): .only("progress_reports.measure_id IN (SELECT measures.id FROM measures WHERE " + measures + ")")
            }
        },
        decode: dto(row:),
        finish: { reports, rows, db in
            var withEvidence: [UUID] = []
            for (report, row) in zip(reports, rows) where try row.decode(column: "has_evidence", as: Int.self) != 0 {
                withEvidence.append(report.id)
            }
            guard !withEvidence.isEmpty else { return reports }
            let evidence = try await evidence(of: withEvidence, on: db)
            return reports.map { report in
                var report = report
                report.evidence = evidence[report.id] ?? []
                return report
            }
        })

    private static let columns = """
        progress_reports.id, progress_reports.measure_id, progress_reports.report_date, progress_reports.text, \
        progress_reports.progress, progress_reports.reporter_id, progress_reports.reporter_name, progress_reports.review_state, \
        progress_reports.review_opinion, progress_reports.reviewer_id, progress_reports.reviewed_at, progress_reports.version, \
        CASE WHEN EXISTS (SELECT 1 FROM evidence_files e WHERE e.progress_report_id = progress_reports.id) THEN 1 ELSE 0 END \
        AS has_evidence
        """

    static func dto(row: any SQLRow) throws -> ProgressReportDTO {
        ProgressReportDTO(
            id: try row.decode(column: "id", as: UUID.self), measureId: try row.decode(column: "measure_id", as: UUID.self),
            reportDate: Day(iso: try row.decode(column: "report_date", as: String.self)) ?? Day(dayNumber: 0),
            text: try row.decode(column: "text", as: String.self), progress: try row.decode(column: "progress", as: Int.self),
            reporterId: try row.decode(column: "reporter_id", as: UUID?.self),
            reporterName: try row.decode(column: "reporter_name", as: String.self),
            reviewState: ReviewState(rawValue: try row.decode(column: "review_state", as: String.self)) ?? .submitted,
            reviewOpinion: try row.decode(column: "review_opinion", as: String?.self),
            reviewerId: try row.decode(column: "reviewer_id", as: UUID?.self),
            reviewedAt: try row.decode(column: "reviewed_at", as: Date?.self), evidence: [],
            version: try row.decode(column: "version", as: Int.self))
    }
}
