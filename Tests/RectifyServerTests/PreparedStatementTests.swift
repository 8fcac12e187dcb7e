import Fluent
import Foundation
@testable import RectifyServer
import SQLKit
import Testing
import Vapor

extension ServerTests {
    /// Issue 21: the statement run most often, the ledger revision's read, is a named prepared
    /// statement on PostgreSQL (prepared once per connection) and a plain one on SQLite; either way it
    /// reads what the table holds, and a write moves it.
    @Suite struct PreparedStatementTests {
        @Test func theRevisionReadIsPreparedOncePerConnectionAndReadsTheTable() async throws {
            try await withApp { app in
                func plain() async throws -> Int64 {
                    try #require(try await app.db.sql.raw("SELECT revision FROM audit_head WHERE id = 1").first())
                        .decode(column: "revision", as: Int64.self)
                }
                let before = try await AuditHead.read(.revision, on: app.db)
                #expect(before == (try await plain()))
                let fx = try await Fixture.make(app)
                let write = try await app.send(.POST, "/api/v1/people", token: fx.token("office"), body: ["name": "赵立"])
                #expect(write.status == .created)
                let after = try await AuditHead.read(.revision, on: app.db)
                #expect(after > before)
                #expect(after == (try await plain()))

                guard try app.db.sql.dialect.name == "postgresql" else { return }
                // One connection, three reads: prepared by the first, then only executed.
                let prepared = try await app.db.withConnection { db in
                    db.eventLoop.makeFutureWithTask {
                        let statements = app.databaseMeter.statements
                        for _ in 0..<3 { #expect(try await AuditHead.read(.revision, on: db) == after) }
                        #expect(app.databaseMeter.statements - statements == 3, "each read is counted as a statement")
                        return try await db.sql.raw("SELECT name, statement FROM pg_prepared_statements").all().map {
                            (try $0.decode(column: "name", as: String.self), try $0.decode(column: "statement", as: String.self))
                        }
                    }
                }.get()
                let revision = prepared.filter { $0.0 == RevisionRead.name }
                #expect(revision.count == 1, "\(prepared)")
                #expect(revision.first?.1 == RevisionRead.sql)
            }
        }
    }
}
