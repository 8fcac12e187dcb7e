import Fluent
import Foundation
import RectifyCore
import Vapor

/// Loads `DemoScript` into an empty ledger, with dates relative to the day it is loaded so the
/// board always shows items on time, due soon, behind schedule, overdue, closed and reopened; then
/// the neighbouring bodies (`DemoScript.neighbours`), after the main body so that it stays the first
/// body and round in the ledger.
enum DemoLedger {
    static let password = "rectify-demo-2024"

    struct Account: Sendable {
        let username: String
        let role: String
    }

    /// Returns the demo accounts, or nil when the ledger already holds an inspection round.
    static func loadIfEmpty(_ app: Application) async throws -> [Account]? {
        guard try await Inspection.query(on: app.db).count() == 0 else { return nil }
        let hash = try await app.credentials.hash(password: password, on: app)
        let today = app.clock.today
        let calendar = app.workingCalendar
        // The demo writes its own back-dated status history.
        let actor = AuditActor(id: nil, name: "演示数据")
        let accounts = try await StatusHistoryFlag.$suppressed.withValue(true) {
            try await app.db.ledgerWrite(actor: actor, now: app.clock.now()) { db, audit in
                try await Loader(db: db, audit: audit, today: today, passwordHash: hash).load()
                    + DemoSelfInspection.load(db: db, audit: audit, today: today, calendar: calendar, passwordHash: hash)
            }
        }
        // The repeat across 江川市教育局's two rounds waits on the 屡查屡犯 page for a supervisor's decision.
        _ = try await RepeatMatchScan.run(body: nil, threshold: SimilarityThreshold.default, actor: actor, now: app.clock.now(), on: app.db)
        return accounts
    }

    private final class Loader: @unchecked Sendable {
        let db: Database
        let audit: AuditTrail
        let today: Day
        let passwordHash: String
        var units: [String: UUID] = [:]
        var people: [String: UUID] = [:]
        var problemIDs: [String: UUID] = [:]
        var bodyID = UUID()
        var inspectionID = UUID()
        /// Days added to every offset: a neighbour's round lies before the main round.
        var shift = 0
        var officeActor = "整改办 周文涛"
        var leaderActor = "党组书记 李建国"

        init(db: Database, audit: AuditTrail, today: Day, passwordHash: String) {
            self.db = db
            self.audit = audit
            self.today = today
            self.passwordHash = passwordHash
        }

        func day(_ offset: Int) -> String { today.adding(days: offset + shift).iso }

        func history(problemID: UUID, measureID: UUID?, _ steps: [(Int, RectificationStatus)]) async throws {
            for (offset, status) in steps {
                try await StatusChangeRecord(inspectionID: inspectionID, problemID: problemID, measureID: measureID,
                                             status: status.rawValue, changedOn: day(offset)).create(on: db)
            }
        }

        /// The history that leads to each demo scenario's status.
        func steps(_ scenario: DemoScript.Scenario) -> [(Int, RectificationStatus)] {
            switch scenario {
            case .closed: [(-130, .notStarted), (-80, .inProgress), (-42, .pendingCloseOut), (-38, .closed)]
            case .reopened: [(-130, .notStarted), (-80, .inProgress), (-42, .pendingCloseOut), (-38, .closed), (-3, .reopened)]
            case .pendingReview: [(-130, .notStarted), (-60, .inProgress), (-5, .pendingCloseOut)]
            case .longTerm: [(-130, .notStarted), (-100, .inProgress), (-15, .basicallyCompleted)]
            case .notStarted: [(-130, .notStarted)]
            case .onTime, .dueSoon, .behind, .overdue: [(-130, .notStarted), (-70, .inProgress)]
            }
        }

        func created(_ entity: String, _ id: UUID?, _ summary: [String: String]) async throws {
            try await audit.record("create", entity: entity, id: id?.uuidString ?? "", after: summary)
        }

        func load() async throws -> [Account] {
            try await organizations()
            try await inspection()
            var accounts = try await users()
            for (index, spec) in DemoScript.problems.enumerated() {
                try await problem(spec, index: index + 1, of: DemoScript.problems)
            }
            try await registers()
            for body in DemoScript.neighbours { accounts.append(try await neighbour(body)) }
            return accounts
        }

        /// Another body with its units, people, office account and rounds, oldest first.
        func neighbour(_ spec: DemoScript.BodySpec) async throws -> Account {
            try await body(name: spec.name, shortName: spec.shortName, sector: spec.sector, units: spec.units, people: spec.people)
            let user = User()
            user.username = spec.office.username; user.displayName = spec.office.display; user.passwordHash = passwordHash
            user.roleRaw = Role.office.rawValue; user.organizationID = bodyID
            user.active = true; user.mustChangePassword = false; user.version = 1
            try await user.create(on: db)
            try await created("user", user.id, ["username": spec.office.username, "role": Role.office.rawValue])
            officeActor = spec.office.display
            leaderActor = spec.leader
            for round in spec.rounds {
                shift = round.shift
                try await inspection(title: round.title, group: round.group)
                for (index, problem) in round.problems.enumerated() {
                    try await self.problem(problem, index: index + 1, of: round.problems, closedOut: round.closedOut)
                }
            }
            shift = 0
            return Account(username: spec.office.username, role: Role.office.label)
        }

        func organizations() async throws {
            try await body(name: DemoScript.body, shortName: "市住建局", sector: DemoScript.sector, units: DemoScript.units,
                           people: DemoScript.people)
        }

        /// A body with its units and people; the name maps then hold this body's only, so a person's
        /// unit is never found in the body loaded before.
        func body(name: String, shortName: String, sector: BodySector, units unitSpecs: [(name: String, kind: OrganizationKind)],
                  people peopleSpecs: [(name: String, rank: CadreRank, title: String, unit: String?)]) async throws {
            units = [:]
            people = [:]
            let body = Organization()
            body.name = name; body.shortName = shortName; body.kind = OrganizationKind.body.rawValue
            body.sector = sector.rawValue; body.sortOrder = 0; body.version = 1
            try await body.create(on: db)
            bodyID = try body.requireID()
            try await created("organization", body.id, ["name": body.name, "sector": sector.rawValue])
            for (order, unit) in unitSpecs.enumerated() {
                let org = Organization()
                org.name = unit.name; org.parentID = bodyID; org.kind = unit.kind.rawValue
                org.sortOrder = order + 1; org.version = 1
                try await org.create(on: db)
                units[unit.name] = try org.requireID()
                try await created("organization", org.id, ["name": org.name])
            }
            for spec in peopleSpecs {
                let person = Person()
                person.name = spec.name; person.rank = spec.rank.rawValue; person.title = spec.title
                person.organizationID = spec.unit.flatMap { units[$0] } ?? bodyID; person.version = 1
                try await person.create(on: db)
                people[spec.name] = try person.requireID()
                try await created("person", person.id, ["name": person.name])
            }
        }

        func inspection(title: String = "十三届市委第五轮巡察", group: String = DemoScript.group) async throws {
            let i = Inspection()
            i.title = title
            i.kind = "inspection"
            i.inspectingGroup = group
            i.inspectedBodyID = bodyID
            i.onsiteStart = day(-200); i.onsiteEnd = day(-150); i.feedbackDate = day(-130)
            i.rectificationDeadline = day(50); i.statusDate = day(0); i.version = 1
            try await i.create(on: db)
            inspectionID = try i.requireID()
            try await created("inspection", i.id, ["title": i.title])
        }

        func users() async throws -> [Account] {
            let specs: [(String, String, Role, String?)] = [
                ("admin", "系统管理员", .admin, nil),
                ("office", "整改办 周文涛", .office, nil),
                ("leader", "党组书记 李建国", .leader, nil),
                ("supervisor", "派驻纪检监察组 赵立新", .supervisor, nil),
                ("reporter-office", "办公室填报员", .unitReporter, "办公室"),
                ("reporter-build", "城市建设科填报员", .unitReporter, "城市建设科"),
                ("reporter-finance", "计划财务科填报员", .unitReporter, "计划财务科"),
            ]
            var accounts: [Account] = []
            for (username, display, role, unit) in specs {
                let user = User()
                user.username = username; user.displayName = display; user.passwordHash = passwordHash
                user.roleRaw = role.rawValue
                // Office users and leaders belong to the body; supervisors and admins see every body.
                user.organizationID = unit.flatMap { units[$0] } ?? (role.readsAllBodies ? nil : bodyID)
                user.active = true; user.mustChangePassword = false; user.version = 1
                try await user.create(on: db)
                try await created("user", user.id, ["username": username, "role": role.rawValue])
                accounts.append(Account(username: username, role: role.label))
            }
            return accounts
        }

        /// Problem `index` (from 1) of `list`; in a closed-out round every closed problem has passed its look-back.
        func problem(_ spec: DemoScript.ProblemSpec, index: Int, of list: [DemoScript.ProblemSpec], closedOut: Bool = false) async throws {
            let p = Problem()
            p.inspectionID = inspectionID
            p.source = spec.source.rawValue
            p.category = spec.category
            p.aspect = spec.aspect
            let sameSource = list.prefix(index).filter { $0.source == spec.source }.count
            p.number = sameSource
            p.label = spec.source == .inspectionFeedback ? "(\(sameSource))" : "\(sameSource)."
            p.title = spec.title
            p.problemDescription = spec.description
            p.leadUnitID = units[spec.measures[0].unit]
            p.deadline = day(50)
            let scenarios = spec.measures.map(\.scenario)
            let allClosed = scenarios.allSatisfy { $0 == .closed }
            p.status = allClosed ? RectificationStatus.closed.rawValue
                : scenarios.contains(.reopened) ? RectificationStatus.reopened.rawValue
                : scenarios.allSatisfy({ $0 == .notStarted }) ? RectificationStatus.notStarted.rawValue
                : RectificationStatus.inProgress.rawValue
            p.version = 1
            try await p.create(on: db)
            let problemID = try p.requireID()
            problemIDs[spec.title] = problemID
            try await created("problem", problemID, ["title": p.title])
            let problemStatus = RectificationStatus(rawValue: p.status) ?? .notStarted
            try await history(problemID: problemID, measureID: nil,
                              problemStatus == .closed ? steps(.closed) : problemStatus == .reopened ? steps(.reopened)
                                : problemStatus == .notStarted ? steps(.notStarted) : steps(.onTime))
            if let leader = people[spec.measures[0].leader] {
                try await ProblemLeader(problemID: problemID, personID: leader).create(on: db)
            }
            for (n, m) in spec.measures.enumerated() {
                try await measure(m, number: n + 1, problemID: problemID)
            }
            if allClosed {
                try await closeOut(problemID: problemID, measureID: nil)
                if closedOut {
                    try await lookBack(problemID: problemID, measureID: nil, offset: -5, result: .passed)
                } else if index % 3 == 0 {
                    try await lookBack(problemID: problemID, measureID: nil, offset: 20, result: .scheduled)
                } else if index % 3 == 1 {
                    try await lookBack(problemID: problemID, measureID: nil, offset: -5, result: .passed)
                }
            }
        }

        func measure(_ spec: DemoScript.MeasureSpec, number: Int, problemID: UUID) async throws {
            let m = Measure()
            m.problemID = problemID
            m.inspectionID = inspectionID
            m.number = number
            m.label = MeasureResource.defaultLabel(number)
            m.text = spec.text
            m.kind = spec.kind.rawValue
            m.leaderID = people[spec.leader]
            m.leadUnitID = units[spec.unit]
            m.startDate = day(-130)
            m.version = 1
            var reports: [(offset: Int, progress: Int, text: String, state: ReviewState)] = []
            switch spec.scenario {
            case .closed, .reopened:
                m.deadline = day(-30); m.progress = 100
                m.status = spec.scenario == .closed ? RectificationStatus.closed.rawValue : RectificationStatus.reopened.rawValue
                reports = [(-80, 50, "已制定工作方案，明确责任分工和时间节点，相关工作正在推进。", .approved),
                           (-35, 100, "各项工作已按计划完成，相关制度已印发实施，佐证材料已上传。", .approved)]
            case .pendingReview:
                m.deadline = day(10); m.progress = 100; m.status = RectificationStatus.pendingCloseOut.rawValue
                m.closeOutStage = CloseOutStage.officeReview.rawValue
                reports = [(-5, 100, "整改任务已全部完成，已组织单位自查，申请销号。", .approved)]
            case .onTime:
                m.deadline = day(60); m.progress = 70; m.status = RectificationStatus.inProgress.rawValue
                reports = [(-10, 70, "已完成阶段性任务，正按计划推进剩余工作。", .submitted)]
            case .dueSoon:
                m.deadline = day(3); m.progress = 80; m.status = RectificationStatus.inProgress.rawValue
                reports = [(-7, 80, "主体工作已完成，正在进行收尾和资料整理。", .approved)]
            case .behind:
                m.deadline = day(25); m.progress = 20; m.status = RectificationStatus.inProgress.rawValue
                reports = [(-40, 20, "已启动前期摸排，受项目审批影响，进度较计划滞后。", .approved)]
            case .overdue:
                m.deadline = day(-8); m.progress = 55; m.status = RectificationStatus.inProgress.rawValue
                reports = [(-20, 55, "部分事项已完成，其余事项因涉及多部门协调尚未完成。", .returned)]
            case .longTerm:
                m.deadline = nil; m.progress = 80; m.status = RectificationStatus.basicallyCompleted.rawValue
                reports = [(-15, 80, "已建立长效机制并按期执行，将持续坚持。", .approved)]
            case .notStarted:
                m.deadline = day(60); m.progress = 0; m.status = RectificationStatus.notStarted.rawValue
            }
            m.lastReportedOn = reports.last.map { day($0.offset) }
            try await m.create(on: db)
            let measureID = try m.requireID()
            try await created("measure", measureID, ["text": m.text])
            try await history(problemID: problemID, measureID: measureID, steps(spec.scenario))
            for unit in spec.support {
                if let id = units[unit] { try await MeasureUnit(measureID: measureID, organizationID: id).create(on: db) }
            }
            for (i, r) in reports.enumerated() {
                let report = ProgressReport()
                report.measureID = measureID
                report.reportDate = day(r.offset)
                report.text = r.text
                report.progress = r.progress
                report.reporterName = "\(spec.unit)填报员"
                report.reviewState = r.state.rawValue
                report.reviewOpinion = r.state == .returned ? "佐证材料不全，请补充会议纪要和现场照片后重新报送。"
                    : r.state == .approved ? "同意" : nil
                report.version = 1
                try await report.create(on: db)
                try await created("progress_report", report.id, ["measureId": measureID.uuidString])
                if i == reports.count - 1 { try await evidence(reportID: try report.requireID(), unit: spec.unit, text: r.text) }
            }
            if spec.scenario == .closed || spec.scenario == .reopened {
                try await closeOut(problemID: nil, measureID: measureID)
            }
            if spec.scenario == .pendingReview {
                try await closeOutRecord(problemID: nil, measureID: measureID, stage: .selfCheck, actor: "\(spec.unit)填报员",
                                         opinion: "经单位自查，整改任务已全部完成，申请销号。")
            }
            if spec.scenario == .reopened {
                try await lookBack(problemID: problemID, measureID: measureID, offset: -3, result: .failed)
            }
        }

        func evidence(reportID: UUID, unit: String, text: String) async throws {
            let content = "佐证材料说明\n报送单位：\(unit)\n\(text)\n（演示数据）\n"
            let data = Data(content.utf8)
            let file = EvidenceFile()
            file.progressReportID = reportID
            file.name = "佐证材料说明.txt"
            file.mediaType = "text/plain; charset=utf-8"
            file.size = Int64(data.count)
            file.sha256 = SHA256Hex.of(data)
            file.data = data
            try await file.create(on: db)
            try await created("evidence_file", file.id, ["name": file.name])
        }

        func closeOut(problemID: UUID?, measureID: UUID?) async throws {
            try await closeOutRecord(problemID: problemID, measureID: measureID, stage: .selfCheck, actor: "责任单位",
                                     opinion: "经单位自查，整改任务已全部完成，申请销号。")
            try await closeOutRecord(problemID: problemID, measureID: measureID, stage: .officeReview, actor: officeActor,
                                     opinion: "经逐项检查验收，佐证材料齐全，同意提请销号。")
            try await closeOutRecord(problemID: problemID, measureID: measureID, stage: .leaderSignOff, actor: leaderActor,
                                     opinion: "同意销号。")
        }

        func closeOutRecord(problemID: UUID?, measureID: UUID?, stage: CloseOutStage, actor: String, opinion: String) async throws {
            let r = CloseOutRecord()
            r.problemID = problemID; r.measureID = measureID
            r.stage = stage.rawValue; r.decision = CloseOutDecision.approve.rawValue
            r.opinion = opinion; r.actorName = actor
            try await r.create(on: db)
            try await created("close_out_record", r.id, ["stage": stage.rawValue])
        }

        func lookBack(problemID: UUID, measureID: UUID?, offset: Int, result: LookBackResult) async throws {
            let c = LookBackCheck()
            c.problemID = problemID; c.measureID = measureID
            c.scheduledOn = day(offset)
            c.result = result.rawValue
            if result != .scheduled { c.performedOn = day(offset) }
            if result == .failed { c.finding = "回头看发现招标文件复核制度执行不到位，2个项目未落实双人复核，重新整改。" }
            if result == .passed { c.finding = "整改成果巩固良好，未发现反弹。" }
            c.version = 1
            try await c.create(on: db)
            try await created("look_back_check", c.id, ["result": result.rawValue])
        }

        func registers() async throws {
            func pid(_ title: String) -> UUID { problemIDs[title]! }
            let accountability: [(String, CadreRank, AccountabilityForm, Int, String, String)] = [
                ("张某某", .section, .reminderTalk, -60, "工程招投标监管存在漏洞", "对招标文件审核把关不严"),
                ("黄某某", .staff, .criticism, -60, "工程招投标监管存在漏洞", "未按规定执行招标程序"),
                ("何某某", .section, .writtenSelfCriticism, -55, "专项资金使用管理不规范", "专项资金拨付审核不严"),
                ("林某某", .staff, .reminderTalk, -50, "保障性住房分配管理不规范", "承租人资格复核不及时"),
                ("谢某某", .section, .admonition, -45, "形式主义官僚主义问题仍有发生", "重复安排检查考核，增加基层负担"),
            ]
            for (name, rank, form, offset, problem, reason) in accountability {
                let r = AccountabilityRecord()
                r.inspectionID = inspectionID; r.personName = name; r.rank = rank.rawValue; r.form = form.rawValue
                r.decidedOn = day(offset); r.reason = reason; r.superseded = false
                try await r.create(on: db)
                try await RegisterLink(register: AccountabilityRecordResource.register, recordID: try r.requireID(), problemID: pid(problem)).create(on: db)
                try await created("accountability_record", r.id, ["personName": name])
            }
            let regulations: [(String, String?, Int, String)] = [
                ("江川市住房和城乡建设局党组理论学习中心组学习制度", "江建党字〔%Y〕5号", -110, "理论学习与业务工作结合不紧"),
                ("江川市住房和城乡建设局建筑施工安全生产检查办法", "江建字〔%Y〕18号", -90, "建筑施工安全监管存在薄弱环节"),
                ("工程建设项目招标文件审查规程", "江建字〔%Y〕21号", -85, "工程招投标监管存在漏洞"),
                ("江川市住房和城乡建设局专项资金管理办法", "江建字〔%Y〕26号", -70, "专项资金使用管理不规范"),
                ("关于进一步精简文件和会议的若干措施", nil, -100, "形式主义官僚主义问题仍有发生"),
                ("江川市住房和城乡建设局巡察整改定期调度制度", "江建党字〔%Y〕9号", -120, "上轮巡察反馈问题整改不彻底"),
            ]
            for (title, number, offset, problem) in regulations {
                let r = Regulation()
                let issued = today.adding(days: offset)
                r.inspectionID = inspectionID; r.title = title
                r.documentNumber = number?.replacingOccurrences(of: "%Y", with: String(issued.year))
                r.issuedOn = issued.iso; r.issuer = DemoScript.body; r.superseded = false
                try await r.create(on: db)
                try await RegisterLink(register: RegulationResource.register, recordID: try r.requireID(), problemID: pid(problem)).create(on: db)
                try await created("regulation", r.id, ["title": title])
            }
            let meetings: [(MeetingKind, Int, String, [String])] = [
                (.partyGroup, -128, "党组会专题研究巡察反馈意见整改工作", ["理论学习与业务工作结合不紧", "党组履行全面从严治党主体责任压力传导不够"]),
                (.mobilization, -125, "巡察整改工作动员部署会", []),
                (.dispatch, -90, "老旧小区改造和城中村改造调度会", ["老旧小区改造推进缓慢", "要加快城中村改造项目建设"]),
                (.progressBriefing, -60, "党组会听取巡察整改工作进展情况汇报", []),
                (.democraticLife, -40, "巡察整改专题民主生活会", ["形式主义官僚主义问题仍有发生"]),
            ]
            for (kind, offset, title, linked) in meetings {
                let m = Meeting()
                m.inspectionID = inspectionID; m.kind = kind.rawValue; m.heldOn = day(offset); m.title = title
                m.chair = "李建国"; m.superseded = false
                try await m.create(on: db)
                for problem in linked {
                    try await RegisterLink(register: MeetingResource.register, recordID: try m.requireID(), problemID: pid(problem)).create(on: db)
                }
                try await created("meeting", m.id, ["title": title])
            }
            let funds: [(Int64, String, Int, String)] = [
                (28_645_000, "追回超范围列支的专项资金", -65, "专项资金使用管理不规范"),
                (1_520_000, "追回多支付的工程款", -50, "工程招投标监管存在漏洞"),
            ]
            for (fen, description, offset, problem) in funds {
                let f = RecoveredFund()
                f.inspectionID = inspectionID; f.problemID = pid(problem); f.amountFen = fen
                f.fundDescription = description; f.recordedOn = day(offset); f.superseded = false
                try await f.create(on: db)
                try await created("recovered_fund", f.id, ["amount": MoneyAmount.yuanText(fen: fen)])
            }
            try await notices()
            let feedback = [("建议在小区公示栏公布老旧小区改造的具体时间安排。", "王先生 138****2211", FeedbackState.replied),
                            ("反映某小区物业收费不透明，希望尽快整治。", nil, FeedbackState.received)]
            for (text, contact, state) in feedback {
                let f = PublicFeedback()
                f.inspectionID = inspectionID; f.channel = "web"; f.text = text; f.contact = contact; f.state = state.rawValue
                if state == .replied { f.reply = "感谢您的建议，改造时间安排已在各小区公示栏和局门户网站公布。" }
                f.version = 1
                try await f.create(on: db)
                try await created("public_feedback", f.id, ["state": state.rawValue])
            }
        }

        func notices() async throws {
            let overdue = try await Measure.query(on: db).filter(\.$inspectionID == inspectionID)
                .filter(\.$deadline < day(0)).filter(\.$status != RectificationStatus.closed.rawValue).all()
            let dueSoon = try await Measure.query(on: db).filter(\.$inspectionID == inspectionID)
                .filter(\.$deadline == day(3)).all()
            let specs: [(String, [Measure], NoticeState, Int)] = [
                ("关于加快推进临期整改事项的工作提示", dueSoon, .replied, -10),
                ("关于超期未完成整改事项的督办通知", overdue, .issued, -2),
            ]
            for (serial, spec) in specs.enumerated() where !spec.1.isEmpty {
                let n = ReminderNotice()
                let issued = today.adding(days: spec.3)
                n.inspectionID = inspectionID; n.year = issued.year; n.serial = serial + 1
                n.title = spec.0
                n.body = "请相关责任领导和责任单位对照整改时序，逐项查找原因，采取有力措施，确保按期完成整改任务，并于要求回复日期前书面反馈整改进展。"
                n.issuedOn = issued.iso; n.replyDue = issued.adding(days: 7).iso
                n.recipients = #"["责任单位主要负责人","责任领导"]"#
                n.state = spec.2.rawValue
                if spec.2 == .replied { n.reply = "已召开专题会研究部署，明确专人负责，确保按期完成。" }
                n.version = 1
                try await n.create(on: db)
                for m in spec.1 {
                    let item = NoticeItem()
                    item.noticeID = try n.requireID(); item.measureID = try m.requireID()
                    item.workingDaysLate = m.deadline.flatMap(Day.init(iso:)).map { issued.days(until: $0) * -1 }
                    try await item.create(on: db)
                }
                try await created("reminder_notice", n.id, ["title": n.title])
            }
        }
    }
}
