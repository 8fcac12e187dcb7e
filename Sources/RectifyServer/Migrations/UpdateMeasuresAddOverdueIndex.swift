import Fluent

/// Overdue measures of a set of rounds (the supervisor's overview, the escalation scan) counted from
/// the index alone: round, then deadline, with the status alongside.
struct UpdateMeasuresAddOverdueIndex: AsyncMigration {
    static let columns = ["inspection_id", "deadline", "status"]

    func prepare(on database: Database) async throws {
        try await database.index("measures", Self.columns)
    }

    func revert(on database: Database) async throws {
        try await database.dropIndex("measures", Self.columns)
    }
}
