import Fluent
import SQLKit

extension Database {
    /// Creates `idx_<table>_<columns>`; Fluent's schema builder has no index API, SQLKit does.
    func index(_ table: String, _ columns: [String]) async throws {
        guard let sql = self as? SQLDatabase else { return }
        var builder = sql.create(index: "idx_\(table)_\(columns.joined(separator: "_"))").on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }

    func dropIndex(_ table: String, _ columns: [String]) async throws {
        guard let sql = self as? SQLDatabase else { return }
        try await sql.drop(index: "idx_\(table)_\(columns.joined(separator: "_"))").run()
    }
}
