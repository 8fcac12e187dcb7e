import FluentKit
import FluentPostgresDriver
import SQLKit

/// A statement of a hot path whose text never changes. On PostgreSQL it runs as a named prepared
/// statement: PostgresNIO prepares it the first time a pooled connection runs it and from then on
/// only binds and executes it, so the server parses and plans it once per connection rather than on
/// every request. On SQLite the same statement runs through SQLKit.
protocol HotStatement: PostgresPreparedStatement where Row: Sendable {
    /// The statement as SQLKit runs it elsewhere, with the same binds as `makeBindings()`.
    var portable: SQLQueryString { get }
    func decode(_ row: some SQLRow) throws -> Row
}

extension HotStatement {
    func decodeRow(_ row: PostgresRow) throws -> Row { try decode(row.sql()) }
}

extension Database {
    /// Runs `statement`, prepared on PostgreSQL, counted and timed like every other statement.
    func run<S: HotStatement>(_ statement: S) async throws -> [S.Row] {
        guard let metered = self as? MeteredDatabase, let postgres = metered.base as? any PostgresDatabase else {
            return try await sql.raw(statement.portable).all().map { try statement.decode($0) }
        }
        let started = metered.meter.start()
        defer { metered.meter.end(.select, startedAt: started) }
        let logger = self.logger
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [S.Row] = []
                for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
    }
}
