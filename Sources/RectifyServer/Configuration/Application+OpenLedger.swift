import Fluent
import SQLKit
import Vapor

extension Application {
    /// Readies the database for a command that uses it, and for `serve`: WAL mode on an SQLite
    /// file, then pending migrations and the planner's statistics, then the holiday years imported into it, so every command counts working days as
    /// `serve` does. Nothing is opened before this is called, so `rectify --help` and `rectify check`
    /// create no database file.
    public func openLedger() async throws {
        if case .sqliteFile = rectifyConfig.database, let sql = db as? any SQLDatabase {
            // WAL lets readers (and `rectify backup`) work beside the writer; the journal mode is
            // stored in the file, so setting it on any one connection is enough. synchronous stays
            // FULL, SQLite's default: an acknowledged write survives a crash.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        try await autoMigrate()
        try await PlannerStatistics.atOpen(db)
        try await refreshWorkingCalendar(force: true)
    }
}
