import Foundation

/// Several lines read as one text (joined by line breaks), normalized and original side by
/// side, with a way back from an offset to the line and column it came from.
struct ReportTextBlock {
    let normalized: NSString
    let original: NSString
    /// The normalized UTF-16 units; `NSString.character(at:)` on a bridged Swift string is slow.
    let units: [UInt16]
    /// The texts as Swift strings: substrings are cut from these, a UTF-8 copy once the offset is
    /// found (an `NSString` on Linux wraps a Swift string and transcodes on every cut).
    private let normalizedText: String
    private let originalSource: String
    /// Global start offset of each part, its line number and the column its first unit has.
    private let segments: [(start: Int, line: Int, column: Int)]

    /// `parts` are lines and the UTF-16 offset within each where the block's text begins.
    init(parts: [(line: ReportLine, offset: Int)]) {
        var normalized = ""
        var original = ""
        var segments: [(Int, Int, Int)] = []
        var position = 0
        for (index, part) in parts.enumerated() {
            if index > 0 {
                normalized += "\n"
                original += "\n"
                position += 1
            }
            let norm = part.offset == 0 ? part.line.normalized : (part.line.normalized as NSString).substring(from: part.offset)
            let orig = part.offset == 0 ? part.line.original : (part.line.original as NSString).substring(from: part.offset)
            segments.append((position, part.line.number, part.offset + 1))
            normalized += norm
            original += orig
            position += norm.utf16.count
        }
        self.units = Array(normalized.utf16)
        self.normalizedText = normalized
        self.originalSource = original
        self.normalized = normalized as NSString
        self.original = original as NSString
        self.segments = segments
    }

    var length: Int { units.count }

    /// The normalized UTF-16 unit before `offset`, if any.
    func unit(before offset: Int) -> UInt16? {
        offset > 0 && offset <= units.count ? units[offset - 1] : nil
    }

    /// Global offsets where each joined line begins.
    var partStarts: [Int] { segments.map(\.start) }

    func location(at offset: Int) -> ReportLocation {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].start <= offset { low = middle } else { high = middle - 1 }
        }
        guard !segments.isEmpty else { return ReportLocation(line: 1) }
        let segment = segments[low]
        return ReportLocation(line: segment.line, column: segment.column + max(0, offset - segment.start))
    }

    /// The original text of `range`, trimmed of blanks and line breaks.
    func originalText(_ range: NSRange) -> String {
        ReportLine.trimmed(originalString(range))
    }

    /// The normalized text of `range`.
    func string(_ range: NSRange) -> String {
        // Short pieces (numbers, words) are decoded from the units: finding a UTF-16 offset in the
        // string costs more than transcoding a few units.
        range.length <= 16 ? String(decoding: units[range.location..<NSMaxRange(range)], as: UTF16.self)
            : ReportTextBlock.slice(normalizedText, range)
    }

    /// The original text of `range`, untrimmed.
    func originalString(_ range: NSRange) -> String {
        ReportTextBlock.slice(originalSource, range)
    }

    /// The whole original text without blanks at either end.
    var trimmedOriginal: String { originalText(NSRange(location: 0, length: units.count)) }

    private static func slice(_ text: String, _ range: NSRange) -> String {
        let utf16 = text.utf16
        let start = utf16.index(utf16.startIndex, offsetBy: range.location)
        let end = utf16.index(start, offsetBy: range.length)
        return String(text[start..<end])
    }

    /// `range` without leading and trailing blanks, so that quotes start where their text does.
    func trimmed(_ range: NSRange) -> NSRange {
        var start = range.location
        var end = range.location + range.length
        while start < end, ReportTextBlock.isBlank(units[start]) { start += 1 }
        while end > start, ReportTextBlock.isBlank(units[end - 1]) { end -= 1 }
        return NSRange(location: start, length: end - start)
    }

    /// Sentences of `range`: each ends after 。 ; ! ? or at a line break.
    func sentences(in range: NSRange) -> [NSRange] {
        var result: [NSRange] = []
        var start = range.location
        let end = range.location + range.length
        var index = start
        while index < end {
            let unit = units[index]
            let isEnd = unit == 0x3002 || unit == 0x3B || unit == 0x21 || unit == 0x3F
            if isEnd || unit == 0x0A {
                let sentence = trimmed(NSRange(location: start, length: index + (isEnd ? 1 : 0) - start))
                if sentence.length > 0 { result.append(sentence) }
                start = index + 1
            }
            index += 1
        }
        let last = trimmed(NSRange(location: start, length: end - start))
        if last.length > 0 { result.append(last) }
        return result
    }

    private static func isBlank(_ unit: unichar) -> Bool {
        unit == 0x20 || unit == 0x0A || unit == 0x0D
    }
}
