import Fluent

/// Files uploaded for an import preview, kept until the user confirms (in the database, so any
/// server of several can finish the import).
struct CreateImportDrafts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("import_drafts")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("inspection_id", .uuid, .references("inspections", "id", onDelete: .cascade))
            .field("data", .data, .required)
            .field("created_at", .datetime)
            .create()
        try await database.index("import_drafts", ["user_id"])
        try await database.index("import_drafts", ["inspection_id"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("import_drafts").delete()
    }
}
