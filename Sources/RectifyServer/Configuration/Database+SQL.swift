import Fluent
import SQLKit
import Vapor

extension Database {
    /// The database as SQLKit sees it, for grouped counts and plain-row reads where decoding whole
    /// Fluent models costs more than the query. Rectify configures only SQLite and PostgreSQL
    /// (`DatabaseLocation`), both SQL drivers.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else {
                throw Abort(.internalServerError, reason: "the configured database does not speak SQL")
            }
            return sql
        }
    }
}
