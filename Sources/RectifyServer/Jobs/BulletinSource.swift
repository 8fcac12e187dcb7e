import Fluent
import Foundation
import RectifyCore
import Vapor

/// Builds a round's weekly bulletin from the ledger, in a fixed number of queries.
enum BulletinSource {
    static func build(inspection: Inspection, week: ISOWeek, calendar: WorkingDayCalendar, on db: Database) async throws -> WeeklyBulletin {
        let inspectionID = try inspection.requireID()
        let measures = try await Measure.query(on: db).filter(\.$inspectionID == inspectionID).all()
        let problemLabels = try await Lookup.names(Problem.self, Set(measures.map(\.problemID)), on: db, name: \.$label)
        let units = try await Lookup.names(Organization.self, Set(measures.compactMap(\.leadUnitID)), on: db, name: \.$name)
        let leaders = try await Lookup.names(Person.self, Set(measures.compactMap(\.leaderID)), on: db, name: \.$name)
        let changes = try await StatusChangeRecord.query(on: db).filter(\.$inspectionID == inspectionID)
            .filter(\.$measureID != nil).sort(\.$changedOn).sort(\.$createdAt).all()
        var history: [UUID: [StatisticsItem.StatusChange]] = [:]
        for change in changes {
            guard let m = change.measureID, let day = Day(iso: change.changedOn),
                  let status = RectificationStatus(rawValue: change.status) else { continue }
            history[m, default: []].append(.init(day: day, status: status))
        }
        let reports = try await ProgressReport.query(on: db).filter(\.$measureID ~~ measures.compactMap(\.id))
            .filter(\.$reviewState != ReviewState.returned.rawValue)
            .field(\.$measureID).field(\.$reportDate).field(\.$progress).sort(\.$reportDate).all()
        var progress: [UUID: [BulletinProgressPoint]] = [:]
        for report in reports {
            guard let day = Day(iso: report.reportDate) else { continue }
            progress[report.measureID, default: []].append(BulletinProgressPoint(day: day, percent: report.progress))
        }
        let inputs: [BulletinMeasure] = measures.compactMap { m in
            guard let id = m.id else { return nil }
            let statusHistory = history[id] ?? []
            let created = statusHistory.first?.day ?? m.createdAt.map { Day($0) } ?? week.monday
            return BulletinMeasure(
                id: id.uuidString, label: (problemLabels[m.problemID] ?? "") + m.label, text: m.text,
                unit: m.leadUnitID.flatMap { units[$0] } ?? "未明确牵头单位", leader: m.leaderID.flatMap { leaders[$0] },
                kind: MeasureKind(rawValue: m.kind) ?? .timeBound, start: m.startDate.flatMap(Day.init(iso:)) ?? created,
                deadline: m.deadline.flatMap(Day.init(iso:)), statusHistory: statusHistory, progressHistory: progress[id] ?? [],
                reportDays: (progress[id] ?? []).map(\.day), createdOn: created)
        }
        let notices = try await ReminderNotice.query(on: db).filter(\.$inspectionID == inspectionID).all().compactMap { n -> BulletinNotice? in
            guard let issued = Day(iso: n.issuedOn) else { return nil }
            return BulletinNotice(number: "\(n.year)年第\(n.serial)期", title: n.title, issuedOn: issued,
                                  replyDue: n.replyDue.flatMap(Day.init(iso:)), state: NoticeState(rawValue: n.state) ?? .issued,
                                  repliedOn: n.repliedOn.flatMap(Day.init(iso:)))
        }
        return WeeklyBulletinBuilder.build(week: week, measures: inputs, notices: notices,
                                           settings: BulletinSettings(thresholds: inspection.warningThresholds),
                                           calendar: calendar)
    }
}
