import Foundation
import SQLKit

/// Rows of one table, written with multi-row INSERT statements.
struct RowBatch: Sendable {
    let table: String
    let columns: [String]
    private(set) var rows: [[any SQLExpression]] = []

    init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }

    var count: Int { rows.count }

    /// One row, values in column order; nil is written as NULL.
    mutating func add(_ values: [(any Encodable & Sendable)?]) {
        precondition(values.count == columns.count, "\(table): \(values.count) values for \(columns.count) columns")
        rows.append(values.map { value -> any SQLExpression in
            if let value { return SQLBind(value) }
            return SQLLiteral.null
        })
    }

    /// Writes the rows, keeping each statement well under the bind limits of SQLite (32,766)
    /// and PostgreSQL (65,535).
    func insert(on sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, min(500, 16_000 / columns.count))
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let builder = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + perStatement, rows.count)] { _ = builder.values(row) }
            try await builder.run()
        }
    }
}
