import Fluent

/// Repeated problems (屡查屡犯): a later round's problem matched with an earlier round's problem of
/// the same body, suggested by wording and confirmed or dismissed by the supervisor. One row per
/// pair, so computing the matches again adds only new pairs and never undoes a decision.
struct CreateRepeatMatches: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("repeat_matches")
            .id()
            .field("new_problem_id", .uuid, .required, .references("problems", "id", onDelete: .cascade))
            .field("earlier_problem_id", .uuid, .required, .references("problems", "id", onDelete: .cascade))
            .field("body_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("new_inspection_id", .uuid, .required)
            .field("earlier_inspection_id", .uuid, .required)
            .field("similarity", .double, .required)
            .field("state", .string, .required)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "new_problem_id", "earlier_problem_id")
            .create()
        // The list filters by body and state; the board counts by round; deleting a problem finds its rows.
        try await database.index("repeat_matches", ["body_id", "state"])
        try await database.index("repeat_matches", ["state"])
        try await database.index("repeat_matches", ["new_inspection_id", "state"])
        try await database.index("repeat_matches", ["earlier_problem_id"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("repeat_matches").delete()
    }
}
