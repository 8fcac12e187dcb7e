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
        // Scalars, not Characters: grapheme breaking over a whole report was a tenth of reading it.
        // CR LF is one break, as it is one Character.
        let scalars = text.unicodeScalars
        var number = 1
        var start = scalars.startIndex
        var index = start
        while index != scalars.endIndex {
            let scalar = scalars[index]
            guard isNewline(scalar) else {
                index = scalars.index(after: index)
                continue
            }
            let candidate = ReportLine(number: number, text: String(scalars[start..<index]))
            if !candidate.original.isEmpty { result.append(candidate) }
            number += 1
            index = scalars.index(after: index)
            if scalar == "\r", index != scalars.endIndex, scalars[index] == "\n" { index = scalars.index(after: index) }
            start = index
        }
        let last = ReportLine(number: number, text: String(scalars[start..<scalars.endIndex]))
        if !last.original.isEmpty { result.append(last) }
        return result
    }

    /// What `Character.isNewline` takes for a line break.
    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
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
