import Fluent
import Foundation
@testable import RectifyServer
import SQLKit
import Testing
import Vapor

extension ServerTests {
    @Suite struct BackupTests {
        /// A demo ledger in an SQLite file of its own; `body` gets the app, the live file and a backup path.
        func withDemoFile(_ body: (Application, String, String) async throws -> Void) async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-backup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let live = directory.appendingPathComponent("rectify.sqlite").path
            let copy = directory.appendingPathComponent("backup.sqlite").path
            let app = try await Application.make(.testing)
            app.logger.logLevel = .error
            do {
                try await configure(app, ConfigureOverrides(config: AppConfig(database: .sqliteFile(live)), now: { fixedNow }, bcryptCost: 4))
                try await app.autoMigrate()
                _ = try await DemoLedger.loadIfEmpty(app)
                try await body(app, live, copy)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
            // A fresh process on the file sees what is on disk.
            let reopened = try await Application.make(.testing)
            reopened.logger.logLevel = .error
            reopened.databases.use(.sqlite(.file(live)), as: .sqlite)
            let title = try await Inspection.query(on: reopened.db).first()?.title
            let verified = try await AuditVerifier.verify(on: reopened.db)
            try await reopened.asyncShutdown()
            #expect(title == "十三届市委第五轮巡察")
            #expect(verified.fault == nil)
        }

        @Test func aBackupOfTheServingDatabaseRestoresWithAnIntactAuditChain() async throws {
            try await withDemoFile { app, _, copy in
                let events = try await AuditEvent.query(on: app.db).count()

                let result = try await DatabaseBackup.backup(app, to: copy)
                #expect(result.events == Int64(events))
                await #expect(throws: CLIError.self) { try await DatabaseBackup.backup(app, to: copy) }

                try await Inspection.query(on: app.db).set(\.$title, to: "备份之后的修改").update()
                let restored = try await DatabaseBackup.restore(app, from: copy)
                #expect(restored == Int64(events))
            }
        }

        @Test func aTamperedBackupIsRefused() async throws {
            try await withDemoFile { app, _, copy in
                _ = try await DatabaseBackup.backup(app, to: copy)
                let other = try await Application.make(.testing)
                other.databases.use(.sqlite(.file(copy)), as: .sqlite)
                try await (other.db as! any SQLDatabase).raw("UPDATE audit_events SET actor_name = 'x' WHERE seq = 5").run()
                try await other.asyncShutdown()

                await #expect(throws: CLIError.self) { try await DatabaseBackup.restore(app, from: copy) }
            }
        }
    }
}
