import Fluent
import NIOPosix
import Foundation
import RectifyCore
import Vapor

/// Reading, checking and importing a published report: shared by the API and the command line.
enum ReportImport {
    struct Outcome: Content {
        var dryRun: Bool
        var fileName: String
        var format: ReportFormat
        var problemsRead: Int
        var measuresRead: Int
        var problemsBySource: [String: Int]
        var findings: [ReportFinding]
        /// The checks not made because a figure was not read (未能核对).
        var unchecked: [ReportUnchecked]
        var imported: ReportImporter.Summary?
    }

    /// Reads and checks within `limits`, on a thread of the blocking pool: the work is CPU-bound and
    /// would otherwise hold one of the few threads every async request runs on.
    static func read(_ data: Data, fileName: String, limits: UploadLimits) async throws -> (ReadReport, ReportCheck) {
        try await NIOThreadPool.singleton.runIfActive {
            let report: ReadReport
            do {
                report = try ReportReader(limits: limits).read(data: data, fileName: fileName)
            } catch let error as ReportReadError {
                throw RectifyError.invalid("file", "unreadable_report", error.description)
            } catch let refusal as UploadLimitExceeded {
                throw RectifyError.uploadLimit(refusal)
            }
            return (report, ReportChecker().analyze(report))
        }
    }

    static func run(_ data: Data, fileName: String, dryRun: Bool, inspectedBodyID: UUID?, title: String?, limits: UploadLimits,
                    on db: Database, actor: AuditActor, now: Date) async throws -> Outcome {
        let (report, check) = try await read(data, fileName: fileName, limits: limits)
        var outcome = Outcome(report, check, fileName: fileName, dryRun: dryRun)
        guard !dryRun else { return outcome }
        outcome.imported = try await write([(report, fileName)], inspectedBodyID: inspectedBodyID, title: title,
                                           on: db, actor: actor, now: now)[0]
        return outcome
    }

    /// Writes read reports into the ledger, all in one transaction: every report or none.
    /// `progress` counts the reports written; a stop rolls the transaction back.
    static func write(_ reports: [(report: ReadReport, fileName: String)], inspectedBodyID: UUID?, title: String?,
                      on db: Database, actor: AuditActor, now: Date, progress: WorkProgress? = nil) async throws -> [ReportImporter.Summary] {
        let importers = reports.map { item in
            ReportImporter(report: item.report, options: .init(inspectedBodyID: inspectedBodyID, title: title, fileName: item.fileName))
        }
        // The importer writes the status history dated by the report itself.
        return try await StatusHistoryFlag.$suppressed.withValue(true) {
            try await db.ledgerWrite(actor: actor, now: now) { tx, audit in
                var summaries: [ReportImporter.Summary] = []
                for importer in importers {
                    summaries.append(try await importer.run(on: tx, audit: audit, today: Day(now)))
                    try progress?.advance()
                }
                return summaries
            }
        }
    }
}

extension ReportImport.Outcome {
    /// What was read and found in one report, before any import.
    init(_ report: ReadReport, _ check: ReportCheck, fileName: String, dryRun: Bool) {
        self.init(
            dryRun: dryRun, fileName: fileName, format: report.format, problemsRead: report.problems.count,
            measuresRead: report.measureCount,
            problemsBySource: Dictionary(grouping: report.problems, by: { ReportImporter.source($0.source).rawValue }).mapValues(\.count),
            findings: check.findings, unchecked: check.unchecked, imported: nil)
    }
}
