import Foundation

/// Checks a read report against itself: claimed figures against the items listed, numbering,
/// dates against the inspection round, completed problems whose text says the work goes on,
/// and completed problems with nothing measurable to show. Word lists and patterns live in
/// `ReaderVocabulary`; rule codes and descriptions in `ReportRule`.
public struct ReportChecker: Sendable {
    public init() {}

    public func check(_ report: ReadReport) -> [ReportFinding] {
        var findings: [ReportFinding] = []
        findings += claimedCounts(report)
        findings += sectionCounts(report)
        findings += measureCount(report)
        findings += accountability(report)
        findings += numbering(report)
        findings += roundDates(report)
        findings += actionDates(report)
        findings += completedProblems(report)
        let order = Dictionary(uniqueKeysWithValues: ReportRule.allCases.enumerated().map { ($1, $0) })
        return findings.enumerated().sorted { lhs, rhs in
            let left = lhs.element.quote?.location ?? ReportLocation(line: 0)
            let right = rhs.element.quote?.location ?? ReportLocation(line: 0)
            if left != right { return left < right }
            if lhs.element.rule != rhs.element.rule { return order[lhs.element.rule]! < order[rhs.element.rule]! }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// A problem counts as completed when its heading says so, or when the report lists it
    /// without a status and claims every problem of its source is done.
    public func isCompleted(_ problem: ReportProblem, in report: ReadReport) -> Bool {
        switch problem.status {
        case .completed: return true
        case .inProgress: return false
        case .unstated:
            guard let claim = report.claims.claim(for: problem.source), let completed = claim.completed else { return false }
            return completed.count == claim.problems?.count || claim.completionRate?.value == 100
        }
    }

    // MARK: Claimed counts

    private func claimedCounts(_ report: ReadReport) -> [ReportFinding] {
        var findings: [ReportFinding] = []
        if report.problems.isEmpty, let first = report.claims.bySource.first {
            let quote = first.problems?.quote ?? first.completed?.quote ?? first.completionRate?.quote
            findings.append(ReportFinding(rule: .summaryOnly, message: "报告只列出汇总数字，未逐项列出问题及整改情况，无法逐项核对。", quote: quote))
        }
        for claim in report.claims.bySource {
            let listed = report.problems(from: claim.source)
            if let claimed = claim.problems, !listed.isEmpty, claimed.count != listed.count {
                findings.append(ReportFinding(
                    rule: .problemCount,
                    message: "报告称\(claim.source.label)问题\(claimed.count)个，正文逐项列出\(listed.count)个。",
                    quote: claimed.quote))
            }
            let stated = listed.filter { $0.status != .unstated }
            if let claimed = claim.completed, !stated.isEmpty {
                let done = listed.filter { $0.status == .completed }.count
                if done != claimed.count {
                    findings.append(ReportFinding(
                        rule: .completedCount,
                        message: "报告称\(claim.source.label)问题已完成整改\(claimed.count)个，正文标明已完成的为\(done)个。",
                        quote: claimed.quote))
                }
            }
            if let rate = claim.completionRate, let total = claim.problems, total.value > 0 {
                let completed = claim.completed?.value ?? Double(listed.filter { $0.status == .completed }.count)
                let expected = completed / total.value * 100
                let decimals = rate.quote.text.range(of: #"\d+\.\d+\s*[%％]"#, options: .regularExpression) != nil
                if abs(expected - rate.value) > (decimals ? 0.05 : 0.5) {
                    findings.append(ReportFinding(
                        rule: .completionRate,
                        message: "报告称\(claim.source.label)问题整改完成率为\(format(rate.value))%，按已完成\(format(completed))个÷问题\(total.count)个计算应为\(format(expected, digits: 1))%。",
                        quote: rate.quote))
                }
            }
        }
        return findings
    }

    private func sectionCounts(_ report: ReadReport) -> [ReportFinding] {
        report.sections.compactMap { section in
            guard let claimed = section.claimedCount, claimed != section.problemCount else { return nil }
            return ReportFinding(
                rule: .sectionCount,
                message: "标题“\(section.label)\(section.title)”称共\(claimed)个，其下实际列出\(section.problemCount)个问题。",
                quote: ReportQuote(text: section.label + section.title, location: section.location))
        }
    }

    private func measureCount(_ report: ReadReport) -> [ReportFinding] {
        guard let planned = report.claims.measuresPlanned, !report.problems.isEmpty, planned.count != report.measureCount else { return [] }
        return [ReportFinding(
            rule: .measureCount,
            message: "报告称细化整改措施\(planned.count)条，正文各问题整改情况共列出\(report.measureCount)条措施。",
            quote: planned.quote)]
    }

    // MARK: Accountability

    private func accountability(_ report: ReadReport) -> [ReportFinding] {
        guard let total = report.claims.accountabilityTotal else { return [] }
        var findings: [ReportFinding] = []
        let ranks = report.claims.accountabilityByRank
        let rankSum = ranks.reduce(0) { $0 + $1.people }
        if !ranks.isEmpty, rankSum != total.count {
            let parts = ranks.map { "\($0.rank)\($0.people)人" }.joined(separator: "、")
            findings.append(ReportFinding(
                rule: .accountabilityRanks,
                message: "报告称问责\(total.count)人，其中\(parts)，合计\(rankSum)人，与总数不符。",
                quote: total.quote))
        }
        guard !report.problems.isEmpty else { return findings }
        var counted: [(ReportProblem, Int)] = []
        var uncounted: [(ReportProblem, String)] = []
        for problem in report.problems {
            for fact in problem.facts where fact.kind == .accountability {
                if let people = fact.people { counted.append((problem, people)) } else { uncounted.append((problem, fact.text)) }
            }
        }
        let sum = counted.reduce(0) { $0 + $1.1 }
        guard sum != total.count else { return findings }
        var message = "报告称问责\(total.count)人，正文各问题中写明人数的问责合计\(sum)人"
        if !counted.isEmpty {
            message += "（" + counted.map { "\($0.0.reference)\($0.1)人" }.joined(separator: "、") + "）"
        }
        if !uncounted.isEmpty {
            message += "；另有\(uncounted.count)处问责未写明人数（" + uncounted.map { "\($0.0.reference)“\($0.1)”" }.joined(separator: "、") + "），无法核实"
        }
        message += "，与总数\(total.count)人不符。"
        // Unnumbered mentions may account for the difference, unless the items already exceed the total.
        let severity: ReportSeverity = uncounted.isEmpty || sum > total.count ? .error : .warning
        findings.append(ReportFinding(rule: .accountabilityTotal, message: message, quote: total.quote, severity: severity))
        return findings
    }

    // MARK: Numbering

    private func numbering(_ report: ReadReport) -> [ReportFinding] {
        var findings: [ReportFinding] = []
        for problem in report.problems {
            var previous = 0
            var seen = Set<Int>()
            for measure in problem.measures {
                guard let number = measure.number else { continue }
                let quote = ReportQuote(text: String(measure.text.prefix(40)), location: measure.location)
                if seen.contains(number) {
                    findings.append(ReportFinding(
                        rule: .numberingRepeat,
                        message: "\(problem.reference)的措施编号“\(measure.label)”重复出现。",
                        quote: quote, problem: problem, measureNumber: number))
                } else if number != previous + 1 {
                    let message = previous == 0
                        ? "\(problem.reference)的措施编号从“\(measure.label)”开始，而不是从1开始。"
                        : "\(problem.reference)的措施编号由\(previous)跳至\(number)（“\(measure.label)”），中间缺号。"
                    findings.append(ReportFinding(rule: .numberingGap, message: message, quote: quote, problem: problem, measureNumber: number))
                }
                seen.insert(number)
                previous = number
            }
        }
        for source in ReportSource.allCases {
            var previous: ReportProblem?
            var seen = Set<Int>()
            for problem in report.problems(from: source) where problem.labelStyle != .none {
                let quote = ReportQuote(text: problem.heading, location: problem.location)
                if let last = previous, last.labelStyle != problem.labelStyle {
                    findings.append(ReportFinding(
                        rule: .numberingMixedStyle,
                        message: "\(source.label)问题编号样式不一致：“\(last.label)”之后为“\(problem.label)”。",
                        quote: quote, problem: problem))
                }
                // Numbering may restart at 1 under a new heading (已完成/未完成 lists).
                let restarts = problem.number == 1 && previous.map { $0.sectionIndex != problem.sectionIndex } ?? true
                if restarts { seen.removeAll() }
                let expected = (restarts ? 0 : previous?.number ?? 0) + 1
                if seen.contains(problem.number) {
                    findings.append(ReportFinding(
                        rule: .numberingRepeat, message: "\(source.label)问题编号“\(problem.label)”重复出现。",
                        quote: quote, problem: problem))
                } else if problem.number != expected {
                    findings.append(ReportFinding(
                        rule: .numberingGap,
                        message: "\(source.label)问题编号“\(previous?.label ?? "")”之后为“\(problem.label)”，编号不连续。",
                        quote: quote, problem: problem))
                }
                seen.insert(problem.number)
                previous = problem
            }
        }
        var siblings: [Int: ReportSection] = [:]
        for section in report.sections {
            for depth in siblings.keys where depth > section.depth { siblings[depth] = nil }
            let quote = ReportQuote(text: section.label + section.title, location: section.location)
            if let last = siblings[section.depth] {
                if last.style != section.style {
                    findings.append(ReportFinding(
                        rule: .numberingMixedStyle,
                        message: "同级标题编号样式不一致：“\(last.label)”之后为“\(section.label)”。", quote: quote))
                }
                if section.number == last.number {
                    findings.append(ReportFinding(rule: .numberingRepeat, message: "同级标题编号“\(section.label)”重复出现。", quote: quote))
                } else if section.number != last.number + 1 {
                    findings.append(ReportFinding(
                        rule: .numberingGap,
                        message: "同级标题“\(last.label)”之后为“\(section.label)”，编号不连续。", quote: quote))
                }
            } else if section.number != 1 {
                findings.append(ReportFinding(rule: .numberingGap, message: "标题编号从“\(section.label)”开始，而不是从1开始。", quote: quote))
            }
            siblings[section.depth] = section
        }
        return findings
    }

    // MARK: Dates

    private func roundDates(_ report: ReadReport) -> [ReportFinding] {
        let round = report.round
        var findings: [ReportFinding] = []
        if let status = round.statusDate, let published = round.publicationDate, status > published {
            findings.append(ReportFinding(
                rule: .statusAfterPublication,
                message: "统计截止日\(status.chinese)晚于报告落款日期\(published.chinese)。",
                quote: round.quotes["status"]))
        }
        func order(_ earlier: Day?, _ earlierName: String, _ later: Day?, _ laterName: String, _ quoteKey: String) {
            guard let earlier, let later, later < earlier else { return }
            findings.append(ReportFinding(
                rule: .roundOrder,
                message: "\(laterName)\(later.chinese)早于\(earlierName)\(earlier.chinese)，日期顺序有误。",
                quote: round.quotes[quoteKey]))
        }
        order(round.onSiteStart, "巡察进驻日期", round.onSiteEnd, "巡察结束日期", "onSite")
        order(round.onSiteEnd, "巡察结束日期", round.feedbackDate, "反馈日期", "feedback")
        order(round.feedbackDate, "反馈日期", round.statusDate, "统计截止日", "status")
        order(round.feedbackDate, "反馈日期", round.publicationDate, "落款日期", "publication")
        return findings
    }

    private func actionDates(_ report: ReadReport) -> [ReportFinding] {
        let round = report.round
        var findings: [ReportFinding] = []
        for problem in report.problems {
            for measure in problem.measures {
                for fact in measure.facts {
                    guard let span = fact.date, span.precision == .day || span.precision == .month else { continue }
                    let quote = ReportQuote(text: fact.sentence, location: fact.location)
                    // A point in a month may fall before the start even if the month ends after it.
                    if let start = round.onSiteStart, span.form == .point || span.form == .range,
                       (span.form == .point ? span.start : span.end) < start {
                        findings.append(ReportFinding(
                            rule: .dateBeforeInspection,
                            message: "\(problem.reference)所列行动日期“\(fact.text)”早于巡察进驻日期\(start.chinese)，不应作为巡察整改成效。",
                            quote: quote, problem: problem, measureNumber: measure.number))
                    }
                    if let status = round.statusDate, span.form != .since, span.start > status {
                        findings.append(ReportFinding(
                            rule: .dateAfterStatus,
                            message: "\(problem.reference)所列日期“\(fact.text)”晚于统计截止日\(status.chinese)。",
                            quote: quote, problem: problem, measureNumber: measure.number))
                    }
                }
            }
        }
        return findings
    }

    // MARK: Completed problems

    private func completedProblems(_ report: ReadReport) -> [ReportFinding] {
        var findings: [ReportFinding] = []
        for problem in report.problems {
            let heading = ReportQuote(text: problem.heading, location: problem.location)
            if problem.measures.isEmpty {
                findings.append(ReportFinding(
                    rule: .noProgressText, message: "\(problem.reference)“\(problem.title)”没有整改情况说明。",
                    quote: heading, problem: problem))
                continue
            }
            guard isCompleted(problem, in: report) else { continue }
            var ongoing: [(ReportQuote, [String])] = []
            // One pass over the whole text first: most problems have none of the words.
            let mayContinue = ReaderVocabulary.ongoingWords.contains(problem.progressText)
            for sentence in problem.measures.flatMap(\.sentences) where mayContinue {
                let words = ongoingWords(in: sentence.text)
                if !words.isEmpty { ongoing.append((sentence, words)) }
            }
            if let (first, words) = ongoing.first {
                let more = ongoing.count > 1 ? "等\(ongoing.count)处" : ""
                findings.append(ReportFinding(
                    rule: .completedButOngoing,
                    message: "\(problem.reference)标明已完成整改，但整改情况写有“\(words.joined(separator: "”“"))”\(more)，表明工作仍在进行。",
                    quote: first, problem: problem))
            }
            if !problem.measures.contains(where: \.hasMeasurableResult) {
                let kinds = Set(problem.measures.flatMap(\.actions)).sorted().map(\.label)
                let what = kinds.isEmpty ? "没有具体行动" : "只有" + kinds.joined(separator: "、")
                findings.append(ReportFinding(
                    rule: .noMeasurableResult,
                    message: "\(problem.reference)标明已完成整改，但\(problem.measures.count)项措施\(what)，没有数量、完工、追回资金等可衡量的结果，存在纸面整改风险。",
                    quote: heading, problem: problem))
            }
        }
        return findings
    }

    /// Words of `ReaderVocabulary.ongoingWords` in `text`, leaving out the excepted uses.
    func ongoingWords(in text: String) -> [String] {
        let normalized = ReportTextNormalizer.normalize(text)
        let exceptions = ReaderVocabulary.ongoingExceptions.matches(in: normalized as NSString).map(\.range)
        var words: [String] = []
        for match in ReaderVocabulary.ongoingWords.matches(in: normalized)
        where !ReportFactExtractor.overlaps(match, exceptions) {
            let word = (normalized as NSString).substring(with: match)
            if !words.contains(word) { words.append(word) }
        }
        return words
    }

    private func format(_ value: Double, digits: Int = 2) -> String {
        if let whole = Int(exactly: value) { return String(whole) }
        return String(format: "%.\(digits)f", value)
    }
}
