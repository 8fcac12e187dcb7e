import Fluent

/// Warning thresholds and the escalation policy are configuration per inspection round (JSON;
/// null means Rectify's defaults).
struct UpdateInspectionsAddSupervisionSettings: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("inspections")
            .field("warning_thresholds", .string)
            .update()
        try await database.schema("inspections")
            .field("escalation_policy", .string)
            .update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("inspections").deleteField("escalation_policy").update()
        try await database.schema("inspections").deleteField("warning_thresholds").update()
    }
}
