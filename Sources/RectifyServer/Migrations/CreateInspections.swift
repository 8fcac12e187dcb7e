import Fluent

struct CreateInspections: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("inspections")
            .id()
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("inspecting_group", .string, .required)
            .field("inspected_body_id", .uuid, .required, .references("organizations", "id", onDelete: .restrict))
            .field("onsite_start", .string)
            .field("onsite_end", .string)
            .field("feedback_date", .string)
            .field("rectification_deadline", .string)
            .field("status_date", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.index("inspections", ["inspected_body_id"])
        try await database.index("inspections", ["feedback_date"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("inspections").delete()
    }
}
