import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Vapor

/// SQLite's page cache and memory map are settings of each connection, and SQLiteKit opens its
/// pooled connections without a hook to set them. FluentSQLiteDriver keeps exactly one connection
/// per event loop, so the first statement outside a transaction on each loop sets them on that
/// loop's connection first (`MeteredDatabase`). Should the pool ever replace a connection, the new
/// one runs on SQLite's defaults: slower, never wrong.
final class SQLiteConnectionTuning: Sendable {
    let statements: [String]
    private let tuned = NIOLockedValueBox(Set<ObjectIdentifier>())

    init(cacheMB: Int, mmapMB: Int) {
        // A negative cache_size is in KiB; mmap_size is in bytes.
        statements = ["PRAGMA cache_size = -\(cacheMB * 1024)", "PRAGMA mmap_size = \(mmapMB * 1_048_576)"]
    }

    /// The settings' statements when this loop's connection has not had them yet, else nil.
    func ready(_ database: any SQLDatabase, on loop: any EventLoop) -> EventLoopFuture<Void>? {
        guard tuned.withLockedValue({ $0.insert(ObjectIdentifier(loop)).inserted }) else { return nil }
        var future = loop.makeSucceededVoidFuture()
        for statement in statements {
            future = future.flatMap { database.execute(sql: SQLRaw(statement)) { _ in } }
        }
        return future.recover { error in
            database.logger.warning("SQLite connection settings not applied: \(String(reflecting: error))")
        }
    }

    /// The loops whose connection has the settings (tests).
    var tunedLoops: Int { tuned.withLockedValue { $0.count } }
}

extension Application {
    private struct SQLiteTuningKey: StorageKey { typealias Value = SQLiteConnectionTuning }

    /// The connection settings of an SQLite ledger (set by `configure`; unused on PostgreSQL).
    var sqliteTuning: SQLiteConnectionTuning? {
        get { storage[SQLiteTuningKey.self] }
        set { storage[SQLiteTuningKey.self] = newValue }
    }
}
