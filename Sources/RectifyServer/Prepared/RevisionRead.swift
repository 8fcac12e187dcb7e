import FluentPostgresDriver
import SQLKit

/// The ledger's revision (`AuditHead`): read by nearly every request of a body's user (the scope and
/// page caches key on it), so it is the statement run most often.
struct RevisionRead: HotStatement {
    typealias Row = Int64
    static let sql = "SELECT revision FROM audit_head WHERE id = 1"
    var portable: SQLQueryString { "\(unsafeRaw: Self.sql)" }
    func makeBindings() throws -> PostgresBindings { PostgresBindings() }
    func decode(_ row: some SQLRow) throws -> Int64 { try row.decode(column: "revision", as: Int64.self) }
}
