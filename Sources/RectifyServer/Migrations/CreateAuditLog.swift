import Fluent
import SQLKit

/// The hash-chained audit log and its head row. Every write transaction starts by updating the
/// head row, which serializes writers on both databases (a row lock on PostgreSQL, the write lock
/// on SQLite) so the chain never forks.
struct CreateAuditLog: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("audit_events")
            .field("seq", .int64, .identifier(auto: false))
            .field("at_ms", .int64, .required)
            .field("actor_id", .string)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        try await database.index("audit_events", ["entity", "entity_id"])
        try await database.index("audit_events", ["actor_id"])
        try await database.index("audit_events", ["at_ms"])
        guard let sql = database as? SQLDatabase else { return }
        try await sql.insert(into: "audit_head")
            .columns("id", "seq", "hash")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(String(repeating: "0", count: 64)))
            .run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("audit_head").delete()
        try await database.schema("audit_events").delete()
    }
}
