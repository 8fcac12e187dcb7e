import Fluent
import SQLKit
import Vapor

extension Application {
    /// Readies the database for a command that uses it, and for `serve`: WAL mode on an SQLite
    /// file, then pending migrations (`migrate: false` for commands that only read an existing
    /// ledger). Nothing is opened before this is called, so `rectify --help` and `rectify check`
    /// create no database file.
    public func openLedger(migrate: Bool = true) async throws {
        if case .sqliteFile = rectifyConfig.database, let sql = db as? any SQLDatabase {
            // WAL lets readers (and `rectify backup`) work beside the writer; the journal mode is
            // stored in the file, so setting it on any one connection is enough. synchronous stays
            // FULL, SQLite's default: an acknowledged write survives a crash.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        if migrate { try await autoMigrate() }
    }
}
