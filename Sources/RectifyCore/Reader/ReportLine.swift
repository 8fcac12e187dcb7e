import Foundation

/// One line of plain text or HTML, or one paragraph of a .docx, trimmed, with its normalized
/// twin of the same UTF-16 length (see `ReportTextNormalizer`).
struct ReportLine: Sendable, Hashable {
    /// 1-based line or paragraph number in the source.
    var number: Int
    var original: String
    var normalized: String
    /// A line written from a table cell: its headings stand below the text's own (a table's
    /// `一、…方面` rows are categories inside the section that holds the table).
    var inTable = false

    init(number: Int, text: String) {
        self.number = number
        self.original = ReportLine.trimmed(text)
        self.normalized = ReportTextNormalizer.normalize(original)
    }

    static let blank = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{200B}\u{FEFF}"))

    /// Splits text on any line break, keeping line numbers and dropping blank lines.
    static func lines(of text: String) -> [ReportLine] {
        var result: [ReportLine] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let candidate = ReportLine(number: index + 1, text: String(line))
            if !candidate.original.isEmpty { result.append(candidate) }
        }
        return result
    }

    /// Trims blanks at both ends; only the edges are tested, which is far cheaper than
    /// `trimmingCharacters(in:)` on Linux.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank.contains($0) }),
              let last = scalars.lastIndex(where: { !blank.contains($0) }) else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }
}
