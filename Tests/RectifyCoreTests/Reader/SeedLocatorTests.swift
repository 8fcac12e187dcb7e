import Foundation
import Testing

/// The seed is found from the environment or above the test file, and its absence fails loudly.
struct SeedLocatorTests {
    @Test func missingSeedThrowsWithTheSearchedPaths() {
        let error = #expect(throws: SeedLocator.Missing.self) {
            try SeedLocator.url(filePath: "/nonexistent/Tests/Reader/SeedTests.swift", environment: [:])
        }
        #expect(error?.description.contains("/nonexistent/Tests/shared/seed/000_4633325596bd120b.txt") == true)
        #expect(error?.description.contains("RECTIFY_SHARED_DIR") == true)
    }

    @Test func environmentOverridesTheWalk() throws {
        let shared = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-shared-\(UUID().uuidString)")
        let seed = shared.appendingPathComponent(SeedLocator.relativePath)
        try FileManager.default.createDirectory(at: seed.deletingLastPathComponent(), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: shared) }
        try Data("种子".utf8).write(to: seed)
        let found = try SeedLocator.url(filePath: "/nonexistent/a.swift", environment: ["RECTIFY_SHARED_DIR": shared.path])
        #expect(found.path == seed.path)
    }

    @Test(.enabled(if: SeedLocator.isPresent, SeedLocator.skipped)) func walkFindsTheSharedSeed() throws {
        #expect(FileManager.default.fileExists(atPath: try SeedLocator.url().path))
    }
}
