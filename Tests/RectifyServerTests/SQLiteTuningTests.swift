import Fluent
import Foundation
@testable import RectifyServer
import SQLKit
import Testing
import Vapor

extension ServerTests {
    /// Every pooled SQLite connection runs with the configured page cache and memory map, set before
    /// its first statement (SQLiteKit has no hook for a new connection).
    @Suite struct SQLiteTuningTests {
        @Test func everyConnectionHasTheConfiguredCacheAndMap() async throws {
            try await withApp { app in
                guard !app.rectifyConfig.database.isPostgres else { return }
                var loops = 0
                for loop in app.eventLoopGroup.makeIterator() {
                    loops += 1
                    let db = try #require(app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase)
                    struct Value: Decodable { let cache_size: Int? ; let mmap_size: Int? }
                    let cache = try await db.raw("PRAGMA cache_size").first(decoding: Value.self)?.cache_size
                    let map = try await db.raw("PRAGMA mmap_size").first(decoding: Value.self)?.mmap_size
                    #expect(cache == -app.rectifyConfig.sqliteCacheMB * 1024)
                    #expect(map == app.rectifyConfig.sqliteMmapMB * 1_048_576)
                }
                #expect(loops >= 1)
                #expect(app.sqliteTuning?.tunedLoops == loops)
            }
        }

        @Test func theSettingsAreReadFromTheEnvironmentAndChecked() throws {
            let config = try AppConfig.fromEnvironment(["RECTIFY_SQLITE_CACHE_MB": "16", "RECTIFY_SQLITE_MMAP_MB": "0"])
            #expect(config.sqliteCacheMB == 16 && config.sqliteMmapMB == 0)
            #expect(throws: (any Error).self) { try AppConfig.fromEnvironment(["RECTIFY_SQLITE_CACHE_MB": "0"]) }
            #expect(throws: (any Error).self) { try AppConfig.fromEnvironment(["RECTIFY_SQLITE_MMAP_MB": "lots"]) }
        }
    }
}
