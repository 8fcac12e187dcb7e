import Fluent

/// Leaders of a problem and supporting units of a measure keep the order they were given in.
struct UpdateLinksAddPosition: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("problem_leaders").field("position", .int).update()
        try await database.schema("measure_units").field("position", .int).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("measure_units").deleteField("position").update()
        try await database.schema("problem_leaders").deleteField("position").update()
    }
}
