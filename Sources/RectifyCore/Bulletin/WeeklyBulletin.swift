/// The weekly bulletin (每周通报): the ledger's figures and lists for one ISO week, as the ledger
/// stood on the week's Sunday. Built by `WeeklyBulletinBuilder`; `paragraphs(bodyName:roundTitle:)`
/// writes it out in Chinese.
public struct WeeklyBulletin: Codable, Hashable, Sendable {
    public var week: ISOWeek
    /// The week's Monday.
    public var weekStart: Day
    /// The week's Sunday: the day every figure is taken on.
    public var weekEnd: Day
    public var totals: BulletinTotals
    /// Measures that became 已完成整改 during the week and were still closed on Sunday, by day.
    public var completedThisWeek: [BulletinCompletion]
    /// Red on Sunday, not red on the Sunday before (or new this week), in ledger order.
    public var newlyRed: [BulletinWarningEntry]
    /// Yellow on Sunday, neither yellow nor red on the Sunday before (or new this week), in ledger order.
    public var newlyYellow: [BulletinWarningEntry]
    /// Notices issued Monday to Sunday, by issue day.
    public var noticesIssued: [BulletinNoticeEntry]
    /// Notices issued by Sunday and not answered by then, by issue day.
    public var noticesUnanswered: [BulletinNoticeEntry]
    /// Units with at least one red measure on Sunday (`unitsByOverdue` may show fewer).
    public var overdueUnitCount: Int
    /// Units with red measures, most first, equal counts by unit name; at most `topUnits` rows.
    public var unitsByOverdue: [BulletinUnitOverdueRow]
    /// Units with measures needing reports, lowest timeliness first; at most `topUnits` rows.
    public var unitsByReporting: [BulletinUnitReportingRow]
    /// The stale limit the lists were built with.
    public var staleWorkingDays: Int
    /// Open measures (not awaiting close-out) without a progress report for `staleWorkingDays`
    /// working days or more, longest first.
    public var staleReports: [BulletinStaleEntry]
    /// Years without holiday data that working-day figures had to treat as Monday–Friday only.
    public var unknownYears: [Int]

    public init(week: ISOWeek, weekStart: Day, weekEnd: Day, totals: BulletinTotals,
                completedThisWeek: [BulletinCompletion], newlyRed: [BulletinWarningEntry],
                newlyYellow: [BulletinWarningEntry], noticesIssued: [BulletinNoticeEntry],
                noticesUnanswered: [BulletinNoticeEntry], overdueUnitCount: Int,
                unitsByOverdue: [BulletinUnitOverdueRow], unitsByReporting: [BulletinUnitReportingRow],
                staleWorkingDays: Int, staleReports: [BulletinStaleEntry], unknownYears: [Int]) {
        self.week = week
        self.weekStart = weekStart
        self.weekEnd = weekEnd
        self.totals = totals
        self.completedThisWeek = completedThisWeek
        self.newlyRed = newlyRed
        self.newlyYellow = newlyYellow
        self.noticesIssued = noticesIssued
        self.noticesUnanswered = noticesUnanswered
        self.overdueUnitCount = overdueUnitCount
        self.unitsByOverdue = unitsByOverdue
        self.unitsByReporting = unitsByReporting
        self.staleWorkingDays = staleWorkingDays
        self.staleReports = staleReports
        self.unknownYears = unknownYears
    }

    /// Unanswered notices whose reply deadline had passed by Sunday.
    public var overdueReplies: [BulletinNoticeEntry] { noticesUnanswered.filter(\.replyOverdue) }

    /// `2027年节假日安排尚未录入，按周一至周五计算`; `nil` when every year had data.
    public var calendarWarning: String? { WorkingDayCalendar.warning(forUnknownYears: unknownYears) }

    /// The bulletin as paragraphs of an official notice: title, summary, six numbered sections
    /// and, when holiday data was missing, a closing note.
    ///
    /// - Parameters:
    ///   - bodyName: the party organization carrying out the rectification, e.g. `市教育局党组`.
    ///   - roundTitle: the inspection whose feedback is being rectified, e.g. `市委第三轮巡察`.
    public func paragraphs(bodyName: String, roundTitle: String) -> [String] {
        let asOf = "截至\(date(weekEnd))"
        var lines = ["巡察整改进展情况通报（\(week.year)年第\(week.week)周）"]

        let levels = totals.levels
        if totals.measures == 0 {
            lines.append("\(asOf)，\(bodyName)落实\(roundTitle)反馈意见整改台账中尚无整改措施。")
        } else {
            var open = "红色预警\(levels.red)项、黄色预警\(levels.yellow)项"
            if levels.green > 0 { open += "、正常推进\(levels.green)项" }
            if levels.pendingCloseOut > 0 { open += "、销号审核中\(levels.pendingCloseOut)项" }
            if levels.longTerm > 0 { open += "、长期坚持\(levels.longTerm)项" }
            lines.append("\(asOf)，\(bodyName)落实\(roundTitle)反馈意见共有整改措施\(totals.measures)项，"
                + "已完成整改\(totals.closed)项，整改完成率\(totals.completionRate.percentText)；"
                + "尚未完成整改\(totals.open)项，其中\(open)。"
                + "本周（\(week.chineseRange)）完成整改\(completedThisWeek.count)项，"
                + "新增红色预警\(newlyRed.count)项、新增黄色预警\(newlyYellow.count)项。")
        }

        lines.append("一、本周完成整改情况")
        if completedThisWeek.isEmpty {
            lines.append("本周无新完成整改的措施。")
        } else {
            lines.append("本周完成整改\(completedThisWeek.count)项：")
            lines += numbered(completedThisWeek.map {
                "\(item($0.label, $0.text))（牵头单位：\($0.unit)；\(date($0.closedOn))完成整改）"
            })
        }

        lines.append("二、新增预警情况")
        for (entries, colour) in [(newlyRed, "红色"), (newlyYellow, "黄色")] {
            if entries.isEmpty {
                lines.append("本周无新增\(colour)预警。")
            } else {
                lines.append("本周新增\(colour)预警\(entries.count)项：")
                lines += numbered(entries.map { entry in
                    let deadline = entry.deadline.map { "整改期限：\(date($0))；" } ?? ""
                    return "\(item(entry.label, entry.text))（牵头单位：\(entry.unit)；\(deadline)\(entry.reason)）"
                })
            }
        }

        lines.append("三、督办提示签发及回复情况")
        if noticesIssued.isEmpty {
            lines.append("本周未签发督办提示。")
        } else {
            lines.append("本周签发督办提示\(noticesIssued.count)份：")
            lines += numbered(noticesIssued.map { notice in
                let reply = notice.replyDue.map { "，要求\(date($0))前回复" } ?? ""
                return "\(document(notice))（\(date(notice.issuedOn))签发\(reply)）"
            })
        }
        if noticesUnanswered.isEmpty {
            lines.append("\(asOf)，已签发的督办提示均已回复。")
        } else {
            let overdue = overdueReplies.count
            let split = overdue > 0 ? "其中\(overdue)份已超过回复期限" : "均未超过回复期限"
            lines.append("\(asOf)，尚有\(noticesUnanswered.count)份督办提示未回复，\(split)：")
            lines += numbered(noticesUnanswered.map { notice in
                var facts = ["\(date(notice.issuedOn))签发"]
                if let due = notice.replyDue { facts.append("回复期限\(date(due))") }
                if notice.replyOverdue {
                    let days = notice.workingDaysPastReplyDue ?? 0
                    facts.append(days > 0 ? "已超期\(days)个工作日未回复" : "已超过回复期限")
                }
                return "\(document(notice))（\(facts.joined(separator: "，"))）"
            })
        }

        lines.append("四、各单位超期情况")
        if levels.red == 0 {
            lines.append("\(asOf)，各单位均无超期未完成的整改措施。")
        } else {
            let units = unitsByOverdue.map { "\($0.unit)（\($0.overdue)项）" }.joined(separator: "、")
            let ranking: String
            if unitsByOverdue.isEmpty {
                ranking = ""
            } else if overdueUnitCount == 1 {
                ranking = "：\(units)"
            } else if overdueUnitCount > unitsByOverdue.count {
                ranking = "，超期措施数量居前\(unitsByOverdue.count)位的单位依次为：\(units)"
            } else {
                ranking = "，按超期措施数量由多到少依次为：\(units)"
            }
            lines.append("\(asOf)，共有\(levels.red)项整改措施超过整改期限仍未完成，涉及\(overdueUnitCount)个单位\(ranking)。")
        }

        lines.append("五、进展报送情况")
        if staleReports.isEmpty {
            lines.append("\(asOf)，无连续\(staleWorkingDays)个工作日以上未报送整改进展的措施。")
        } else {
            lines.append("\(asOf)，有\(staleReports.count)项整改措施连续\(staleWorkingDays)个工作日以上未报送整改进展：")
            lines += numbered(staleReports.map { entry in
                let silence = entry.lastReportOn.map {
                    "最近一次报送为\(date($0))，已连续\(entry.workingDaysSinceReport)个工作日未报送"
                } ?? "自\(date(entry.start))启动整改以来未报送进展，计\(entry.workingDaysSinceReport)个工作日"
                return "\(item(entry.label, entry.text))（牵头单位：\(entry.unit)；\(silence)）"
            })
        }
        let late = unitsByReporting.filter { $0.timely < $0.tracked }
        if !late.isEmpty {
            let units = late.map { "\($0.unit)（\($0.timelinessText)）" }.joined(separator: "、")
            lines.append(late.count == 1
                ? "进展报送及时率未达100%的单位为\(units)。"
                : "进展报送及时率未达100%的单位按及时率由低到高依次为：\(units)。")
        } else if !unitsByReporting.isEmpty {
            lines.append("各单位均按时报送整改进展。")
        }

        lines.append("六、下一步工作要求")
        lines.append("各单位要切实扛起巡察整改主体责任，对照整改方案和任务清单逐项推进落实。"
            + "对已超期的整改措施，要深入查找原因，明确完成时限，尽快整改到位；"
            + "对临近期限或进度滞后的整改措施，要倒排工期、挂图作战，确保按期完成；"
            + "要严格落实整改进展定期报送制度，及时、准确报送整改进展和佐证材料；"
            + "对已完成整改的措施，要巩固整改成果，建立健全长效机制，防止问题反弹回潮。"
            + "巡察整改办将持续跟踪督办，对整改不力、敷衍整改的，按照有关规定严肃问责。")

        if let warning = calendarWarning {
            lines.append("注：\(warning)，涉及工作日的数据仅供参考。")
        }
        return lines
    }

    /// `2月4日` within the bulletin's year, `2024年12月30日` otherwise.
    private func date(_ day: Day) -> String {
        day.year == week.year ? "\(day.month)月\(day.day)日" : day.chinese
    }

    /// `(3)② 建立健全…`, long texts cut at 60 characters.
    private func item(_ label: String, _ text: String) -> String {
        let short = text.count > 60 ? String(text.prefix(60)) + "……" : text
        return label.isEmpty ? short : "\(label) \(short)"
    }

    /// `2024年第5期《关于…的巡察整改工作提示》`
    private func document(_ notice: BulletinNoticeEntry) -> String {
        let title = notice.title.hasPrefix("《") ? notice.title : "《\(notice.title)》"
        return "\(notice.number)\(title)"
    }

    private func numbered(_ items: [String]) -> [String] {
        items.enumerated().map { "\($0.offset + 1). \($0.element)" }
    }
}
