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
            return ReportMeasure(number: marker.number, label: label.trimmingCharacters(in: .whitespaces),
                                 text: block.originalText(range), location: block.location(at: marker.location),
                                 sentences: extraction.sentences, facts: extraction.facts, actions: extraction.actions.sorted())
        }
    }

    private static func markers(in block: ReportTextBlock) -> [Marker] {
        let text = block.normalized
        // Each pattern runs only when the block holds what it looks for (a regex call copies the block).
        let units = block.units
        let hasCircled = units.contains { (0x2460...0x2473).contains($0) }
        let hasOrdinal = units.contains { $0 == 0x662F || $0 == 0x5176 }  // 是 其
        let hasDigit = units.contains { (0x30...0x39).contains($0) }
        let circled = !hasCircled ? [] : ReaderVocabulary.circledMarker.matches(in: text).compactMap { match -> Marker? in
            let scalar = block.string(match.range).unicodeScalars.first!
            return ReaderNumerals.circled(scalar).map { Marker(location: match.range.location, length: match.range.length, number: $0) }
        }
        if !circled.isEmpty { return circled }
        let ordinals = !hasOrdinal ? [] : ReaderVocabulary.ordinalMarker.matches(in: text).compactMap { match -> Marker? in
            // `一是` (group 1) or `其一` (group 2): the marker covers the word and its number.
            let isFirstForm = match.range(at: 1).location != NSNotFound
            let numberRange = match.range(at: isFirstForm ? 1 : 2)
            let location = isFirstForm ? numberRange.location : numberRange.location - 1
            return ReaderNumerals.value(of: block.string(numberRange)).map {
                Marker(location: location, length: numberRange.length + 1, number: $0)
            }
        }
        if ordinals.first?.number == 1 { return ordinals }
        let inline = hasDigit ? inlineArabic(in: block) : []
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

    /// `1.…;2.…;3.…` inside one paragraph: taken only when at least two numbers run 1, 2, 3… in order
    /// and no line of the block starts with a label of its own (those are numbered paragraphs).
    private static func inlineArabic(in block: ReportTextBlock) -> [Marker] {
        let text = block.normalized
        var markers: [Marker] = []
        for match in ReaderVocabulary.inlineArabicMarker.matches(in: text) {
            guard let number = match.group(1, in: block).flatMap(Int.init) else { continue }
            // A number that does not continue the run (a `3.8712` cut short, a `2024`) is text.
            guard number == markers.count + 1 else { continue }
            let start = match.range(at: 1).location
            markers.append(Marker(location: start, length: NSMaxRange(match.range) - start, number: number))
        }
        guard markers.count >= 2 else { return [] }
        // Numbered paragraphs are the per-line reading's, which keeps their line numbers.
        let starts = Set(block.partStarts)
        if markers.allSatisfy({ starts.contains($0.location) }) { return [] }
        return markers
    }
}
