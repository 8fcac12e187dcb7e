import Fluent

/// The request that made each change (`X-Request-Id`), so an event leads to the request's log lines
/// and a request's log lines to its events (the audit API filters by `requestId`).
struct UpdateAuditEventsAddRequestID: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("audit_events").field("request_id", .string).update()
        try await database.index("audit_events", ["request_id"])
    }

    func revert(on database: Database) async throws {
        try await database.dropIndex("audit_events", ["request_id"])
        try await database.schema("audit_events").deleteField("request_id").update()
    }
}
