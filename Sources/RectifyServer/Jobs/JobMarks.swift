import Fluent
import Foundation
import SQLKit

/// How far a periodic job has got, shared by every server on the database (`job_marks`).
enum JobMarks {
    private struct Row: Decodable { let at_ms: Int64 }

    /// The mark, or the epoch when none was kept (the job then starts from the beginning).
    static func read(_ name: String, on db: Database) async throws -> Date {
        let row = try await db.sql.select().column("at_ms").from("job_marks").where("name", .equal, SQLBind(name))
            .first(decoding: Row.self)
        return Date(timeIntervalSince1970: Double(row?.at_ms ?? 0) / 1000)
    }

    /// One statement: the row is updated where it is, or made when someone removed it.
    static func write(_ name: String, _ date: Date, on db: Database) async throws {
        let ms = Int64(date.timeIntervalSince1970 * 1000)
        try await db.sql.insert(into: "job_marks").columns("name", "at_ms").values(SQLBind(name), SQLBind(ms))
            .onConflict(with: "name") { $0.set(excludedValueOf: "at_ms") }.run()
    }
}
