import Foundation

/// The serial of a reminder notice or bulletin within a year, written `2024年第5期`.
public struct NoticeSequenceNumber: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var sequence: Int

    public init(year: Int, sequence: Int) {
        self.year = year
        self.sequence = sequence
    }

    /// Parses `2024年第5期`, with or without surrounding whitespace.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let yearEnd = trimmed.firstIndex(of: "年"), trimmed.hasSuffix("期"),
              let year = Int(trimmed[..<yearEnd]) else { return nil }
        let rest = trimmed[trimmed.index(after: yearEnd)...].dropLast()
        guard rest.hasPrefix("第"), let sequence = Int(rest.dropFirst()), sequence > 0 else { return nil }
        self.init(year: year, sequence: sequence)
    }

    /// The number after the highest one already issued in `year`; the first of the year is 第1期.
    public static func next(in year: Int, issued: [NoticeSequenceNumber]) -> NoticeSequenceNumber {
        let last = issued.filter { $0.year == year }.map(\.sequence).max() ?? 0
        return NoticeSequenceNumber(year: year, sequence: last + 1)
    }

    /// `2024年第5期`
    public var text: String { "\(year)年第\(sequence)期" }

    public var description: String { text }

    public static func < (lhs: NoticeSequenceNumber, rhs: NoticeSequenceNumber) -> Bool {
        (lhs.year, lhs.sequence) < (rhs.year, rhs.sequence)
    }
}
