import Fluent
import RectifyCore
import Vapor

/// The problem pages: list, detail (measures, their progress reports and evidence, close-out trail,
/// notices, registers, audit history), the reporting form, review and close-out actions.
struct ProblemPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "problems", access: .roles(Access.everyone), use: list)
        routes.endpoint(.GET, "problems", ":id", access: .roles(Access.everyone), use: detail)
        routes.endpoint(.GET, "measures", ":id", "report", access: .roles(Access.reporters), use: reportForm)
        routes.endpoint(.POST, "measures", ":id", "report", access: .roles(Access.reporters),
                        body: .collect(maxSize: "64mb"), use: submitReport)
        routes.endpoint(.POST, "progress-reports", ":id", "review", access: .roles(Access.reviewers), use: review)
        routes.endpoint(.POST, "close-out", access: .roles(Access.closeOutActors), use: closeOut)
        routes.endpoint(.GET, "review", access: .roles(Access.reviewers.union([.leader])), use: queue)
    }

    // MARK: list

    struct ListContext: Encodable {
        let frame: PageFrame
        /// The table's rows (`ProblemListRows`) and the source select's options as HTML.
        let rows: String
        let q: String
        let sources: String
        let pager: Pager
    }

    static let listPerPage = 30

    /// One statement for the page and its total (`ProblemListRows`) in the user's scope; a second only
    /// when the requested page lies past the last, which shows the last.
    @Sendable
    func list(_ req: Request) async throws -> View {
        let access = try await req.access()
        let q = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let source = req.query[String.self, at: "source"].flatMap(ProblemSource.init(rawValue:))
        let sql = try req.db.sql
        let statement = try ProblemListRows(access: access, q: q, source: source, postgres: sql.dialect.name == "postgresql")
        func link(_ page: Int) -> String {
            var parts = ["page=\(page)"]
            if !q.isEmpty { parts.append("q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            if let source { parts.append("source=\(source.rawValue)") }
            return "/problems?" + parts.joined(separator: "&")
        }
        // A page number too large to multiply cannot trap: no ledger holds a million pages of problems.
        let requested = min(max(1, req.query[Int.self, at: "page"] ?? 1), 1_000_000)
        var read = try await statement.read(offset: (requested - 1) * Self.listPerPage, limit: Self.listPerPage, on: sql)
        // A page beyond the last shows the last.
        let (pager, range) = Pager.make(total: read.total, per: Self.listPerPage, requested: requested, link: link)
        if range.lowerBound != (requested - 1) * Self.listPerPage {
            read = try await statement.read(offset: range.lowerBound, limit: Self.listPerPage, on: sql)
        }
        return try await req.view.render("problems", ListContext(
            frame: .make(req, title: "问题清单", current: "/problems"), rows: read.html, q: q,
            sources: ProblemSource.allCases.map { BoardController.Option(value: $0.rawValue, label: $0.label, selected: $0 == source) }.html,
            pager: pager))
    }

    // MARK: detail

    struct EvidenceLink: Encodable { let id: UUID; let name: String; let size: String }
    struct ReportRow: Encodable {
        let id: UUID; let date: String; let text: String; let progress: Int; let reporter: String; let state: String
        let stateCode: String; let opinion: String?; let evidence: [EvidenceLink]; let canReview: Bool
    }
    struct CloseOutRow: Encodable { let stage: String; let decision: String; let opinion: String; let actor: String; let at: String }
    struct Action: Encodable { let stage: String; let stageLabel: String; let canReturn: Bool }
    struct MeasureView: Encodable {
        let id: UUID; let label: String; let text: String; let kind: String; let unit: String; let support: String
        let leader: String; let deadline: String; let progress: Int; let status: String; let level: String; let word: String
        let reason: String
        /// The reports as HTML (`timelineHTML`), nil without any.
        let timeline: String?; let closeOut: [CloseOutRow]; let canReport: Bool; let action: Action?
        let leaderForm: MeasureForms.LeaderForm?
    }
    struct RegisterEntry: Encodable { let kind: String; let text: String }
    struct AuditRow: Encodable { let at: String; let actor: String; let action: String; let entity: String }
    struct DetailContext: Encodable {
        let frame: PageFrame; let id: UUID; let label: String; let title: String; let source: String; let category: String
        let status: String; let description: String?; let measures: [MeasureView]; let registers: [RegisterEntry]
        let notices: [String]; let audit: [AuditRow]; let problemAction: Action?; let closeOut: [CloseOutRow]; let done: String?
        let newMeasure: MeasureForms.NewMeasure?
        /// For the inspection office: turns the problem into a self-inspection task (举一反三) for other bodies.
        let canIssueSelfInspection: Bool
    }

    static func sizeText(_ bytes: Int64) -> String {
        bytes < 1024 ? "\(bytes) B" : bytes < 1_048_576 ? String(format: "%.1f KB", Double(bytes) / 1024)
            : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    static func timeText(_ date: Date?) -> String {
        guard let date else { return "" }
        // By arithmetic: a DateFormatter made for each of a page's dozens of times cost a tenth of it.
        let seconds = Int(floor(date.timeIntervalSince1970)) + Day.chinaTimeZone.secondsFromGMT(for: date)
        let minuteOfDay = (seconds % 86_400 + 86_400) % 86_400 / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(Day(date).iso) \(two(minuteOfDay / 60)):\(two(minuteOfDay % 60))"
    }

    /// The close-out stage the user could act on now, if any.
    static func action(status: String, awaiting: String?, role: Role) -> Action? {
        guard status != RectificationStatus.closed.rawValue else { return nil }
        let stage = awaiting.flatMap(CloseOutStage.init(rawValue:)) ?? .selfCheck
        guard CloseOutRecordResource.roles(for: stage).contains(role) else { return nil }
        return Action(stage: stage.rawValue, stageLabel: stage.label, canReturn: stage != .selfCheck)
    }

    @Sendable
    func detail(_ req: Request) async throws -> View {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("问题") }
        return try await render(req, problemID: id, form: nil)
    }

    /// The problem's page; `form` is a refused measure form shown again (`MeasureFormController`).
    func render(_ req: Request, problemID id: UUID, form: MeasureForms.State?) async throws -> View {
        let access = try await req.access()
        guard let rows = try await ProblemPageRows.load(problem: id, access: access, on: req.db) else { throw RectifyError.notFound("问题") }
        let problem = rows.problem
        let frame = PageFrame.make(req, title: "\(problem.label)\(problem.title)", current: "/problems")
        let calendar = req.application.workingCalendar
        func closeOutRows(_ rows: [ProblemPageRows.CloseOutRow]) -> [CloseOutRow] {
            rows.map { r in
                CloseOutRow(stage: (CloseOutStage(rawValue: r.stage) ?? .selfCheck).label,
                            decision: (CloseOutDecision(rawValue: r.decision) ?? .approve).label,
                            opinion: r.opinion, actor: r.actor, at: Self.timeText(r.at))
            }
        }
        // Each row's parts grouped once, rather than every list filtered again for each measure.
        let reportsByMeasure = Dictionary(grouping: rows.reports, by: \.measureID)
        let recordsByMeasure = Dictionary(grouping: rows.closeOuts.filter { $0.measureID != nil }) { $0.measureID! }
        let reviewer = Access.reviewers.contains(access.role)
        let forms = try await MeasureForms.make(
            inspectedBody: problem.inspectedBodyID, problemStatus: problem.status,
            measures: rows.measures.map { m in
                MeasureForms.Entry(id: m.id, status: m.status, leaderID: m.leaderID, version: m.version,
                                   departedLeader: m.departedLeader)
            },
            access: access, state: form, on: req)
        let views: [MeasureView] = rows.measures.map { m in
            let status = RectificationStatus(rawValue: m.status) ?? .notStarted
            let kind = MeasureKind(rawValue: m.kind) ?? .timeBound
            // The same rule as the warning list, with the round's thresholds read with the problem.
            let w = WarningRules.assess(
                WarningInput(start: m.startDate.flatMap(Day.init(iso:)) ?? access.today, deadline: m.deadline.flatMap(Day.init(iso:)),
                             progressPercent: m.progress, status: status, kind: kind),
                today: access.today, thresholds: problem.thresholds, calendar: calendar)
            let open = m.status != RectificationStatus.closed.rawValue && m.status != RectificationStatus.pendingCloseOut.rawValue
            return MeasureView(
                id: m.id, label: m.label, text: m.text, kind: kind.label,
                unit: m.leadUnitName ?? "未明确", support: m.supportingUnitNames.joined(separator: "、"),
                leader: m.leaderName ?? "—", deadline: m.deadline.flatMap(Day.init(iso:))?.chinese ?? "长期",
                progress: m.progress, status: status.label,
                level: w.level.rawValue, word: w.level.word, reason: w.reason,
                timeline: Self.timelineHTML((reportsByMeasure[m.id] ?? []).map { r in
                    let state = ReviewState(rawValue: r.reviewState) ?? .submitted
                    return ReportRow(
                        id: r.id, date: Day(iso: r.reportDate)?.chinese ?? r.reportDate, text: r.text, progress: r.progress,
                        reporter: r.reporterName, state: state.label, stateCode: state.rawValue, opinion: r.reviewOpinion,
                        evidence: r.evidence.map { EvidenceLink(id: $0.id, name: $0.name, size: Self.sizeText($0.size)) },
                        canReview: reviewer && state == .submitted)
                }, csrf: frame.csrf),
                closeOut: closeOutRows(recordsByMeasure[m.id] ?? []),
                canReport: open && Access.reporters.contains(access.role),
                action: Self.action(status: m.status, awaiting: m.closeOutStage, role: access.role), leaderForm: forms.leaderForms[m.id])
        }
        let registers: [RegisterEntry] = rows.registers.map { register in
            switch register {
            case let .accountability(person, rank, form, decidedOn):
                return RegisterEntry(kind: "问责", text: "\(person)（\((CadreRank(rawValue: rank) ?? .other).label)）\((AccountabilityForm(rawValue: form) ?? .reminderTalk).label)，\(Day(iso: decidedOn)?.chinese ?? "")")
            case let .regulation(title, documentNumber):
                return RegisterEntry(kind: "制度", text: "《\(title)》\(documentNumber.map { "（\($0)）" } ?? "")")
            case let .meeting(title, heldOn):
                return RegisterEntry(kind: "会议", text: "\(Day(iso: heldOn)?.chinese ?? "") \(title)")
            case let .fund(amountFen, description):
                return RegisterEntry(kind: "追回资金", text: "\(MoneyAmount.chineseText(fen: amountFen))：\(description)")
            }
        }
        let notices = rows.notices.map { "\($0.year)年第\($0.serial)期《\($0.title)》（\((NoticeState(rawValue: $0.state) ?? .issued).label)）" }
        let audit = rows.audit.map {
            AuditRow(at: Self.timeText(Date(timeIntervalSince1970: Double($0.atMillis) / 1000)), actor: $0.actor,
                     action: $0.action, entity: $0.entity == "problem" ? "问题" : "整改措施")
        }
        return try await req.view.render("problem", DetailContext(
            frame: frame,
            id: id, label: problem.label, title: problem.title, source: (ProblemSource(rawValue: problem.source) ?? .other).label,
            category: [problem.category, problem.aspect].compactMap { $0 }.joined(separator: " · "),
            status: (RectificationStatus(rawValue: problem.status) ?? .notStarted).label, description: problem.description,
            measures: views, registers: registers, notices: notices, audit: audit,
            problemAction: rows.measures.allSatisfy({ $0.status == RectificationStatus.closed.rawValue }) && !rows.measures.isEmpty
                ? Self.action(status: problem.status, awaiting: problem.closeOutStage, role: access.role) : nil,
            closeOut: closeOutRows(rows.closeOuts.filter { $0.problemID == id }),
            done: req.query[String.self, at: "done"].flatMap(Self.doneMessages.index(forKey:)).map { Self.doneMessages[$0].value },
            newMeasure: forms.newMeasure, canIssueSelfInspection: SelfInspectionController.issuers.contains(access.role)))
    }

    static let doneMessages = ["reported": "进展已报送，等待整改办审核。", "reviewed": "审核意见已保存。", "closeout": "销号意见已保存。",
                               "measure": "整改措施已新增。", "leader": "责任领导已调整。"]

    // MARK: reporting

    struct ReportFormContext: Encodable {
        let frame: PageFrame; let measureId: UUID; let problemId: UUID; let label: String; let text: String
        let progress: String; let reportText: String; let errors: [String: String]; let limitMB: Int; let types: String
    }

    func reportable(_ req: Request) async throws -> (Measure, Problem) {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("整改措施") }
        let q = Measure.query(on: req.db).filter(\.$id == id)
        try await MeasureResource.scope(q, access, on: req.db)
        guard let measure = try await q.first(), let problem = try await Problem.find(measure.problemID, on: req.db) else {
            throw RectifyError.notFound("整改措施")
        }
        return (measure, problem)
    }

    func renderForm(_ req: Request, _ m: Measure, _ p: Problem, progress: String, text: String, errors: [String: String]) async throws -> View {
        try await req.view.render("report-form", ReportFormContext(
            frame: .make(req, title: "报送整改进展", current: "/problems"), measureId: try m.requireID(), problemId: p.id!,
            label: p.label + m.label, text: m.text, progress: progress, reportText: text, errors: errors,
            limitMB: req.application.rectifyConfig.uploadLimitBytes / 1_048_576,
            types: EvidenceType.allowedExtensions.joined(separator: "、")))
    }

    @Sendable
    func reportForm(_ req: Request) async throws -> View {
        let (measure, problem) = try await reportable(req)
        return try await renderForm(req, measure, problem, progress: String(measure.progress), text: "", errors: [:])
    }

    struct ReportPost: Content {
        var progress: String?
        var text: String?
        var files: [File]?
    }

    @Sendable
    func submitReport(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let (measure, problem) = try await reportable(req)
        let form = try req.content.decode(ReportPost.self)
        let files = (form.files ?? []).filter { !$0.filename.isEmpty && $0.data.readableBytes > 0 }
        var errors: [String: String] = [:]
        let limit = req.application.rectifyConfig.uploadLimitBytes
        var checked: [(String, Data, String)] = []
        for file in files {
            let bytes = Data(buffer: file.data)
            if bytes.count > limit { errors["files"] = "“\(file.filename)”超过 \(limit / 1_048_576) MB"; continue }
            do { checked.append((file.filename, bytes, try EvidenceType.check(name: file.filename, bytes: bytes))) } catch let e as RectifyError {
                errors["files"] = "“\(file.filename)”：\(e.fields.first?.message ?? e.reason)"
            }
        }
        let input = ProgressReportResource.CreateInput(measureId: try measure.requireID(), reportDate: nil, text: form.text,
                                                       progress: form.progress.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        if form.progress.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) == nil { errors["progress"] = "请填写0至100之间的整数" }
        var refusal: RectifyError?
        if errors.isEmpty {
            let uploads = checked
            do {
                try await req.write { db, audit in
                    let report = try await ResourceController<ProgressReportResource>.create(input, access: access, in: db, audit: audit)
                    for (name, bytes, type) in uploads {
                        _ = try await EvidenceController.store(name: name, bytes: bytes, mediaType: type, reportID: try report.requireID(),
                                                               access: access, in: db, audit: audit)
                    }
                }
                return req.redirect(to: "/problems/\(problem.id!)?done=reported", redirectType: .normal)
            } catch let error as RectifyError {
                refusal = error
                for issue in error.fields { errors[issue.field] = issue.message }
                if error.fields.isEmpty { errors["form"] = error.reason }
            }
        }
        // The draft comes back with the messages beside its fields; a busy ledger says so (503).
        let view = try await renderForm(req, measure, problem, progress: form.progress ?? "", text: form.text ?? "", errors: errors)
        let response = try await view.encodeResponse(for: req)
        response.refusedForm(refusal, otherwise: .unprocessableEntity)
        return response
    }

    // MARK: review and close-out

    struct ReviewPost: Content { var decision: String?; var opinion: String? }

    @Sendable
    func review(_ req: Request) async throws -> Response {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self), let report = try await ProgressReport.find(id, on: req.db) else {
            throw RectifyError.notFound("进展报告")
        }
        let form = try req.content.decode(ReviewPost.self)
        let state: ReviewState = form.decision == "approve" ? .approved : .returned
        _ = try await ResourceController<ProgressReportResource>.update(
            id, with: .init(text: nil, progress: nil, reportDate: nil, reviewState: state, reviewOpinion: form.opinion, version: nil),
            expected: report.version, access: access, on: req)
        let measure = try await Measure.find(report.measureID, on: req.db)
        return req.redirect(to: "/problems/\(measure?.problemID.uuidString ?? "")?done=reviewed", redirectType: .normal)
    }

    struct CloseOutPost: Content {
        var measureId: UUID?; var problemId: UUID?; var stage: CloseOutStage?; var decision: CloseOutDecision?; var opinion: String?
    }

    @Sendable
    func closeOut(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(CloseOutPost.self)
        _ = try await ResourceController<CloseOutRecordResource>.create(
            .init(problemId: form.problemId, measureId: form.measureId, stage: form.stage, decision: form.decision,
                  opinion: form.opinion.nonBlank), access: access, on: req)
        var problemID = form.problemId
        if problemID == nil, let m = form.measureId { problemID = try await Measure.find(m, on: req.db)?.problemID }
        return req.redirect(to: "/problems/\(problemID?.uuidString ?? "")?done=closeout", redirectType: .normal)
    }

    struct QueueItem: Encodable { let problemId: UUID; let label: String; let text: String; let what: String }
    struct QueueContext: Encodable { let frame: PageFrame; let reports: [QueueItem]; let stages: [QueueItem] }

    @Sendable
    func queue(_ req: Request) async throws -> View {
        let access = try await req.access()
        let mq = Measure.query(on: req.db)
        try await MeasureResource.scope(mq, access, on: req.db)
        let measures = try await mq.all()
        let byID = Dictionary(uniqueKeysWithValues: measures.compactMap { m in m.id.map { ($0, m) } })
        let labels = try await Lookup.names(Problem.self, Set(measures.map(\.problemID)), on: req.db, name: \.$label)
        var reports: [QueueItem] = []
        if Access.reviewers.contains(access.role) {
            let pending = try await ProgressReport.query(on: req.db).filter(\.$measureID ~~ Array(byID.keys))
                .filter(\.$reviewState == ReviewState.submitted.rawValue).sort(\.$reportDate).limit(200).all()
            reports = pending.compactMap { r in
                byID[r.measureID].map { m in
                    QueueItem(problemId: m.problemID, label: (labels[m.problemID] ?? "") + m.label, text: r.text,
                              what: "\(r.reporterName) 于\(Day(iso: r.reportDate)?.chinese ?? "")报送，进度\(r.progress)%")
                }
            }
        }
        let stages = measures.filter { m in
            guard let stage = m.closeOutStage.flatMap(CloseOutStage.init(rawValue:)) else { return false }
            return CloseOutRecordResource.roles(for: stage).contains(access.role)
        }.map { m in
            QueueItem(problemId: m.problemID, label: (labels[m.problemID] ?? "") + m.label, text: m.text,
                      what: "待“\((CloseOutStage(rawValue: m.closeOutStage ?? "") ?? .officeReview).label)”")
        }
        return try await req.view.render("review", QueueContext(frame: .make(req, title: "审核与销号", current: "/review"),
                                                               reports: reports, stages: stages))
    }
}
