import Fluent

/// Notification channels and the outbox: messages are written in the transaction that causes
/// them and delivered later with retries, so nothing is lost while a channel is down.
struct CreateNotificationOutbox: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("notification_channels")
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("target", .string, .required)
            .field("inspection_id", .uuid, .references("inspections", "id", onDelete: .restrict))
            .field("active", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("outbox_messages")
            .id()
            .field("channel_id", .uuid, .required, .references("notification_channels", "id", onDelete: .restrict))
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at_ms", .int64, .required)
            .field("last_error", .string)
            .field("sent_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.index("notification_channels", ["inspection_id"])
        try await database.index("outbox_messages", ["state", "next_attempt_at_ms"])
        try await database.index("outbox_messages", ["channel_id"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("outbox_messages").delete()
        try await database.schema("notification_channels").delete()
    }
}
