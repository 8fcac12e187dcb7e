import Fluent

/// Stored weekly bulletins (每周通报), and the day a reminder notice was replied to, which the
/// bulletin needs to say what was unanswered at a week's end.
struct CreateBulletins: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("bulletins")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id", onDelete: .restrict))
            .field("week", .string, .required)
            .field("content", .string, .required)
            .field("generated_by", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "inspection_id", "week")
            .create()
        try await database.schema("reminder_notices").field("replied_on", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("reminder_notices").deleteField("replied_on").update()
        try await database.schema("bulletins").delete()
    }
}
