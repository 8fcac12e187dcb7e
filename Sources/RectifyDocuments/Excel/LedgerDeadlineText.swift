import Foundation
import RectifyCore

/// Interprets a deadline typed as text in a ledger: a plain date, a month- or year-end form
/// ("2024年6月底前", "2024年底"), or a standing commitment ("长期坚持", "立行立改").
enum LedgerDeadlineText {
    private static let standingWords = ["长期", "持续", "立行立改", "常态", "立即"]

    static func read(_ raw: String) -> LedgerDeadlineReading {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let day = SpreadsheetDate.day(fromText: text) { return .date(day) }
        if text.count == 8, let number = Int(text), let day = Day(year: number / 10000, month: number / 100 % 100, day: number % 100) {
            return .date(day)
        }
        if let day = periodEnd(text) { return .note(day, text) }
        if standingWords.contains(where: text.contains) { return .note(nil, text) }
        return .invalid
    }

    /// "2024年6月底前", "2024年6月底", "2024年6月" → 2024-06-30; "2024年底前", "2024年" → 2024-12-31.
    private static func periodEnd(_ text: String) -> Day? {
        var rest = Substring(text)
        for suffix in ["以前", "之前", "前", "止"] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
            break
        }
        if rest.hasSuffix("底") { rest = rest.dropLast() }
        if rest.hasSuffix("末") { rest = rest.dropLast() }
        let parts = rest.split(separator: "年", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        if parts[1].isEmpty { return Day(year: year, month: 12, day: 31) }
        guard parts[1].hasSuffix("月"), let month = Int(parts[1].dropLast()), (1...12).contains(month) else { return nil }
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
    }
}
