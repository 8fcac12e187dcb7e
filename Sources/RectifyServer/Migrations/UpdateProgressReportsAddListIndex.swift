import Fluent

/// A measure's reports in the list's order (report date, then id): the page of its history and its
/// count read from one index range, and `after=` steps through it without sorting.
struct UpdateProgressReportsAddListIndex: AsyncMigration {
    static let columns = ["measure_id", "report_date", "id"]

    func prepare(on database: Database) async throws {
        try await database.index("progress_reports", Self.columns)
    }

    func revert(on database: Database) async throws {
        try await database.dropIndex("progress_reports", Self.columns)
    }
}
