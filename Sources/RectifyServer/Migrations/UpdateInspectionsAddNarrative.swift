import Fluent

/// The office's narrative for the round's public report (JSON of `RoundNarrative`).
struct UpdateInspectionsAddNarrative: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("inspections").field("narrative", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("inspections").deleteField("narrative").update()
    }
}
