import Fluent
import Foundation
import RectifyCore
import SQLKit
import Vapor

/// The escalation scan's part for self-inspection tasks: an answer still owed after its due day is
/// overdue like a measure, so the overdue steps of the escalation policy of the body's latest round
/// put it on a reminder notice of that round, one per body and step. The key of the step reached is
/// kept on the answer, so a scan run twice issues nothing twice. Before-deadline steps are left out:
/// a task's few working days would reach them the day it is issued.
enum LateAnswerNotices {
    private struct LateAnswer: Decodable {
        let id: UUID
        let task_id: UUID
        let body_id: UUID
        let due_on: String
        let escalation_key: String?
    }

    private struct Due {
        let answer: LateAnswer
        let step: EscalationStep
        let key: String
        let overdue: Int
    }

    static func issue(_ app: Application, today: Day, calendar: WorkingDayCalendar, result: inout EscalationScan.Result) async throws {
        let sql = try app.db.sql
        let late = try await sql.select().columns("id", "task_id", "body_id", "due_on", "escalation_key")
            .from(SelfInspectionAnswer.schema)
            .where("state", .equal, SQLBind(SelfInspectionState.pending.rawValue))
            .where("due_on", .lessThan, SQLBind(today.iso))
            .orderBy("id").all(decoding: LateAnswer.self)
        guard !late.isEmpty else { return }
        // Each body's latest round carries the notice and lends it its policy.
        let rounds = try await Inspection.query(on: app.db).filter(\.$inspectedBodyID ~~ Array(Set(late.map(\.body_id)))).all()
        var roundOf: [UUID: Inspection] = [:]
        for round in rounds {
            if let current = roundOf[round.inspectedBodyID],
               (current.feedbackDate ?? "", current.id?.uuidString ?? "") >= (round.feedbackDate ?? "", round.id?.uuidString ?? "") { continue }
            roundOf[round.inspectedBodyID] = round
        }
        var due: [UUID: [Due]] = [:]
        for answer in late {
            guard let round = roundOf[answer.body_id], let deadline = Day(iso: answer.due_on) else { continue }
            let policy = EscalationPolicy(steps: round.escalationPolicy.steps.filter { $0.trigger.timing == .afterDeadline })
            let decision = policy.step(forItem: "self-inspection/\(answer.id.uuidString)", deadline: deadline, status: .notStarted,
                                       today: today, calendar: calendar)
            result.unknownYears.formUnion(decision.unknownYears)
            guard let step = decision.step, let key = decision.idempotencyKey, key != answer.escalation_key else { continue }
            due[answer.body_id, default: []].append(Due(answer: answer, step: step, key: key, overdue: decision.workingDaysOverdue ?? 0))
        }
        guard !due.isEmpty else { return }
        // Names, secretaries and task titles of every body noticed, read once for all of them.
        let bodies = Array(due.keys)
        let names = try await Lookup.names(Organization.self, Set(bodies), on: app.db, name: \.$name)
        var secretaries: [UUID: String] = [:]
        for person in try await Person.query(on: app.db).filter(\.$organizationID ~~ bodies.map { Optional($0) })
            .filter(\.$title ~~ "党组书记").filter(\.$leftOn == nil).sort(\.$id).all() {
            if let body = person.organizationID, secretaries[body] == nil { secretaries[body] = person.name }
        }
        let titles = try await Lookup.names(SelfInspectionTask.self, Set(due.values.flatMap { $0.map(\.answer.task_id) }), on: app.db,
                                            name: \.$title)
        for (body, items) in due.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            guard let round = roundOf[body] else { continue }
            let issued = try await issue(items, bodyName: names[body] ?? "", secretary: secretaries[body], titles: titles, round: round,
                                         app: app, today: today, calendar: calendar)
            result.noticesIssued += issued.notices
            result.itemsNoticed += issued.items
        }
    }

    private static func issue(_ items: [Due], bodyName: String, secretary: String?, titles: [UUID: String], round: Inspection,
                              app: Application, today: Day, calendar: WorkingDayCalendar) async throws -> (notices: Int, items: Int) {
        let roundID = try round.requireID()
        let replyDue = calendar.adding(workingDays: EscalationScan.replyWorkingDays, to: today).value
        let groups = Dictionary(grouping: items, by: \.step.id)
        let steps = round.escalationPolicy.steps.filter { groups[$0.id] != nil }
        return try await app.db.ledgerWrite(actor: AuditActor(id: nil, name: "督办扫描"), now: app.clock.now()) { db, audit in
            var notices = 0, noticed = 0
            for step in steps {
                let group = groups[step.id]!
                // Another scan may have noticed some of these since they were read.
                let current = try await SelfInspectionAnswer.query(on: db).filter(\.$id ~~ group.map(\.answer.id))
                    .filter(\.$state == SelfInspectionState.pending.rawValue).field(\.$id).field(\.$escalationKey).all()
                let keys = Dictionary(uniqueKeysWithValues: current.compactMap { a in a.id.map { ($0, a.escalationKey) } })
                let fresh = group.filter { keys[$0.answer.id] != nil && keys[$0.answer.id]! != $0.key }
                guard !fresh.isEmpty else { continue }
                var recipients: [String] = []
                for recipient in step.recipients {
                    switch recipient {
                    case .handler: recipients.append("\(bodyName)整改办")
                    case .responsibleLeader: continue
                    case .unitHead: recipients.append("\(bodyName)主要负责人")
                    case .partySecretary: recipients.append(secretary.map { "党组书记\($0)同志" } ?? "党组书记")
                    }
                }
                if recipients.isEmpty { recipients = ["\(bodyName)主要负责人"] }
                let last = try await ReminderNotice.query(on: db).filter(\.$inspectionID == roundID).filter(\.$year == today.year).max(\.$serial)
                let notice = ReminderNotice()
                notice.inspectionID = roundID
                notice.year = today.year
                notice.serial = (last ?? 0) + 1
                notice.title = SelfInspectionNoticeText.title(step)
                notice.body = SelfInspectionNoticeText.body(
                    bodyName: bodyName,
                    items: fresh.map { .init(title: titles[$0.answer.task_id] ?? "", dueOn: Day(iso: $0.answer.due_on) ?? today,
                                             workingDaysOverdue: $0.overdue) },
                    replyDue: replyDue)
                notice.issuedOn = today.iso
                notice.replyDue = replyDue.iso
                notice.recipients = String(decoding: try JSONEncoder().encode(recipients), as: UTF8.self)
                notice.state = NoticeState.issued.rawValue
                notice.version = 1
                try await notice.create(on: db)
                // Bookkeeping of the scan, not a change of the answer: its version stays.
                for item in fresh {
                    try await SelfInspectionAnswer.query(on: db).filter(\.$id == item.answer.id).set(\.$escalationKey, to: item.key).update()
                }
                try await audit.record("issue", entity: ReminderNoticeResource.entity, id: try notice.requireID().uuidString,
                                       after: try await ReminderNoticeResource.dto(notice, on: db))
                try await NotificationOutbox.enqueue(notice: notice, recipients: recipients, now: app.clock.now(), on: db)
                notices += 1
                noticed += fresh.count
            }
            return (notices, noticed)
        }
    }
}
