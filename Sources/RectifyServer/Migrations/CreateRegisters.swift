import Fluent

/// Accountability, regulations, meetings, recovered funds, and their links to problems.
/// Register entries are never deleted: a correction is a new entry that supersedes the old one.
struct CreateRegisters: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("accountability_records")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id", onDelete: .restrict))
            .field("person_name", .string, .required)
            .field("person_id", .uuid, .references("people", "id", onDelete: .restrict))
            .field("rank", .string, .required)
            .field("form", .string, .required)
            .field("decided_on", .string, .required)
            .field("reason", .string)
            .field("supersedes_id", .uuid, .references("accountability_records", "id", onDelete: .restrict))
            .field("superseded", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("regulations")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id", onDelete: .restrict))
            .field("title", .string, .required)
            .field("document_number", .string)
            .field("issued_on", .string)
            .field("issuer", .string)
            .field("supersedes_id", .uuid, .references("regulations", "id", onDelete: .restrict))
            .field("superseded", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("meetings")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id", onDelete: .restrict))
            .field("kind", .string, .required)
            .field("held_on", .string, .required)
            .field("title", .string, .required)
            .field("chair", .string)
            .field("summary", .string)
            .field("supersedes_id", .uuid, .references("meetings", "id", onDelete: .restrict))
            .field("superseded", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("recovered_funds")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id", onDelete: .restrict))
            .field("problem_id", .uuid, .required, .references("problems", "id", onDelete: .restrict))
            .field("amount_fen", .int64, .required)
            .field("description", .string, .required)
            .field("recorded_on", .string, .required)
            .field("supersedes_id", .uuid, .references("recovered_funds", "id", onDelete: .restrict))
            .field("superseded", .bool, .required)
            .field("created_at", .datetime)
            .create()
        // One link table for the three registers that name problems; `register` says which.
        try await database.schema("register_links")
            .id()
            .field("register", .string, .required)
            .field("record_id", .uuid, .required)
            .field("problem_id", .uuid, .required, .references("problems", "id", onDelete: .restrict))
            .unique(on: "register", "record_id", "problem_id")
            .create()
        for table in ["accountability_records", "regulations", "meetings", "recovered_funds"] {
            try await database.index(table, ["inspection_id"])
            try await database.index(table, ["supersedes_id"])
        }
        try await database.index("accountability_records", ["person_id"])
        try await database.index("accountability_records", ["rank"])
        try await database.index("accountability_records", ["form"])
        try await database.index("meetings", ["kind"])
        try await database.index("recovered_funds", ["problem_id"])
        try await database.index("register_links", ["problem_id"])
        try await database.index("register_links", ["register", "record_id"])
    }

    func revert(on database: Database) async throws {
        for table in ["register_links", "recovered_funds", "meetings", "regulations", "accountability_records"] {
            try await database.schema(table).delete()
        }
    }
}
