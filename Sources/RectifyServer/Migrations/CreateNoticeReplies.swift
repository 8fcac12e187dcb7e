import Fluent

/// Replies to reminder notices, one per addressee unit (a notice's single `reply` was shared by all
/// its units, so one unit could read and overwrite another's).
struct CreateNoticeReplies: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("notice_replies")
            .id()
            .field("notice_id", .uuid, .required, .references("reminder_notices", "id", onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references("organizations", "id"))
            .field("text", .string, .required)
            .field("replied_on", .string, .required)
            .unique(on: "notice_id", "unit_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("notice_replies").delete()
    }
}
