import Fluent

struct CreatePublicFeedback: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("public_feedback")
            .id()
            .field("inspection_id", .uuid, .references("inspections", "id", onDelete: .restrict))
            .field("channel", .string, .required)
            .field("text", .string, .required)
            .field("contact", .string)
            .field("state", .string, .required)
            .field("reply", .string)
            .field("replied_at", .datetime)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.index("public_feedback", ["inspection_id"])
        try await database.index("public_feedback", ["state"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("public_feedback").delete()
    }
}
