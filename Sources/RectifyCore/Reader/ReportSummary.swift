import Foundation

/// One report's row in a check of many reports (`rectify check DIR`): what it states beside what
/// was counted in it, its findings by severity and how much could not be checked. An unreadable
/// file has a row too, saying why.
public struct ReportSummary: Codable, Sendable, Hashable {
    public var file: String
    /// Why the file could not be read; nil when it was.
    public var readError: String?
    public var body: String?
    public var inspectingGroup: String?
    public var onSiteStart: Day?
    public var onSiteEnd: Day?
    public var feedbackDate: Day?
    public var statusDate: Day?
    /// Figures the text states (nil when it does not) and what was counted in its item list.
    public var statedProblems: Int?
    public var listedProblems: Int = 0
    public var statedCompleted: Int?
    /// Problems marked completed; nil when the items carry no status.
    public var listedCompleted: Int?
    public var statedOngoing: Int?
    public var completionRate: String?
    public var statedMeasures: Int?
    public var listedMeasures: Int = 0
    public var accountabilityTotal: Int?
    /// `诫勉谈话2人、批评教育5人`
    public var accountabilityByForm: String = ""
    /// Money stated, in yuan with two decimals.
    public var money: [String] = []
    public var errors = 0, warnings = 0, notes = 0
    public var unchecked = 0
    /// Summary sentences with figures: read from, and in all.
    public var figureSentencesRead = 0, figureSentences = 0
    public var complete = true
    public var roundSummary = false

    public init(file: String, readError: String) {
        self.file = file
        self.readError = readError
    }

    public init(file: String, report: ReadReport, check: ReportCheck) {
        self.file = file
        let round = report.round
        body = round.inspectedBody
        inspectingGroup = round.inspectingGroup
        onSiteStart = round.onSiteStart
        onSiteEnd = round.onSiteEnd
        feedbackDate = round.feedbackDate
        statusDate = round.statusDate
        let claims = report.claims.bySource
        func sum(_ values: [ReportClaimedValue?]) -> Int? {
            let read = values.compactMap { $0 }
            return read.isEmpty ? nil : read.reduce(0) { $0 + $1.count }
        }
        statedProblems = sum(claims.map(\.problems))
        statedCompleted = sum(claims.map(\.completed))
        statedOngoing = sum(claims.map(\.ongoing))
        completionRate = report.claims.completionRate.map { ReportDecimal.text($0.value, digits: 1) + "%" }
        listedProblems = report.problems.count
        let withStatus = report.problems.filter { $0.status != .unstated }
        listedCompleted = withStatus.isEmpty ? nil : withStatus.filter { $0.status == .completed }.count
        statedMeasures = report.claims.measuresPlanned?.count
        listedMeasures = report.measureCount
        accountabilityTotal = report.claims.accountabilityTotal?.count
        accountabilityByForm = report.claims.accountabilityByForm.map { "\($0.form)\($0.people)人" }.joined(separator: "、")
        money = report.claims.moneyRecovered.map { ReportDecimal.yuan($0.value) }
        errors = check.findings.filter { $0.severity == .error }.count
        warnings = check.findings.filter { $0.severity == .warning }.count
        notes = check.findings.filter { $0.severity == .info }.count
        unchecked = check.unchecked.count
        figureSentencesRead = report.coverage.summarySentencesRead
        figureSentences = report.coverage.summarySentencesWithFigures
        complete = report.isComplete
        roundSummary = report.isRoundSummary
    }

    /// Column titles of the table, CSV and workbook, in the order of `cells`.
    public static let header = [
        "文件", "读取", "被巡察单位", "巡察组", "进驻日期", "反馈日期", "统计截止", "所称问题数", "列出问题数", "所称已完成", "标明已完成",
        "所称未完成", "完成率", "所称措施数", "列出措施数", "问责人数", "问责方式", "追回资金（元）", "错误", "警告", "提示", "未能核对", "文本",
        "汇总含数字句（读出/共）",
    ]

    /// The row's values as text, in the order of `header` (empty where nothing was stated).
    public var cells: [String] {
        func number(_ value: Int?) -> String { value.map(String.init) ?? "" }
        let text = readError == nil ? (roundSummary ? "轮次汇总" : complete ? "完整" : "不完整") : ""
        return [
            file, readError.map { "未能读取：\($0)" } ?? "已读取", body ?? "", inspectingGroup ?? "",
            [onSiteStart?.iso, onSiteEnd?.iso].compactMap { $0 }.joined(separator: "至"), feedbackDate?.iso ?? "",
            statusDate?.iso ?? "", number(statedProblems), readError == nil ? String(listedProblems) : "", number(statedCompleted),
            number(listedCompleted), number(statedOngoing), completionRate ?? "", number(statedMeasures),
            readError == nil ? String(listedMeasures) : "", number(accountabilityTotal), accountabilityByForm,
            money.joined(separator: "、"), readError == nil ? String(errors) : "", readError == nil ? String(warnings) : "",
            readError == nil ? String(notes) : "", readError == nil ? String(unchecked) : "", text,
            readError == nil ? "\(figureSentencesRead)/\(figureSentences)" : "",
        ]
    }

    /// RFC 4180 CSV with a header row, CRLF line ends.
    public static func csv(_ rows: [ReportSummary]) -> String {
        func field(_ value: String) -> String {
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([header] + rows.map(\.cells)).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A terminal table: the columns people compare first, then each unreadable file's reason.
    public static func table(_ rows: [ReportSummary]) -> String {
        let columns = [0, 2, 7, 8, 9, 10, 12, 18, 19, 21, 22]
        let widths = columns.map { column in
            ([header[column]] + rows.map { $0.cells[column] }).map(ReportRenderer.displayWidth).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(columns, widths).map { column, width in
                let value = cells[column]
                return value + String(repeating: " ", count: max(0, width - ReportRenderer.displayWidth(value)))
            }.joined(separator: "  ")
        }
        var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map { line($0.cells) }
        let failed = rows.filter { $0.readError != nil }
        let findings = rows.reduce(0) { $0 + $1.errors + $1.warnings }
        out.append("")
        out.append("共\(rows.count)份报告，读取\(rows.count - failed.count)份，未能读取\(failed.count)份；错误和警告共\(findings)条，未能核对\(rows.reduce(0) { $0 + $1.unchecked })项。")
        for row in failed { out.append("  未能读取 \(row.file)：\(row.readError ?? "")") }
        return out.joined(separator: "\n") + "\n"
    }
}
