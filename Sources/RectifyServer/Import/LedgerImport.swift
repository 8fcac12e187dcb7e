import Fluent
import NIOPosix
import Foundation
import RectifyCore
import RectifyDocuments
import Vapor

/// Reads a ledger workbook (整改台账) into a round: its problems and measures, with units and
/// leaders found by name (or created), all in one transaction or nothing. Statuses are not taken
/// from the workbook: progress and close-out go through reports and the close-out stages.
enum LedgerImport {
    struct Outcome: Content {
        var dryRun: Bool
        var problems: Int
        var measures: Int
        var newUnits: [String]
        var newPeople: [String]
    }

    private struct PlannedProblem {
        var source: ProblemSource
        var label: String
        var title: String
        var category: String?
        var aspect: String?
        var measures: [LedgerMeasure]
    }

    static func source(_ text: String) -> ProblemSource? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t.contains("巡察") || t.contains("巡视") { return .inspectionFeedback }
        if t.contains("书记") || t.contains("交办") { return .secretaryAssigned }
        if t.contains("自查") || t.contains("举一反三") { return .selfFound }
        return ProblemSource.allCases.first { $0.label == t }
    }

    /// "(3)标题" → ("(3)", "标题"); text without a number keeps an empty label.
    static func splitLabel(_ text: String) -> (String, String) {
        let pattern = #"^\s*(\([0-9]+\)|（[0-9]+）|[0-9]+[\.．、]|[①-⑳])\s*"#
        guard let range = text.range(of: pattern, options: .regularExpression) else { return ("", text) }
        let label = text[range].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "（", with: "(")
            .replacingOccurrences(of: "）", with: ")")
        return (label, String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces))
    }

    /// `progress` counts the problems written, inside the one transaction: a stop rolls it back.
    static func run(_ data: Data, inspection: Inspection, dryRun: Bool, limits: UploadLimits, actor: AuditActor, now: Date,
                    on db: Database, progress: ProgressOutput = .none) async throws -> Outcome {
        // Read on the blocking pool, within the upload limits (see `ReportImport.read`).
        let rows: [LedgerRow] = try await NIOThreadPool.singleton.runIfActive {
            do {
                return try LedgerWorkbookReader.read(data: data, limits: limits)
            } catch let error as LedgerWorkbookError {
                throw RectifyError.invalid("file", "unreadable_ledger", error.localizedDescription)
            } catch let refusal as UploadLimitExceeded {
                throw RectifyError.uploadLimit(refusal)
            }
        }
        var planned: [PlannedProblem] = []
        var issues: [String] = []
        var previous: LedgerProblem?
        for (index, row) in rows.enumerated() {
            // Rows of one problem repeat its cells (filled down from the merged range).
            if let previous, previous == row.problem, !planned.isEmpty {
                planned[planned.count - 1].measures.append(row.measure)
                continue
            }
            previous = row.problem
            guard let source = source(row.problem.source) else {
                issues.append("第\(index + 1)条整改措施：问题来源“\(row.problem.source)”应为巡察反馈、书记专题会交办或举一反三自查自纠")
                continue
            }
            let (label, title) = splitLabel(row.problem.title)
            if title.isEmpty { issues.append("第\(index + 1)条整改措施：具体问题不能为空") }
            if row.measure.text.trimmingCharacters(in: .whitespaces).isEmpty { issues.append("第\(index + 1)条整改措施：整改措施不能为空") }
            let parts = row.problem.category.split(whereSeparator: { $0 == "／" || $0 == "/" }).map { $0.trimmingCharacters(in: .whitespaces) }
            planned.append(PlannedProblem(source: source, label: label, title: title, category: parts.first.flatMap { $0.isEmpty ? nil : $0 },
                                          aspect: parts.count > 1 ? parts[1] : nil, measures: [row.measure]))
        }
        if planned.isEmpty { issues.append("台账中没有整改措施") }
        guard issues.isEmpty else {
            throw RectifyError.validation(issues.prefix(20).map { FieldIssue(field: "file", code: "invalid_row", message: $0) })
        }
        let inspectionID = try inspection.requireID()
        let bodyID = inspection.inspectedBodyID
        // Names are matched within the inspected body only: another body's 张伟 is not this one's.
        let bodyUnits = Array(try await OrganizationTree.subtree(of: bodyID, on: db))
        var unitByName: [String: UUID] = [:]
        for unit in try await Organization.query(on: db).filter(\.$id ~~ bodyUnits).field(\.$id).field(\.$name).all() {
            unitByName[unit.name] = unit.id
        }
        var personByName: [String: UUID] = [:]
        var departedNames: Set<String> = []
        for person in try await Person.query(on: db).filter(\.$organizationID ~~ bodyUnits.map(Optional.some))
            .field(\.$id).field(\.$name).field(\.$leftOn).sort(\.$name).sort(\.$id).all() {
            if person.leftOn != nil {
                departedNames.insert(person.name)
            } else if personByName[person.name] == nil {
                personByName[person.name] = person.id
            }
        }
        let allMeasures = planned.flatMap(\.measures)
        let wantedUnits = Set(allMeasures.flatMap { [$0.leadUnit] + $0.supportingUnits.split(separator: "、").map(String.init) }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let wantedPeople = Set(allMeasures.map { $0.leader.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        // A leader only known as left is refused rather than entered again: the ledger is out of date
        // (or the mark is wrong), and a namesake created silently would split one person's history.
        let departed = wantedPeople.filter { personByName[$0] == nil && departedNames.contains($0) }.sorted()
        if !departed.isEmpty {
            let names = departed.prefix(20).map { "“\($0)”" }.joined(separator: "、")
            throw RectifyError.invalid("file", "person_left", "责任领导\(names)已离任或调离，请在台账中改为现任责任领导，或在人员管理中撤销其离任标记")
        }
        let newUnits = wantedUnits.filter { unitByName[$0] == nil }.sorted()
        let newPeople = wantedPeople.filter { personByName[$0] == nil }.sorted()
        var outcome = Outcome(dryRun: dryRun, problems: planned.count, measures: allMeasures.count, newUnits: newUnits, newPeople: newPeople)
        guard !dryRun else { return outcome }
        let plan = planned
        let knownUnits = unitByName, knownPeople = personByName
        try await progress.start("import ledger", unit: .items("problems written"), total: Int64(plan.count)).track { writing in
            try await db.ledgerWrite(actor: actor, now: now) { tx, audit in
                var units = knownUnits, people = knownPeople
                for name in newUnits {
                    let org = Organization()
                    org.name = name; org.parentID = bodyID; org.kind = OrganizationKind.department.rawValue; org.sortOrder = 100; org.version = 1
                    try await org.create(on: tx)
                    units[name] = org.id
                    try await audit.record("import", entity: OrganizationResource.entity, id: try org.requireID().uuidString, after: try org.toDTO())
                }
                for name in newPeople {
                    let person = Person()
                    person.name = name; person.organizationID = bodyID; person.version = 1
                    try await person.create(on: tx)
                    people[name] = person.id
                    try await audit.record("import", entity: PersonResource.entity, id: try person.requireID().uuidString, after: try person.toDTO())
                }
                var next: [ProblemSource: Int] = [:]
                for source in ProblemSource.allCases {
                    next[source] = (try await Problem.query(on: tx).filter(\.$inspectionID == inspectionID)
                        .filter(\.$source == source.rawValue).max(\.$number) ?? 0) + 1
                }
                for item in plan {
                    let problem = Problem()
                    problem.inspectionID = inspectionID
                    problem.source = item.source.rawValue
                    problem.number = next[item.source]!
                    next[item.source]! += 1
                    problem.label = item.label.isEmpty ? "(\(problem.number))" : item.label
                    problem.title = item.title
                    problem.category = item.category
                    problem.aspect = item.aspect
                    problem.leadUnitID = item.measures.first.flatMap { units[$0.leadUnit] }
                    problem.status = RectificationStatus.notStarted.rawValue
                    problem.version = 1
                    try await problem.create(on: tx)
                    let problemID = try problem.requireID()
                    if let leader = item.measures.first.flatMap({ people[$0.leader] }) {
                        try await ProblemLeader(problemID: problemID, personID: leader).create(on: tx)
                    }
                    for (n, m) in item.measures.enumerated() {
                        let (label, text) = splitLabel(m.text)
                        let measure = Measure()
                        measure.problemID = problemID
                        measure.inspectionID = inspectionID
                        measure.number = n + 1
                        measure.label = label.isEmpty ? MeasureResource.defaultLabel(n + 1) : label
                        measure.text = text
                        // The kind column when the ledger has one (an exported ledger does), else a standing
                        // commitment written in the deadline cell.
                        let stated = MeasureKind.allCases.first { m.kind.contains($0.label) }
                        measure.kind = (stated ?? (m.deadline == nil && m.deadlineNote.contains("长期") ? .longTerm : .timeBound)).rawValue
                        measure.leaderID = people[m.leader]
                        measure.leadUnitID = units[m.leadUnit]
                        measure.startDate = inspection.feedbackDate
                        measure.deadline = m.deadline?.iso
                        measure.status = RectificationStatus.notStarted.rawValue
                        measure.progress = 0
                        measure.version = 1
                        try await measure.create(on: tx)
                        for (position, name) in m.supportingUnits.split(separator: "、").enumerated() {
                            if let unit = units[name.trimmingCharacters(in: .whitespaces)] {
                                try await MeasureUnit(measureID: try measure.requireID(), organizationID: unit, position: position + 1).create(on: tx)
                            }
                        }
                    }
                    try await audit.record("import", entity: ProblemResource.entity, id: problemID.uuidString,
                                           after: try await ProblemResource.dto(problem, on: tx))
                    try writing.advance()
                }
            }
        }
        outcome.dryRun = false
        return outcome
    }
}
