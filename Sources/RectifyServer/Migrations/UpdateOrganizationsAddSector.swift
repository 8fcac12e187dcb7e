import Fluent

/// A body's sector (所属领域): cross-body views filter and group by it, so it is indexed.
struct UpdateOrganizationsAddSector: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("organizations").field("sector", .string).update()
        try await database.index("organizations", ["sector"])
    }

    func revert(on database: Database) async throws {
        try await database.dropIndex("organizations", ["sector"])
        try await database.schema("organizations").deleteField("sector").update()
    }
}
