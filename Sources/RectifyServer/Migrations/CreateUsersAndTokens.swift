import Fluent

struct CreateUsersAndTokens: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("organization_id", .uuid, .references("organizations", "id", onDelete: .restrict))
            .field("active", .bool, .required)
            .field("must_change_password", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .field("last_used_at", .datetime)
            .field("expires_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        // Same shape as Fluent's own session table, so `app.sessions.use(.fluent)` can use it.
        try await database.schema("_fluent_sessions")
            .id()
            .field("key", .string, .required)
            .field("data", .json, .required)
            .unique(on: "key")
            .create()
        try await database.index("users", ["organization_id"])
        try await database.index("users", ["role"])
        try await database.index("api_tokens", ["user_id"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("_fluent_sessions").delete()
        try await database.schema("api_tokens").delete()
        try await database.schema("users").delete()
    }
}
