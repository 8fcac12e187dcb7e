import Foundation

/// A regular expression compiled once and shared. `NSRegularExpression` is immutable and
/// documented as thread-safe, which is why the wrapper may be `@unchecked Sendable`.
final class ReaderPattern: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ pattern: String) {
        do {
            regex = try NSRegularExpression(pattern: pattern, options: [])
        } catch {
            // The patterns are literals in `ReaderVocabulary`; a bad one is a programming error.
            preconditionFailure("invalid pattern \(pattern): \(error)")
        }
    }

    func matches(in text: NSString, range: NSRange? = nil) -> [NSTextCheckingResult] {
        regex.matches(in: text as String, options: [], range: range ?? NSRange(location: 0, length: text.length))
    }

    /// Matches in a short string cut from a block (see `ReaderMatch`).
    func matches(in string: String) -> [NSTextCheckingResult] {
        regex.matches(in: string, options: [], range: NSRange(location: 0, length: string.utf16.count))
    }

    func firstMatch(in text: NSString, range: NSRange? = nil) -> NSTextCheckingResult? {
        regex.firstMatch(in: text as String, options: [], range: range ?? NSRange(location: 0, length: text.length))
    }

    func contains(_ text: NSString, range: NSRange? = nil) -> Bool {
        firstMatch(in: text, range: range) != nil
    }

    func contains(_ text: String) -> Bool {
        contains(text as NSString)
    }
}

extension NSTextCheckingResult {
    /// The text of capture group `index`, or nil when the group did not take part in the match.
    func group(_ index: Int, in text: NSString) -> String? {
        guard index < numberOfRanges else { return nil }
        let range = self.range(at: index)
        guard range.location != NSNotFound else { return nil }
        return text.substring(with: range)
    }

    /// The normalized text of capture group `index` in `block`, cut from its units.
    func group(_ index: Int, in block: ReportTextBlock) -> String? {
        guard index < numberOfRanges else { return nil }
        let range = self.range(at: index)
        guard range.location != NSNotFound else { return nil }
        return block.string(range)
    }
}
