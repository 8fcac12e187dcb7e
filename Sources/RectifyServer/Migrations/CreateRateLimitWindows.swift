import Fluent

/// Counters of anonymous writes per key and fixed time window, shared by every server on the same
/// database so that a limit holds however requests are spread (`AnonymousWriteLimit`).
struct CreateRateLimitWindows: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("rate_limit_windows")
            .field("key", .string, .required)
            .field("window_start", .int64, .required)
            .field("hits", .int64, .required)
            .unique(on: "key", "window_start")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("rate_limit_windows").delete()
    }
}
