/// Builds the weekly bulletin (每周通报) from the ledger's dated histories.
///
/// Everything is computed as the ledger stood on the week's Sunday: a measure's status is its
/// last change on or before that day, its progress the last point on or before it, and measures
/// entered after Sunday do not exist yet. "This week" means Monday to Sunday; "last week's level"
/// is the level on the Sunday before the Monday. Deadlines are read as currently recorded, since
/// the ledger keeps no history of them.
public enum WeeklyBulletinBuilder {
    public static func build(week: ISOWeek, measures: [BulletinMeasure], notices: [BulletinNotice],
                             settings: BulletinSettings = BulletinSettings(),
                             calendar: WorkingDayCalendar) -> WeeklyBulletin {
        let sunday = week.sunday
        let previousSunday = week.monday.adding(days: -1)
        var unknownYears = Set(calendar.unknownYears(in: previousSunday...sunday))
        func assess(_ measure: BulletinMeasure, on day: Day) -> WarningAssessment? {
            guard let input = measure.warningInput(asOf: day) else { return nil }
            let assessment = WarningRules.assess(input, today: day, thresholds: settings.thresholds, calendar: calendar)
            unknownYears.formUnion(assessment.unknownYears)
            return assessment
        }
        func workingDays(from: Day, to: Day) -> Int {
            let result = calendar.workingDays(from: from, to: to)
            unknownYears.formUnion(result.unknownYears)
            return result.value
        }

        var levels = BulletinWarningCounts()
        var completed: [BulletinCompletion] = []
        var newlyYellow: [BulletinWarningEntry] = []
        var newlyRed: [BulletinWarningEntry] = []
        var stale: [BulletinStaleEntry] = []
        var overdueByUnit: [String: Int] = [:]
        var openByUnit: [String: Int] = [:]
        var trackedByUnit: [String: Int] = [:]
        var timelyByUnit: [String: Int] = [:]

        for measure in measures {
            guard let status = measure.status(asOf: sunday), let now = assess(measure, on: sunday) else { continue }
            levels.add(now.level)
            if now.level == .red { overdueByUnit[measure.unit, default: 0] += 1 }

            if status == .closed {
                if let closedOn = measure.closedSince(asOf: sunday), week.contains(closedOn) {
                    completed.append(BulletinCompletion(id: measure.id, label: measure.label, text: measure.text,
                                                        unit: measure.unit, leader: measure.leader,
                                                        kind: measure.kind, closedOn: closedOn))
                }
                continue
            }
            openByUnit[measure.unit, default: 0] += 1

            if now.level == .red || now.level == .yellow {
                let before = assess(measure, on: previousSunday)
                if before.map({ $0.level.urgency < now.level.urgency }) ?? true {
                    let entry = BulletinWarningEntry(
                        id: measure.id, label: measure.label, text: measure.text, unit: measure.unit,
                        leader: measure.leader, deadline: measure.deadline, level: now.level,
                        previousLevel: before?.level, reason: now.reason, workingDaysLeft: now.workingDaysLeft,
                        workingDaysOverdue: now.workingDaysOverdue)
                    if now.level == .red { newlyRed.append(entry) } else { newlyYellow.append(entry) }
                }
            }

            // A measure awaiting close-out has nothing left to report; reporting is tracked for the rest.
            guard status != .pendingCloseOut else { continue }
            let lastReport = measure.lastReport(asOf: sunday)
            let since = workingDays(from: lastReport ?? measure.start, to: sunday)
            trackedByUnit[measure.unit, default: 0] += 1
            if since >= settings.staleWorkingDays {
                stale.append(BulletinStaleEntry(id: measure.id, label: measure.label, text: measure.text,
                                                unit: measure.unit, leader: measure.leader, kind: measure.kind,
                                                start: measure.start, lastReportOn: lastReport,
                                                workingDaysSinceReport: since))
            } else {
                timelyByUnit[measure.unit, default: 0] += 1
            }
        }

        let rows = max(0, settings.topUnits)
        let overdueRanking = overdueByUnit
            .map { BulletinUnitOverdueRow(unit: $0.key, overdue: $0.value, open: openByUnit[$0.key] ?? 0) }
            .sorted { ($0.overdue, $1.unit) > ($1.overdue, $0.unit) }
        let reportingRanking = trackedByUnit
            .map { BulletinUnitReportingRow(unit: $0.key, tracked: $0.value, timely: timelyByUnit[$0.key] ?? 0) }
            .sorted(by: BulletinUnitReportingRow.worstFirst)

        let issued = notices.enumerated()
            .filter { week.contains($0.element.issuedOn) }
            .sorted { ($0.element.issuedOn, $0.offset) < ($1.element.issuedOn, $1.offset) }
            .map { entry(for: $0.element, asOf: sunday, workingDays: workingDays) }
        let unanswered = notices.enumerated()
            .filter { $0.element.issuedOn <= sunday && !$0.element.isAnswered(asOf: sunday) }
            .sorted { ($0.element.issuedOn, $0.offset) < ($1.element.issuedOn, $1.offset) }
            .map { entry(for: $0.element, asOf: sunday, workingDays: workingDays) }

        // Longest silence first; equal silences keep ledger order.
        let staleSorted = stale.enumerated()
            .sorted { ($1.element.workingDaysSinceReport, $0.offset) < ($0.element.workingDaysSinceReport, $1.offset) }
            .map(\.element)

        // The published figures come from the statistics engine, under its written counting rules.
        let figures = StatisticsEngine.compute(measures.map { m in
            StatisticsItem(id: m.id, source: .other, unitName: m.unit, leaderName: m.leader, kind: m.kind,
                           createdOn: m.createdOn, history: m.statusHistory)
        }, asOf: sunday).overall
        return WeeklyBulletin(
            week: week, weekStart: week.monday, weekEnd: sunday,
            totals: BulletinTotals(measures: figures.total, closed: figures.completed, open: figures.notCompleted,
                                   completionRate: figures.rate, levels: levels),
            completedThisWeek: completed.enumerated()
                .sorted { ($0.element.closedOn, $0.offset) < ($1.element.closedOn, $1.offset) }
                .map(\.element),
            newlyRed: newlyRed, newlyYellow: newlyYellow,
            noticesIssued: issued, noticesUnanswered: unanswered,
            overdueUnitCount: overdueRanking.count,
            unitsByOverdue: Array(overdueRanking.prefix(rows)),
            unitsByReporting: Array(reportingRanking.prefix(rows)),
            staleWorkingDays: settings.staleWorkingDays, staleReports: staleSorted,
            unknownYears: unknownYears.sorted())
    }

    private static func entry(for notice: BulletinNotice, asOf day: Day,
                              workingDays: (Day, Day) -> Int) -> BulletinNoticeEntry {
        let answered = notice.isAnswered(asOf: day)
        let overdue = !answered && notice.replyDue.map { $0 < day } == true
        let pastDue = overdue ? notice.replyDue.map { workingDays($0, day) } : nil
        return BulletinNoticeEntry(number: notice.number, title: notice.title, issuedOn: notice.issuedOn,
                                   replyDue: notice.replyDue, state: notice.state, repliedOn: notice.repliedOn,
                                   answered: answered, replyOverdue: overdue, workingDaysPastReplyDue: pastDue)
    }
}
