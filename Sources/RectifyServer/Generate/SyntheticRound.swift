import Foundation
import RectifyCore

/// One inspection round of a synthetic body: its problems (composed from the sector's and the
/// general themes, with the planted repeats, common problems and duplicates), measures, progress
/// reports, evidence, close-out trail, look-back checks, registers, notices and public feedback.
/// The latest round is in rectification on the generation day; an earlier round was closed out
/// within ten months of its feedback, with look-back checks on every closed problem.
enum SyntheticRound {
    struct Plan {
        /// 0 for the oldest round.
        let round: Int
        /// Rounds before the latest: 0 for the latest.
        let back: Int
        let feedback: Day

        var latest: Bool { back == 0 }
    }

    /// A feedback problem as composed, for the next round to repeat.
    struct Composed {
        let id: UUID
        let wording: ComposedProblem
        let plant: PlantedStructure.Plant?
    }

    struct Outcome {
        let inspectionID: UUID
        let problems: [PlantedStructure.Problem]
        let feedback: [Composed]
        let measures: Int
    }

    /// What one problem of the round is: its source, wording and what was planted.
    private struct Draft {
        let source: ProblemSource
        let theme: ProblemTheme
        let title: String
        let description: String
        let wording: ComposedProblem?
        let plant: PlantedStructure.Plant?
        let categorized: Bool
    }

    static func build(_ plan: Plan, _ body: SyntheticBody.Frame, _ rows: SyntheticBody.Rows, previous: Outcome?,
                      _ rng: inout SeededGenerator) -> Outcome {
        let feedback = plan.feedback
        // The day the round's own history stops: today, or for an earlier round its close-out.
        let asOf = plan.latest ? body.today : feedback.adding(days: 300)
        let inspectionID = rng.uuid()
        let level = body.wording.level
        let number = 1 + (body.index / 7 + plan.back) % 4
        add(rows, "inspections", [inspectionID, "\(feedback.year)年\(level)委第\(Pools.chineseNumber(number))轮巡察（\(body.shortName)）",
                                  "inspection", "中共\(body.region)委第\(Pools.chineseNumber(1 + (body.index + plan.back) % 9))巡察组",
                                  body.bodyID, feedback.adding(days: -80).iso, feedback.adding(days: -40).iso, feedback.iso,
                                  feedback.adding(days: 180).iso, asOf.iso, 1, SyntheticBody.stamp(feedback)])

        let drafts = problems(plan, body, previous: previous, &rng)
        var numberBySource: [ProblemSource: Int] = [:]
        var problemIDs: [UUID] = []
        var subjects: [UUID: String] = [:]
        var generated: [PlantedStructure.Problem] = []
        var composed: [Composed] = []
        var overdueMeasures: [(id: UUID, daysLate: Int)] = []
        var measureTotal = 0
        for draft in drafts {
            let problemID = rng.uuid()
            problemIDs.append(problemID)
            subjects[problemID] = draft.theme.subject
            let number = (numberBySource[draft.source] ?? 0) + 1
            numberBySource[draft.source] = number
            let measureCount = [3, 4, 4, 3, 5, 4, 3, 4][rng.int(0..<8)]
            let leader = body.leaders[rng.int(0..<body.leaders.count)]
            var leadUnit = body.units[rng.int(0..<body.units.count)].id
            var problemDeadline = feedback.adding(days: 90)
            var scenarios: [SyntheticBody.Scenario] = []
            var lastClose = feedback
            let problemCreated = SyntheticBody.stamp(feedback.adding(days: 3))
            let figures = Figures(&rng, body: body.wording, subject: draft.theme.subject, feedbackYear: feedback.year)
            var texts = MeasureWording.Drafts(draft.theme, &rng)
            for m in 1...measureCount {
                let measureID = rng.uuid()
                measureTotal += 1
                let scenario: SyntheticBody.Scenario = plan.latest ? .draw(&rng) : .closed
                scenarios.append(scenario)
                let unit = body.units[rng.int(0..<body.units.count)].id
                if m == 1 { leadUnit = unit }
                let measureLeader = rng.chance(0.7) ? leader : body.leaders[rng.int(0..<body.leaders.count)]
                let start = feedback.adding(days: rng.int(1...7))
                var kind: MeasureKind = rng.chance(0.2) ? .immediate : .timeBound
                var deadline: Day? = nil
                var status: RectificationStatus = .inProgress
                var progress = 0
                var stage: String? = nil
                var closedOn: Day? = nil
                // The day reporting stopped: closing, or today for open measures.
                var reportsEnd = asOf.adding(days: -rng.int(0...6))
                switch scenario {
                case .closed, .reopened:
                    let close = start.adding(days: 20 + rng.int(0..<max(1, start.days(until: asOf) - 25)))
                    closedOn = close
                    deadline = close.adding(days: rng.int(0..<30))
                    status = scenario == .closed ? .closed : .reopened
                    progress = 100
                    reportsEnd = close.adding(days: -4)
                    lastClose = max(lastClose, close)
                case .pendingCloseOut:
                    deadline = asOf.adding(days: rng.int(-5..<30)); status = .pendingCloseOut; progress = 100
                    stage = CloseOutStage.officeReview.rawValue
                case .onTime:
                    deadline = asOf.adding(days: 30 + rng.int(0..<150)); progress = 30 + rng.int(0..<50)
                case .dueSoon:
                    deadline = asOf.adding(days: 1 + rng.int(0..<6)); progress = 70 + rng.int(0..<25)
                case .behind:
                    deadline = asOf.adding(days: 10 + rng.int(0..<30)); progress = 5 + rng.int(0..<25)
                case .overdue:
                    let late = 1 + rng.int(0..<40)
                    deadline = asOf.adding(days: -late); progress = 30 + rng.int(0..<55)
                    overdueMeasures.append((measureID, late))
                case .longTerm:
                    kind = .longTerm; status = .basicallyCompleted; progress = 60 + rng.int(0..<35)
                case .notStarted:
                    deadline = asOf.adding(days: 30 + rng.int(0..<60)); status = .notStarted
                }
                if kind == .immediate, let d = deadline, scenario == .onTime { deadline = min(d, asOf.adding(days: 40)) }
                if kind == .longTerm { deadline = nil }
                if let d = deadline { problemDeadline = max(problemDeadline, d) }

                // About ten progress reports in the latest round (five in an earlier one), rising to the measure's progress.
                let reportCount = scenario == .notStarted ? 0 : plan.latest ? 8 + rng.int(0...4) : 4 + rng.int(0...3)
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
                    let opinion: String? = review == .approved ? "同意"
                        : review == .returned ? MeasureWording.returnOpinion(subject: draft.theme.subject, &rng) : nil
                    let text = MeasureWording.report(value, subject: draft.theme.subject, &rng)
                    let reporter = body.reporters[unit]
                    add(rows, "progress_reports", [reportID, measureID, date.iso, text, value, reporter?.id, body.reporterName(unit),
                                                   review.rawValue, opinion, review == .submitted ? nil : body.officeUserID,
                                                   review == .submitted ? nil : SyntheticBody.stamp(date.adding(days: 2)), 1,
                                                   SyntheticBody.stamp(date, minute: r)])
                    if isLast || (plan.latest && r % 4 == 3) {
                        let content = "佐证材料说明\n报送单位：\(body.reporterName(unit))\n报告日期：\(date.chinese)\n\(text)\n"
                        let data = Data(content.utf8)
                        add(rows, "evidence_files", [rng.uuid(), reportID, rng.pick(Pools.evidenceNames), "text/plain; charset=utf-8",
                                                     Int64(data.count), SHA256Hex.of(data), data, SyntheticBody.stamp(date, minute: r)])
                    }
                    lastReported = date
                }

                add(rows, "measures", [measureID, problemID, inspectionID, m, MeasureResource.defaultLabel(m),
                                       texts.text(kind: kind, deadline: deadline, figures, &rng), kind.rawValue, measureLeader.id, unit,
                                       start.iso, deadline?.iso, status.rawValue, stage, progress, lastReported?.iso, 1, problemCreated])
                if rng.chance(0.45) {
                    let support = body.units[rng.int(0..<body.units.count)].id
                    if support != unit { add(rows, "measure_units", [rng.uuid(), measureID, support, 1]) }
                }

                // Status history, the close-out trail and look-back checks.
                var history: [(RectificationStatus, Day)] = [(.notStarted, feedback)]
                if scenario != .notStarted { history.append((.inProgress, start.adding(days: 1))) }
                switch scenario {
                case .closed, .reopened:
                    history.append((.pendingCloseOut, closedOn!.adding(days: -3)))
                    history.append((.closed, closedOn!))
                    if scenario == .reopened {
                        let reopened = min(asOf, closedOn!.adding(days: 10 + rng.int(0..<20)))
                        history.append((.reopened, reopened))
                        add(rows, "look_back_checks", [rng.uuid(), problemID, measureID, reopened.iso, reopened.iso, LookBackResult.failed.rawValue,
                                                       MeasureWording.lookBackFailed(subject: draft.theme.subject, &rng), 1,
                                                       SyntheticBody.stamp(reopened)])
                    }
                    closeOutTrail(rows, &rng, problem: nil, measure: measureID, on: closedOn!, unit: body.reporterName(unit),
                                  office: body.officeName, leader: body.secretary, subject: draft.theme.subject)
                case .pendingCloseOut:
                    let asked = asOf.adding(days: -rng.int(1...8))
                    history.append((.pendingCloseOut, asked))
                    add(rows, "close_out_records", [rng.uuid(), nil, measureID, CloseOutStage.selfCheck.rawValue, CloseOutDecision.approve.rawValue,
                                                    MeasureWording.selfCheck(subject: draft.theme.subject, &rng), body.reporters[unit]?.id,
                                                    body.reporterName(unit), SyntheticBody.stamp(asked)])
                case .longTerm:
                    history.append((.basicallyCompleted, asOf.adding(days: -rng.int(5...40))))
                default:
                    break
                }
                for (status, day) in history {
                    add(rows, "status_changes", [rng.uuid(), inspectionID, problemID, measureID, status.rawValue, day.iso, SyntheticBody.stamp(day)])
                }
            }
            let allClosed = scenarios.allSatisfy { $0 == .closed }
            let problemStatus: RectificationStatus = allClosed ? .closed : scenarios.contains(.reopened) ? .reopened
                : scenarios.allSatisfy({ $0 == .notStarted }) ? .notStarted : .inProgress
            let label = draft.source == .inspectionFeedback ? "(\(number))" : "\(number)."
            add(rows, "problems", [problemID, inspectionID, draft.source.rawValue, draft.categorized ? draft.theme.category : nil,
                                   draft.categorized ? draft.theme.aspect : nil, number, label, draft.title, draft.description,
                                   leadUnit, problemDeadline.iso, problemStatus.rawValue, 1, problemCreated])
            add(rows, "problem_leaders", [rng.uuid(), problemID, leader.id, 1])
            if rng.chance(0.3) {
                let second = body.leaders[rng.int(0..<body.leaders.count)]
                if second.id != leader.id { add(rows, "problem_leaders", [rng.uuid(), problemID, second.id, 2]) }
            }
            var history: [(RectificationStatus, Day)] = [(.notStarted, feedback)]
            if problemStatus != .notStarted { history.append((.inProgress, feedback.adding(days: 2))) }
            if allClosed || problemStatus == .reopened {
                history.append((.pendingCloseOut, lastClose.adding(days: -2)))
                history.append((.closed, lastClose))
            }
            if problemStatus == .reopened { history.append((.reopened, min(asOf, lastClose.adding(days: 10)))) }
            for (status, day) in history {
                add(rows, "status_changes", [rng.uuid(), inspectionID, problemID, nil, status.rawValue, day.iso, SyntheticBody.stamp(day)])
            }
            if allClosed {
                closeOutTrail(rows, &rng, problem: problemID, measure: nil, on: lastClose, unit: body.reporterName(leadUnit),
                              office: body.officeName, leader: body.secretary, subject: draft.theme.subject)
                // 回头看 four weeks after close-out: done by today, or still scheduled.
                let due = lastClose.adding(days: 28)
                let passed = due <= body.today
                add(rows, "look_back_checks", [rng.uuid(), problemID, nil, due.iso, passed ? due.iso : nil,
                                               (passed ? LookBackResult.passed : .scheduled).rawValue,
                                               passed ? MeasureWording.lookBackPassed(subject: draft.theme.subject, &rng) : nil, 1,
                                               SyntheticBody.stamp(lastClose)])
            }
            generated.append(PlantedStructure.Problem(id: problemID, round: plan.round, source: draft.source,
                                                      theme: draft.wording == nil ? nil : draft.theme.key, title: draft.title,
                                                      description: draft.description, plant: draft.plant))
            if draft.source == .inspectionFeedback, let wording = draft.wording {
                composed.append(Composed(id: problemID, wording: wording, plant: draft.plant))
            }
        }

        registers(plan, body, rows, inspectionID: inspectionID, problemIDs: problemIDs, subjects: subjects, asOf: asOf, &rng)
        notices(plan, body, rows, inspectionID: inspectionID, overdue: overdueMeasures, &rng)
        return Outcome(inspectionID: inspectionID, problems: generated, feedback: composed, measures: measureTotal)
    }

    /// The round's problems in the order a feedback lists them: the inspection's findings by 方面,
    /// then the secretary's tasks, the self-found problems and one other.
    private static func problems(_ plan: Plan, _ body: SyntheticBody.Frame, previous: Outcome?,
                                 _ rng: inout SeededGenerator) -> [Draft] {
        let feedbackCount = plan.latest ? 24 : 16 + rng.int(0...6)
        let taskCount = plan.latest ? 4 : 2
        let selfFoundCount = plan.latest ? 5 : 2
        let otherCount = plan.latest ? 1 : 0
        func figures(_ subject: String) -> Figures {
            Figures(&rng, body: body.wording, subject: subject, feedbackYear: plan.feedback.year)
        }

        var planted: [Draft] = []
        if body.repeats, let previous {
            let candidates = previous.feedback.filter { candidate in
                if case .common = candidate.plant { return false }
                if case .duplicate = candidate.plant { return false }
                return true
            }
            if !candidates.isEmpty {
                let earlier = candidates[rng.int(0..<candidates.count)]
                let wording = ProblemComposer.repeatOf(earlier.wording, figures(earlier.wording.theme.subject), &rng)
                planted.append(Draft(source: .inspectionFeedback, theme: wording.theme, title: wording.title, description: wording.description,
                                     wording: wording, plant: .repeatOf(earlier.id), categorized: true))
            }
        }
        if plan.latest {
            for (n, theme) in body.sector.common.enumerated() where PlantedStructure.hasCommon(n, ordinal: body.ordinal) {
                let wording = ProblemComposer.compose(theme, figures(theme.subject), &rng)
                planted.append(Draft(source: .inspectionFeedback, theme: theme, title: wording.title, description: wording.description,
                                     wording: wording, plant: .common(theme.key), categorized: true))
            }
            if PlantedStructure.hasDuplicate(ordinal: body.ordinal) {
                let theme = body.sector.duplicate
                let wording = ProblemComposer.compose(theme, figures(theme.subject), &rng)
                planted.append(Draft(source: .inspectionFeedback, theme: theme, title: wording.title, description: wording.description,
                                     wording: wording, plant: .duplicate(theme.key), categorized: true))
            }
        }

        // Themes without repetition in a round while they last.
        let taken = Set(planted.map(\.theme.key))
        let pool = (GeneralThemes.all + body.sector.themes).filter { !taken.contains($0.key) }
        var deck: [ProblemTheme] = []
        func nextTheme() -> ProblemTheme {
            if deck.isEmpty { deck = Array(pool.shuffledPrefix(pool.count, &rng)) }
            return deck.removeLast()
        }
        var found: [Draft] = planted
        for _ in 0..<max(0, feedbackCount - planted.count) {
            let theme = nextTheme()
            let wording = ProblemComposer.compose(theme, figures(theme.subject), &rng)
            found.append(Draft(source: .inspectionFeedback, theme: theme, title: wording.title, description: wording.description,
                               wording: wording, plant: nil, categorized: true))
        }
        let order = Dictionary(uniqueKeysWithValues: InspectionAspect.order.enumerated().map { ($1, $0) })
        var drafts = found.enumerated().sorted { a, b in
            let (x, y) = (order[a.element.theme.category] ?? 9, order[b.element.theme.category] ?? 9)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)

        for task in body.sector.tasks.shuffledPrefix(taskCount, &rng) {
            let filled = figures(task.subject)
            let theme = ProblemTheme(key: "", category: "", aspect: "", titles: [], findings: [], effects: [], subject: task.subject,
                                     remedies: ["制定{X}工作方案，明确年度目标任务和责任分工", "成立{X}工作专班，每月调度一次进展",
                                                "将{X}纳入{O}年度重点工作督查事项"])
            drafts.append(Draft(source: .secretaryAssigned, theme: theme, title: filled.fill(task.title), description: filled.fill(task.demand),
                                wording: nil, plant: nil, categorized: false))
        }
        for _ in 0..<selfFoundCount {
            let theme = nextTheme()
            let wording = ProblemComposer.compose(theme, figures(theme.subject), &rng, openers: ProblemComposer.selfFoundOpeners)
            drafts.append(Draft(source: .selfFound, theme: theme, title: wording.title, description: wording.description,
                                wording: wording, plant: nil, categorized: true))
        }
        for _ in 0..<otherCount {
            let theme = nextTheme()
            let wording = ProblemComposer.compose(theme, figures(theme.subject), &rng)
            drafts.append(Draft(source: .other, theme: theme, title: wording.title, description: wording.description,
                                wording: wording, plant: nil, categorized: true))
        }
        return drafts
    }

    /// The registers of the round, each record linked to a problem it answers.
    private static func registers(_ plan: Plan, _ body: SyntheticBody.Frame, _ rows: SyntheticBody.Rows, inspectionID: UUID,
                                  problemIDs: [UUID], subjects: [UUID: String], asOf: Day, _ rng: inout SeededGenerator) {
        let feedback = plan.feedback
        let issuer = "\(body.region)\(body.kind.name)"
        for _ in 0..<rng.int(2...6) {
            let id = rng.uuid(), day = feedback.adding(days: rng.int(10...70)), problem = rng.pick(problemIDs)
            let form = rng.pick(AccountabilityForm.allCases), rank = rng.pick([CadreRank.section, .staff, .staff, .division])
            add(rows, "accountability_records", [id, inspectionID, "\(rng.pick(Pools.surnames))某某", rank.rawValue, form.rawValue, day.iso,
                                                 "对\(subjects[problem] ?? "整改")问题负有\(rng.pick(Pools.responsibilities))", false,
                                                 SyntheticBody.stamp(day)])
            add(rows, "register_links", [rng.uuid(), AccountabilityRecordResource.register, id, problem])
        }
        for n in 0..<rng.int(3...6) {
            let id = rng.uuid(), day = feedback.adding(days: rng.int(5...100)), problem = rng.pick(problemIDs)
            let title = rng.pick(Pools.regulationForms).replacingOccurrences(of: "{X}", with: subjects[problem] ?? "巡察整改")
            add(rows, "regulations", [id, inspectionID, issuer + title,
                                      n % 4 == 3 ? nil : "\(body.region.prefix(1))\(body.kind.short)字〔\(day.year)〕\(n * 3 + rng.int(1...9))号",
                                      day.iso, body.name, false, SyntheticBody.stamp(day)])
            add(rows, "register_links", [rng.uuid(), RegulationResource.register, id, problem])
        }
        let organ = body.kind.leadership.organ
        let meetingPlan: [(MeetingKind, Int, String)] = [
            (.partyGroup, 2, "\(organ)会专题研究巡察反馈意见整改工作"), (.mobilization, 5, "巡察整改工作动员部署会"),
            (.dispatch, 45, "巡察整改工作调度会"), (.progressBriefing, 75, "\(organ)会听取巡察整改工作进展情况汇报"),
            (.democraticLife, 60, "巡察整改专题民主生活会"), (.dispatch, 100, "重点难点问题整改推进会"),
        ]
        for (kind, offset, title) in meetingPlan.prefix(rng.int(4...6)) {
            let id = rng.uuid(), day = min(asOf, feedback.adding(days: offset))
            add(rows, "meetings", [id, inspectionID, kind.rawValue, day.iso, title, body.secretary, nil, false, SyntheticBody.stamp(day)])
            let linked = rng.int(0...2)
            for problem in problemIDs.shuffledPrefix(linked, &rng) {
                add(rows, "register_links", [rng.uuid(), MeetingResource.register, id, problem])
            }
        }
        for _ in 0..<rng.int(0...3) {
            let day = feedback.adding(days: rng.int(20...90))
            add(rows, "recovered_funds", [rng.uuid(), inspectionID, rng.pick(problemIDs), Int64(rng.int(5_000...5_000_000)) * 100,
                                          rng.pick(Pools.fundDescriptions), day.iso, false, SyntheticBody.stamp(day)])
        }
    }

    /// Reminder notices and public feedback. The latest round's last notice is a supervision order
    /// for its overdue measures, still open; an earlier round's notices were all answered.
    private static func notices(_ plan: Plan, _ body: SyntheticBody.Frame, _ rows: SyntheticBody.Rows, inspectionID: UUID,
                                overdue: [(id: UUID, daysLate: Int)], _ rng: inout SeededGenerator) {
        let feedback = plan.feedback, today = body.today
        let noticeCount = plan.latest ? rng.int(2...4) : rng.int(1...3)
        for serial in 1...noticeCount {
            let final = plan.latest && serial == noticeCount
            let issued = final ? today.adding(days: -rng.int(1...5)) : feedback.adding(days: 30 * serial)
            let state: NoticeState = final ? .issued : plan.latest ? rng.pick([.replied, .closed, .read]) : rng.pick([.replied, .closed])
            let replied = state == .replied || state == .closed
            let id = rng.uuid()
            add(rows, "reminder_notices", [id, inspectionID, issued.year, serial,
                                           final ? "关于超期未完成整改事项的督办通知" : "关于加快推进巡察整改工作的工作提示",
                                           "请相关责任领导和责任单位对照整改时序，逐项查找原因，采取有力措施，确保按期完成整改任务，并于要求回复日期前书面反馈整改进展。",
                                           issued.iso, issued.adding(days: 7).iso, #"["责任单位主要负责人","责任领导"]"#, state.rawValue,
                                           replied ? "已召开专题会研究部署，明确专人负责，确保按期完成。" : nil,
                                           replied ? issued.adding(days: 5).iso : nil, body.officeUserID, 1, SyntheticBody.stamp(issued)])
            if final {
                for item in overdue.prefix(20) {
                    add(rows, "notice_items", [rng.uuid(), id, item.id, item.daysLate])
                }
            }
        }
        let texts = Pools.feedbackTexts + body.sector.feedback
        for _ in 0..<(plan.latest ? rng.int(0...2) : rng.int(0...1)) {
            let day = plan.latest ? today.adding(days: -rng.int(1...60)) : feedback.adding(days: rng.int(10...200))
            let answered = !plan.latest || rng.chance(0.5)
            add(rows, "public_feedback", [rng.uuid(), inspectionID, "web", rng.pick(texts),
                                          rng.chance(0.5) ? "\(rng.pick(Pools.surnames))先生 13\(rng.int(0...9))****\(rng.int(1000...9999))" : nil,
                                          (answered ? FeedbackState.replied : .received).rawValue,
                                          answered ? "感谢您的意见，相关情况已转责任单位核实办理。" : nil, 1, SyntheticBody.stamp(day)])
        }
    }

    /// The three close-out stages of an item closed on `day`.
    private static func closeOutTrail(_ rows: SyntheticBody.Rows, _ rng: inout SeededGenerator, problem: UUID?, measure: UUID?,
                                      on day: Day, unit: String, office: String, leader: String, subject: String) {
        let steps: [(CloseOutStage, String, String, Int)] = [
            (.selfCheck, unit, MeasureWording.selfCheck(subject: subject, &rng), -3),
            (.officeReview, office, MeasureWording.officeReview(&rng), -1),
            (.leaderSignOff, leader, MeasureWording.leaderSignOff(&rng), 0),
        ]
        for (stage, actor, opinion, offset) in steps {
            add(rows, "close_out_records", [rng.uuid(), problem, measure, stage.rawValue, CloseOutDecision.approve.rawValue,
                                            opinion, nil, actor, SyntheticBody.stamp(day.adding(days: offset))])
        }
    }

    private static func add(_ rows: SyntheticBody.Rows, _ table: String, _ values: [(any Encodable & Sendable)?]) {
        rows.add(table, values)
    }
}
