import FluentKit
import FluentPostgresDriver
import Vapor
import NIOCore
import SQLKit

/// A database that times every statement it runs (`DatabaseMeter`) and otherwise is the driver's own.
/// What it times runs from asking the pool for a connection to the last row, so time spent waiting
/// for a connection shows in the query histogram too.
struct MeteredDatabase: Database, SQLDatabase {
    let base: any Database & SQLDatabase
    let meter: DatabaseMeter
    /// SQLite: the connection settings applied before a loop's first statement.
    var tuning: SQLiteConnectionTuning? = nil

    static func wrap(_ database: any Database, _ meter: DatabaseMeter, tuning: SQLiteConnectionTuning? = nil) -> any Database {
        guard let sql = database as? any Database & SQLDatabase else { return database }
        return MeteredDatabase(base: sql, meter: meter, tuning: tuning)
    }

    /// The tuning's statements when this loop's connection still needs them (never inside a transaction).
    private var pendingTuning: EventLoopFuture<Void>? {
        guard let tuning, !base.inTransaction else { return nil }
        return tuning.ready(base, on: base.eventLoop)
    }

    /// `run`, after the tuning when it is pending.
    private func tuned(_ run: @escaping @Sendable () -> EventLoopFuture<Void>) -> EventLoopFuture<Void> {
        pendingTuning.map { $0.flatMap(run) } ?? run()
    }

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }
    var logger: Logger { base.context.logger }
    var eventLoop: any EventLoop { base.context.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        let started = meter.start()
        let statement: DatabaseMeter.Statement = switch query.action {
        case .read, .aggregate: .select
        case .create: .insert
        case .update: .update
        case .delete: .delete
        case .custom: .raw
        }
        return tuned { [base] in base.execute(query: query, onOutput: onOutput) }
            .always { [meter] _ in meter.end(statement, startedAt: started) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        let started = meter.start()
        return base.execute(schema: schema).always { [meter] _ in meter.end(.schema, startedAt: started) }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        let started = meter.start()
        return base.execute(enum: `enum`).always { [meter] _ in meter.end(.schema, startedAt: started) }
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.transaction { [meter] database in closure(Self.wrap(database, meter, tuning: tuning)) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection { [meter, tuning] database in closure(Self.wrap(database, meter, tuning: tuning)) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        if tuning == nil, query is HotSQL, base is any PostgresDatabase {
            return eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
        }
        let started = meter.start()
        let statement = Self.statement(of: query)
        return tuned { [base] in base.execute(sql: query, onRow) }.always { [meter] _ in meter.end(statement, startedAt: started) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let started = meter.start()
        defer { meter.end(Self.statement(of: query), startedAt: started) }
        // Only a database without SQLite's tuning can be PostgreSQL: SQLite's statements skip the casts.
        if tuning == nil, let hot = query as? HotSQL, let postgres = base as? any PostgresDatabase,
           let rows = try await hot.preparedRows(on: postgres, serializingFor: base, logger: logger) {
            for row in rows { onRow(row.sql()) }
            return
        }
        if let pending = pendingTuning { try await pending.get() }
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }

    private static func statement(of query: any SQLExpression) -> DatabaseMeter.Statement {
        switch query {
        case is SQLSelect, is SQLUnion, is HotSQL: .select
        case is SQLInsert: .insert
        case is SQLUpdate: .update
        case is SQLDelete: .delete
        default: .raw
        }
    }
}

/// The driver's configuration, handing out metered databases.
struct MeteredConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration
    let meter: DatabaseMeter
    var tuning: SQLiteConnectionTuning?

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        MeteredDriver(base: base.makeDriver(for: databases), meter: meter, tuning: tuning)
    }
}

struct MeteredDriver: DatabaseDriver {
    let base: any DatabaseDriver
    let meter: DatabaseMeter
    let tuning: SQLiteConnectionTuning?

    func makeDatabase(with context: DatabaseContext) -> any Database {
        MeteredDatabase.wrap(base.makeDatabase(with: context), meter, tuning: tuning)
    }

    func shutdown() { base.shutdown() }
    func shutdownAsync() async { await base.shutdownAsync() }
}

extension DatabaseConfigurationFactory {
    /// `base`, with every statement timed and counted under `name`.
    static func metered(_ base: DatabaseConfigurationFactory, meter: DatabaseMeter,
                        tuning: SQLiteConnectionTuning? = nil) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory { MeteredConfiguration(base: base.make(), meter: meter, tuning: tuning) }
    }
}

extension Application {
    private struct DatabaseMeterKey: StorageKey { typealias Value = DatabaseMeter }

    /// The meter of the application's database (set by `configure`).
    var databaseMeter: DatabaseMeter {
        get { storage[DatabaseMeterKey.self]! }
        set { storage[DatabaseMeterKey.self] = newValue }
    }
}
