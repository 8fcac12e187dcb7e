import Fluent

/// Escalation keys (one per measure, step and deadline, so a scan never issues a notice twice)
/// and job leases (so several servers on one database run a periodic job once).
struct CreateSchedulerTables: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("escalation_keys")
            .id()
            .field("key", .string, .required)
            .field("notice_id", .uuid, .required, .references("reminder_notices", "id", onDelete: .cascade))
            .field("measure_id", .uuid, .required, .references("measures", "id", onDelete: .cascade))
            .field("created_at", .datetime)
            .unique(on: "key")
            .create()
        try await database.schema("job_leases")
            .id()
            .field("name", .string, .required)
            .field("holder", .string, .required)
            .field("expires_at_ms", .int64, .required)
            .unique(on: "name")
            .create()
        try await database.index("escalation_keys", ["notice_id"])
        try await database.index("escalation_keys", ["measure_id"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("job_leases").delete()
        try await database.schema("escalation_keys").delete()
    }
}
