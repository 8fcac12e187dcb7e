import Fluent

/// The status history of problems and measures, so statistics can be computed as the ledger stood
/// on any past day.
struct CreateStatusChanges: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("status_changes")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id", onDelete: .restrict))
            .field("problem_id", .uuid, .required, .references("problems", "id", onDelete: .cascade))
            .field("measure_id", .uuid, .references("measures", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("changed_on", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.index("status_changes", ["inspection_id", "changed_on"])
        try await database.index("status_changes", ["problem_id"])
        try await database.index("status_changes", ["measure_id"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("status_changes").delete()
    }
}
