import Fluent
import Foundation
import SQLKit
import RectifyCore
import Vapor

/// The escalation scan: for every open measure with a deadline, the escalation policy of its round
/// says which step it has reached; measures that reached a step not yet noticed for their current
/// deadline are put on one reminder notice per round and step. Running it twice issues nothing twice.
public struct EscalationScan: Sendable {
    public struct Result: Sendable, Equatable {
        public var noticesIssued = 0
        public var itemsNoticed = 0
        public var measuresScanned = 0
        public var skippedBecauseLeased = false
        public var unknownYears: Set<Int> = []
        /// Repeat matches suggested for problems entered since the last scan (`NewProblemRepeatScan`).
        public var repeatsSuggested = 0
    }

    static let leaseName = "escalation-scan"
    /// A notice asks for a reply this many working days after it is issued.
    static let replyWorkingDays = 5
    let holder: String
    var pageSize = 2000
    /// Counts of the open measures read, for `rectify tick`; its steps are where Ctrl-C stops the scan.
    var progress: WorkProgress?

    public init(holder: String = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))") {
        self.holder = holder
    }

    /// One scan. `periodSeconds` is the periodic job's interval: the lease is kept that long after
    /// the start, so one server of several scans per period (0 for a one-off run).
    public func run(_ app: Application, periodSeconds: Int = 0) async throws -> Result {
        // Another process may have imported a year since this one last looked.
        try await app.refreshWorkingCalendar()
        let now = app.clock.now()
        guard try await JobLeases.acquire(Self.leaseName, holder: holder, for: 600, now: now, on: app.db) else {
            return Result(skippedBecauseLeased: true)
        }
        var result = Result()
        let started = ContinuousClock.now
        defer { RectifyMetrics.scan(seconds: started.duration(to: .now), noticesIssued: result.noticesIssued) }
        do {
            try await scan(app, result: &result)
        } catch {
            try? await JobLeases.release(Self.leaseName, holder: holder, start: now, on: app.db)
            throw error
        }
        try await JobLeases.release(Self.leaseName, holder: holder, start: now, keepSeconds: periodSeconds, on: app.db)
        if !result.unknownYears.isEmpty {
            app.logger.warning("\(WorkingDayCalendar.warning(forUnknownYears: result.unknownYears.sorted()) ?? "")")
        }
        return result
    }

    private struct Due {
        var measure: Measure
        let step: EscalationStep
        let key: String
        let decision: EscalationDecision
    }

    /// The columns a decision needs, read with SQLKit: faster than whole models at province scale.
    private struct OpenMeasure: Decodable {
        let id: UUID
        let inspection_id: UUID
        let deadline: String?
        let status: String
    }

    /// One pass over every open measure in id order, a page at a time (memory stays flat), then
    /// one transaction per round that has measures due.
    private func scan(_ app: Application, result: inout Result) async throws {
        guard let sql = app.db as? any SQLDatabase else { return }
        let inspections = try await Inspection.query(on: app.db).all()
        let byID = Dictionary(uniqueKeysWithValues: inspections.compactMap { i in i.id.map { ($0, i) } })
        let policies = byID.mapValues(\.escalationPolicy)
        let calendar = app.workingCalendar
        let today = app.clock.today
        var due: [UUID: [(id: UUID, step: EscalationStep, key: String, decision: EscalationDecision)]] = [:]
        // A measure whose deadline lies beyond every policy's earliest step cannot have reached one;
        // the deadline index then skips it. Calendar days are at least working days, and twice the
        // working days plus a month covers any run of holidays.
        let earliest = policies.values.flatMap(\.steps).filter { $0.trigger.timing == .beforeDeadline }
            .map(\.trigger.workingDays).max() ?? 0
        let horizon = today.adding(days: earliest * 2 + 30).iso
        func openMeasures(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            query.from(Measure.schema)
                .where("status", .notEqual, SQLBind(RectificationStatus.closed.rawValue))
                .where("status", .notEqual, SQLBind(RectificationStatus.pendingCloseOut.rawValue))
                .where("deadline", .isNot, SQLLiteral.null)
                .where("deadline", .lessThanOrEqual, SQLBind(horizon))
        }
        if let progress {
            struct Count: Decodable { let count: Int64 }
            progress.setTotal(try await openMeasures(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count"))
                .first(decoding: Count.self)?.count)
        }
        var after: UUID?
        while true {
            var query = openMeasures(sql.select().columns("id", "inspection_id", "deadline", "status"))
            if let after { query = query.where("id", .greaterThan, SQLBind(after)) }
            let page = try await query.orderBy("id").limit(pageSize).all(decoding: OpenMeasure.self)
            guard let last = page.last else { break }
            after = last.id
            result.measuresScanned += page.count
            try progress?.advance(by: Int64(page.count))
            var candidates: [(inspection: UUID, id: UUID, step: EscalationStep, key: String, decision: EscalationDecision)] = []
            for row in page {
                guard let policy = policies[row.inspection_id] else { continue }
                let decision = policy.step(forItem: { row.id.uuidString }, deadline: row.deadline.flatMap(Day.init(iso:)),
                                           status: RectificationStatus(rawValue: row.status) ?? .notStarted,
                                           today: today, calendar: calendar)
                result.unknownYears.formUnion(decision.unknownYears)
                if let step = decision.step, let key = decision.idempotencyKey {
                    candidates.append((row.inspection_id, row.id, step, key, decision))
                }
            }
            guard !candidates.isEmpty else { continue }
            let known = Set(try await EscalationKey.query(on: app.db).filter(\.$key ~~ candidates.map(\.key))
                .field(\.$key).all().map(\.key))
            for c in candidates where !known.contains(c.key) {
                due[c.inspection, default: []].append((c.id, c.step, c.key, c.decision))
            }
        }
        for (inspectionID, items) in due.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            guard let inspection = byID[inspectionID] else { continue }
            // Each round's notices are one transaction: stopping between rounds leaves the rest
            // to the next scan, which issues nothing twice.
            try progress?.checkpoint()
            var full: [UUID: Measure] = [:]
            let ids = items.map(\.id)
            for start in stride(from: 0, to: ids.count, by: pageSize) {
                let chunk = Array(ids[start..<min(start + pageSize, ids.count)])
                for measure in try await Measure.query(on: app.db).filter(\.$id ~~ chunk).all() { full[measure.id!] = measure }
            }
            let dueMeasures = items.compactMap { item in
                full[item.id].map { Due(measure: $0, step: item.step, key: item.key, decision: item.decision) }
            }
            guard !dueMeasures.isEmpty else { continue }
            let issued = try await issue(dueMeasures, inspection: inspection, app: app)
            result.noticesIssued += issued.notices
            result.itemsNoticed += issued.items
        }
        // Self-inspection answers owed past their due day are overdue items too.
        try progress?.checkpoint()
        try await LateAnswerNotices.issue(app, today: today, calendar: calendar, result: &result)
        result.repeatsSuggested = try await NewProblemRepeatScan.run(app).suggested
    }

    private func issue(_ due: [Due], inspection: Inspection, app: Application) async throws -> (notices: Int, items: Int) {
        let inspectionID = try inspection.requireID()
        let today = app.clock.today
        let replyDue = app.workingCalendar.adding(workingDays: Self.replyWorkingDays, to: today).value
        let unitNames = try await Lookup.names(Organization.self, Set(due.compactMap(\.measure.leadUnitID)), on: app.db, name: \.$name)
        let leaderNames = try await Lookup.names(Person.self, Set(due.compactMap(\.measure.leaderID)), on: app.db, name: \.$name)
        let problemLabels = try await Lookup.names(Problem.self, Set(due.map(\.measure.problemID)), on: app.db, name: \.$label)
        // The serving secretary: one who has left is no longer addressed.
        let secretary = try await Person.query(on: app.db).filter(\.$organizationID == inspection.inspectedBodyID)
            .filter(\.$title ~~ "党组书记").filter(\.$leftOn == nil).first()?.name
        let groups = Dictionary(grouping: due, by: \.step.id)
        let steps = inspection.escalationPolicy.steps.filter { groups[$0.id] != nil }
        return try await app.db.ledgerWrite(actor: AuditActor(id: nil, name: "督办扫描"), now: app.clock.now()) { db, audit in
            var notices = 0, items = 0
            for step in steps {
                // Another scan may have noticed some of these since they were read.
                let group = groups[step.id]!
                let taken = Set(try await EscalationKey.query(on: db).filter(\.$key ~~ group.map(\.key)).field(\.$key).all().map(\.key))
                let fresh = group.filter { !taken.contains($0.key) }
                guard !fresh.isEmpty else { continue }
                var recipients: [String] = []
                for recipient in step.recipients {
                    switch recipient {
                    case .handler:
                        recipients += Set(fresh.compactMap { $0.measure.leadUnitID.flatMap { unitNames[$0] } }).sorted().map { "\($0)经办人" }
                    case .responsibleLeader:
                        recipients += Set(fresh.compactMap { $0.measure.leaderID.flatMap { leaderNames[$0] } }).sorted().map { "责任领导\($0)同志" }
                    case .unitHead:
                        recipients += Set(fresh.compactMap { $0.measure.leadUnitID.flatMap { unitNames[$0] } }).sorted().map { "\($0)主要负责人" }
                    case .partySecretary:
                        recipients.append(secretary.map { "党组书记\($0)同志" } ?? "党组书记")
                    }
                }
                if recipients.isEmpty { recipients = step.recipients.map(\.label) }
                let textItems = fresh.map { d in
                    ReminderNoticeText.Item(
                        label: (problemLabels[d.measure.problemID] ?? "") + d.measure.label, text: d.measure.text,
                        unit: d.measure.leadUnitID.flatMap { unitNames[$0] }, deadline: Day(iso: d.measure.deadline ?? "") ?? today,
                        workingDaysLeft: d.decision.workingDaysLeft, workingDaysOverdue: d.decision.workingDaysOverdue)
                }
                let last = try await ReminderNotice.query(on: db).filter(\.$inspectionID == inspectionID)
                    .filter(\.$year == today.year).max(\.$serial)
                let notice = ReminderNotice()
                notice.inspectionID = inspectionID
                notice.year = today.year
                notice.serial = (last ?? 0) + 1
                notice.title = ReminderNoticeText.title(step)
                notice.body = ReminderNoticeText.body(step: step, items: textItems, replyDue: replyDue)
                notice.issuedOn = today.iso
                notice.replyDue = replyDue.iso
                notice.recipients = String(decoding: try JSONEncoder().encode(recipients), as: UTF8.self)
                notice.state = NoticeState.issued.rawValue
                notice.version = 1
                try await notice.create(on: db)
                let noticeID = try notice.requireID()
                for d in fresh {
                    let item = NoticeItem()
                    item.noticeID = noticeID
                    item.measureID = try d.measure.requireID()
                    item.workingDaysLate = d.decision.workingDaysOverdue ?? d.decision.workingDaysLeft.map { -$0 }
                    try await item.create(on: db)
                    try await EscalationKey(key: d.key, noticeID: noticeID, measureID: item.measureID).create(on: db)
                }
                try await audit.record("issue", entity: ReminderNoticeResource.entity, id: noticeID.uuidString,
                                       after: try await ReminderNoticeResource.dto(notice, on: db))
                try await NotificationOutbox.enqueue(notice: notice, recipients: recipients, now: app.clock.now(), on: db)
                notices += 1
                items += fresh.count
            }
            return (notices, items)
        }
    }
}
