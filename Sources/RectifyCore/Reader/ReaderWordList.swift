import Foundation

/// Finds any of a list of literal words in one left-to-right scan, longest word first at each
/// position. ICU tries every alternative of `a|b|c…` at every position, which made the keyword
/// pass the slowest step of reading; this index by first UTF-16 unit avoids that.
struct ReaderWordList: Sendable {
    let words: [String]
    /// Each word's units and its index in `words`, by first unit, longest first.
    private let byFirstUnit: [UInt16: [(units: [UInt16], index: Int)]]
    /// One bit per UTF-16 unit that starts a word: most positions are ruled out without hashing.
    private let firstUnits: [UInt64]

    init(_ words: [String]) {
        self.words = words
        var index: [UInt16: [(units: [UInt16], index: Int)]] = [:]
        for (position, word) in words.enumerated() {
            let units = Array(word.utf16)
            guard let first = units.first else { continue }
            index[first, default: []].append((units, position))
        }
        byFirstUnit = index.mapValues { $0.sorted { $0.units.count > $1.units.count } }
        var bits = [UInt64](repeating: 0, count: 1024)
        for unit in index.keys { bits[Int(unit >> 6)] |= 1 << UInt64(unit & 63) }
        firstUnits = bits
    }

    @inline(__always)
    func mayStart(_ unit: UInt16) -> Bool {
        firstUnits[Int(unit >> 6)] & (1 << UInt64(unit & 63)) != 0
    }

    /// Length of the longest word that starts at `position`, if any.
    func longestMatch(in units: [UInt16], at position: Int, end: Int) -> Int? {
        longestWord(in: units, at: position, end: end)?.units.count
    }

    /// The longest word that starts at `position`, with its index in `words`.
    func longestWord(in units: [UInt16], at position: Int, end: Int) -> (units: [UInt16], index: Int)? {
        guard position < end, mayStart(units[position]), let candidates = byFirstUnit[units[position]] else { return nil }
        return candidates.first { position + $0.units.count <= end && units[position..<position + $0.units.count].elementsEqual($0.units) }
    }

    /// Non-overlapping occurrences in `range` of `units`, in order.
    func matches(in units: [UInt16], range: NSRange) -> [NSRange] {
        indexedMatches(in: units, range: range).map(\.range)
    }

    /// Non-overlapping occurrences in `range` of `units`, in order, each with the index of its word.
    func indexedMatches(in units: [UInt16], range: NSRange) -> [(range: NSRange, word: Int)] {
        var result: [(range: NSRange, word: Int)] = []
        var position = range.location
        let end = min(NSMaxRange(range), units.count)
        while position < end {
            if let word = longestWord(in: units, at: position, end: end) {
                result.append((NSRange(location: position, length: word.units.count), word.index))
                position += word.units.count
            } else {
                position += 1
            }
        }
        return result
    }

    func matches(in text: String) -> [NSRange] {
        let units = Array(text.utf16)
        return matches(in: units, range: NSRange(location: 0, length: units.count))
    }

    func contains(_ text: String) -> Bool { !matches(in: text).isEmpty }
}
