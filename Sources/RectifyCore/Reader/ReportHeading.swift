import Foundation

/// The numbering label at the start of a line, if any.
struct ReportHeading: Sendable, Hashable {
    var style: ReportHeadingStyle
    var number: Int
    /// The label as normalized, trimmed (`(1)`, `一、`, `1.`).
    var label: String
    /// UTF-16 offset where the text after the label starts.
    var restOffset: Int

    private static let patterns: [(ReportHeadingStyle, ReaderPattern)] = [
        (.parenChinese, ReaderVocabulary.parenChineseHeading),
        (.parenArabic, ReaderVocabulary.parenArabicHeading),
        (.chineseComma, ReaderVocabulary.chineseCommaHeading),
        (.arabic, ReaderVocabulary.arabicHeading),
        (.circled, ReaderVocabulary.circledHeading),
        (.ordinal, ReaderVocabulary.ordinalHeading),
    ]

    /// Characters a label can start with (after blanks): digits, `(`, Chinese numerals, circled digits, 第.
    private static func mayStartLabel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x28, 0x2460...0x2473: return true
        default: return "一二三四五六七八九十百第".unicodeScalars.contains(scalar)
        }
    }

    static func parse(_ normalized: String) -> ReportHeading? {
        // Most lines start with text: five regex calls (each copying the line) are skipped for them.
        guard let first = normalized.unicodeScalars.first(where: { $0 != " " }), mayStartLabel(first) else { return nil }
        let text = normalized as NSString
        for (style, pattern) in patterns {
            guard let match = pattern.firstMatch(in: text), let numberText = match.group(1, in: text),
                  let number = ReaderNumerals.value(of: numberText) else { continue }
            let end = match.range.location + match.range.length
            // `一是` opens a sentence, not a heading; neither does `一、二` etc. with nothing after.
            if end >= text.length { continue }
            let label = text.substring(with: match.range).trimmingCharacters(in: .whitespaces)
            return ReportHeading(style: style, number: number, label: label, restOffset: end)
        }
        return nil
    }

    /// The text of `line` after the label, normalized and original.
    func rest(of line: ReportLine) -> (normalized: String, original: String) {
        ((line.normalized as NSString).substring(from: restOffset), (line.original as NSString).substring(from: restOffset))
    }
}
