import Foundation

/// Reads the figures a report claims in the lines outside its problems, clause by clause
/// (a clause ends at 。 or ;), so that each figure keeps the words that state it.
enum ReportClaimsParser {
    /// Counts, in `coverage`, the clauses that hold a figure and those a figure was read from,
    /// and keeps the clauses with figures of which none was read.
    static func parse(_ lines: [ReportLine], coverage: inout ReportCoverage) -> ReportClaims {
        var claims = ReportClaims()
        var lastSource: ReportSource?
        // Figures given per category (`…方面问题5个，已完成整改5个；…方面问题6个…`), summed when no total is stated.
        var categoryProblems: [ReportClaimedValue] = [], categoryCompleted: [ReportClaimedValue] = []
        for line in lines {
            let block = ReportTextBlock(parts: [(line, 0)])
            let text = block.normalized
            for clause in block.sentences(in: NSRange(location: 0, length: block.length)) {
                // Every claim is a number: a clause without digits or Chinese numerals has none to read.
                let clauseUnits = block.units[clause.location..<NSMaxRange(clause)]
                guard clauseUnits.contains(where: ReportClaimsParser.mayBeNumeral) else { continue }
                let clauseText = block.string(clause)
                // Each pattern runs only on a clause holding its key words: a regex call copies the whole line.
                func has(_ words: String...) -> Bool { words.contains { ReportClaimsParser.contains(clauseUnits, Array($0.utf16)) } }
                let quote = ReportQuote(text: block.originalText(clause), location: block.location(at: clause.location))
                var read = false
                func value(_ pattern: ReaderPattern, unit: String) -> ReportClaimedValue? {
                    guard let match = pattern.firstMatch(in: text, range: clause) else { return nil }
                    let number = (1..<match.numberOfRanges).lazy.compactMap { match.group($0, in: text) }.first
                    let found = number.flatMap(numberValue).map { ReportClaimedValue(value: $0, unit: unit, quote: quote) }
                    if found != nil { read = true }
                    return found
                }
                defer {
                    if ReaderVocabulary.figure.contains(text, range: clause) {
                        coverage.summarySentencesWithFigures += 1
                        if read || ReaderVocabulary.roundSummary.contains(text, range: clause) {
                            coverage.summarySentencesRead += 1
                        } else {
                            coverage.unreadSentences.append(quote)
                        }
                    }
                }
                let completedMatch = has("完成", "办结", "销号", "到位", "整改")
                    ? ReaderVocabulary.completedClaim.firstMatch(in: text, range: clause) : nil
                let ongoingMatches = has("整改", "推进", "完成", "坚持")
                    ? ReaderVocabulary.ongoingClaim.matches(in: text, range: clause) : []
                // `18个问题已达到销号标准`: the 18 is the completed count, not the total.
                let statusRanges = ([completedMatch].compactMap { $0 } + ongoingMatches).map(\.range)
                let problemsMatch = (has("问题", "事项") ? ReaderVocabulary.problemsClaim.matches(in: text, range: clause) : [])
                    .first { match in !statusRanges.contains { NSIntersectionRange($0, match.range).length > 0 } }
                func claimed(_ match: NSTextCheckingResult?, unit: String) -> ReportClaimedValue? {
                    guard let match, let number = (1..<match.numberOfRanges).lazy.compactMap({ match.group($0, in: text) }).first,
                          let amount = numberValue(number) else { return nil }
                    read = true
                    return ReportClaimedValue(value: amount, unit: unit, quote: quote)
                }
                let problems = claimed(problemsMatch, unit: "个")
                let completed = claimed(completedMatch, unit: "个")
                let rate = has("%") ? value(ReaderVocabulary.rateClaim, unit: "%") : nil
                let ongoingParts = ongoingMatches.compactMap { ($0.group(1, in: text) ?? $0.group(2, in: text)).flatMap(numberValue) }
                let ongoing = ongoingParts.isEmpty ? nil
                    : ReportClaimedValue(value: ongoingParts.reduce(0, +), unit: "个", quote: quote)
                if let problems, has("方面"), !has("反馈"), !has("细化") {
                    categoryProblems.append(problems)
                    if let completed { categoryCompleted.append(completed) }
                } else if problems != nil || completed != nil || rate != nil || ongoing != nil {
                    let source = ReportOutlineParser.source(of: clauseText) ?? lastSource ?? .inspectionFeedback
                    var entry = claims.claim(for: source) ?? ReportSourceClaim(source: source)
                    entry.problems = entry.problems ?? problems
                    entry.completed = entry.completed ?? completed
                    entry.completionRate = entry.completionRate ?? rate
                    entry.ongoing = entry.ongoing ?? ongoing
                    if let index = claims.bySource.firstIndex(where: { $0.source == source }) {
                        claims.bySource[index] = entry
                    } else {
                        claims.bySource.append(entry)
                    }
                    lastSource = source
                    if problems != nil {
                        claims.categories = claims.categories ?? value(ReaderVocabulary.categoriesClaim, unit: "类")
                        claims.aspects = claims.aspects ?? value(ReaderVocabulary.aspectsClaim, unit: "方面")
                    }
                }
                if claims.measuresPlanned == nil, has("措施", "任务", "举措") {
                    claims.measuresPlanned = value(ReaderVocabulary.measuresClaim, unit: "条")
                }
                if claims.regulations == nil, has("制度") { claims.regulations = value(ReaderVocabulary.regulationsClaim, unit: "项") }
                if claims.accountabilityTotal == nil, has("问责", "追责", "追究", "处理", "处分"),
                   let match = ReaderVocabulary.accountabilityClaim.firstMatch(in: text, range: clause),
                   let total = match.group(1, in: text).flatMap(numberValue) {
                    claims.accountabilityTotal = ReportClaimedValue(value: total, unit: "人", quote: quote)
                    read = true
                    // `共问责14人,其中乡科级5人、一般干部8人`: ranks named after the total, in the same clause.
                    let after = NSRange(location: NSMaxRange(match.range), length: NSMaxRange(clause) - NSMaxRange(match.range))
                    if match.group(2, in: text) == nil, text.substring(with: after).hasPrefix(",其中") {
                        claims.accountabilityByRank = ReaderVocabulary.namedRankCount.matches(in: text, range: after).compactMap { rank in
                            guard let name = rank.group(1, in: text), let people = rank.group(2, in: text).flatMap(ReaderNumerals.value(of:)) else { return nil }
                            return ReportRankCount(rank: name, people: people)
                        }
                    }
                    if let ranks = match.group(2, in: text) {
                        let ranksText = ranks as NSString
                        // A breakdown by form in the same parentheses is read below, not as ranks.
                        claims.accountabilityByRank = ReaderVocabulary.rankCount.matches(in: ranksText).compactMap { rank in
                            guard let name = rank.group(1, in: ranksText), let people = rank.group(2, in: ranksText).flatMap(Int.init),
                                  !ReaderVocabulary.formCount.contains(name + "1人") else { return nil }
                            return ReportRankCount(rank: name.trimmingCharacters(in: .whitespaces), people: people)
                        }
                    }
                }
                // Forms are counted in people: a clause without 人 or 名 has none.
                let forms = has("人", "名") ? formCounts(in: text, clause: clause, quote: quote) : []
                if !forms.isEmpty { read = true }
                claims.accountabilityByForm += forms
                for match in has("次") ? ReaderVocabulary.meetingsClaim.matches(in: text, range: clause) : [] {
                    guard let count = (match.group(1, in: text) ?? match.group(2, in: text)).flatMap(numberValue) else { continue }
                    claims.meetings.append(ReportClaimedValue(value: count, unit: "次", quote: quote))
                    read = true
                }
                for match in has("元") ? ReaderVocabulary.moneyClaim.matches(in: text, range: clause) : [] {
                    guard let amount = match.group(1, in: text).flatMap(ReportDecimal.parse), let unit = match.group(2, in: text) else { continue }
                    read = true
                    claims.moneyRecovered.append(ReportClaimedValue(value: ReportDecimal.applyingMultiplier(amount, unit: unit),
                                                                    unit: "元", quote: quote))
                }
            }
        }
        if !categoryProblems.isEmpty {
            let index = claims.bySource.firstIndex { $0.source == .inspectionFeedback }
                ?? { claims.bySource.append(ReportSourceClaim(source: .inspectionFeedback)); return claims.bySource.count - 1 }()
            if claims.bySource[index].problems == nil {
                let quote = categoryProblems[0].quote
                claims.bySource[index].problems = ReportClaimedValue(value: categoryProblems.reduce(0) { $0 + $1.value }, unit: "个", quote: quote)
                claims.bySource[index].problemsDerived = true
                if claims.bySource[index].completed == nil, categoryCompleted.count == categoryProblems.count {
                    claims.bySource[index].completed = ReportClaimedValue(
                        value: categoryCompleted.reduce(0) { $0 + $1.value }, unit: "个", quote: categoryCompleted[0].quote)
                    claims.bySource[index].completedDerived = true
                }
            }
        }
        // A summary that gives completed and ongoing counts but no total: the total is their sum, said so.
        for index in claims.bySource.indices {
            let claim = claims.bySource[index]
            guard claim.problems == nil, let done = claim.completed, let ongoing = claim.ongoing else { continue }
            claims.bySource[index].problems = ReportClaimedValue(value: done.value + ongoing.value, unit: "个", quote: done.quote)
            claims.bySource[index].problemsDerived = true
        }
        return claims
    }

    /// Each form of accountability the clause counts, once (a form followed by its count, or a count
    /// followed by its form), in the order written.
    static func formCounts(in text: NSString, clause: NSRange, quote: ReportQuote) -> [ReportFormCount] {
        var found: [(location: Int, count: ReportFormCount)] = []
        var taken: [NSRange] = []
        for match in ReaderVocabulary.formCount.matches(in: text, range: clause) {
            guard let form = match.group(1, in: text), let people = match.group(2, in: text).flatMap(numberValue) else { continue }
            found.append((match.range.location, ReportFormCount(form: form, people: ReportDecimal.count(people), quote: quote)))
            taken.append(match.range)
        }
        for match in ReaderVocabulary.countForm.matches(in: text, range: clause)
        where !taken.contains(where: { NSIntersectionRange($0, match.range).length > 0 }) {
            guard let people = match.group(1, in: text).flatMap(numberValue), let form = match.group(2, in: text) else { continue }
            found.append((match.range.location, ReportFormCount(form: form, people: ReportDecimal.count(people), quote: quote)))
        }
        return found.sorted { $0.location < $1.location }.map(\.count)
    }

    static func contains(_ units: ArraySlice<UInt16>, _ word: [UInt16]) -> Bool {
        guard let first = word.first, units.count >= word.count else { return false }
        var index = units.startIndex
        while index <= units.endIndex - word.count {
            if units[index] == first, units[index..<index + word.count].elementsEqual(word) { return true }
            index += 1
        }
        return false
    }

    /// A digit or a Chinese numeral: a clause without one states no figure.
    static func mayBeNumeral(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x30...0x39: return true
        // 〇零一二两三四五六七八九十百千
        case 0x3007, 0x96F6, 0x4E00, 0x4E8C, 0x4E24, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343:
            return true
        default: return false
        }
    }

    /// Larger figures are no count or sum a rectification report states; taking them as claims
    /// would only carry a typo (or a hostile input) into the checker's arithmetic.
    static let largestNumber: Decimal = 1_000_000_000_000

    private static func numberValue(_ text: String) -> Decimal? {
        guard let value = ReportDecimal.parse(text) ?? ReaderNumerals.value(of: text).map({ Decimal($0) }),
              value <= largestNumber else { return nil }
        return value
    }
}
