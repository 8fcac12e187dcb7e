import Fluent

struct CreateOrganizationsAndPeople: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("organizations")
            .id()
            .field("parent_id", .uuid, .references("organizations", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("short_name", .string)
            .field("kind", .string, .required)
            .field("sort_order", .int, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("people")
            .id()
            .field("name", .string, .required)
            .field("rank", .string)
            .field("title", .string)
            .field("organization_id", .uuid, .references("organizations", "id", onDelete: .restrict))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.index("organizations", ["parent_id"])
        try await database.index("organizations", ["kind"])
        try await database.index("people", ["organization_id"])
        try await database.index("people", ["name"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("people").delete()
        try await database.schema("organizations").delete()
    }
}
