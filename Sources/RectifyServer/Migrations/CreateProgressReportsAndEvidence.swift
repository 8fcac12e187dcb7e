import Fluent

struct CreateProgressReportsAndEvidence: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("progress_reports")
            .id()
            .field("measure_id", .uuid, .required, .references("measures", "id", onDelete: .restrict))
            .field("report_date", .string, .required)
            .field("text", .string, .required)
            .field("progress", .int, .required)
            .field("reporter_id", .uuid, .references("users", "id", onDelete: .restrict))
            .field("reporter_name", .string, .required)
            .field("review_state", .string, .required)
            .field("review_opinion", .string)
            .field("reviewer_id", .uuid, .references("users", "id", onDelete: .restrict))
            .field("reviewed_at", .datetime)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("evidence_files")
            .id()
            .field("progress_report_id", .uuid, .required, .references("progress_reports", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime)
            .create()
        try await database.index("progress_reports", ["measure_id"])
        try await database.index("progress_reports", ["review_state"])
        try await database.index("progress_reports", ["report_date"])
        try await database.index("progress_reports", ["reporter_id"])
        try await database.index("progress_reports", ["reviewer_id"])
        try await database.index("evidence_files", ["progress_report_id"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("evidence_files").delete()
        try await database.schema("progress_reports").delete()
    }
}
