import Fluent

/// Published public reports: a snapshot of the page and the Word document at publication, so a
/// later change in the ledger never silently rewrites what the public was shown.
struct CreatePublications: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("publications")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id", onDelete: .restrict))
            .field("title", .string, .required)
            .field("as_of", .string, .required)
            .field("paragraphs", .string, .required)
            .field("docx", .data, .required)
            .field("published_by", .string, .required)
            .field("withdrawn", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await database.index("publications", ["inspection_id"])
        try await database.schema("public_feedback").field("publication_id", .uuid).update()
        try await database.index("public_feedback", ["publication_id"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("public_feedback").deleteField("publication_id").update()
        try await database.schema("publications").delete()
    }
}
