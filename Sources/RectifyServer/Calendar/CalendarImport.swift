import Fluent
import Foundation
import RectifyCore
import Vapor

/// Imports a State Council holiday notice: reads it, compares it with the calendar in effect, and
/// (unless a dry run) stores the year and recomputes the stored deadlines counted in working days
/// from it — open reminder notices' reply dates and scheduled look-backs — in one transaction with
/// an audit event for the year and one for each item whose deadline moves. Measures' own deadlines
/// are dates set by people and stay; their warnings and reminder dates follow the new calendar,
/// and the outcome lists those that change.
///
/// A year that has data already (bundled, from the file, or imported) is replaced only when asked
/// (`replace`); a notice that says what is in effect already stores nothing.
enum CalendarImport {
    static let entity = "calendar_year"
    /// Measures listed in an outcome; all are counted.
    static let listedMeasures = 200
    /// A notice runs to a few thousand characters; this leaves room for one pasted with its page.
    static let maxNoticeCharacters = 20_000
    /// Working days from a notice's issue to its reply date (`EscalationScan`).
    static var replyWorkingDays: Int { EscalationScan.replyWorkingDays }

    /// Reads the notice; a refusal names the line, as a field error of `text`.
    static func read(_ text: String) throws -> HolidayCalendarYear {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RectifyError.invalid("text", "required", "请粘贴或上传节假日安排通知的全文")
        }
        guard text.count <= maxNoticeCharacters else {
            throw RectifyError.invalid("text", "too_long", "通知全文不能超过\(maxNoticeCharacters)个字符")
        }
        do {
            return try HolidayNoticeReader().read(text)
        } catch let error as HolidayNoticeError {
            throw RectifyError.invalid("text", "notice_refused", error.description)
        }
    }

    static func run(_ text: String, dryRun: Bool, replace: Bool, app: Application, actor: AuditActor,
                    actorID: UUID?) async throws -> CalendarImportOutcome {
        let entry = try read(text)
        let today = app.clock.today
        let base = app.calendarStore.base
        let lookBackDays = app.rectifyConfig.lookBackWorkingDays
        // Measures' warnings are only shown, so they are compared before the write: at province scale
        // that is every open measure due after the first changed day, too long to hold the write lock for.
        let preview = try await Plan.make(entry, base: base, today: today, lookBackWorkingDays: lookBackDays, measures: true, on: app.db)
        if dryRun { return try await preview.outcome(dryRun: true, stored: false, on: app.db) }
        let now = app.clock.now()
        let outcome = try await app.db.ledgerWrite(actor: actor, now: now) { db, audit in
            var plan = try await Plan.make(entry, base: base, today: today, lookBackWorkingDays: lookBackDays, measures: false, on: db)
            plan.measures = preview.measures
            plan.measuresAffected = preview.measuresAffected
            if plan.unchanged { return try await plan.outcome(dryRun: false, stored: false, on: db) }
            if let replaced = plan.replaces, !replace {
                throw RectifyError.conflict(code: "year_covered", message: "\(entry.year)年已有节假日安排（\(replaced)），与本通知不一致："
                    + "\(plan.changedDays.count)天的工作日安排将改变，\(plan.measuresAffected)项整改措施和\(plan.notices.count + plan.lookBacks.count)个期限受影响。"
                    + "确认替换请选择“替换现有安排”（命令行加 --replace）")
            }
            let record = CalendarYearRecord()
            record.year = entry.year
            record.revision = (try await CalendarYearRecord.query(on: db).max(\.$revision) ?? 0) + 1
            record.source = entry.source ?? ""
            record.holidaysJSON = try AuditTrail.json(entry.holidays) ?? "[]"
            record.adjustedWorkdaysJSON = try AuditTrail.json(entry.adjustedWorkdays) ?? "[]"
            record.noticeText = text
            record.importedByID = actorID
            record.importedBy = actor.name
            record.importedAt = now
            try await record.create(on: db)
            try await audit.record(plan.previous == nil ? "import" : "replace", entity: entity, id: String(entry.year),
                                   before: plan.previous, after: entry)
            for (notice, old, due) in plan.notices {
                let before = try await ReminderNoticeResource.dto(notice, on: db)
                // The body states the date too (`并于2027年2月5日前…报送`).
                notice.body = notice.body?.replacingOccurrences(of: "于\(old.chinese)前", with: "于\(due.chinese)前")
                notice.replyDue = due.iso
                notice.version += 1
                try await notice.save(on: db)
                try await audit.record("recalculate", entity: ReminderNoticeResource.entity, id: try notice.requireID().uuidString,
                                       before: before, after: try await ReminderNoticeResource.dto(notice, on: db))
            }
            for (check, _, day) in plan.lookBacks {
                let before = try await LookBackCheckResource.dto(check, on: db)
                check.scheduledOn = day.iso
                check.version += 1
                try await check.save(on: db)
                try await audit.record("recalculate", entity: LookBackCheckResource.entity, id: try check.requireID().uuidString,
                                       before: before, after: try await LookBackCheckResource.dto(check, on: db))
            }
            return try await plan.outcome(dryRun: false, stored: true, on: db)
        }
        if outcome.stored { try await app.refreshWorkingCalendar(force: true) }
        return outcome
    }

    /// The comparison of a notice with the calendar in effect, and what it moves.
    struct Plan {
        let entry: HolidayCalendarYear
        /// The year's entry in effect now, `nil` when the year has no data.
        let previous: HolidayCalendarYear?
        let replaces: String?
        let unchanged: Bool
        let changedDays: [WorkingDayChange]
        var measures: [CalendarImportOutcome.MeasureChange]
        var measuresAffected: Int
        let notices: [(notice: ReminderNotice, before: Day, after: Day)]
        let lookBacks: [(check: LookBackCheck, before: Day, after: Day)]

        /// `measures`: compare open measures' warnings too (the stored deadlines always are).
        static func make(_ entry: HolidayCalendarYear, base: WorkingCalendarStore.Base, today: Day, lookBackWorkingDays: Int,
                         measures withMeasures: Bool, on db: Database) async throws -> Plan {
            let (old, records) = try await WorkingCalendarStore.effective(base, on: db)
            let previous = old.years.first { $0.year == entry.year }
            var replaces: String?
            if previous != nil {
                if let record = records.last(where: { $0.year == entry.year }) {
                    replaces = "\(record.importedBy)于\(Day(record.importedAt).chinese)导入"
                } else {
                    replaces = (base.origins[entry.year] ?? .bundled).label
                }
            }
            let new: WorkingDayCalendar
            do {
                new = try old.merging(HolidayCalendarData(years: [entry]))
            } catch let error as CalendarDataError {
                throw RectifyError.invalid("text", "calendar_contradiction", "与相邻年份的节假日安排矛盾：\(error.problem)")
            }
            let changed = WorkingDayChange.between(old, new, year: entry.year)
            let unchanged = previous.map { same($0, entry) } ?? false
            guard let firstChanged = changed.first?.day else {
                return Plan(entry: entry, previous: previous, replaces: replaces, unchanged: unchanged, changedDays: [],
                            measures: [], measuresAffected: 0, notices: [], lookBacks: [])
            }
            let (measures, affected) = withMeasures
                ? try await measureChanges(old: old, new: new, today: today, from: firstChanged, on: db) : ([], 0)
            return Plan(entry: entry, previous: previous, replaces: replaces, unchanged: unchanged, changedDays: changed,
                        measures: measures, measuresAffected: affected,
                        notices: try await noticeChanges(old: old, new: new, on: db),
                        lookBacks: try await lookBackChanges(old: old, new: new, workingDays: lookBackWorkingDays, on: db))
        }

        /// Same days off and same working weekends; names and the title may be worded differently.
        static func same(_ a: HolidayCalendarYear, _ b: HolidayCalendarYear) -> Bool {
            func off(_ y: HolidayCalendarYear) -> Set<Day> { Set(y.holidays.flatMap(\.days)) }
            return off(a) == off(b) && Set(a.adjustedWorkdays) == Set(b.adjustedWorkdays)
        }

        /// Open measures whose warning or reminder dates differ between the calendars. Only
        /// deadlines on or after the first changed day can move when that day is still ahead.
        static func measureChanges(old: WorkingDayCalendar, new: WorkingDayCalendar, today: Day, from firstChanged: Day,
                                   on db: Database) async throws -> ([CalendarImportOutcome.MeasureChange], Int) {
            let query = Measure.query(on: db)
                .filter(\.$status != RectificationStatus.closed.rawValue)
                .filter(\.$status != RectificationStatus.pendingCloseOut.rawValue)
                .filter(\.$deadline != nil)
            if firstChanged > today { query.filter(\.$deadline >= firstChanged.iso) }
            let measures = try await query.sort(\.$deadline).sort(\.$id).all()
            guard !measures.isEmpty else { return ([], 0) }
            let rounds = try await Inspection.query(on: db).filter(\.$id ~~ Array(Set(measures.map(\.inspectionID))))
                .field(\.$id).field(\.$warningThresholdsJSON).field(\.$escalationPolicyJSON).all()
            let byID = Dictionary(uniqueKeysWithValues: rounds.compactMap { r in r.id.map { ($0, r) } })
            let labels = try await Lookup.names(Problem.self, Set(measures.map(\.problemID)), on: db, name: \.$label)
            var changes: [CalendarImportOutcome.MeasureChange] = []
            var affected = 0
            for m in measures {
                guard let deadline = m.deadline.flatMap(Day.init(iso:)) else { continue }
                let round = byID[m.inspectionID]
                let input = WarningInput(start: m.startDate.flatMap(Day.init(iso:)) ?? today, deadline: deadline,
                                         progressPercent: m.progress, status: RectificationStatus(rawValue: m.status) ?? .notStarted,
                                         kind: MeasureKind(rawValue: m.kind) ?? .timeBound)
                let thresholds = round?.warningThresholds ?? .default
                let before = WarningRules.assess(input, today: today, thresholds: thresholds, calendar: old)
                let after = WarningRules.assess(input, today: today, thresholds: thresholds, calendar: new)
                var steps: [CalendarImportOutcome.StepChange] = []
                for step in (round?.escalationPolicy ?? .default).steps {
                    let was = stepDay(step.trigger, deadline: deadline, calendar: old)
                    let now = stepDay(step.trigger, deadline: deadline, calendar: new)
                    if was != now, max(was, now) >= today {
                        steps.append(.init(step: "\(step.trigger.label)（\(step.documentTitle)）", before: was, after: now))
                    }
                }
                let moved = before.level != after.level || before.workingDaysLeft != after.workingDaysLeft
                    || before.workingDaysOverdue != after.workingDaysOverdue || before.expectedPercent != after.expectedPercent
                guard moved || !steps.isEmpty else { continue }
                affected += 1
                guard changes.count < listedMeasures, let id = m.id else { continue }
                changes.append(.init(measureId: id, inspectionId: m.inspectionID, label: (labels[m.problemID] ?? "") + m.label,
                                     text: m.text, deadline: deadline, before: "\(before.level.label)：\(before.reason)",
                                     after: "\(after.level.label)：\(after.reason)", steps: steps))
            }
            return (changes, affected)
        }

        /// The first day a step is reached: from it on, at most `n` working days remain to the
        /// deadline (before it), or the measure is `n` working days overdue (after it).
        static func stepDay(_ trigger: EscalationTrigger, deadline: Day, calendar: WorkingDayCalendar) -> Day {
            switch trigger.timing {
            case .afterDeadline:
                return trigger.workingDays == 0 ? deadline.adding(days: 1) : calendar.adding(workingDays: trigger.workingDays, to: deadline).value
            case .beforeDeadline:
                var day = calendar.adding(workingDays: -trigger.workingDays, to: deadline).value
                // Days off before it have as few working days left; the step is reached on the first of them.
                for _ in 0..<60 where calendar.workingDays(from: day.adding(days: -1), to: deadline).value <= trigger.workingDays {
                    day = day.adding(days: -1)
                }
                return day
            }
        }

        /// Open notices whose reply date is the scan's (five working days after issue) and falls
        /// elsewhere on the new calendar. A date an office set by hand is left alone.
        static func noticeChanges(old: WorkingDayCalendar, new: WorkingDayCalendar, on db: Database) async throws
            -> [(notice: ReminderNotice, before: Day, after: Day)] {
            let notices = try await ReminderNotice.query(on: db)
                .filter(\.$state ~~ [NoticeState.issued.rawValue, NoticeState.read.rawValue])
                .filter(\.$issuedByID == nil).filter(\.$replyDue != nil).sort(\.$issuedOn).all()
            return notices.compactMap { notice in
                guard let issued = Day(iso: notice.issuedOn), let due = notice.replyDue.flatMap(Day.init(iso:)),
                      old.adding(workingDays: replyWorkingDays, to: issued).value == due else { return nil }
                let moved = new.adding(workingDays: replyWorkingDays, to: issued).value
                return moved == due ? nil : (notice, due, moved)
            }
        }

        /// Scheduled look-backs whose date is the rule's (the configured working days after the
        /// item's close-out) and falls elsewhere on the new calendar.
        static func lookBackChanges(old: WorkingDayCalendar, new: WorkingDayCalendar, workingDays: Int,
                                    on db: Database) async throws -> [(check: LookBackCheck, before: Day, after: Day)] {
            let checks = try await LookBackCheck.query(on: db).filter(\.$result == LookBackResult.scheduled.rawValue)
                .filter(\.$performedOn == nil).sort(\.$scheduledOn).all()
            guard !checks.isEmpty else { return [] }
            let closings = try await StatusChangeRecord.query(on: db).filter(\.$problemID ~~ Array(Set(checks.map(\.problemID))))
                .filter(\.$status == RectificationStatus.closed.rawValue).all()
            var closedOn: [String: Day] = [:]
            for change in closings {
                guard let day = Day(iso: change.changedOn) else { continue }
                let key = "\(change.problemID)/\(change.measureID?.uuidString ?? "")"
                if closedOn[key].map({ day > $0 }) ?? true { closedOn[key] = day }
            }
            let before = LedgerRules(calendar: old, lookBackWorkingDays: workingDays)
            let after = LedgerRules(calendar: new, lookBackWorkingDays: workingDays)
            return checks.compactMap { check in
                guard let closed = closedOn["\(check.problemID)/\(check.measureID?.uuidString ?? "")"],
                      let scheduled = Day(iso: check.scheduledOn), before.lookBackDay(after: closed) == scheduled else { return nil }
                let moved = after.lookBackDay(after: closed)
                return moved == scheduled ? nil : (check, scheduled, moved)
            }
        }

        func outcome(dryRun: Bool, stored: Bool, on db: Database) async throws -> CalendarImportOutcome {
            var deadlines: [CalendarImportOutcome.DeadlineChange] = []
            for (notice, was, due) in notices {
                guard let id = notice.id else { continue }
                deadlines.append(.init(entity: ReminderNoticeResource.entity, id: id,
                                       label: "\(notice.year)年第\(notice.serial)期《\(notice.title)》要求回复日期", before: was, after: due))
            }
            for (check, was, day) in lookBacks {
                guard let id = check.id else { continue }
                let label = try await Problem.find(check.problemID, on: db).map { "问题“\($0.title)”的回头看日期" } ?? "回头看日期"
                deadlines.append(.init(entity: LookBackCheckResource.entity, id: id, label: label, before: was, after: day))
            }
            return CalendarImportOutcome(
                dryRun: dryRun, stored: stored, unchanged: unchanged, year: entry.year, source: entry.source ?? "",
                holidays: entry.holidays.map { .init(name: $0.name, first: $0.first, last: $0.last, days: $0.days.count) },
                adjustedWorkdays: entry.adjustedWorkdays, replaces: replaces,
                changedDays: changedDays.map { c in
                    .init(day: c.day, weekday: c.day.weekdayName,
                          before: c.wasWorkingDay ? "工作日" : "休息日", after: c.isWorkingDay ? "工作日" : "休息日",
                          holiday: c.holiday, text: c.chinese)
                },
                measuresAffected: measuresAffected, measures: measures, deadlines: deadlines)
        }
    }
}
