import Foundation

/// Reads the inspection round from the opening paragraph (who inspected whom, when, when the
/// feedback came), the `截至…` date of the figures, and the signature at the end.
enum ReportRoundParser {
    static func parse(outsideLines: [ReportLine], allLines: [ReportLine]) -> ReportRound {
        var round = ReportRound()
        for line in outsideLines {
            let block = ReportTextBlock(parts: [(line, 0)])
            let text = block.normalized
            let chinese = block.units.contains { ReaderVocabulary.chineseZeroes.contains($0) }
            for sentence in block.sentences(in: NSRange(location: 0, length: block.length)) {
                // Every date this reads has a year: a sentence without one (four digits before 年, or
                // Chinese numerals) is not searched.
                let hasYear = chinese || !ReportFactExtractor.digitYears(block.units, sentence).isEmpty
                let dates = !hasYear ? [] : ReaderVocabulary.yearDate(chinese: chinese).matches(in: text, range: sentence).compactMap { match in
                    ReportFactExtractor.resolveFull(ReaderMatch(match), in: block).map { (match.range, $0) }
                }
                if dates.isEmpty { continue }
                let quote = ReportQuote(text: block.originalText(sentence), location: block.location(at: sentence.location))
                let isRound = ReaderVocabulary.roundClause.contains(text, range: sentence)
                // One sentence may give both the on-site period and the feedback date.
                if round.onSiteStart == nil, isRound, let (_, span) = dates.first(where: { $0.1.form == .range }) {
                    round.onSiteStart = span.start
                    round.onSiteEnd = span.end
                    round.quotes["onSite"] = quote
                    if let group = ReaderVocabulary.inspectingGroup.firstMatch(in: text, range: sentence) {
                        round.inspectingGroup = block.original.substring(with: group.range(at: 1))
                    }
                    if let body = ReaderVocabulary.inspectedBody.firstMatch(in: text, range: sentence) {
                        round.inspectedBody = block.original.substring(with: body.range(at: 1))
                    }
                }
                if round.feedbackDate == nil, isRound, ReaderVocabulary.feedbackClause.contains(text, range: sentence),
                   // A `截至…` date is the figures' cut-off, never the feedback's day.
                   let (_, span) = dates.first(where: {
                       $0.1.precision == .day && $0.1.form == .point && !ReportFactExtractor.hasUntilPrefix(before: $0.0.location, in: block)
                   })
                    ?? yearlessFeedback(in: block, sentence: sentence, after: dates, chinese: chinese) {
                    round.feedbackDate = span.start
                    round.quotes["feedback"] = quote
                    if round.inspectingGroup == nil,
                       let group = ReaderVocabulary.inspectingGroup.firstMatch(in: text, range: sentence) {
                        round.inspectingGroup = block.original.substring(with: group.range(at: 1))
                    }
                }
                if round.statusDate == nil,
                   let (range, span) = dates.first(where: { ReportFactExtractor.hasUntilPrefix(before: $0.0.location, in: block) }),
                   range.location >= sentence.location {
                    round.statusDate = span.end
                    round.quotes["status"] = quote
                }
            }
        }
        if let last = allLines.last, let match = ReaderVocabulary.signatureDate.firstMatch(in: last.normalized as NSString) {
            let text = last.normalized as NSString
            let parts = (1...3).map { match.group($0, in: text).flatMap(ReaderNumerals.value(of:)) }
            if let year = parts[0], let month = parts[1], let day = parts[2],
               let date = Day(year: year, month: month, day: day) {
                round.publicationDate = date
                round.quotes["publication"] = ReportQuote(text: last.original, location: ReportLocation(line: last.number))
                if allLines.count >= 2 {
                    let issuer = allLines[allLines.count - 2]
                    if ReportReader.isSignatureLine(issuer) {
                        round.issuer = issuer.original
                        round.quotes["issuer"] = ReportQuote(text: issuer.original, location: ReportLocation(line: issuer.number))
                    }
                }
            }
        }
        return round
    }

    /// `2024年3月4日至4月26日…,6月12日向…反馈`: a day without its year after a dated range takes
    /// the year of that range's end; days inside the range are the range's own.
    private static func yearlessFeedback(in block: ReportTextBlock, sentence: NSRange,
                                         after dates: [(NSRange, ReportDateSpan)], chinese: Bool) -> (NSRange, ReportDateSpan)? {
        guard let (rangeOfDates, span) = dates.last else { return nil }
        let context = ReportFactExtractor.DateContext(year: span.end.year)
        for match in ReaderVocabulary.yearlessDate(chinese: chinese).matches(in: block.normalized, range: sentence)
        where match.range.location >= NSMaxRange(rangeOfDates) {
            if let before = block.unit(before: match.range.location), ReaderVocabulary.yearlessDateExcludedBefore.contains(before) {
                continue
            }
            if let day = ReportFactExtractor.resolveYearless(ReaderMatch(match), in: block, context: context), day.form == .point {
                return (match.range, day)
            }
        }
        return nil
    }
}
