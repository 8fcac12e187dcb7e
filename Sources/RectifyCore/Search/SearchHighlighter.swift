import Foundation

/// Marks where the words of a search occur in a text, for showing a hit: the whole of a short text
/// (a title), or an excerpt around the first occurrence in a long one. Done here rather than in the
/// database so SQLite and PostgreSQL show the same thing.
public enum SearchHighlighter {
    /// A piece of text, which is an occurrence of a search word or not.
    public struct Part: Codable, Equatable, Sendable {
        public let text: String
        public let hit: Bool

        public init(_ text: String, hit: Bool) {
            self.text = text
            self.hit = hit
        }
    }

    /// Every occurrence of every term (case-insensitive), overlapping ones merged, in text order.
    public static func hits(in text: String, terms: [String]) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        for term in terms where !term.isEmpty {
            var from = text.startIndex
            while from < text.endIndex, let found = text.range(of: term, options: [.caseInsensitive], range: from..<text.endIndex) {
                ranges.append(found)
                // Overlapping occurrences ("哈哈" in "哈哈哈") are covered by the merge below.
                from = text.index(after: found.lowerBound)
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<String.Index>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The whole text cut into parts at the occurrences of the terms.
    public static func parts(_ text: String, terms: [String]) -> [Part] {
        parts(text, hits: hits(in: text, terms: terms), window: text.startIndex..<text.endIndex)
    }

    /// At most `length` characters of `text` around the first occurrence of a term (`before`
    /// characters ahead of it), with "…" where the text was cut; the start of the text when no term
    /// occurs in it.
    public static func excerpt(_ text: String, terms: [String], length: Int = 100, before: Int = 20) -> [Part] {
        let found = hits(in: text, terms: terms)
        let anchor = found.first?.lowerBound ?? text.startIndex
        var start = text.index(anchor, offsetBy: -before, limitedBy: text.startIndex) ?? text.startIndex
        var end = text.index(start, offsetBy: length, limitedBy: text.endIndex) ?? text.endIndex
        // Near the end of the text, show more of what comes before instead.
        if end == text.endIndex {
            start = text.index(end, offsetBy: -length, limitedBy: text.startIndex) ?? text.startIndex
        }
        end = text.index(start, offsetBy: length, limitedBy: text.endIndex) ?? text.endIndex
        var result = parts(text, hits: found, window: start..<end)
        if start > text.startIndex { result.insert(Part("…", hit: false), at: 0) }
        if end < text.endIndex { result.append(Part("…", hit: false)) }
        return result
    }

    private static func parts(_ text: String, hits: [Range<String.Index>], window: Range<String.Index>) -> [Part] {
        var result: [Part] = []
        var cursor = window.lowerBound
        for hit in hits where hit.upperBound > window.lowerBound && hit.lowerBound < window.upperBound {
            let lower = max(hit.lowerBound, window.lowerBound), upper = min(hit.upperBound, window.upperBound)
            if cursor < lower { result.append(Part(String(text[cursor..<lower]), hit: false)) }
            result.append(Part(String(text[lower..<upper]), hit: true))
            cursor = upper
        }
        if cursor < window.upperBound { result.append(Part(String(text[cursor..<window.upperBound]), hit: false)) }
        return result
    }
}
