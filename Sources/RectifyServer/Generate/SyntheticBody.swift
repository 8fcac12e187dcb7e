import Foundation
import RectifyCore

/// Everything generated for one inspected body (被巡察单位): the organization and its units, people,
/// users, and one or more inspection rounds (`SyntheticRound`), as rows ready to insert. Built from
/// seeded generators only, so the same seed, index, rounds and day give the same rows.
struct SyntheticBody: Sendable {
    var tables: [RowBatch]
    /// The latest round's inspection.
    let inspectionID: UUID
    let name: String
    let sector: BodySector
    let problems: Int
    let measures: Int
    /// Every problem of every round, with what was planted (`PlantedStructure`).
    let generated: [PlantedStructure.Problem]

    /// The rows, in an order that satisfies every foreign key.
    static let schema: [(String, [String])] = [
        ("organizations", ["id", "parent_id", "name", "short_name", "kind", "sector", "sort_order", "version", "created_at"]),
        ("people", ["id", "name", "rank", "title", "organization_id", "version", "created_at"]),
        ("users", ["id", "username", "display_name", "password_hash", "role", "organization_id", "active",
                   "must_change_password", "version", "created_at"]),
        ("inspections", ["id", "title", "kind", "inspecting_group", "inspected_body_id", "onsite_start", "onsite_end",
                         "feedback_date", "rectification_deadline", "status_date", "version", "created_at"]),
        ("problems", ["id", "inspection_id", "source", "category", "aspect", "number", "label", "title", "description",
                      "lead_unit_id", "deadline", "status", "version", "created_at"]),
        ("problem_leaders", ["id", "problem_id", "person_id", "position"]),
        ("measures", ["id", "problem_id", "inspection_id", "number", "label", "text", "kind", "leader_id", "lead_unit_id",
                      "start_date", "deadline", "status", "close_out_stage", "progress", "last_reported_on", "version", "created_at"]),
        ("measure_units", ["id", "measure_id", "organization_id", "position"]),
        ("status_changes", ["id", "inspection_id", "problem_id", "measure_id", "status", "changed_on", "created_at"]),
        ("progress_reports", ["id", "measure_id", "report_date", "text", "progress", "reporter_id", "reporter_name",
                              "review_state", "review_opinion", "reviewer_id", "reviewed_at", "version", "created_at"]),
        ("evidence_files", ["id", "progress_report_id", "name", "media_type", "size", "sha256", "data", "created_at"]),
        ("close_out_records", ["id", "problem_id", "measure_id", "stage", "decision", "opinion", "actor_id", "actor_name", "created_at"]),
        ("look_back_checks", ["id", "problem_id", "measure_id", "scheduled_on", "performed_on", "result", "finding",
                              "version", "created_at"]),
        ("accountability_records", ["id", "inspection_id", "person_name", "rank", "form", "decided_on", "reason",
                                    "superseded", "created_at"]),
        ("regulations", ["id", "inspection_id", "title", "document_number", "issued_on", "issuer", "superseded", "created_at"]),
        ("meetings", ["id", "inspection_id", "kind", "held_on", "title", "chair", "summary", "superseded", "created_at"]),
        ("recovered_funds", ["id", "inspection_id", "problem_id", "amount_fen", "description", "recorded_on", "superseded", "created_at"]),
        ("register_links", ["id", "register", "record_id", "problem_id"]),
        ("reminder_notices", ["id", "inspection_id", "year", "serial", "title", "body", "issued_on", "reply_due", "recipients",
                              "state", "reply", "replied_on", "issued_by_id", "version", "created_at"]),
        ("notice_items", ["id", "notice_id", "measure_id", "working_days_late"]),
        ("public_feedback", ["id", "inspection_id", "channel", "text", "contact", "state", "reply", "version", "created_at"]),
    ]

    /// Rows being collected, by table.
    final class Rows {
        private(set) var batches: [String: RowBatch] = [:]

        init() {
            for (table, columns) in SyntheticBody.schema { batches[table] = RowBatch(table, columns) }
        }

        func add(_ table: String, _ values: [(any Encodable & Sendable)?]) { batches[table]!.add(values) }

        var ordered: [RowBatch] { SyntheticBody.schema.map { batches[$0.0]! } }
    }

    /// What every round of a body needs to know about it.
    struct Frame {
        let index: Int
        let kind: BodyKind
        let sector: Sector
        /// The how-many-th body of its kind (decides the common problems and duplicates it gets).
        let ordinal: Int
        let region: String
        let name: String
        let shortName: String
        let bodyID: UUID
        let units: [(id: UUID, name: String)]
        let leaders: [(id: UUID, name: String)]
        let secretary: String
        let officeUserID: UUID
        let officeName: String
        let reporters: [UUID: (id: UUID, name: String)]
        let wording: Figures.Body
        let today: Day
        /// Whether rounds after the first repeat a problem of the round before (屡查屡犯).
        let repeats: Bool

        func reporterName(_ unit: UUID) -> String { reporters[unit]?.name ?? "责任单位填报员" }
    }

    /// Where a measure stands on the generation day; the weights give a realistic spread.
    enum Scenario: CaseIterable {
        case closed, pendingCloseOut, onTime, dueSoon, behind, overdue, longTerm, notStarted, reopened

        static let weights: [(Scenario, Int)] = [
            (.closed, 36), (.pendingCloseOut, 5), (.onTime, 28), (.dueSoon, 6), (.behind, 6),
            (.overdue, 9), (.longTerm, 5), (.notStarted, 3), (.reopened, 2),
        ]

        static func draw(_ rng: inout SeededGenerator) -> Scenario {
            var roll = rng.int(0..<100)
            for (scenario, weight) in weights {
                if roll < weight { return scenario }
                roll -= weight
            }
            return .onTime
        }
    }

    /// 10:00 Beijing time on `day`: a fixed time of day keeps timestamps deterministic.
    static func stamp(_ day: Day, minute: Int = 0) -> Date {
        Date(timeIntervalSince1970: Double(day.dayNumber * 86_400 + 2 * 3_600 + minute * 60))
    }

    /// Rounds are about two years apart, the latest in rectification on `today`, the earlier ones
    /// closed out.
    static let roundSpacing = 730

    static func make(index: Int, seed: UInt64, today: Day, rounds: Int = 1, passwordHash: String) -> SyntheticBody {
        precondition(rounds >= 1)
        var rng = SeededGenerator.forBody(seed: seed, index: index)
        let rows = Rows()

        // The body: its kind cycles fastest, so every sector has bodies even in a small ledger.
        let (kind, sectorIndex) = SectorCatalog.kinds[index % SectorCatalog.kinds.count]
        let sector = SectorCatalog.all[sectorIndex]
        let ordinal = index / SectorCatalog.kinds.count
        let region = Pools.regions[ordinal % Pools.regions.count]
        let cycle = ordinal / Pools.regions.count
        let shortName = "\(region.dropLast())\(kind.short)" + (cycle > 0 ? "\(cycle + 1)" : "")
        let name = "\(region)\(kind.name)\(kind.leadership.organ)" + (cycle > 0 ? "（第\(cycle + 1)组）" : "")
        let latestFeedback = today.adding(days: -(75 + rng.int(0..<150)))
        var roundRNGs = (0..<rounds).map { SeededGenerator.forRound(seed: seed, index: index, back: $0) }
        let feedbacks = (0..<rounds).map { back in
            back == 0 ? latestFeedback : latestFeedback.adding(days: -roundSpacing * back + roundRNGs[back].int(-30...30))
        }
        let created = stamp(feedbacks.last!.adding(days: -30))
        let bodyID = rng.uuid()
        rows.add("organizations", [bodyID, nil, name, shortName, OrganizationKind.body.rawValue, sector.key.rawValue, 0, 1, created])
        var units: [(id: UUID, name: String)] = []
        let own = kind.departments.shuffledPrefix(min(3, kind.departments.count), &rng)
        let departments = Array(own) + kind.leadership.departments.shuffledPrefix(6 + rng.int(0..<3) - own.count, &rng)
        for unit in departments {
            let id = rng.uuid()
            rows.add("organizations", [id, bodyID, unit, nil, OrganizationKind.department.rawValue, nil, units.count + 1, 1, created])
            units.append((id, unit))
        }
        for unit in kind.subordinates.shuffledPrefix(2, &rng) {
            let id = rng.uuid()
            let unitName = "\(region)\(kind.stem)\(unit)"
            rows.add("organizations", [id, bodyID, unitName, nil, OrganizationKind.subordinate.rawValue, nil, units.count + 1, 1, created])
            units.append((id, unitName))
        }
        // One team below the last subordinate unit, so unit scopes have a subtree to follow.
        let teamID = rng.uuid()
        rows.add("organizations", [teamID, units.last!.id, kind.leadership.team, nil, OrganizationKind.subordinate.rawValue,
                                   nil, units.count + 1, 1, created])

        var leaders: [(id: UUID, name: String)] = []
        let secretary = Pools.personName(&rng)
        for (n, title) in kind.leadership.posts.enumerated() {
            let id = rng.uuid()
            let person = n == 0 ? secretary : Pools.personName(&rng)
            rows.add("people", [id, person, CadreRank.division.rawValue, title, bodyID, 1, created])
            leaders.append((id, person))
        }
        for unit in units.prefix(5) {
            rows.add("people", [rng.uuid(), Pools.personName(&rng), CadreRank.section.rawValue, "\(unit.name)负责人", unit.id, 1, created])
        }

        // Users: the office, a leader, and a reporter for every unit.
        let officeUserID = rng.uuid(), officeName = "整改办 \(Pools.personName(&rng))"
        rows.add("users", [officeUserID, "g\(index)-office", officeName, passwordHash, Role.office.rawValue, bodyID, true, false, 1, created])
        rows.add("users", [rng.uuid(), "g\(index)-leader", "\(secretary)（\(kind.secretaryPost)）", passwordHash, Role.leader.rawValue,
                           bodyID, true, false, 1, created])
        var reporters: [UUID: (id: UUID, name: String)] = [:]
        for (n, unit) in units.enumerated() {
            let id = rng.uuid(), display = "\(unit.name)填报员"
            rows.add("users", [id, "g\(index)-u\(n + 1)", display, passwordHash, Role.unitReporter.rawValue, unit.id, true, false, 1, created])
            reporters[unit.id] = (id, display)
        }

        let frame = Frame(index: index, kind: kind, sector: sector, ordinal: ordinal, region: region, name: name, shortName: shortName,
                          bodyID: bodyID, units: units, leaders: leaders, secretary: secretary, officeUserID: officeUserID,
                          officeName: officeName, reporters: reporters,
                          wording: Figures.Body(field: sector.field, organ: kind.leadership.organ, level: String(region.last!),
                                                units: units.map(\.name)),
                          today: today, repeats: rounds > 1 && PlantedStructure.repeats(seed: seed, index: index))

        // The rounds, oldest first, so a later round can repeat a problem of the one before.
        var previous: SyntheticRound.Outcome? = nil
        var generated: [PlantedStructure.Problem] = []
        var latest: SyntheticRound.Outcome? = nil
        var problemTotal = 0, measureTotal = 0
        for back in stride(from: rounds - 1, through: 0, by: -1) {
            let plan = SyntheticRound.Plan(round: rounds - 1 - back, back: back, feedback: feedbacks[back])
            let outcome = SyntheticRound.build(plan, frame, rows, previous: previous, &roundRNGs[back])
            generated += outcome.problems
            problemTotal += outcome.problems.count
            measureTotal += outcome.measures
            previous = outcome
            latest = outcome
        }
        return SyntheticBody(tables: rows.ordered, inspectionID: latest!.inspectionID, name: name, sector: sector.key,
                             problems: problemTotal, measures: measureTotal, generated: generated)
    }
}

extension Array {
    /// The first `count` elements of a seeded shuffle.
    func shuffledPrefix(_ count: Int, _ rng: inout SeededGenerator) -> ArraySlice<Element> {
        var copy = self
        for i in stride(from: copy.count - 1, to: 0, by: -1) { copy.swapAt(i, rng.int(0...i)) }
        return copy.prefix(count)
    }
}
