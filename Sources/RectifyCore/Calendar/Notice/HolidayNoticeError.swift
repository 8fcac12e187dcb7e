import Foundation

/// A holiday notice that cannot be taken as calendar data: unreadable, incomplete or contradicting
/// itself. `problem` is in Chinese for the operator; `line` names where, when one line is at fault.
public struct HolidayNoticeError: Error, LocalizedError, CustomStringConvertible, Equatable, Sendable {
    /// 1-based line of the pasted or uploaded text.
    public var line: Int?
    /// The start of that line, so the operator finds it without counting lines.
    public var excerpt: String?
    public var problem: String

    public init(line: Int? = nil, excerpt: String? = nil, problem: String) {
        self.line = line
        self.excerpt = excerpt.map(Self.shortened)
        self.problem = problem
    }

    public var description: String {
        guard let line else { return problem }
        let quote = excerpt.map { $0.isEmpty ? "" : "“\($0)”" } ?? ""
        return "第\(line)行\(quote)：\(problem)"
    }

    public var errorDescription: String? { description }

    static func shortened(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 30 ? String(trimmed.prefix(30)) + "…" : trimmed
    }
}
