import Fluent

/// Indexes for list filters added after the first schema.
struct UpdateTablesAddFilterIndexes: AsyncMigration {
    static let indexes: [(String, [String])] = [
        ("inspections", ["kind"]), ("people", ["rank"]), ("close_out_records", ["stage"]),
        ("notification_channels", ["kind"]), ("accountability_records", ["superseded"]), ("regulations", ["superseded"]),
        ("meetings", ["superseded"]), ("recovered_funds", ["superseded"]), ("bulletins", ["week"]),
    ]

    func prepare(on database: Database) async throws {
        for (table, columns) in Self.indexes { try await database.index(table, columns) }
    }

    func revert(on database: Database) async throws {
        for (table, columns) in Self.indexes { try await database.dropIndex(table, columns) }
    }
}
