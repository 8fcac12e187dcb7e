import Foundation
import RectifyCore

/// Everything generated for one inspected body (被巡察单位): the organization and its units, people,
/// users, one inspection round with its problems, measures, progress reports, evidence, close-out
/// trail, look-back checks, registers, notices and public feedback, as rows ready to insert.
/// Built from a seeded generator only, so the same seed, index and day give the same rows.
struct SyntheticBody: Sendable {
    var tables: [RowBatch]
    let inspectionID: UUID
    let name: String
    let problems: Int
    let measures: Int

    /// The rows, in an order that satisfies every foreign key.
    static let schema: [(String, [String])] = [
        ("organizations", ["id", "parent_id", "name", "short_name", "kind", "sort_order", "version", "created_at"]),
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

    static func make(index: Int, seed: UInt64, today: Day, passwordHash: String) -> SyntheticBody {
        var rng = SeededGenerator.forBody(seed: seed, index: index)
        var t: [String: RowBatch] = [:]
        for (table, columns) in schema { t[table] = RowBatch(table, columns) }
        func add(_ table: String, _ values: [(any Encodable & Sendable)?]) { t[table]!.add(values) }

        // The body, its units and people.
        let region = Pools.regions[index % Pools.regions.count]
        let bureau = Pools.bureaus[(index / Pools.regions.count) % Pools.bureaus.count]
        let cycle = index / (Pools.regions.count * Pools.bureaus.count)
        let shortName = "\(region.dropLast())\(bureau.short)" + (cycle > 0 ? "\(cycle + 1)" : "")
        let name = "\(region)\(bureau.name)党组" + (cycle > 0 ? "（第\(cycle + 1)组）" : "")
        let feedback = today.adding(days: -(75 + rng.int(0..<150)))
        let created = stamp(feedback.adding(days: -30))
        let bodyID = rng.uuid()
        add("organizations", [bodyID, nil, name, shortName, OrganizationKind.body.rawValue, 0, 1, created])
        var units: [(id: UUID, name: String)] = []
        let departmentCount = 6 + rng.int(0..<3)
        let departments = Array(Pools.departments.shuffledPrefix(departmentCount, &rng))
        for unit in departments {
            let id = rng.uuid()
            add("organizations", [id, bodyID, unit, nil, OrganizationKind.department.rawValue, units.count + 1, 1, created])
            units.append((id, unit))
        }
        for unit in Pools.subordinates.shuffledPrefix(2, &rng) {
            let id = rng.uuid()
            let unitName = "\(region)\(bureau.name.replacingOccurrences(of: "局", with: ""))\(unit)"
            add("organizations", [id, bodyID, unitName, nil, OrganizationKind.subordinate.rawValue, units.count + 1, 1, created])
            units.append((id, unitName))
        }
        // One team below the last subordinate unit, so unit scopes have a subtree to follow.
        let teamID = rng.uuid()
        add("organizations", [teamID, units.last!.id, "综合执法一中队", nil, OrganizationKind.subordinate.rawValue, units.count + 1, 1, created])

        var leaders: [(id: UUID, name: String)] = []
        let secretary = Pools.personName(&rng)
        for (n, title) in ["党组书记、局长", "党组成员、副局长", "党组成员、副局长", "党组成员、纪检监察组组长"].enumerated() {
            let id = rng.uuid()
            let person = n == 0 ? secretary : Pools.personName(&rng)
            add("people", [id, person, CadreRank.division.rawValue, title, bodyID, 1, created])
            leaders.append((id, person))
        }
        for unit in units.prefix(5) {
            add("people", [rng.uuid(), Pools.personName(&rng), CadreRank.section.rawValue, "\(unit.name)负责人", unit.id, 1, created])
        }

        // Users: the office, a leader, and a reporter for every unit.
        let officeUserID = rng.uuid(), officeName = "整改办 \(Pools.personName(&rng))"
        add("users", [officeUserID, "g\(index)-office", officeName, passwordHash, Role.office.rawValue, bodyID, true, false, 1, created])
        add("users", [rng.uuid(), "g\(index)-leader", "\(secretary)（党组书记）", passwordHash, Role.leader.rawValue, bodyID, true, false, 1, created])
        var reporters: [UUID: (id: UUID, name: String)] = [:]
        for (n, unit) in units.enumerated() {
            let id = rng.uuid(), display = "\(unit.name)填报员"
            add("users", [id, "g\(index)-u\(n + 1)", display, passwordHash, Role.unitReporter.rawValue, unit.id, true, false, 1, created])
            reporters[unit.id] = (id, display)
        }

        // The round.
        let inspectionID = rng.uuid()
        let round = 3 + index % 7
        add("inspections", [inspectionID, "市委第\(Pools.chineseNumber(round))轮巡察（\(shortName)）", "inspection",
                            "中共\(region)委第\(Pools.chineseNumber(1 + index % 9))巡察组", bodyID,
                            feedback.adding(days: -80).iso, feedback.adding(days: -40).iso, feedback.iso,
                            feedback.adding(days: 180).iso, today.iso, 1, stamp(feedback)])

        // Problems and measures.
        let sources: [ProblemSource] = Array(repeating: .inspectionFeedback, count: 24) + Array(repeating: .secretaryAssigned, count: 4)
            + Array(repeating: .selfFound, count: 5) + [.other]
        var numberBySource: [ProblemSource: Int] = [:]
        var problemIDs: [UUID] = []
        var overdueMeasures: [(id: UUID, daysLate: Int)] = []
        var measureTotal = 0
        let reporterName = { (unit: UUID) in reporters[unit]?.name ?? "责任单位填报员" }
        for source in sources {
            let problemID = rng.uuid()
            problemIDs.append(problemID)
            let number = (numberBySource[source] ?? 0) + 1
            numberBySource[source] = number
            let categoryIndex = rng.int(0..<Pools.categories.count)
            let category = Pools.categories[categoryIndex]
            let aspect = rng.pick(category.aspects)
            let topic = rng.pick(Pools.problemTopics)
            let measureCount = [3, 4, 4, 3, 5, 4, 3, 4][rng.int(0..<8)]
            let leader = leaders[rng.int(0..<leaders.count)]
            var leadUnit = units[rng.int(0..<units.count)].id
            var problemDeadline = feedback.adding(days: 90)
            var scenarios: [Scenario] = []
            var lastClose = feedback
            let problemCreated = stamp(feedback.adding(days: 3))
            for m in 1...measureCount {
                let measureID = rng.uuid()
                measureTotal += 1
                let scenario = Scenario.draw(&rng)
                scenarios.append(scenario)
                let unit = units[rng.int(0..<units.count)].id
                if m == 1 { leadUnit = unit }
                let measureLeader = rng.chance(0.7) ? leader : leaders[rng.int(0..<leaders.count)]
                let start = feedback.adding(days: rng.int(1...7))
                var kind: MeasureKind = rng.chance(0.2) ? .immediate : .timeBound
                var deadline: Day? = nil
                var status: RectificationStatus = .inProgress
                var progress = 0
                var stage: String? = nil
                var closedOn: Day? = nil
                // The day reporting stopped: closing, or today for open measures.
                var reportsEnd = today.adding(days: -rng.int(0...6))
                switch scenario {
                case .closed, .reopened:
                    let close = start.adding(days: 20 + rng.int(0..<max(1, start.days(until: today) - 25)))
                    closedOn = close
                    deadline = close.adding(days: rng.int(0..<30))
                    status = scenario == .closed ? .closed : .reopened
                    progress = 100
                    reportsEnd = close.adding(days: -4)
                    lastClose = max(lastClose, close)
                case .pendingCloseOut:
                    deadline = today.adding(days: rng.int(-5..<30)); status = .pendingCloseOut; progress = 100
                    stage = CloseOutStage.officeReview.rawValue
                case .onTime:
                    deadline = today.adding(days: 30 + rng.int(0..<150)); progress = 30 + rng.int(0..<50)
                case .dueSoon:
                    deadline = today.adding(days: 1 + rng.int(0..<6)); progress = 70 + rng.int(0..<25)
                case .behind:
                    deadline = today.adding(days: 10 + rng.int(0..<30)); progress = 5 + rng.int(0..<25)
                case .overdue:
                    let late = 1 + rng.int(0..<40)
                    deadline = today.adding(days: -late); progress = 30 + rng.int(0..<55)
                    overdueMeasures.append((measureID, late))
                case .longTerm:
                    kind = .longTerm; status = .basicallyCompleted; progress = 60 + rng.int(0..<35)
                case .notStarted:
                    deadline = today.adding(days: 30 + rng.int(0..<60)); status = .notStarted
                }
                if kind == .immediate, let d = deadline, scenario == .onTime { deadline = min(d, today.adding(days: 40)) }
                if let d = deadline { problemDeadline = max(problemDeadline, d) }

                // About ten progress reports, rising to the measure's progress.
                let reportCount = scenario == .notStarted ? 0 : 8 + rng.int(0...4)
                let span = max(1, start.days(until: max(reportsEnd, start.adding(days: 1))))
                var lastReported: Day? = nil
                for r in 0..<reportCount {
                    let reportID = rng.uuid()
                    let date = start.adding(days: min(span, (span * (r + 1)) / reportCount))
                    let value = r == reportCount - 1 ? progress : max(0, min(progress, (progress * (r + 1)) / reportCount - rng.int(0..<5)))
                    let isLast = r == reportCount - 1
                    var review = ReviewState.approved
                    if isLast, [.onTime, .dueSoon, .behind, .overdue].contains(scenario) {
                        review = rng.chance(0.3) ? .submitted : rng.chance(0.15) ? .returned : .approved
                    }
                    let opinion: String? = review == .approved ? "同意" : review == .returned ? rng.pick(Pools.returnOpinions) : nil
                    let text = rng.pick(Pools.reportTexts(value))
                    let reporter = reporters[unit]
                    add("progress_reports", [reportID, measureID, date.iso, text, value, reporter?.id, reporterName(unit),
                                             review.rawValue, opinion, review == .submitted ? nil : officeUserID,
                                             review == .submitted ? nil : stamp(date.adding(days: 2)), 1, stamp(date, minute: r)])
                    if isLast || r % 4 == 3 {
                        let content = "佐证材料说明\n报送单位：\(reporterName(unit))\n报告日期：\(date.chinese)\n\(text)\n"
                        let data = Data(content.utf8)
                        add("evidence_files", [rng.uuid(), reportID, rng.pick(Pools.evidenceNames), "text/plain; charset=utf-8",
                                               Int64(data.count), SHA256Hex.of(data), data, stamp(date, minute: r)])
                    }
                    lastReported = date
                }

                add("measures", [measureID, problemID, inspectionID, m, MeasureResource.defaultLabel(m),
                                 rng.pick(Pools.measureTexts(topic)), kind.rawValue, measureLeader.id, unit,
                                 start.iso, deadline?.iso, status.rawValue, stage, progress, lastReported?.iso, 1, problemCreated])
                if rng.chance(0.45) {
                    let support = units[rng.int(0..<units.count)].id
                    if support != unit { add("measure_units", [rng.uuid(), measureID, support, 1]) }
                }

                // Status history, the close-out trail and look-back checks.
                var history: [(RectificationStatus, Day)] = [(.notStarted, feedback)]
                if scenario != .notStarted { history.append((.inProgress, start.adding(days: 1))) }
                switch scenario {
                case .closed, .reopened:
                    history.append((.pendingCloseOut, closedOn!.adding(days: -3)))
                    history.append((.closed, closedOn!))
                    if scenario == .reopened {
                        let reopened = min(today, closedOn!.adding(days: 10 + rng.int(0..<20)))
                        history.append((.reopened, reopened))
                        add("look_back_checks", [rng.uuid(), problemID, measureID, reopened.iso, reopened.iso,
                                                 LookBackResult.failed.rawValue, "回头看发现整改成果巩固不够，问题出现反弹，重新整改。", 1, stamp(reopened)])
                    }
                    closeOutTrail(&t, &rng, problem: nil, measure: measureID, on: closedOn!, unit: reporterName(unit),
                                  office: officeName, leader: secretary)
                case .pendingCloseOut:
                    let asked = today.adding(days: -rng.int(1...8))
                    history.append((.pendingCloseOut, asked))
                    add("close_out_records", [rng.uuid(), nil, measureID, CloseOutStage.selfCheck.rawValue, CloseOutDecision.approve.rawValue,
                                              "经单位自查，整改任务已全部完成，申请销号。", reporters[unit]?.id, reporterName(unit), stamp(asked)])
                case .longTerm:
                    history.append((.basicallyCompleted, today.adding(days: -rng.int(5...40))))
                default:
                    break
                }
                for (status, day) in history {
                    add("status_changes", [rng.uuid(), inspectionID, problemID, measureID, status.rawValue, day.iso, stamp(day)])
                }
            }
            let allClosed = scenarios.allSatisfy { $0 == .closed }
            let problemStatus: RectificationStatus = allClosed ? .closed : scenarios.contains(.reopened) ? .reopened
                : scenarios.allSatisfy({ $0 == .notStarted }) ? .notStarted : .inProgress
            let label = source == .inspectionFeedback ? "(\(number))" : "\(number)."
            add("problems", [problemID, inspectionID, source.rawValue, category.name, aspect, number, label, topic.title,
                             topic.description, leadUnit, problemDeadline.iso, problemStatus.rawValue, 1, problemCreated])
            add("problem_leaders", [rng.uuid(), problemID, leader.id, 1])
            if rng.chance(0.3) {
                let second = leaders[rng.int(0..<leaders.count)]
                if second.id != leader.id { add("problem_leaders", [rng.uuid(), problemID, second.id, 2]) }
            }
            var history: [(RectificationStatus, Day)] = [(.notStarted, feedback)]
            if problemStatus != .notStarted { history.append((.inProgress, feedback.adding(days: 2))) }
            if allClosed || problemStatus == .reopened {
                history.append((.pendingCloseOut, lastClose.adding(days: -2)))
                history.append((.closed, lastClose))
            }
            if problemStatus == .reopened { history.append((.reopened, min(today, lastClose.adding(days: 10)))) }
            for (status, day) in history {
                add("status_changes", [rng.uuid(), inspectionID, problemID, nil, status.rawValue, day.iso, stamp(day)])
            }
            if allClosed {
                closeOutTrail(&t, &rng, problem: problemID, measure: nil, on: lastClose, unit: reporterName(leadUnit),
                              office: officeName, leader: secretary)
                let due = lastClose.adding(days: 28)
                let passed = due <= today
                add("look_back_checks", [rng.uuid(), problemID, nil, due.iso, passed ? due.iso : nil,
                                         (passed ? LookBackResult.passed : .scheduled).rawValue,
                                         passed ? "整改成果巩固良好，未发现反弹。" : nil, 1, stamp(lastClose)])
            }
        }

        // Registers, each linked to the problems it answers.
        for _ in 0..<rng.int(2...6) {
            let id = rng.uuid(), day = feedback.adding(days: rng.int(10...70))
            let form = rng.pick(AccountabilityForm.allCases), rank = rng.pick([CadreRank.section, .staff, .staff, .division])
            add("accountability_records", [id, inspectionID, "\(rng.pick(Pools.surnames))某某", rank.rawValue, form.rawValue, day.iso,
                                           rng.pick(Pools.accountabilityReasons), false, stamp(day)])
            add("register_links", [rng.uuid(), AccountabilityRecordResource.register, id, rng.pick(problemIDs)])
        }
        for n in 0..<rng.int(3...6) {
            let id = rng.uuid(), day = feedback.adding(days: rng.int(5...100))
            add("regulations", [id, inspectionID, "\(shortName)\(rng.pick(Pools.regulationTitles))",
                                n % 4 == 3 ? nil : "\(shortName.prefix(2))字〔\(day.year)〕\(n * 3 + rng.int(1...9))号",
                                day.iso, name, false, stamp(day)])
            add("register_links", [rng.uuid(), RegulationResource.register, id, rng.pick(problemIDs)])
        }
        let meetingPlan: [(MeetingKind, Int, String)] = [
            (.partyGroup, 2, "党组会专题研究巡察反馈意见整改工作"), (.mobilization, 5, "巡察整改工作动员部署会"),
            (.dispatch, 45, "巡察整改工作调度会"), (.progressBriefing, 75, "党组会听取巡察整改工作进展情况汇报"),
            (.democraticLife, 60, "巡察整改专题民主生活会"), (.dispatch, 100, "重点难点问题整改推进会"),
        ]
        for (kind, offset, title) in meetingPlan.prefix(rng.int(4...6)) {
            let id = rng.uuid(), day = min(today, feedback.adding(days: offset))
            add("meetings", [id, inspectionID, kind.rawValue, day.iso, title, secretary, nil, false, stamp(day)])
            let linked = rng.int(0...2)
            for problem in problemIDs.shuffledPrefix(linked, &rng) {
                add("register_links", [rng.uuid(), MeetingResource.register, id, problem])
            }
        }
        for _ in 0..<rng.int(0...3) {
            let day = feedback.adding(days: rng.int(20...90))
            add("recovered_funds", [rng.uuid(), inspectionID, rng.pick(problemIDs), Int64(rng.int(5_000...5_000_000)) * 100,
                                    rng.pick(Pools.fundDescriptions), day.iso, false, stamp(day)])
        }

        // Reminder notices: a reminder for the round and a supervision order for overdue measures.
        let noticeCount = rng.int(2...4)
        for serial in 1...noticeCount {
            let issued = serial == noticeCount ? today.adding(days: -rng.int(1...5)) : feedback.adding(days: 30 * serial)
            let state: NoticeState = serial == noticeCount ? .issued : rng.pick([.replied, .closed, .read])
            let replied = state == .replied || state == .closed
            let id = rng.uuid()
            add("reminder_notices", [id, inspectionID, issued.year, serial,
                                     serial == noticeCount ? "关于超期未完成整改事项的督办通知" : "关于加快推进巡察整改工作的工作提示",
                                     "请相关责任领导和责任单位对照整改时序，逐项查找原因，采取有力措施，确保按期完成整改任务，并于要求回复日期前书面反馈整改进展。",
                                     issued.iso, issued.adding(days: 7).iso, #"["责任单位主要负责人","责任领导"]"#, state.rawValue,
                                     replied ? "已召开专题会研究部署，明确专人负责，确保按期完成。" : nil,
                                     replied ? issued.adding(days: 5).iso : nil, officeUserID, 1, stamp(issued)])
            if serial == noticeCount {
                for item in overdueMeasures.prefix(20) {
                    add("notice_items", [rng.uuid(), id, item.id, item.daysLate])
                }
            }
        }
        for _ in 0..<rng.int(0...2) {
            let day = today.adding(days: -rng.int(1...60))
            let answered = rng.chance(0.5)
            add("public_feedback", [rng.uuid(), inspectionID, "web", rng.pick(Pools.feedbackTexts),
                                    rng.chance(0.5) ? "\(rng.pick(Pools.surnames))先生 13\(rng.int(0...9))****\(rng.int(1000...9999))" : nil,
                                    (answered ? FeedbackState.replied : .received).rawValue,
                                    answered ? "感谢您的意见，相关情况已转责任单位核实办理。" : nil, 1, stamp(day)])
        }
        return SyntheticBody(tables: schema.map { t[$0.0]! }, inspectionID: inspectionID, name: name,
                             problems: problemIDs.count, measures: measureTotal)
    }

    /// The three close-out stages of an item closed on `day`.
    private static func closeOutTrail(_ t: inout [String: RowBatch], _ rng: inout SeededGenerator, problem: UUID?, measure: UUID?,
                                      on day: Day, unit: String, office: String, leader: String) {
        let steps: [(CloseOutStage, String, String, Int)] = [
            (.selfCheck, unit, "经单位自查，整改任务已全部完成，申请销号。", -3),
            (.officeReview, office, "经逐项检查验收，佐证材料齐全，同意提请销号。", -1),
            (.leaderSignOff, leader, "同意销号。", 0),
        ]
        for (stage, actor, opinion, offset) in steps {
            t["close_out_records"]!.add([rng.uuid(), problem, measure, stage.rawValue, CloseOutDecision.approve.rawValue,
                                         opinion, nil, actor, stamp(day.adding(days: offset))])
        }
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
