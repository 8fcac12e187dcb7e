import Fluent

/// Holiday arrangements imported from the State Council's notices (`rectify calendar import`, the
/// admin page). Rows are only added: a replaced year keeps its earlier rows, and the one with the
/// highest revision is in effect. `revision` also tells servers sharing the database that the
/// calendar changed.
struct CreateCalendarYears: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("calendar_years")
            .id()
            .field("year", .int, .required)
            .field("revision", .int64, .required)
            .field("source", .string, .required)
            .field("holidays", .string, .required)
            .field("adjusted_workdays", .string, .required)
            .field("notice_text", .string, .required)
            .field("imported_by_id", .uuid)
            .field("imported_by", .string, .required)
            .field("imported_at", .datetime, .required)
            .unique(on: "revision")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("calendar_years").delete()
    }
}
