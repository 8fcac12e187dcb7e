import Fluent

/// The supervisors' overview counts, for every round, its problems and closed problems and its
/// overdue measures; with these indexes both counts are read from the index alone.
struct UpdateTablesAddOverviewIndexes: AsyncMigration {
    static let indexes: [(String, [String])] = [
        ("problems", ["inspection_id", "status"]),
        ("measures", ["inspection_id", "deadline", "status"]),
    ]

    func prepare(on database: Database) async throws {
        for (table, columns) in Self.indexes { try await database.index(table, columns) }
    }

    func revert(on database: Database) async throws {
        for (table, columns) in Self.indexes { try await database.dropIndex(table, columns) }
    }
}
