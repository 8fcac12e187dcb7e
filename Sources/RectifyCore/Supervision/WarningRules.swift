/// Grades an item against its deadline and its 序时进度.
///
/// In order: closed → 已销号; pending close-out → 销号审核中; no deadline → 长期坚持 for long-term
/// measures, yellow otherwise (a missing deadline is a gap the office must fill); past the deadline →
/// red; due within `dueSoonWorkingDays` or behind 序时进度 by more than `behindSchedulePoints` →
/// yellow; otherwise green.
///
/// 序时进度 = working days used in `(start, today]` ÷ working days in `(start, deadline]`, as a
/// rounded percent (0 before the start; 100 on the deadline when start and deadline coincide).
public enum WarningRules {
    public static func assess(_ input: WarningInput, today: Day, thresholds: WarningThresholds,
                              calendar: WorkingDayCalendar) -> WarningAssessment {
        var unknown = Set<Int>()
        func track<V>(_ result: WorkingDayResult<V>) -> V {
            unknown.formUnion(result.unknownYears)
            return result.value
        }

        var left: Int?
        var overdue: Int?
        var expected: Int?
        if let deadline = input.deadline {
            if today > deadline {
                overdue = track(calendar.workingDays(from: deadline, to: today))
            } else {
                left = track(calendar.workingDays(from: today, to: deadline))
            }
            let total = track(calendar.workingDays(from: input.start, to: deadline))
            if total > 0 {
                let used = min(total, max(0, track(calendar.workingDays(from: input.start, to: today))))
                expected = (used * 200 + total) / (total * 2)  // half-up rounding
            } else {
                expected = today >= deadline ? 100 : 0
            }
        }
        let behind = expected.map { $0 - input.progressPercent }.flatMap { $0 > 0 ? $0 : nil }

        func result(_ level: WarningLevel, _ reasons: [String]) -> WarningAssessment {
            WarningAssessment(level: level, reasons: reasons, workingDaysLeft: left, workingDaysOverdue: overdue,
                              expectedPercent: expected, reportedPercent: input.progressPercent,
                              behindPoints: behind, unknownYears: unknown.sorted())
        }

        switch input.status {
        case .closed:
            return result(.closed, ["已完成整改并销号"])
        case .pendingCloseOut:
            return result(.pendingCloseOut, ["已申请销号，正在审核验收"])
        case .notStarted, .inProgress, .basicallyCompleted, .reopened:
            break
        }
        guard let deadline = input.deadline else {
            return input.kind == .longTerm
                ? result(.longTerm, ["长期坚持事项，持续跟踪推进"])
                : result(.yellow, ["未设定整改期限，无法计算序时进度"])
        }
        if let overdue {
            return result(.red, [overdue > 0 ? "已超期\(overdue)个工作日" : "已超过整改期限，超期不足1个工作日"])
        }

        var reasons: [String] = []
        let daysLeft = left ?? 0
        if today == deadline {
            reasons.append("今日到期")
        } else if daysLeft == 0 {
            reasons.append("整改期限前已无工作日")
        } else if daysLeft <= thresholds.dueSoonWorkingDays {
            reasons.append("距整改期限还有\(daysLeft)个工作日")
        }
        if let behind, let expected, behind > thresholds.behindSchedulePoints {
            reasons.append("进度落后序时进度\(behind)个百分点（序时进度\(expected)%，已报进度\(input.progressPercent)%）")
        }
        if !reasons.isEmpty { return result(.yellow, reasons) }
        return result(.green, ["进度正常，距整改期限还有\(daysLeft)个工作日"])
    }
}
