import Foundation
import Testing

/// Finds the shared seed report: `$RECTIFY_SHARED_DIR/seed/…` when set, else the first
/// `<ancestor>/shared/seed/…` above this file, which holds both in the scratch package and
/// in a clone with `shared/` beside it.
enum SeedLocator {
    static let relativePath = "seed/000_4633325596bd120b.txt"

    struct Missing: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "找不到种子报告 \(SeedLocator.relativePath)。已查找：\(searched.joined(separator: "，"))。请设置 RECTIFY_SHARED_DIR 指向 shared 目录。"
        }
    }

    static func url(filePath: String = #filePath,
                    environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        var searched: [String] = []
        if let shared = environment["RECTIFY_SHARED_DIR"], !shared.isEmpty {
            let candidate = URL(fileURLWithPath: shared).appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            searched.append(candidate.path)
        }
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared").appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            searched.append(candidate.path)
            directory = directory.deletingLastPathComponent()
        }
        throw Missing(searched: searched)
    }

    /// Whether the seed is beside the repository: tests of its own figures run only then (a fresh
    /// clone has no `../shared`); the reader's own tests run on the repository's corpus either way.
    static let isPresent: Bool = (try? url()) != nil

    /// Why a seed test was not run, shown beside it.
    static let skipped: Comment = "needs the seed report in ../shared/seed (or RECTIFY_SHARED_DIR); not run"

    static func text() throws -> String {
        try String(contentsOf: url(), encoding: .utf8)
    }
}
