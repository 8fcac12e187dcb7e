import Foundation

/// The notices in `Tests/Fixtures/holiday-notices`: real years' dates in sentences written for the
/// tests, and a fictional 2027.
enum HolidayNoticeFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/holiday-notices").standardizedFileURL

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The fixture with line `number` (1-based) replaced, or removed when `with` is nil.
    static func text(_ name: String, replacingLine number: Int, with line: String?) throws -> String {
        var lines = try text(name).components(separatedBy: "\n")
        if let line { lines[number - 1] = line } else { lines.remove(at: number - 1) }
        return lines.joined(separator: "\n")
    }
}
