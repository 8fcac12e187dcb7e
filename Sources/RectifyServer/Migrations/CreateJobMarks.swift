import Fluent
import Foundation
import SQLKit

/// Where a periodic job's last pass got to (`JobMarks`), and the index that finds the problems
/// entered since: the scan's repeat matching starts from the installation of this version.
struct CreateJobMarks: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("job_marks")
            .field("name", .string, .required)
            .field("at_ms", .int64, .required)
            .unique(on: "name")
            .create()
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await database.sql.insert(into: "job_marks").columns("name", "at_ms")
            .values(SQLBind(NewProblemRepeatScan.markName), SQLBind(now)).run()
        try await database.index("problems", ["created_at"])
    }

    func revert(on database: Database) async throws {
        try await database.dropIndex("problems", ["created_at"])
        try await database.schema("job_marks").delete()
    }
}
