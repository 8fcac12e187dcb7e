import Fluent

/// The measure lists as the API offers them, each answered from an index in its own order: the
/// due-date list across bodies (`status` + `deadlineBefore`, in the default order of problem and
/// number) and one round's list (`inspectionId`, same order) read their page without sorting, and
/// the due-date count is a range of `(status, deadline, id)` (Fluent counts `id`, so the id is in the
/// index and the count never reads the table). Before these, the only usable index was `status`, and
/// every page sorted its matches in a temporary B-tree.
struct UpdateMeasuresAddListIndexes: AsyncMigration {
    static let indexes: [(String, [String])] = [
        ("measures", ["status", "deadline", "id"]),
        ("measures", ["status", "problem_id", "number", "id", "deadline"]),
        ("measures", ["inspection_id", "problem_id", "number", "id"]),
    ]

    func prepare(on database: Database) async throws {
        for (table, columns) in Self.indexes { try await database.index(table, columns) }
    }

    func revert(on database: Database) async throws {
        for (table, columns) in Self.indexes { try await database.dropIndex(table, columns) }
    }
}
