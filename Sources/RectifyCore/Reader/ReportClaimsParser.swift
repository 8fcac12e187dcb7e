import Foundation

/// Reads the figures a report claims in the lines outside its problems, clause by clause
/// (a clause ends at 。 or ;), so that each figure keeps the words that state it.
enum ReportClaimsParser {
    static func parse(_ lines: [ReportLine]) -> ReportClaims {
        var claims = ReportClaims()
        var lastSource: ReportSource?
        for line in lines {
            let block = ReportTextBlock(parts: [(line, 0)])
            let text = block.normalized
            for clause in block.sentences(in: NSRange(location: 0, length: block.length)) {
                let quote = ReportQuote(text: block.originalText(clause), location: block.location(at: clause.location))
                func value(_ pattern: ReaderPattern, unit: String) -> ReportClaimedValue? {
                    guard let match = pattern.firstMatch(in: text, range: clause) else { return nil }
                    let number = (1..<match.numberOfRanges).lazy.compactMap { match.group($0, in: text) }.first
                    return number.flatMap(numberValue).map { ReportClaimedValue(value: $0, unit: unit, quote: quote) }
                }
                let problems = value(ReaderVocabulary.problemsClaim, unit: "个")
                let completed = value(ReaderVocabulary.completedClaim, unit: "个")
                let rate = value(ReaderVocabulary.rateClaim, unit: "%")
                if problems != nil || completed != nil || rate != nil {
                    let source = ReportOutlineParser.source(of: text.substring(with: clause)) ?? lastSource ?? .inspectionFeedback
                    var entry = claims.claim(for: source) ?? ReportSourceClaim(source: source)
                    entry.problems = entry.problems ?? problems
                    entry.completed = entry.completed ?? completed
                    entry.completionRate = entry.completionRate ?? rate
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
                claims.measuresPlanned = claims.measuresPlanned ?? value(ReaderVocabulary.measuresClaim, unit: "条")
                claims.regulations = claims.regulations ?? value(ReaderVocabulary.regulationsClaim, unit: "项")
                if claims.accountabilityTotal == nil,
                   let match = ReaderVocabulary.accountabilityClaim.firstMatch(in: text, range: clause),
                   let total = match.group(1, in: text).flatMap(numberValue) {
                    claims.accountabilityTotal = ReportClaimedValue(value: total, unit: "人", quote: quote)
                    if let ranks = match.group(2, in: text) {
                        let ranksText = ranks as NSString
                        claims.accountabilityByRank = ReaderVocabulary.rankCount.matches(in: ranksText).compactMap { rank in
                            guard let name = rank.group(1, in: ranksText), let people = rank.group(2, in: ranksText).flatMap(Int.init)
                            else { return nil }
                            return ReportRankCount(rank: name.trimmingCharacters(in: .whitespaces), people: people)
                        }
                    }
                }
                for match in ReaderVocabulary.meetingsClaim.matches(in: text, range: clause) {
                    guard let count = (match.group(1, in: text) ?? match.group(2, in: text)).flatMap(numberValue) else { continue }
                    claims.meetings.append(ReportClaimedValue(value: count, unit: "次", quote: quote))
                }
                for match in ReaderVocabulary.moneyClaim.matches(in: text, range: clause) {
                    guard let amount = match.group(1, in: text).flatMap(Double.init), let unit = match.group(2, in: text) else { continue }
                    let yuan = unit == "亿元" ? amount * 100_000_000 : unit == "万元" ? amount * 10_000 : amount
                    claims.moneyRecovered.append(ReportClaimedValue(value: yuan, unit: "元", quote: quote))
                }
            }
        }
        return claims
    }

    /// Larger figures are no count or sum a rectification report states; taking them as claims
    /// would only carry a typo (or a hostile input) into the checker's arithmetic.
    static let largestNumber = 1e12

    private static func numberValue(_ text: String) -> Double? {
        guard let value = Double(text) ?? ReaderNumerals.value(of: text).map(Double.init),
              value.isFinite, abs(value) <= largestNumber else { return nil }
        return value
    }
}
