import Foundation

/// Finds the facts of a problem's measures, sentence by sentence: dates, documents, quantities
/// and money, people held accountable, and the kinds of action the sentences describe.
struct ReportFactExtractor {
    /// Year and month of the last full date seen, for dates written without them (`12月25日`).
    struct DateContext {
        var year: Int?
        var month: Int?
    }

    let block: ReportTextBlock

    /// What one measure yields.
    struct Extraction {
        var sentences: [ReportQuote] = []
        var facts: [ReportFact] = []
        var actions = Set<ReportActionKind>()
    }

    /// Extracts the facts of several consecutive ranges (the measures of one problem) in one pass.
    /// Every pattern runs once over the problem and its matches are then shared out to the
    /// sentences: a regex call on Linux copies the whole text, so per-sentence calls cost dearly.
    func extract(ranges: [NSRange], context: inout DateContext) -> [Extraction] {
        let text = block.normalized
        var sentences: [NSRange] = []
        var owner: [Int] = []
        for (index, range) in ranges.enumerated() {
            let parts = block.sentences(in: range)
            sentences += parts
            owner += Array(repeating: index, count: parts.count)
        }
        var results = Array(repeating: Extraction(), count: ranges.count)
        guard let firstSentence = sentences.first, let lastSentence = sentences.last else { return results }
        let range = NSRange(location: firstSentence.location, length: NSMaxRange(lastSentence) - firstSentence.location)
        func distribute<Match>(_ matches: [Match], at location: (Match) -> Int) -> [[Match]] {
            var result = Array(repeating: [Match](), count: sentences.count)
            var index = 0
            for match in matches {
                while index < sentences.count, location(match) >= NSMaxRange(sentences[index]) { index += 1 }
                guard index < sentences.count else { break }
                if location(match) >= sentences[index].location { result[index].append(match) }
            }
            return result
        }
        // The units some patterns cannot match without: a pattern whose unit is absent is not run
        // (each regex call copies the whole text).
        var present = Set<UInt16>()
        for unit in block.units[range.location..<NSMaxRange(range)] where ReportFactExtractor.isMarkerUnit(unit) {
            present.insert(unit)
        }
        func bucket(_ pattern: ReaderPattern, unless excluded: Set<UInt16> = [],
                    requiring required: UInt16? = nil, needs: String, around anchors: [Int]? = nil,
                    window: Int = ReportFactExtractor.dateWindow) -> [[ReaderMatch]] {
            guard needs.utf16.contains(where: present.contains) else { return Array(repeating: [], count: sentences.count) }
            let found = anchors.map { windowed(pattern, around: $0, length: window) }
                ?? pattern.matches(in: text, range: range).map { ReaderMatch($0) }
            let matches = found.filter { match in
                if let previous = block.unit(before: match.range.location), excluded.contains(previous) { return false }
                if let required, block.unit(before: match.range.location) != required { return false }
                return true
            }
            return distribute(matches) { $0.range.location }
        }
        // A digit date is searched only in windows from each year's first digit: the whole block
        // need not be copied and scanned for it.
        func windowed(_ pattern: ReaderPattern, around anchors: [Int], length: Int = ReportFactExtractor.dateWindow) -> [ReaderMatch] {
            var result: [ReaderMatch] = []
            var covered = range.location
            // Anchors close together share one window (`2024年3月至2024年5月`): one call instead of two.
            var windows: [NSRange] = []
            for anchor in anchors {
                let end = min(NSMaxRange(range), anchor + length)
                if let last = windows.last, anchor <= NSMaxRange(last) {
                    windows[windows.count - 1].length = max(NSMaxRange(last), end) - last.location
                } else {
                    windows.append(NSRange(location: anchor, length: end - anchor))
                }
            }
            for window in windows where NSMaxRange(window) > covered {
                for match in pattern.matches(in: block.string(window)).map({ ReaderMatch($0, offset: window.location) })
                where match.range.location >= covered {
                    result.append(match)
                    covered = NSMaxRange(match.range)
                }
            }
            return result
        }
        func bucket(_ words: ReaderWordList) -> [[NSRange]] {
            distribute(words.matches(in: block.units, range: range)) { $0.location }
        }
        let documents = bucket(ReaderVocabulary.document, needs: "《")
        let numbers = distribute(ReportFactExtractor.documentNumbers(block.units, range)) { $0.location }
        let chinese = !present.isDisjoint(with: ReaderVocabulary.chineseZeroes)
        // A year in digits is four digits before 年; without one (and without Chinese numerals) no full date.
        let yearStarts = ReportFactExtractor.digitYears(block.units, range)
        let fullDates = chinese ? bucket(ReaderVocabulary.yearDateChinese, needs: "年")
            : yearStarts.isEmpty ? Array(repeating: [], count: sentences.count)
            : bucket(ReaderVocabulary.yearDate, needs: "年", around: yearStarts)
        let monthStarts = chinese ? [] : ReportFactExtractor.digitMonths(block.units, range)
        let yearlessDates = !present.contains(0x65E5) ? Array(repeating: [], count: sentences.count)  // 日
            : chinese ? bucket(ReaderVocabulary.yearlessDateChinese, unless: ReaderVocabulary.yearlessDateExcludedBefore, needs: "月")
            : monthStarts.isEmpty ? Array(repeating: [], count: sentences.count)
            : bucket(ReaderVocabulary.yearlessDate, unless: ReaderVocabulary.yearlessDateExcludedBefore, needs: "月",
                     around: monthStarts, window: 24)
        let dayOnlyDates = ReportFactExtractor.hasDayOnly(block.units, range)
            ? bucket(ReaderVocabulary.dayOnlyDate, requiring: 0x65E5, needs: "日")  // 日
            : Array(repeating: [], count: sentences.count)
        let quantities = distribute(quantities(in: range)) { $0.range.location }
        let keywords = distribute(ReaderVocabulary.keywords.indexedMatches(in: block.units, range: range)) { $0.range.location }
        // People are counted only in sentences naming a sanction: without one in the block, no need to look.
        let anySanction = keywords.contains { $0.contains { ReaderVocabulary.keywordKindsByIndex[$0.word].contains(.sanction) } }
        // `3名干部` starts at the numerals before 名, `对5人` at 对: searched in short windows from there.
        let peopleStarts = anySanction ? ReportFactExtractor.peopleCounts(block.units, range) : []
        let countedPeople = peopleStarts.isEmpty ? Array(repeating: [], count: sentences.count)
            : distribute(windowed(ReaderVocabulary.countedPeople, around: peopleStarts, length: 24)) { $0.range.location }
        let uncountedPeople = bucket(ReaderVocabulary.uncountedPeople)

        for (index, sentence) in sentences.enumerated() {
            var facts: [ReportFact] = []
            var actions = Set<ReportActionKind>()
            let sentenceText = block.originalText(sentence)
            results[owner[index]].sentences.append(ReportQuote(text: sentenceText, location: block.location(at: sentence.location)))
            var documentRanges = documents[index].map(\.range)
            for match in documents[index] {
                var fact = makeFact(.document, match.range, sentenceText)
                fact.documentTitle = block.originalString(match.range(at: 1))
                fact.documentNumber = match.group(2, in: block).map(compact)
                facts.append(fact)
            }
            for found in numbers[index] where !ReportFactExtractor.overlaps(found, documentRanges) {
                guard let range = withIssuer(found) else { continue }
                var fact = makeFact(.document, range, sentenceText)
                fact.documentNumber = compact(block.string(range))
                facts.append(fact)
                documentRanges.append(range)
            }
            let candidates = fullDates[index].map { ($0, DateMatchKind.full) } + yearlessDates[index].map { ($0, .yearless) }
                + dayOnlyDates[index].map { ($0, .dayOnly) }
            let dates = dateFacts(candidates, excluding: documentRanges, sentenceText: sentenceText, context: &context)
            facts.append(contentsOf: dates.map(\.fact))
            let dateRanges = dates.map(\.range)
            var kinds = Set<ReaderKeywordKind>()
            var sanctionRanges: [NSRange] = []
            for (match, word) in keywords[index] {
                let found = ReaderVocabulary.keywordKindsByIndex[word]
                kinds.formUnion(found)
                if found.contains(.sanction) { sanctionRanges.append(match) }
            }
            let recovered = kinds.contains(.recovery)
            var hasResult = kinds.contains(.completedWork)
            for match in quantities[index] where !ReportFactExtractor.overlaps(match.range, documentRanges + dateRanges) {
                guard let number = ReportDecimal.parse(block.string(match.number)) else { continue }
                let isMoney = match.unit == "元"
                var fact = makeFact(isMoney ? .money : .quantity, match.range, sentenceText)
                fact.value = number
                fact.unit = match.multiplier + match.unit
                if isMoney { fact.recovered = recovered }
                facts.append(fact)
                if !ReaderVocabulary.activityUnits.contains(match.unit) { hasResult = true }
            }
            if hasResult { actions.insert(.measurableResult) }
            if kinds.contains(.study) { actions.insert(.study) }
            if kinds.contains(.meeting) { actions.insert(.meeting) }
            if kinds.contains(.document) { actions.insert(.document) }
            // `《中国共产党纪律处分条例》` names a regulation studied, not a sanction imposed.
            if sanctionRanges.contains(where: { !ReportFactExtractor.overlaps($0, documentRanges) }) {
                var people: [ReportFact] = []
                for match in countedPeople[index] {
                    guard let count = (match.group(1, in: block) ?? match.group(2, in: block)).flatMap(ReaderNumerals.value(of:)) else { continue }
                    var fact = makeFact(.accountability, match.range, sentenceText)
                    fact.people = count
                    people.append(fact)
                }
                if people.isEmpty, let match = uncountedPeople[index].first {
                    people.append(makeFact(.accountability, match, sentenceText))
                }
                if !people.isEmpty { actions.insert(.accountability) }
                facts.append(contentsOf: people)
            }
            facts.sort { $0.location < $1.location }
            results[owner[index]].facts += facts
            results[owner[index]].actions.formUnion(actions)
        }
        return results
    }

    /// The units `extract` notes the presence of before running the patterns that need them
    /// (《〔[【年月日名对〇零); a switch, since it runs on every unit of every problem.
    @inline(__always)
    private static func isMarkerUnit(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x300A, 0x3014, 0x5B, 0x3010, 0x5E74, 0x6708, 0x65E5, 0x540D, 0x5BF9, 0x3007, 0x96F6: return true
        default: return false
        }
    }

    struct QuantityMatch {
        var range: NSRange
        var number: NSRange
        var multiplier: String
        var unit: String
    }

    /// Numbers with a unit in `range`; see `ReaderVocabulary.quantityUnitList`.
    private func quantities(in range: NSRange) -> [QuantityMatch] {
        let units = block.units
        let end = min(NSMaxRange(range), units.count)
        func isDigit(_ position: Int) -> Bool { position < end && (0x30...0x39).contains(units[position]) }
        var result: [QuantityMatch] = []
        var position = range.location
        while position < end {
            guard isDigit(position) else {
                position += 1
                continue
            }
            let start = position
            while isDigit(position) { position += 1 }
            if position + 1 < end, units[position] == 0x2E, isDigit(position + 1) {
                position += 1
                while isDigit(position) { position += 1 }
            }
            let numberEnd = position
            if let previous = block.unit(before: start), ReaderVocabulary.quantityExcludedBefore.contains(previous) { continue }
            var cursor = numberEnd
            if cursor < end, ReaderVocabulary.quantityApproximations.contains(units[cursor]) { cursor += 1 }
            var multiplier = ""
            if cursor < end, ReaderVocabulary.quantityMultipliers.contains(units[cursor]) {
                multiplier = String(decoding: units[cursor...cursor], as: UTF16.self)
                cursor += 1
            }
            guard let unitLength = ReaderVocabulary.quantityUnitList.longestMatch(in: units, at: cursor, end: end) else { continue }
            let unitEnd = cursor + unitLength
            if unitEnd < units.count, ReaderVocabulary.quantityNotFollowedBy.contains(units[unitEnd]) { continue }
            result.append(QuantityMatch(
                range: NSRange(location: start, length: unitEnd - start),
                number: NSRange(location: start, length: numberEnd - start),
                multiplier: multiplier, unit: String(decoding: units[cursor..<unitEnd], as: UTF16.self)))
            position = unitEnd
        }
        return result
    }

    /// A standalone document number: the issuer prefix (Chinese characters or letters right
    /// before the bracket) joined to the matched `〔2024〕3号`, without words such as `另见`
    /// that stand before an issuer. Nil when there is no issuer.
    private func withIssuer(_ core: NSRange) -> NSRange? {
        var start = core.location
        while start > 0, core.location - start < ReaderVocabulary.documentIssuerLength,
              ReportFactExtractor.isIssuerUnit(block.units[start - 1]) {
            start -= 1
        }
        guard start < core.location else { return nil }
        var range = NSRange(location: start, length: NSMaxRange(core) - start)
        var current = block.string(range)
        while let word = ReaderVocabulary.documentNumberLeadIns.first(where: { current.hasPrefix($0) && current.count > $0.count + 2 }) {
            let length = (word as NSString).length
            range = NSRange(location: range.location + length, length: range.length - length)
            current = block.string(range)
        }
        return range
    }

    private static func isDigitUnit(_ unit: UInt16) -> Bool { (0x30...0x39).contains(unit) }

    /// Where four digits before a 年 start in `range`: the only places `yearDate` matches in digits.
    static func digitYears(_ units: [UInt16], _ range: NSRange) -> [Int] {
        var starts: [Int] = []
        var position = range.location + 4
        while position < NSMaxRange(range) {
            if units[position] == 0x5E74, (1...4).allSatisfy({ isDigitUnit(units[position - $0]) }) { starts.append(position - 4) }  // 年
            position += 1
        }
        return starts
    }

    /// Where a count of people can start in `range`: the digits or Chinese numerals right before a
    /// 名, and each 对 followed by one.
    static func peopleCounts(_ units: [UInt16], _ range: NSRange) -> [Int] {
        func isNumeral(_ unit: UInt16) -> Bool { isDigitUnit(unit) || peopleNumerals.contains(unit) }
        var starts: [Int] = []
        for position in range.location..<NSMaxRange(range) {
            if units[position] == 0x540D {  // 名
                var start = position
                while start > range.location, isNumeral(units[start - 1]) { start -= 1 }
                if start < position { starts.append(start) }
            } else if units[position] == 0x5BF9, position + 1 < NSMaxRange(range), isNumeral(units[position + 1]) {  // 对
                starts.append(position)
            }
        }
        return starts.sorted()
    }

    private static let peopleNumerals: Set<UInt16> = Set("一二两三四五六七八九十".utf16)

    /// The year-and-serial part of document numbers in `range` (`〔2024〕3号`, `[2024]`, `【2024】`, blanks
    /// allowed before and after the serial): what `ReaderVocabulary.documentNumber` describes, scanned.
    static func documentNumbers(_ units: [UInt16], _ range: NSRange) -> [NSRange] {
        func isOpening(_ unit: UInt16) -> Bool { unit == 0x3014 || unit == 0x5B || unit == 0x3010 }  // 〔 [ 【
        func isClosing(_ unit: UInt16) -> Bool { unit == 0x3015 || unit == 0x5D || unit == 0x3011 }  // 〕 ] 】
        let end = NSMaxRange(range)
        var result: [NSRange] = []
        var position = range.location
        while position < end {
            guard isOpening(units[position]), position + 6 < end, (1...4).allSatisfy({ isDigitUnit(units[position + $0]) }),
                  isClosing(units[position + 5]) else {
                position += 1
                continue
            }
            var cursor = position + 6
            while cursor < end, units[cursor] == 0x20 || units[cursor] == 0x0A || units[cursor] == 0x0D { cursor += 1 }
            let serial = cursor
            while cursor < end, isDigitUnit(units[cursor]) { cursor += 1 }
            guard cursor > serial else {
                position += 1
                continue
            }
            while cursor < end, units[cursor] == 0x20 || units[cursor] == 0x0A || units[cursor] == 0x0D { cursor += 1 }
            guard cursor < end, units[cursor] == 0x53F7 else {  // 号
                position += 1
                continue
            }
            result.append(NSRange(location: position, length: cursor + 1 - position))
            position = cursor + 1
        }
        return result
    }

    /// Where the digits before each `N月` start in `range` (one or two, as `yearlessDate` takes them).
    static func digitMonths(_ units: [UInt16], _ range: NSRange) -> [Int] {
        var starts: [Int] = []
        var position = range.location + 1
        while position < NSMaxRange(range) {
            if units[position] == 0x6708, isDigitUnit(units[position - 1]) {  // 月
                let two = position - 2 >= range.location && isDigitUnit(units[position - 2])
                starts.append(position - (two ? 2 : 1))
            }
            position += 1
        }
        return starts
    }

    /// Longer than any date `yearDate` reads (`2024年12月31日至2025年12月31日以来` with blanks).
    static let dateWindow = 48

    /// Whether `、N日` or `,N日` occurs in `range` (what `dayOnlyDate` looks for).
    static func hasDayOnly(_ units: [UInt16], _ range: NSRange) -> Bool {
        var position = range.location
        let end = NSMaxRange(range)
        while position + 2 < end {
            if units[position] == 0x3001 || units[position] == 0x2C {  // 、 ,
                var cursor = position + 1
                while cursor < end, cursor - position <= 2, isDigitUnit(units[cursor]) { cursor += 1 }
                if cursor > position + 1, cursor < end, units[cursor] == 0x65E5 { return true }  // 日
            }
            position += 1
        }
        return false
    }

    static func isIssuerUnit(_ unit: UInt16) -> Bool {
        (0x4E00...0x9FA5).contains(unit) || (0x41...0x5A).contains(unit) || (0x61...0x7A).contains(unit)
    }

    private func makeFact(_ kind: ReportFactKind, _ range: NSRange, _ sentence: String) -> ReportFact {
        ReportFact(kind: kind, text: block.originalString(range), sentence: sentence, location: block.location(at: range.location))
    }

    private func compact(_ text: String) -> String {
        text.replacingOccurrences(of: " ", with: "")
    }

    static func overlaps(_ range: NSRange, _ others: [NSRange]) -> Bool {
        others.contains { NSIntersectionRange($0, range).length > 0 }
    }

    // MARK: Dates

    private enum DateMatchKind { case full, yearless, dayOnly }

    private func dateFacts(_ candidates: [(ReaderMatch, DateMatchKind)], excluding excluded: [NSRange],
                           sentenceText: String, context: inout DateContext) -> [(range: NSRange, fact: ReportFact)] {
        let text = block.normalized
        let candidates = candidates.sorted { $0.0.range.location < $1.0.range.location }
        var kept: [NSRange] = []
        var facts: [(range: NSRange, fact: ReportFact)] = []
        for (match, kind) in candidates {
            // The 、 before a bare day belongs to the list, not to the date.
            let factRange = kind == .dayOnly
                ? NSRange(location: match.range(at: 1).location, length: NSMaxRange(match.range) - match.range(at: 1).location)
                : match.range
            guard !ReportFactExtractor.overlaps(factRange, excluded + kept) else { continue }
            let span: ReportDateSpan?
            switch kind {
            case .full: span = ReportFactExtractor.resolveFull(match, in: block)
            case .yearless: span = ReportFactExtractor.resolveYearless(match, in: block, context: context)
            case .dayOnly: span = ReportFactExtractor.resolveDayOnly(match, in: block, context: context)
            }
            guard var span else { continue }
            if span.form != .since, ReportFactExtractor.hasUntilPrefix(before: match.range.location, in: block) {
                span.form = .until
            }
            kept.append(factRange)
            context.year = span.end.year
            if span.precision == .day || span.precision == .month { context.month = span.end.month }
            var fact = makeFact(.date, factRange, sentenceText)
            fact.date = span
            facts.append((factRange, fact))
        }
        return facts
    }

    static func hasUntilPrefix(before location: Int, in block: ReportTextBlock) -> Bool {
        untilPrefixUnits.contains { prefix in
            location >= prefix.count && block.units[(location - prefix.count)..<location].elementsEqual(prefix)
        }
    }

    private static let untilPrefixUnits = ReaderVocabulary.untilPrefixes.map { Array($0.utf16) }

    static func lastDay(_ year: Int, _ month: Int) -> Day? {
        guard (1...12).contains(month) else { return nil }
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
    }

    /// Resolves a match of `ReaderVocabulary.yearDate`; see its groups there.
    static func resolveFull(_ match: ReaderMatch, in text: ReportTextBlock) -> ReportDateSpan? {
        func int(_ group: Int) -> Int? { match.group(group, in: text).flatMap(ReaderNumerals.value(of:)) }
        guard let year = int(1) else { return nil }
        let since = match.group(16, in: text) != nil
        var span: ReportDateSpan?
        if let month = int(2), let day = int(3), let start = Day(year: year, month: month, day: day) {
            if let endDay = int(6) {
                let end = Day(year: int(4) ?? year, month: int(5) ?? month, day: endDay)
                span = end.map { ReportDateSpan(start: start, end: $0, precision: .day, form: .range) }
            } else {
                span = ReportDateSpan(start: start, end: start, precision: .day, form: .point)
            }
        } else if let first = int(7), let last = int(8) {
            if let start = Day(year: year, month: first, day: 1), let end = lastDay(year, last) {
                span = ReportDateSpan(start: start, end: end, precision: .month, form: .range)
            }
        } else if let month = int(9) {
            if let start = Day(year: year, month: month, day: 1), let monthEnd = lastDay(year, month) {
                if let endMonth = int(12), let end = lastDay(int(11) ?? year, endMonth) {
                    span = ReportDateSpan(start: start, end: end, precision: .month, form: .range)
                } else {
                    span = ReportDateSpan(start: start, end: monthEnd, precision: .month, form: .point)
                }
            }
        } else if let quarter = int(13) {
            let lastQuarter = int(14) ?? quarter
            if let start = Day(year: year, month: (quarter - 1) * 3 + 1, day: 1), let end = lastDay(year, lastQuarter * 3) {
                span = ReportDateSpan(start: start, end: end, precision: .quarter, form: quarter == lastQuarter ? .point : .range)
            }
        } else if let start = Day(year: year, month: 1, day: 1), let end = Day(year: int(15) ?? year, month: 12, day: 31) {
            span = ReportDateSpan(start: start, end: end, precision: .year, form: int(15) == nil ? .point : .range)
        }
        if since { span?.form = .since }
        return span
    }

    static func resolveYearless(_ match: ReaderMatch, in text: ReportTextBlock, context: DateContext) -> ReportDateSpan? {
        func int(_ group: Int) -> Int? { match.group(group, in: text).flatMap(ReaderNumerals.value(of:)) }
        guard let year = context.year, let month = int(1), let day = int(2),
              let start = Day(year: year, month: month, day: day) else { return nil }
        if let endDay = int(4), let end = Day(year: year, month: int(3) ?? month, day: endDay) {
            return ReportDateSpan(start: start, end: end, precision: .day, form: .range, yearInferred: true)
        }
        return ReportDateSpan(start: start, end: start, precision: .day, form: .point, yearInferred: true)
    }

    static func resolveDayOnly(_ match: ReaderMatch, in text: ReportTextBlock, context: DateContext) -> ReportDateSpan? {
        guard let year = context.year, let month = context.month,
              let day = match.group(1, in: text).flatMap(ReaderNumerals.value(of:)),
              let date = Day(year: year, month: month, day: day) else { return nil }
        return ReportDateSpan(start: date, end: date, precision: .day, form: .point, yearInferred: true)
    }
}
