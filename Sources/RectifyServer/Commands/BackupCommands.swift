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
        @Flag(name: "quiet", short: "q", help: "Print nothing but errors.") var quiet: Bool
    }

    var help: String { "Writes a consistent copy of the embedded SQLite database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out else { throw CLIError("--out FILE is required") }
        let console = context.console
        // The backup only reads the database: a stop ends at once and removes the partial copy.
        let result = try await CommandInterruption.shared.run(console: console, grace: 0, stopped: { "no backup written" }) {
            try await DatabaseBackup.backup(context.application, to: out,
                                            progress: .command(quiet: signature.quiet, console: console))
        }
        if !signature.quiet { console.print("backup written: \(out) (\(result.events) audit events, chain intact)") }
    }
}

/// `rectify restore --from FILE`: verifies a backup's audit chain, then puts it in place of the
/// embedded database. The server must be stopped.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "A file written by rectify backup") var from: String?
        @Flag(name: "quiet", short: "q", help: "Print nothing but errors.") var quiet: Bool
    }

    var help: String { "Restores the embedded SQLite database from a backup (server stopped)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let from = signature.from else { throw CLIError("--from FILE is required") }
        let console = context.console
        let events = try await CommandInterruption.shared.run(console: console, stopped: { "the database was left as it was" }) {
            try await DatabaseBackup.restore(context.application, from: from,
                                             progress: .command(quiet: signature.quiet, console: console))
        }
        if !signature.quiet { console.print("restored from \(from): \(events) audit events, chain intact") }
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

    /// Writes the copy under a temporary name, verifies its audit chain, then gives it the name
    /// asked for: a failed or interrupted backup leaves no file there.
    static func backup(_ app: Application, to out: String, progress: ProgressOutput = .none) async throws -> Result {
        _ = try sqlitePath(app)
        guard !FileManager.default.fileExists(atPath: out) else { throw CLIError("\(out) already exists; choose a new file") }
        guard let sql = app.db as? any SQLDatabase else { throw CLIError("the database does not speak SQL") }
        struct Pages: Decodable { let page_count: Int64?; let page_size: Int64? }
        let count = try await sql.raw("PRAGMA page_count").first(decoding: Pages.self)?.page_count
        let size = try await sql.raw("PRAGMA page_size").first(decoding: Pages.self)?.page_size
        let events = try await PartialFile.write(to: out, replace: false) { temporary in
            let copying = progress.start("backup", unit: .bytes, total: count.flatMap { c in size.map { c * $0 } })
            try await copying.track { copying in
                // VACUUM INTO is one statement: its progress is the size of the file it writes.
                let watcher = Task {
                    while !Task.isCancelled {
                        try? copying.set(done: fileSize(temporary))
                        try? await Task.sleep(for: .milliseconds(250))
                    }
                }
                defer { watcher.cancel() }
                try await sql.raw("VACUUM INTO \(bind: temporary)").run()
                let written = fileSize(temporary)
                copying.setTotal(written)
                try copying.set(done: written)
            }
            return try await verify(file: temporary, app: app, progress: progress, task: "backup")
        }
        return Result(events: events)
    }

    /// Verifies the backup, copies it beside the database and renames it into place.
    static func restore(_ app: Application, from file: String, progress: ProgressOutput = .none) async throws -> Int64 {
        let path = try sqlitePath(app)
        guard FileManager.default.fileExists(atPath: file) else { throw CLIError("\(file) does not exist") }
        let events = try await verify(file: file, app: app, progress: progress, task: "restore")
        try await PartialFile.write(to: path) { staging in
            try await progress.start("restore", unit: .bytes, total: fileSize(file)).track { copying in
                try copy(file, to: staging, progress: copying)
            }
            // The old database's journal must not be applied to the restored file. From here on
            // nothing waits: rename(2) swaps the file in one step, so a crash leaves either the old
            // or the restored database.
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        return events
    }

    /// Opens a database file on its own and walks its audit chain.
    static func verify(file: String, app: Application, progress: ProgressOutput = .none, task: String = "verify") async throws -> Int64 {
        let probe = try await Application.make(.custom(name: "backup-check"))
        probe.logger.logLevel = .error
        probe.databases.use(.sqlite(.file(file)), as: .sqlite)
        let result: AuditVerifier.Result
        do {
            result = try await progress.start(task, unit: .items("audit events verified")).track { verifying in
                try await AuditVerifier.verify(on: probe.db, progress: verifying)
            }
        } catch let stop as CommandInterrupted {
            try? await probe.asyncShutdown()
            throw stop
        } catch {
            try? await probe.asyncShutdown()
            throw CLIError("\(file): not a Rectify database (\(error))")
        }
        try await probe.asyncShutdown()
        if let fault = result.fault { throw CLIError("\(file): \(fault.description)") }
        return result.checked
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// Copies in chunks, counting the bytes (each chunk a point where Ctrl-C stops), and flushes
    /// the copy to disk before it is renamed into place.
    private static func copy(_ source: String, to target: String, progress: WorkProgress) throws {
        guard let input = FileHandle(forReadingAtPath: source) else { throw CLIError("\(source): cannot read the file") }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: target, contents: nil),
              let output = FileHandle(forWritingAtPath: target) else { throw CLIError("cannot write \(target)") }
        defer { try? output.close() }
        var copied: Int64 = 0
        while let chunk = try input.read(upToCount: 4 << 20), !chunk.isEmpty {
            try output.write(contentsOf: chunk)
            copied += Int64(chunk.count)
            try progress.set(done: copied)
        }
        try output.synchronize()
    }
}
