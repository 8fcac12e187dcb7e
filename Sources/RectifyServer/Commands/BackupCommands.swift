import Fluent
import FluentSQLiteDriver
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SQLKit
import Vapor

/// `rectify backup --out FILE`: a consistent copy of the embedded SQLite database, taken while it
/// serves (SQLite's `VACUUM INTO` reads one snapshot). PostgreSQL installations use pg_dump.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "out", help: "The file to write (must not exist)") var out: String?
    }

    var help: String { "Writes a consistent copy of the embedded SQLite database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out else { throw CLIError("--out FILE is required") }
        let result = try await DatabaseBackup.backup(context.application, to: out)
        context.console.print("backup written: \(out) (\(result.events) audit events, chain intact)")
    }
}

/// `rectify restore --from FILE`: verifies a backup's audit chain, then puts it in place of the
/// embedded database. The server must be stopped.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "A file written by rectify backup") var from: String?
    }

    var help: String { "Restores the embedded SQLite database from a backup (server stopped)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let from = signature.from else { throw CLIError("--from FILE is required") }
        let events = try await DatabaseBackup.restore(context.application, from: from)
        context.console.print("restored from \(from): \(events) audit events, chain intact")
    }
}

enum DatabaseBackup {
    struct Result: Sendable { let events: Int64 }

    static func sqlitePath(_ app: Application) throws -> String {
        guard case .sqliteFile(let path) = app.rectifyConfig.database else {
            throw CLIError("backup and restore work on the embedded SQLite database; for PostgreSQL use pg_dump and pg_restore (see README)")
        }
        return path
    }

    static func backup(_ app: Application, to out: String) async throws -> Result {
        _ = try sqlitePath(app)
        guard !FileManager.default.fileExists(atPath: out) else { throw CLIError("\(out) already exists; choose a new file") }
        guard let sql = app.db as? any SQLDatabase else { throw CLIError("the database does not speak SQL") }
        try await sql.raw("VACUUM INTO \(bind: out)").run()
        return Result(events: try await verify(file: out, app: app))
    }

    static func restore(_ app: Application, from file: String) async throws -> Int64 {
        let path = try sqlitePath(app)
        guard FileManager.default.fileExists(atPath: file) else { throw CLIError("\(file) does not exist") }
        let events = try await verify(file: file, app: app)
        let staging = path + ".restoring"
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.copyItem(atPath: file, toPath: staging)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        // rename(2) swaps the file in one step: a crash leaves either the old or the restored database.
        guard rename(staging, path) == 0 else {
            throw CLIError("could not put \(staging) in place of \(path): \(String(cString: strerror(errno)))")
        }
        return events
    }

    /// Opens a database file on its own and walks its audit chain.
    static func verify(file: String, app: Application) async throws -> Int64 {
        let probe = try await Application.make(.custom(name: "backup-check"))
        probe.logger.logLevel = .error
        probe.databases.use(.sqlite(.file(file)), as: .sqlite)
        let result: AuditVerifier.Result
        do {
            result = try await AuditVerifier.verify(on: probe.db)
        } catch {
            try? await probe.asyncShutdown()
            throw CLIError("\(file): not a Rectify database (\(error))")
        }
        try await probe.asyncShutdown()
        if let fault = result.fault { throw CLIError("\(file): \(fault.description)") }
        return result.checked
    }
}
