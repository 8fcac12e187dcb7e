import Fluent

/// A record's audit history is read by its id alone (the problem page lists the events of a problem
/// and its measures; the audit API filters by `entityId`). The index on (entity, entity_id) cannot
/// serve that, so both databases read the whole log backwards by sequence.
struct UpdateAuditEventsAddEntityIDIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.index("audit_events", ["entity_id"])
    }

    func revert(on database: Database) async throws {
        try await database.dropIndex("audit_events", ["entity_id"])
    }
}
