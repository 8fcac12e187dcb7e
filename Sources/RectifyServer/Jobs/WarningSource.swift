import Fluent
import Foundation
import RectifyCore

/// Assesses measures' warning levels with their rounds' thresholds, most urgent first; shared by
/// the warnings API and the board.
enum WarningSource {
    static func assess(_ measures: [Measure], today: Day, calendar: WorkingDayCalendar, on db: Database) async throws
        -> [MeasureWarningDTO] {
        let problemLabels = try await Lookup.names(Problem.self, Set(measures.map(\.problemID)), on: db, name: \.$label)
        let inspections = try await Inspection.query(on: db).filter(\.$id ~~ Array(Set(measures.map(\.inspectionID))))
            .field(\.$id).field(\.$warningThresholdsJSON).all()
        let thresholds = Dictionary(uniqueKeysWithValues: inspections.compactMap { i in i.id.map { ($0, i.warningThresholds) } })
        return try assess(measures, problemLabels: problemLabels, thresholds: thresholds, today: today, calendar: calendar)
    }

    /// The same, with the problems' labels and the rounds' thresholds already read (the board reads
    /// them with its rows).
    static func assess(_ measures: [Measure], problemLabels: [UUID: String], thresholds: [UUID: WarningThresholds], today: Day,
                       calendar: WorkingDayCalendar) throws -> [MeasureWarningDTO] {
        var rows: [(urgency: Int, deadline: String, dto: MeasureWarningDTO)] = []
        for m in measures {
            let status = RectificationStatus(rawValue: m.status) ?? .notStarted
            let kind = MeasureKind(rawValue: m.kind) ?? .timeBound
            let assessment = WarningRules.assess(
                WarningInput(start: m.startDate.flatMap(Day.init(iso:)) ?? today, deadline: m.deadline.flatMap(Day.init(iso:)),
                             progressPercent: m.progress, status: status, kind: kind),
                today: today, thresholds: thresholds[m.inspectionID] ?? .default, calendar: calendar)
            let dto = MeasureWarningDTO(
                measureId: try m.requireID(), problemId: m.problemID, inspectionId: m.inspectionID,
                label: (problemLabels[m.problemID] ?? "") + m.label, text: m.text, leadUnitId: m.leadUnitID,
                leaderId: m.leaderID, deadline: m.deadline.flatMap(Day.init(iso:)), progress: m.progress, status: status,
                level: assessment.level, levelLabel: assessment.level.label, reason: assessment.reason,
                expectedPercent: assessment.expectedPercent, workingDaysLeft: assessment.workingDaysLeft,
                workingDaysOverdue: assessment.workingDaysOverdue, calendarWarning: assessment.calendarWarning)
            rows.append((assessment.level.urgency, m.deadline ?? "9999", dto))
        }
        rows.sort { ($0.urgency, $1.deadline) > ($1.urgency, $0.deadline) }
        return rows.map(\.dto)
    }
}
