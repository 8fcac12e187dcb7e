import Fluent

/// Self-inspection tasks (举一反三) and one answer row per chosen body. Indexed for the filters the
/// lists offer (body, state, source problem, day issued) and for the late answers the board and the
/// escalation scan read (pending answers by due day).
struct CreateSelfInspectionTasks: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("self_inspection_tasks")
            .id()
            .field("title", .string, .required)
            .field("requirement", .string, .required)
            .field("source_problem_id", .uuid, .references("problems", "id", onDelete: .setNull))
            .field("sectors", .string)
            .field("working_days", .int, .required)
            .field("issued_on", .string, .required)
            .field("due_on", .string, .required)
            .field("issued_by_id", .uuid)
            .field("issued_by_name", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await database.index("self_inspection_tasks", ["source_problem_id"])
        try await database.index("self_inspection_tasks", ["issued_on"])
        try await database.schema("self_inspection_answers")
            .id()
            .field("task_id", .uuid, .required, .references("self_inspection_tasks", "id", onDelete: .cascade))
            .field("body_id", .uuid, .required, .references("organizations", "id"))
            .field("due_on", .string, .required)
            .field("state", .string, .required)
            .field("explanation", .string)
            .field("answered_on", .string)
            .field("answered_by_id", .uuid)
            .field("answered_by_name", .string)
            .field("problem_id", .uuid, .references("problems", "id", onDelete: .setNull))
            .field("escalation_key", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "task_id", "body_id")
            .create()
        try await database.index("self_inspection_answers", ["body_id", "state"])
        try await database.index("self_inspection_answers", ["state", "due_on"])
        try await database.index("self_inspection_answers", ["problem_id"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("self_inspection_answers").delete()
        try await database.schema("self_inspection_tasks").delete()
    }
}
