import Foundation

/// Renders a read report and its findings for the command line: JSON with sorted, stable
/// keys for machines, and a plain-text summary with Chinese labels for people.
public enum ReportRenderer {
    public static func json(_ report: ReadReport, findings: [ReportFinding], unchecked: [ReportUnchecked] = []) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(ReportAnalysis(report: report, findings: findings, unchecked: unchecked))
        return String(decoding: data, as: UTF8.self)
    }

    public static func table(_ report: ReadReport, findings: [ReportFinding], unchecked: [ReportUnchecked] = []) -> String {
        var out: [String] = []
        let round = report.round
        func day(_ value: Day?) -> String { value?.iso ?? "—" }
        out.append("巡察整改进展情况报告（\(report.format.rawValue)，\(report.lineCount)行）")
        if report.isRoundSummary { out.append("（一轮巡察多个单位的汇总通报，不逐项核对各单位问题）") }
        if !report.isComplete { out.append("（文本不完整：未见落款日期，可能在结尾前被截断）") }
        out.append("读取情况：\(report.coverage.label)")
        for quote in report.coverage.unreadSentences { out.append("  未读出数字：第\(quote.location.line)行“\(quote.text)”") }
        out.append("巡察组：\(round.inspectingGroup ?? "—")　被巡察单位：\(round.inspectedBody ?? "—")")
        out.append("巡察进驻：\(day(round.onSiteStart)) 至 \(day(round.onSiteEnd))　反馈：\(day(round.feedbackDate))")
        out.append("统计截止：\(day(round.statusDate))　落款：\(round.issuer ?? "—") \(day(round.publicationDate))")
        out.append("")
        out.append("报告所称")
        let claims = report.claims
        if claims.categories != nil || claims.aspects != nil {
            out.append("  问题分类：\(claims.categories.map { "\($0.count)类" } ?? "—")\(claims.aspects.map { "\($0.count)个方面" } ?? "")")
        }
        for claim in claims.bySource {
            let listed = report.problems(from: claim.source).count
            let parts = [
                claim.problems.map { "问题\($0.count)个（正文列出\(listed)个）" },
                claim.completed.map { "已完成\($0.count)个" },
                claim.completionRate.map { "完成率\(number($0.value))%" },
            ].compactMap { $0 }
            out.append("  \(claim.source.label)：\(parts.joined(separator: "，"))")
        }
        if let planned = claims.measuresPlanned {
            out.append("  整改措施：\(planned.count)条（正文列出\(report.measureCount)条）")
        }
        if let total = claims.accountabilityTotal {
            let ranks = claims.accountabilityByRank.map { "\($0.rank)\($0.people)人" }.joined(separator: "、")
            out.append("  问责：\(total.count)人" + (ranks.isEmpty ? "" : "（其中\(ranks)）"))
        }
        if !claims.accountabilityByForm.isEmpty {
            out.append("  问责方式：" + claims.accountabilityByForm.map { "\($0.form)\($0.people)人" }.joined(separator: "、"))
        }
        if let regulations = claims.regulations { out.append("  制度：\(regulations.count)项") }
        if !claims.meetings.isEmpty {
            out.append("  会议：" + claims.meetings.map { "\($0.count)次" }.joined(separator: "、"))
        }
        if !claims.moneyRecovered.isEmpty {
            out.append("  追回资金：" + claims.moneyRecovered.map { "\(number($0.value))元" }.joined(separator: "、"))
        }
        out.append("")
        out.append("问题清单")
        let header = [pad("来源", 18), pad("编号", 6), pad("状态", 10), pad("措施", 6), pad("位置", 8), "标题"]
        out.append("  " + header.joined())
        for problem in report.problems {
            let row = [
                pad(problem.source.label, 18), pad(problem.label.isEmpty ? String(problem.number) : problem.label, 6),
                pad(problem.status.label, 10), pad(String(problem.measures.count), 6),
                pad("第\(problem.location.line)行", 8), problem.title,
            ]
            out.append("  " + row.joined())
        }
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        out.append("")
        out.append("核查结果：错误\(counts[.error] ?? 0)条，警告\(counts[.warning] ?? 0)条，提示\(counts[.info] ?? 0)条")
        for finding in findings {
            let place = finding.quote.map { "第\($0.location.line)行" } ?? "全文"
            out.append("  [\(finding.severity.label)] \(finding.rule.rawValue)（\(place)）\(finding.message)")
            for quote in finding.quotes { out.append("      第\(quote.location.line)行“\(quote.text)”") }
        }
        if !unchecked.isEmpty {
            out.append("")
            out.append("未能核对（所需数字未从正文读出，不作判断）：\(unchecked.count)项")
            for item in unchecked {
                let place = item.quote.map { "第\($0.location.line)行" } ?? "全文"
                out.append("  \(item.rule.rawValue)（\(place)）\(item.message)")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func number(_ value: Decimal) -> String { ReportDecimal.text(value) }

    /// Columns a text takes on a terminal, East Asian characters counting two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
    }

    /// Pads to a display width, counting East Asian characters as two columns.
    private static func pad(_ text: String, _ width: Int) -> String {
        let used = displayWidth(text)
        return text + String(repeating: " ", count: max(1, width - used))
    }
}
