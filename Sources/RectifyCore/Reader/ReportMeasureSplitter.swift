import Foundation

/// Splits a problem's progress text into measures. Reports number measures with circled
/// digits (`①…②…`), with ordinal clauses (`一是…二是…`) or with numbered paragraphs; text with
/// none of these is one unnumbered measure.
enum ReportMeasureSplitter {
    private struct Marker {
        var location: Int
        var length: Int
        var number: Int
    }

    static func measures(in block: ReportTextBlock, context: inout ReportFactExtractor.DateContext) -> [ReportMeasure] {
        let whole = block.trimmed(NSRange(location: 0, length: block.length))
        guard whole.length > 0 else { return [] }
        let markers = markers(in: block)
        let extractor = ReportFactExtractor(block: block)
        guard !markers.isEmpty else {
            let extraction = extractor.extract(ranges: [whole], context: &context)[0]
            return [ReportMeasure(number: nil, label: "", text: block.originalText(whole),
                                  location: block.location(at: whole.location), sentences: extraction.sentences,
                                  facts: extraction.facts, actions: extraction.actions.sorted())]
        }
        var ranges: [(NSRange, Marker)] = []
        for (index, marker) in markers.enumerated() {
            // Text before the first marker introduces the first measure and belongs to it.
            let start = index == 0 ? 0 : marker.location
            let end = index + 1 < markers.count ? markers[index + 1].location : block.length
            let range = block.trimmed(NSRange(location: start, length: end - start))
            if range.length > 0 { ranges.append((range, marker)) }
        }
        let extractions = extractor.extract(ranges: ranges.map(\.0), context: &context)
        return zip(ranges, extractions).map { item, extraction in
            let (range, marker) = item
            let label = block.originalString(NSRange(location: marker.location, length: marker.length))
            return ReportMeasure(number: marker.number, label: ReportLine.trimmed(label),
                                 text: block.originalText(range), location: block.location(at: marker.location),
                                 sentences: extraction.sentences, facts: extraction.facts, actions: extraction.actions.sorted())
        }
    }

    private static func markers(in block: ReportTextBlock) -> [Marker] {
        // The markers are found by scanning the units: they are single characters or short runs, and
        // a regex call would copy the whole block for each kind.
        let units = block.units
        let circled = units.indices.compactMap { index -> Marker? in
            ReaderNumerals.circled(units[index]).map { Marker(location: index, length: 1, number: $0) }
        }
        if !circled.isEmpty { return circled }
        let ordinals = ordinalMarkers(in: block)
        if ordinals.first?.number == 1 { return ordinals }
        let inline = inlineArabic(in: block)
        if !inline.isEmpty { return inline }
        let starts = block.partStarts
        var labelled: [Marker] = []
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] - 1 : block.length
            let line = block.string(NSRange(location: start, length: end - start))
            if let heading = ReportHeading.parse(line), heading.style != .circled {
                let labelLength = (line as NSString).range(of: heading.label).upperBound
                labelled.append(Marker(location: start, length: max(labelLength, 1), number: heading.number))
            }
        }
        return labelled.count >= 2 ? labelled : []
    }

    // Switches rather than sets: these run on every unit of every problem.
    private static func isClauseEnd(_ unit: UInt16) -> Bool { unit == 0x3002 || unit == 0x3B || unit == 0x3A }  // 。;:
    private static func isOrdinalClauseEnd(_ unit: UInt16) -> Bool { isClauseEnd(unit) || unit == 0x2C || unit == 0x0A }  // , \n
    private static func isArabicLabelEnd(_ unit: UInt16) -> Bool { unit == 0x2E || unit == 0x3001 || unit == 0x3002 }  // .、。
    private static func isOrdinalFollower(_ unit: UInt16) -> Bool { unit == 0x2C || unit == 0x3A || unit == 0x3001 }  // ,:、
    private static func isNumeral(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341: return true  // 一…十
        default: return false
        }
    }

    private static func isDigit(_ unit: UInt16) -> Bool { (0x30...0x39).contains(unit) }

    private static func skipBlanks(_ units: [UInt16], from start: Int) -> Int {
        var cursor = start
        while cursor < units.count, units[cursor] == 0x20 || units[cursor] == 0x0A || units[cursor] == 0x0D { cursor += 1 }
        return cursor
    }

    /// `一是`, or `其一` followed by `,` `:` `、`, at the block's start or after 。 ; : , or a line break
    /// (blanks between): the marker covers the word and its number.
    private static func ordinalMarkers(in block: ReportTextBlock) -> [Marker] {
        let units = block.units
        var markers: [Marker] = []
        var position = 0
        while position < units.count {
            guard position == 0 || isOrdinalClauseEnd(units[position - 1]) else {
                position += 1
                continue
            }
            let start = skipBlanks(units, from: position)
            var cursor = start
            if cursor < units.count, units[cursor] == 0x5176 { cursor += 1 }  // 其
            let numeralsStart = cursor
            while cursor < units.count, isNumeral(units[cursor]) { cursor += 1 }
            let isQi = numeralsStart > start
            let matched = cursor > numeralsStart && cursor < units.count
                && (isQi ? isOrdinalFollower(units[cursor]) : units[cursor] == 0x662F)  // 是
            guard matched, let number = ReaderNumerals.value(of: block.string(NSRange(location: numeralsStart, length: cursor - numeralsStart))) else {
                position += 1
                continue
            }
            markers.append(Marker(location: start, length: cursor - numeralsStart + 1, number: number))
            position = isQi ? cursor : cursor + 1
        }
        return markers
    }

    /// `1.…;2.…;3.…` inside one paragraph: taken only when at least two numbers run 1, 2, 3… in order
    /// and no line of the block starts with a label of its own (those are numbered paragraphs).
    private static func inlineArabic(in block: ReportTextBlock) -> [Marker] {
        let units = block.units
        var markers: [Marker] = []
        var position = 0
        // At the block's start or after 。 ; :, blanks, then one or two digits, blanks, and . 、 or 。
        // not followed by a digit.
        while position < units.count {
            guard position == 0 || isClauseEnd(units[position - 1]) else {
                position += 1
                continue
            }
            var cursor = skipBlanks(units, from: position)
            let digitsStart = cursor
            while cursor < units.count, isDigit(units[cursor]) { cursor += 1 }
            let digits = cursor - digitsStart
            cursor = skipBlanks(units, from: cursor)
            guard (1...2).contains(digits), cursor < units.count, isArabicLabelEnd(units[cursor]),
                  cursor + 1 >= units.count || !isDigit(units[cursor + 1]) else {
                position += 1
                continue
            }
            let number = units[digitsStart..<digitsStart + digits].reduce(0) { $0 * 10 + Int($1 - 0x30) }
            // A number that does not continue the run (a `3.8712` cut short, a `2024`) is text.
            if number == markers.count + 1 {
                markers.append(Marker(location: digitsStart, length: cursor + 1 - digitsStart, number: number))
            }
            position = cursor + 1
        }
        guard markers.count >= 2 else { return [] }
        // Numbered paragraphs are the per-line reading's, which keeps their line numbers.
        let starts = Set(block.partStarts)
        if markers.allSatisfy({ starts.contains($0.location) }) { return [] }
        return markers
    }
}
