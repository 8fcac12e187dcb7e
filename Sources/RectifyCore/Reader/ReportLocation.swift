import Foundation

/// Where something was read: the 1-based line (plain text, HTML) or paragraph (.docx) and the
/// 1-based column within it, counted in UTF-16 units like the rest of Foundation's text APIs.
public struct ReportLocation: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int = 1) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: ReportLocation, rhs: ReportLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `第12行第5列`
    public var description: String { "第\(line)行第\(column)列" }
}
