import Foundation

/// Checks a read report against itself: claimed figures against the items listed, numbering,
/// dates against the inspection round, completed problems whose text says the work goes on,
/// and completed problems with nothing measurable to show. Word lists and patterns live in
/// `ReaderVocabulary`; rule codes and descriptions in `ReportRule`.
public struct ReportChecker: Sendable {
    public init() {}

    public func check(_ report: ReadReport) -> [ReportFinding] {
        analyze(report).findings
    }

    /// The findings, and the checks that were not made because a figure they compare was not read.
    /// A rule fires only when every figure it compares was read from the text; counted items are
    /// compared with stated totals only when the text is whole (ends with its signature) and lists
    /// the items of one body.
    public func analyze(_ report: ReadReport) -> ReportCheck {
        var result = ReportCheck()
        claimedCounts(report, &result)
        sectionCounts(report, &result)
        measureCount(report, &result)
        accountability(report, &result)
        result.findings += numbering(report)
        result.findings += roundDates(report)
        result.findings += actionDates(report)
        undatedRound(report, &result)
        result.findings += completedProblems(report)
        let order = Dictionary(uniqueKeysWithValues: ReportRule.allCases.enumerated().map { ($1, $0) })
        result.findings = result.findings.enumerated().sorted { lhs, rhs in
            let left = lhs.element.quote?.location ?? ReportLocation(line: 0)
            let right = rhs.element.quote?.location ?? ReportLocation(line: 0)
            if left != right { return left < right }
            if lhs.element.rule != rhs.element.rule { return order[lhs.element.rule]! < order[rhs.element.rule]! }
            return lhs.offset < rhs.offset
        }.map(\.element)
        return result
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

    /// Why stated totals cannot be compared with the items the text lists, if they cannot.
    private func itemsNotComparable(_ report: ReadReport) -> String? {
        if report.isRoundSummary { return "报告汇总的是一轮巡察多个单位的情况，未逐项列出各单位问题" }
        if !report.isComplete { return "文本不完整（未见落款日期，可能在结尾前被截断），所列事项可能不全" }
        return nil
    }

    // MARK: Claimed counts

    private func claimedCounts(_ report: ReadReport, _ result: inout ReportCheck) {
        if report.problems.isEmpty, let first = report.claims.bySource.first, !report.isRoundSummary {
            let quote = first.problems?.quote ?? first.completed?.quote ?? first.completionRate?.quote
            result.findings.append(ReportFinding(rule: .summaryOnly, message: "报告只列出汇总数字，未逐项列出问题及整改情况，无法逐项核对。", quote: quote))
        }
        let notComparable = itemsNotComparable(report)
        for claim in report.claims.bySource {
            let listed = report.problems(from: claim.source)
            let label = claim.source.label
            if let claimed = claim.problems {
                if let why = notComparable {
                    result.unchecked.append(ReportUnchecked(
                        rule: .problemCount, message: "未核对\(label)问题数\(claimed.count)个：\(why)。", quote: claimed.quote))
                } else if listed.isEmpty {
                    result.unchecked.append(ReportUnchecked(
                        rule: .problemCount, message: "未核对\(label)问题数\(claimed.count)个：正文未读到逐项列出的\(label)问题。",
                        quote: claimed.quote))
                } else if claimed.count != listed.count {
                    let stated = claim.problemsDerived ? "报告分项所称\(label)问题合计\(claimed.count)个" : "报告称\(label)问题\(claimed.count)个"
                    result.findings.append(ReportFinding(
                        rule: .problemCount, message: "\(stated)，正文逐项列出\(listed.count)个。",
                        quote: claimed.quote, also: listed.prefix(1).map(heading)))
                }
            }
            // Problems whose status the text states: the completed ones among them can be counted.
            let stated = listed.filter { $0.status != .unstated }
            let everyStated = !listed.isEmpty && stated.count == listed.count && notComparable == nil
            if let claimed = claim.completed {
                if let why = notComparable {
                    result.unchecked.append(ReportUnchecked(
                        rule: .completedCount, message: "未核对已完成整改的\(label)问题数\(claimed.count)个：\(why)。", quote: claimed.quote))
                } else if everyStated {
                    let done = listed.filter { $0.status == .completed }.count
                    if done != claimed.count {
                        result.findings.append(ReportFinding(
                            rule: .completedCount, message: "报告称\(label)问题已完成整改\(claimed.count)个，正文标明已完成的为\(done)个。",
                            quote: claimed.quote))
                    }
                } else {
                    result.unchecked.append(ReportUnchecked(
                        rule: .completedCount,
                        message: "未核对已完成整改的\(label)问题数\(claimed.count)个：正文未逐项标明\(label)问题的整改状态。", quote: claimed.quote))
                }
            }
            if let rate = claim.completionRate {
                // Both the completed count and the total must be read: an unread figure is not zero.
                let completed: (value: Decimal, words: String, quote: ReportQuote?)? =
                    if let c = claim.completed { (c.value, "已完成\(c.count)个", c.quote) }
                    else if everyStated { (Decimal(listed.filter { $0.status == .completed }.count), "正文标明已完成的", nil) }
                    else { nil }
                guard let total = claim.problems, let completed, total.value > 0 else {
                    var missing: [String] = []
                    if claim.problems == nil { missing.append("\(label)问题总数") }
                    if completed == nil { missing.append("已完成整改的\(label)问题数") }
                    if missing.isEmpty { missing.append("不为零的\(label)问题总数") }
                    result.unchecked.append(ReportUnchecked(
                        rule: .completionRate,
                        message: "未核对\(label)问题整改完成率\(ReportDecimal.text(rate.value))%：未读到\(missing.joined(separator: "和"))。",
                        quote: rate.quote))
                    continue
                }
                let expected = completed.value / total.value * 100
                let decimals = rate.quote.text.range(of: #"\d+\.\d+\s*[%％]"#, options: .regularExpression) != nil
                let tolerance: Decimal = decimals ? Decimal(string: "0.05")! : Decimal(string: "0.5")!
                let difference = expected - rate.value
                if difference > tolerance || -difference > tolerance {
                    result.findings.append(ReportFinding(
                        rule: .completionRate,
                        message: "报告称\(label)问题整改完成率为\(ReportDecimal.text(rate.value))%，按\(completed.words)\(completed.quote == nil ? "\(ReportDecimal.text(completed.value))个" : "")÷问题\(total.count)个\(claim.problemsDerived ? "（分项相加）" : "")计算应为\(ReportDecimal.text(expected, digits: 1))%。",
                        quote: rate.quote, also: [total.quote] + (completed.quote.map { [$0] } ?? [])))
                }
            }
        }
    }

    private func heading(_ problem: ReportProblem) -> ReportQuote {
        ReportQuote(text: problem.heading, location: problem.location)
    }

    private func sectionCounts(_ report: ReadReport, _ result: inout ReportCheck) {
        for section in report.sections {
            guard let claimed = section.claimedCount else { continue }
            let quote = ReportQuote(text: section.label + section.title, location: section.location)
            if let why = itemsNotComparable(report) {
                result.unchecked.append(ReportUnchecked(rule: .sectionCount, message: "未核对标题所称的\(claimed)个：\(why)。", quote: quote))
            } else if section.problemCount == 0 {
                result.unchecked.append(ReportUnchecked(
                    rule: .sectionCount, message: "未核对标题所称的\(claimed)个：其下未读到逐项列出的问题。", quote: quote))
            } else if claimed != section.problemCount {
                result.findings.append(ReportFinding(
                    rule: .sectionCount,
                    message: "标题“\(section.label)\(section.title)”称共\(claimed)个，其下实际列出\(section.problemCount)个问题。",
                    quote: quote))
            }
        }
    }

    private func measureCount(_ report: ReadReport, _ result: inout ReportCheck) {
        guard let planned = report.claims.measuresPlanned else { return }
        let why = itemsNotComparable(report)
            ?? (report.problems.isEmpty ? "正文未读到逐项列出的问题" : nil)
            ?? (report.problems.contains { $0.measures.isEmpty } ? "有问题未读到逐条列出的措施" : nil)
            ?? (report.problems.contains { $0.measures.contains { m in m.number == nil && ReaderVocabulary.embeddedMeasureLabel.contains(m.text) } }
                ? "有问题的措施未能逐条分开" : nil)
        if let why {
            result.unchecked.append(ReportUnchecked(rule: .measureCount, message: "未核对整改措施数\(planned.count)条：\(why)。", quote: planned.quote))
        } else if planned.count != report.measureCount {
            result.findings.append(ReportFinding(
                rule: .measureCount,
                message: "报告称细化整改措施\(planned.count)条，正文各问题整改情况共列出\(report.measureCount)条措施。",
                quote: planned.quote))
        }
    }

    // MARK: Accountability

    private func accountability(_ report: ReadReport, _ result: inout ReportCheck) {
        let claims = report.claims
        let forms = claims.accountabilityByForm
        if let total = claims.accountabilityTotal {
            let ranks = claims.accountabilityByRank
            let rankSum = ranks.reduce(0) { $0 + $1.people }
            if !ranks.isEmpty, rankSum != total.count {
                let parts = ranks.map { "\($0.rank)\($0.people)人" }.joined(separator: "、")
                result.findings.append(ReportFinding(
                    rule: .accountabilityRanks, message: "报告称问责\(total.count)人，其中\(parts)，合计\(rankSum)人，与总数不符。",
                    quote: total.quote))
            }
            let formSum = forms.reduce(0) { $0 + $1.people }
            if !forms.isEmpty, formSum != total.count {
                let parts = forms.map { "\($0.form)\($0.people)人" }.joined(separator: "、")
                result.findings.append(ReportFinding(
                    rule: .accountabilityForms, message: "报告称问责\(total.count)人，按方式分列\(parts)，合计\(formSum)人，与总数不符。",
                    quote: total.quote, also: forms.map(\.quote)))
            }
        }
        // The total the items are compared with: stated, else nothing (a sum of forms is not a total
        // the text states).
        guard let total = claims.accountabilityTotal else { return }
        if let why = itemsNotComparable(report) ?? (report.problems.isEmpty ? "正文未逐项列出问题" : nil) {
            result.unchecked.append(ReportUnchecked(
                rule: .accountabilityTotal, message: "未核对问责总数\(total.count)人：\(why)。", quote: total.quote))
            return
        }
        var counted: [(ReportProblem, Int)] = []
        var uncounted: [(ReportProblem, String)] = []
        for problem in report.problems {
            for fact in problem.facts where fact.kind == .accountability {
                if let people = fact.people { counted.append((problem, people)) } else { uncounted.append((problem, fact.text)) }
            }
        }
        guard !counted.isEmpty else {
            result.unchecked.append(ReportUnchecked(
                rule: .accountabilityTotal, message: "未核对问责总数\(total.count)人：正文各问题中未读到写明人数的问责。", quote: total.quote))
            return
        }
        let sum = counted.reduce(0) { $0 + $1.1 }
        guard sum != total.count else { return }
        var message = "报告称问责\(total.count)人，正文各问题中写明人数的问责合计\(sum)人"
        message += "（" + counted.map { "\($0.0.reference)\($0.1)人" }.joined(separator: "、") + "）"
        if !uncounted.isEmpty {
            message += "；另有\(uncounted.count)处问责未写明人数（" + uncounted.map { "\($0.0.reference)“\($0.1)”" }.joined(separator: "、") + "），无法核实"
        }
        message += "，与总数\(total.count)人不符。"
        // Unnumbered mentions may account for the difference, unless the items already exceed the total.
        let severity: ReportSeverity = uncounted.isEmpty || sum > total.count ? .error : .warning
        result.findings.append(ReportFinding(rule: .accountabilityTotal, message: message, quote: total.quote, severity: severity))
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
                // 一是、二是… starting again inside a problem begins a new list (a sub-item, a next step): no repeat.
                if number == 1, previous > 1 {
                    seen = [1]
                    previous = 1
                    continue
                }
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
        // The last number at each depth across parents: numbering may run on under a new parent
        // (（二）下 4. 5.) as well as restart at 1.
        var lastAtDepth: [Int: Int] = [:]
        // Only the top level of the outline is checked, and only when the items were read: below it,
        // numbered headings and numbered items or measures share labels, and the reading is a guess.
        for section in report.sections where section.depth == 1 && section.style != .circled && !report.problems.isEmpty {
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
            } else if section.number != 1, section.number != (lastAtDepth[section.depth] ?? 0) + 1 {
                findings.append(ReportFinding(rule: .numberingGap, message: "标题编号从“\(section.label)”开始，而不是从1开始。", quote: quote))
            }
            siblings[section.depth] = section
            lastAtDepth[section.depth] = section.number
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

    /// Dated actions need the round's dates they are compared with; without them, say so once.
    private func undatedRound(_ report: ReadReport, _ result: inout ReportCheck) {
        let dated = report.problems.lazy.flatMap(\.measures).flatMap(\.facts)
            .first { $0.date.map { $0.precision == .day || $0.precision == .month } ?? false }
        guard let dated else { return }
        let quote = ReportQuote(text: dated.sentence, location: dated.location)
        if report.round.onSiteStart == nil {
            result.unchecked.append(ReportUnchecked(
                rule: .dateBeforeInspection, message: "未核对行动日期是否早于巡察进驻：未读到巡察进驻日期。", quote: quote))
        }
        if report.round.statusDate == nil {
            result.unchecked.append(ReportUnchecked(
                rule: .dateAfterStatus, message: "未核对行动日期是否晚于统计截止日：未读到“截至……”的统计截止日。", quote: quote))
        }
    }

    private func actionDates(_ report: ReadReport) -> [ReportFinding] {
        let round = report.round
        var findings: [ReportFinding] = []
        for problem in report.problems {
            for measure in problem.measures {
                for fact in measure.facts {
                    guard let span = fact.date, span.precision == .day || span.precision == .month else { continue }
                    // A point in a month may fall before the start even if the month ends after it.
                    let early = round.onSiteStart.flatMap { start in
                        (span.form == .point || span.form == .range) && (span.form == .point ? span.start : span.end) < start ? start : nil
                    }
                    let late = round.statusDate.flatMap { status in span.form != .since && span.start > status ? status : nil }
                    // A deadline (整改时限：…) or a plan (计划于…、自…起施行) is no action taken; looked for
                    // only where a date is out of the round, most are not.
                    guard early != nil || late != nil, !ReaderVocabulary.plannedDate.contains(fact.sentence) else { continue }
                    let quote = ReportQuote(text: fact.sentence, location: fact.location)
                    if let start = early {
                        findings.append(ReportFinding(
                            rule: .dateBeforeInspection,
                            message: "\(problem.reference)所列行动日期“\(fact.text)”早于巡察进驻日期\(start.chinese)，不应作为巡察整改成效。",
                            quote: quote, problem: problem, measureNumber: measure.number))
                    }
                    if let status = late {
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
        let found = ReaderVocabulary.ongoingWords.matches(in: normalized)
        guard !found.isEmpty else { return [] }
        let exceptions = ReaderVocabulary.ongoingExceptions.matches(in: normalized as NSString).map(\.range)
        var words: [String] = []
        for match in found
        where !ReportFactExtractor.overlaps(match, exceptions) {
            let word = (normalized as NSString).substring(with: match)
            if !words.contains(word) { words.append(word) }
        }
        return words
    }

}
