import Fluent
import SQLKit

/// Keeps the query planners' statistics current, so that each list is answered from the index made
/// for it. Without statistics SQLite reads the due-date list through `(status, deadline)` and sorts
/// thousands of rows in a temporary B-tree; with them it walks `(status, problem_id, number, …)` in
/// order and stops at the page's end (`UpdateMeasuresAddListIndexes`).
enum PlannerStatistics {
    /// Rows SQLite samples per index when it analyses: a province ledger is analysed in seconds,
    /// and the estimates are as good for choosing an index.
    static let analysisLimit = 1000

    /// When the ledger is opened (serve, every command): SQLite analyses tables it never analysed or
    /// that grew much since (`optimize=0x10002`, as SQLite advises for a connection kept open).
    static func atOpen(_ db: Database) async throws {
        try await sqlite(db, "PRAGMA optimize=0x10002")
    }

    /// At each periodic scan: SQLite's `optimize` analyses only what changed much since, so it is
    /// cheap; PostgreSQL's autovacuum keeps its own statistics, so nothing is asked of it.
    static func periodic(_ db: Database) async throws {
        try await sqlite(db, "PRAGMA optimize")
    }

    /// After many rows went in at once (generate, a ledger import).
    static func refresh(_ db: Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sqlite(db, "PRAGMA optimize")
        } else {
            // PostgreSQL's autovacuum analyses on its own schedule; a bulk load is not left to wait for it.
            try await sql.raw("ANALYZE").run()
        }
    }

    /// The limit is a setting of the connection, so both statements go to one.
    private static func sqlite(_ db: Database, _ pragma: SQLQueryString) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await db.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else { return }
            try await sql.raw("PRAGMA analysis_limit = \(unsafeRaw: String(analysisLimit))").run()
            try await sql.raw(pragma).run()
        }
    }
}
