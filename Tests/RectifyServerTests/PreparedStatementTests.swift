import Fluent
import Foundation
@testable import RectifyServer
import SQLKit
import Testing
import Vapor

extension ServerTests {
    /// Issue 21: hot reads (`HotSQL`) run as named prepared statements on PostgreSQL, prepared once per
    /// connection for each text, and as plain statements on SQLite; either way they answer what the
    /// same statement run plainly answers.
    @Suite struct PreparedStatementTests {
        /// The statements `pg_prepared_statements` lists for the session of `db`.
        static func prepared(on db: any Database) async throws -> [(name: String, text: String)] {
            try await db.sql.raw("SELECT name, statement FROM pg_prepared_statements").all().map {
                (try $0.decode(column: "name", as: String.self), try $0.decode(column: "statement", as: String.self))
            }
        }

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
                        return try await Self.prepared(on: db)
                    }
                }.get()
                let revision = prepared.filter { $0.text == "SELECT revision FROM audit_head WHERE id = 1" }
                #expect(revision.count == 1, "\(prepared)")
                #expect(revision.first?.name.hasPrefix("rectify_hot_") == true)
            }
        }

        /// Binds of every kind the hot lists use, null among them: the same rows as the plain statement,
        /// the text prepared once on the connection however often it runs with other values.
        @Test func aHotStatementWithBindsAnswersLikeThePlainOneAndIsPreparedOnce() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let none: String? = nil
                @Sendable func statement(_ limit: Int, _ name: String) -> SQLQueryString {
                    """
                    SELECT id, name, CAST(\(bind: none) AS TEXT) AS absent FROM organizations \
                    WHERE (id = \(bind: fx.unitA) OR parent_id = \(bind: fx.body) OR name = \(bind: name)) \
                    ORDER BY name, id LIMIT \(bind: limit)
                    """
                }
                @Sendable func rows(_ fetched: [any SQLRow]) throws -> [String] {
                    try fetched.map { "\(try $0.decode(column: "id", as: UUID.self)) \(try $0.decode(column: "name", as: String.self)) \(String(describing: try $0.decode(column: "absent", as: String?.self)))" }
                }
                let result = try await app.db.withConnection { db in
                    db.eventLoop.makeFutureWithTask {
                        var answers: [([String], [String])] = []
                        for (limit, name) in [(10, "无此单位"), (1, "无此单位"), (10, "市测试局党组")] {
                            answers.append((try rows(try await db.sql.hot(statement(limit, name)).all()),
                                            try rows(try await db.sql.raw(statement(limit, name)).all())))
                        }
                        let prepared = try db.sql.dialect.name == "postgresql" ? try await Self.prepared(on: db) : []
                        return (answers, prepared)
                    }
                }.get()
                for (hot, plain) in result.0 {
                    #expect(!hot.isEmpty)
                    #expect(hot == plain)
                }
                #expect(result.0[1].0.count == 1)
                guard try app.db.sql.dialect.name == "postgresql" else { return }
                let mine = result.1.filter { $0.text.contains("AS absent FROM organizations") }
                #expect(mine.count == 1, "\(result.1)")
            }
        }

        /// A bind PostgresKit encodes only through Codable (here a structure, sent as JSON) is not prepared:
        /// the statement runs unnamed and still answers.
        @Test func aBindEncodedThroughCodableRunsUnnamed() async throws {
            try await withApp { app in
                guard try app.db.sql.dialect.name == "postgresql" else { return }
                struct Tag: Codable, Sendable { let level: Int }
                let answer = try await app.db.withConnection { db in
                    db.eventLoop.makeFutureWithTask {
                        let row = try #require(try await db.sql.hot("SELECT CAST(\(bind: Tag(level: 3)) AS TEXT) AS tag").first())
                        return (try row.decode(column: "tag", as: String.self), try await Self.prepared(on: db))
                    }
                }.get()
                #expect(answer.0.contains("\"level\""))
                #expect(!answer.1.contains { $0.text.contains("AS tag") }, "\(answer.1)")
            }
        }

        /// A statement whose preparation failed is named anew on its next run: PostgresNIO keeps a failed
        /// preparation's error for the name on that connection, so a passing failure must not stick to it.
        @Test func aTextWhoseStatementFailedIsPreparedAgainOnTheSameConnection() async throws {
            try await withApp { app in
                guard try app.db.sql.dialect.name == "postgresql" else { return }
                let table = "hot_later_\(UUID().uuidString.prefix(8).lowercased())"
                let answer = try await app.db.withConnection { db in
                    db.eventLoop.makeFutureWithTask {
                        let sql = try db.sql
                        let statement: SQLQueryString = "SELECT x FROM \(unsafeRaw: table) WHERE x = \(bind: 7)"
                        await #expect(throws: (any Error).self) { try await sql.hot(statement).all() }
                        try await sql.raw("CREATE TABLE \(unsafeRaw: table) (x integer)").run()
                        try await sql.raw("INSERT INTO \(unsafeRaw: table) VALUES (7)").run()
                        let rows = try await sql.hot(statement).all()
                        let prepared = try await Self.prepared(on: db)
                        try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
                        return (rows.count, try rows.first?.decode(column: "x", as: Int.self), prepared)
                    }
                }.get()
                #expect(answer.0 == 1)
                #expect(answer.1 == 7)
                #expect(answer.2.contains { $0.text.contains("FROM \(table)") }, "\(answer.2)")
            }
        }

        /// The API's lists go through the hot path: their text has been named after a request.
        @Test func theMeasureListIsAHotStatement() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let list = try await app.send(.GET, "/api/v1/measures?status=in_progress&deadlineBefore=2030-01-01&per=5", token: fx.token("supervisor"))
                #expect(list.status == .ok, "\(list.body.string)")
                guard try app.db.sql.dialect.name == "postgresql" else { return }
                #expect(PreparedNames.named { $0.hasPrefix("SELECT (SELECT COUNT(*) FROM measures") && $0.contains("deadline") })
            }
        }
    }
}
