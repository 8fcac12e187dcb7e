import Fluent
import Foundation
import RectifyCore
import Vapor

/// The escalation scan: for every open measure with a deadline, the escalation policy of its round
/// says which step it has reached; measures that reached a step not yet noticed for their current
/// deadline are put on one reminder notice per round and step. Running it twice issues nothing twice.
struct EscalationScan: Sendable {
    struct Result: Sendable, Equatable {
        var noticesIssued = 0
        var itemsNoticed = 0
        var measuresScanned = 0
        var skippedBecauseLeased = false
        var unknownYears: Set<Int> = []
    }

    static let leaseName = "escalation-scan"
    let holder: String
    var pageSize = 1000

    init(holder: String = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))") {
        self.holder = holder
    }

    func run(_ app: Application) async throws -> Result {
        let now = app.clock.now()
        guard try await JobLeases.acquire(Self.leaseName, holder: holder, for: 600, now: now, on: app.db) else {
            return Result(skippedBecauseLeased: true)
        }
        var result = Result()
        do {
            let inspections = try await Inspection.query(on: app.db).sort(\.$id).all()
            for inspection in inspections {
                try await scan(inspection, app: app, result: &result)
            }
        } catch {
            try? await JobLeases.release(Self.leaseName, holder: holder, now: now, on: app.db)
            throw error
        }
        try await JobLeases.release(Self.leaseName, holder: holder, now: now, on: app.db)
        if !result.unknownYears.isEmpty {
            app.logger.warning("\(WorkingDayCalendar.warning(forUnknownYears: result.unknownYears.sorted()) ?? "")")
        }
        return result
    }

    private struct Due {
        let measure: Measure
        let step: EscalationStep
        let key: String
        let decision: EscalationDecision
    }

    /// Pages through the round's open measures (memory stays flat), then issues its notices in one
    /// transaction.
    private func scan(_ inspection: Inspection, app: Application, result: inout Result) async throws {
        let inspectionID = try inspection.requireID()
        let policy = inspection.escalationPolicy
        let calendar = app.workingCalendar
        let today = app.clock.today
        var due: [Due] = []
        var after: UUID?
        while true {
            let query = Measure.query(on: app.db).filter(\.$inspectionID == inspectionID)
                .filter(\.$status !~ [RectificationStatus.closed.rawValue, RectificationStatus.pendingCloseOut.rawValue])
                .filter(\.$deadline != nil)
                .sort(\.$id).limit(pageSize)
            if let after { query.filter(\.$id > after) }
            let page = try await query.all()
            guard let last = page.last else { break }
            after = last.id
            result.measuresScanned += page.count
            var candidates: [Due] = []
            for measure in page {
                let decision = policy.step(forItem: try measure.requireID().uuidString,
                                           deadline: measure.deadline.flatMap(Day.init(iso:)),
                                           status: RectificationStatus(rawValue: measure.status) ?? .notStarted,
                                           today: today, calendar: calendar)
                result.unknownYears.formUnion(decision.unknownYears)
                if let step = decision.step, let key = decision.idempotencyKey {
                    candidates.append(Due(measure: measure, step: step, key: key, decision: decision))
                }
            }
            guard !candidates.isEmpty else { continue }
            let known = Set(try await EscalationKey.query(on: app.db).filter(\.$key ~~ candidates.map(\.key))
                .field(\.$key).all().map(\.key))
            due += candidates.filter { !known.contains($0.key) }
        }
        guard !due.isEmpty else { return }
        let issued = try await issue(due, inspection: inspection, app: app)
        result.noticesIssued += issued.notices
        result.itemsNoticed += issued.items
    }

    private func issue(_ due: [Due], inspection: Inspection, app: Application) async throws -> (notices: Int, items: Int) {
        let inspectionID = try inspection.requireID()
        let today = app.clock.today
        let replyDue = app.workingCalendar.adding(workingDays: 5, to: today).value
        let unitNames = try await Lookup.names(Organization.self, Set(due.compactMap(\.measure.leadUnitID)), on: app.db, name: \.name)
        let leaderNames = try await Lookup.names(Person.self, Set(due.compactMap(\.measure.leaderID)), on: app.db, name: \.name)
        let problemLabels = try await Lookup.names(Problem.self, Set(due.map(\.measure.problemID)), on: app.db, name: \.label)
        let secretary = try await Person.query(on: app.db).filter(\.$organizationID == inspection.inspectedBodyID)
            .filter(\.$title ~~ "党组书记").first()?.name
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
