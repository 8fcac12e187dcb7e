import Fluent
import RectifyCore
import SQLKit
import Vapor

/// Issuing self-inspection tasks and answering them, shared by the API and the pages. An answer
/// that found a problem enters it in the body's ledger through `ProblemResource` and
/// `MeasureResource`, in the answer's transaction, so it is validated, audited and then supervised
/// like any other problem.
enum SelfInspectionService {
    static let taskEntity = "self_inspection_task"
    static let answerEntity = "self_inspection_answer"
    static let label = "举一反三任务"
    /// The most measures one answer may enter.
    static let maxMeasures = 20

    struct CreateInput: Content, Sendable {
        var title: String?
        var requirement: String?
        var sourceProblemId: UUID?
        var bodyIds: [UUID]?
        var sectors: [String]?
        var workingDays: Int?
    }

    struct MeasureInput: Content, Sendable {
        var text: String?
        var kind: String?
        var leadUnitId: UUID?
        var leaderId: UUID?
        var deadline: String?
    }

    struct AnswerInput: Content, Sendable {
        var state: String?
        var explanation: String?
        var problemTitle: String?
        var problemDescription: String?
        var measures: [MeasureInput]?
        var version: Int?
    }

    static let createSchema: [SchemaProperty] = [
        opt("title", .string, "任务名称；由问题发起时缺省为据问题生成的名称"),
        opt("requirement", .string, "自查要求；由问题发起时缺省为问题名称和问题表现"),
        opt("sourceProblemId", .uuid, "来源问题"), opt("bodyIds", .array(.uuid), "点选的被巡察单位"),
        opt("sectors", .array(.enumeration(BodySector.allCases.map(\.rawValue))), "按所属领域选择，该领域的被巡察单位全部纳入"),
        req("workingDays", .integer, "报送时限，\(SelfInspectionTiming.workingDayRange.lowerBound)至\(SelfInspectionTiming.workingDayRange.upperBound)个工作日"),
    ]

    static let measureSchema: [SchemaProperty] = [
        req("text", .string, "措施内容"), opt("kind", .enumeration(MeasureKind.allCases.map(\.rawValue))),
        req("leadUnitId", .uuid, "本单位的牵头单位"), opt("leaderId", .uuid, "责任领导，须为本单位在任人员"),
        req("deadline", .date, "整改期限，不早于今天"),
    ]

    static let answerSchema: [SchemaProperty] = [
        req("state", .enumeration([SelfInspectionState.found.rawValue, SelfInspectionState.notFound.rawValue])),
        opt("explanation", .string, "自查情况说明；未查找到同类问题时必填"),
        opt("problemTitle", .string, "查找到的问题名称（found 时必填）"), opt("problemDescription", .string, "问题表现"),
        opt("measures", .array(.object(measureSchema)), "整改措施（found 时至少一项）"), opt("version", .integer),
    ]

    // MARK: - Issue

    static func create(_ input: CreateInput, access: AccessContext, on req: Request) async throws -> SelfInspectionTaskDTO {
        try WriteBodyGuard.check(input, createSchema)
        var v = FieldValidator()
        if input.workingDays == nil { v.add("workingDays", "required", "报送时限（工作日）不能为空") }
        v.range(input.workingDays, field: "workingDays", label: "报送时限（工作日）", SelfInspectionTiming.workingDayRange)
        var problem: Problem?
        if let id = input.sourceProblemId {
            problem = try await Problem.find(id, on: req.db)
            if problem == nil { v.add("sourceProblemId", "unknown_reference", "所选问题不存在") }
        }
        let title = v.text(input.title.nonBlank ?? problem.map(defaultTitle), field: "title", label: "任务名称", max: 300)
        let requirement = v.text(input.requirement.nonBlank ?? problem.map(defaultRequirement), field: "requirement", label: "自查要求",
                                 max: 20_000)
        var sectors: [BodySector] = []
        for text in input.sectors ?? [] {
            if let sector = BodySector(text: text) { sectors.append(sector) } else {
                v.add("sectors", "invalid_value", BodySector.expectedMessage)
                break
            }
        }
        let picked = Set(input.bodyIds ?? [])
        if picked.isEmpty && sectors.isEmpty { v.add("bodyIds", "required", "请点选被巡察单位或选择所属领域") }
        try v.check()
        let bodies = try await chosenBodies(picked: picked, sectors: sectors, on: req.db)
        let today = access.today
        let source = problem, chosenSectors = sectors
        let due = SelfInspectionTiming.due(issuedOn: today, workingDays: input.workingDays!, calendar: req.application.workingCalendar).value
        return try await req.write { db, audit in
            let task = SelfInspectionTask()
            task.title = title!
            task.requirement = requirement!
            task.sourceProblemID = try source?.requireID()
            task.sectors = chosenSectors.isEmpty ? nil : chosenSectors.map(\.rawValue).joined(separator: ",")
            task.workingDays = input.workingDays!
            task.issuedOn = today.iso
            task.dueOn = due.iso
            task.issuedByID = access.userID
            task.issuedByName = access.userName
            task.version = 1
            try await task.create(on: db)
            let taskID = try task.requireID()
            let answers = bodies.map { body in
                let answer = SelfInspectionAnswer()
                answer.id = UUID()
                answer.taskID = taskID
                answer.bodyID = body.id
                answer.dueOn = due.iso
                answer.state = SelfInspectionState.pending.rawValue
                answer.version = 1
                return answer
            }
            try await answers.create(on: db)
            let names = Dictionary(uniqueKeysWithValues: bodies.map { ($0.id, $0.name) })
            let dto = try taskDTO(task, answers: answers.map { try answerDTO($0, bodyName: names[$0.bodyID] ?? "", today: today) },
                                  counts: counts(answers, today: today), showSource: true)
            try await audit.record("create", entity: taskEntity, id: taskID.uuidString, after: dto)
            return dto
        }
    }

    static func defaultTitle(_ problem: Problem) -> String {
        "关于“\(problem.title)”问题的举一反三自查"
    }

    static func defaultRequirement(_ problem: Problem) -> String {
        var text = "对照“\(problem.title)”问题"
        if let description = problem.problemDescription.nonBlank { text += "（问题表现：\(description)）" }
        return text + "，举一反三、自查自纠，查找本单位是否存在同类问题；查找到的，制定整改措施并明确整改期限。"
    }

    struct ChosenBody: Sendable { let id: UUID; let name: String }

    /// The bodies picked and those of the chosen sectors, each checked to be an inspected body (the top
    /// of its tree), in one query.
    static func chosenBodies(picked: Set<UUID>, sectors: [BodySector], on db: Database) async throws -> [ChosenBody] {
        let rows = try await Organization.query(on: db)
            .filter(\.$kind == OrganizationKind.body.rawValue).filter(\.$parentID == nil)
            .group(.or) { group in
                if !picked.isEmpty { group.filter(\.$id ~~ Array(picked)) }
                if !sectors.isEmpty { group.filter(\.$sector ~~ sectors.map { Optional($0.rawValue) }) }
            }
            .field(\.$id).field(\.$name).field(\.$sector).sort(\.$sortOrder).sort(\.$name).all()
        var issues: [FieldIssue] = []
        let found = Set(rows.compactMap(\.id))
        if !picked.isSubset(of: found) {
            issues.append(FieldIssue(field: "bodyIds", code: "unknown_reference", message: "所选单位中有不存在或不是被巡察单位的单位"))
        }
        let covered = Set(rows.compactMap(\.sector))
        if let empty = sectors.first(where: { !covered.contains($0.rawValue) }) {
            issues.append(FieldIssue(field: "sectors", code: "empty_sector", message: "“\(empty.label)”领域下没有被巡察单位"))
        }
        if rows.count > SelfInspectionTiming.maxBodies {
            issues.append(FieldIssue(field: "bodyIds", code: "too_many",
                                     message: "一次最多向\(SelfInspectionTiming.maxBodies)个被巡察单位部署自查任务，当前选择了\(rows.count)个"))
        }
        if !issues.isEmpty { throw RectifyError.validation(issues) }
        return rows.compactMap { row in row.id.map { ChosenBody(id: $0, name: row.name) } }
    }

    // MARK: - Answer

    /// The body's answer, once: found or not found. An answer is final (a found problem and its measures
    /// live on in the ledger, where they are amended like any other), so a second one is refused.
    static func answer(taskID: UUID, _ input: AnswerInput, expected: Int, access: AccessContext, on req: Request) async throws
        -> SelfInspectionAnswerDTO {
        try WriteBodyGuard.check(input, answerSchema)
        for measure in input.measures ?? [] { try WriteBodyGuard.check(measure, measureSchema) }
        guard let body = access.bodyID else { throw RectifyError.notFound(label) }
        let today = access.today
        var v = FieldValidator()
        let state = input.state.nonBlank.flatMap(SelfInspectionState.init(rawValue:))
        if state == nil || state == .pending {
            v.add("state", input.state.nonBlank == nil ? "required" : "invalid_value", "请选择自查结论：查找到同类问题（found）或未查找到同类问题（not_found）")
        }
        let explanation = v.text(input.explanation, field: "explanation", label: "自查情况说明", required: state == .notFound, max: 20_000)
        var problemTitle: String?
        var measures: [(text: String, kind: MeasureKind, unit: UUID, leader: UUID?, deadline: Day)] = []
        if state == .found {
            problemTitle = v.text(input.problemTitle, field: "problemTitle", label: "问题名称", max: 300)
            v.text(input.problemDescription, field: "problemDescription", label: "问题表现", required: false, max: 20_000)
            let given = (input.measures ?? []).filter { $0.text.nonBlank != nil || $0.leadUnitId != nil || $0.deadline.nonBlank != nil }
            if given.isEmpty { v.add("measures", "required", "查找到同类问题的，请至少制定一项整改措施") }
            if given.count > maxMeasures { v.add("measures", "too_many", "一次最多录入\(maxMeasures)项整改措施") }
            for (index, m) in given.prefix(maxMeasures).enumerated() {
                let field = "measures[\(index)]"
                let text = v.text(m.text, field: "\(field).text", label: "第\(index + 1)项措施的措施内容", max: 20_000)
                var kind = MeasureKind.timeBound
                if let raw = m.kind.nonBlank {
                    if let parsed = MeasureKind(rawValue: raw) { kind = parsed } else {
                        v.add("\(field).kind", "invalid_value", "第\(index + 1)项措施的措施类型不在可选范围内")
                    }
                }
                if m.leadUnitId == nil { v.add("\(field).leadUnitId", "required", "第\(index + 1)项措施的牵头单位不能为空") }
                let deadline = v.day(m.deadline, field: "\(field).deadline", label: "第\(index + 1)项措施的整改期限", required: true)
                if let deadline, deadline < today {
                    v.add("\(field).deadline", "date_order", "第\(index + 1)项措施的整改期限不能早于今天")
                }
                if let text, let unit = m.leadUnitId, let deadline { measures.append((text, kind, unit, m.leaderId, deadline)) }
            }
        }
        try v.check()
        let foundTitle = problemTitle, foundMeasures = measures
        return try await req.write { db, audit in
            guard let answer = try await SelfInspectionAnswer.query(on: db).filter(\.$taskID == taskID).filter(\.$bodyID == body).first() else {
                throw RectifyError.notFound(label)
            }
            guard answer.state == SelfInspectionState.pending.rawValue else {
                throw RectifyError.conflict(code: "already_answered",
                                            message: "本单位已报送该任务的自查情况，不能重复报送；查找到的问题和整改措施请在整改台账中维护")
            }
            guard answer.version == expected else { throw RectifyError.staleVersion(current: answer.version) }
            let bodyName = try await Organization.query(on: db).filter(\.$id == body).field(\.$id).field(\.$name).first()?.name ?? ""
            let before = try answerDTO(answer, bodyName: bodyName, today: today)
            if state == .found {
                answer.problemID = try await enterProblem(title: foundTitle!, description: input.problemDescription.nonBlank,
                                                          measures: foundMeasures, body: body, access: access, db: db, audit: audit)
            }
            answer.state = state!.rawValue
            answer.explanation = explanation
            answer.answeredOn = today.iso
            answer.answeredByID = access.userID
            answer.answeredByName = access.userName
            answer.version += 1
            try await answer.save(on: db)
            let after = try answerDTO(answer, bodyName: bodyName, today: today)
            try await audit.record("answer", entity: answerEntity, id: try answer.requireID().uuidString, before: before, after: after)
            return after
        }
    }

    /// The found problem, with source 举一反三、自查自纠, and its measures in the body's open round.
    private static func enterProblem(title: String, description: String?,
                                     measures: [(text: String, kind: MeasureKind, unit: UUID, leader: UUID?, deadline: Day)],
                                     body: UUID, access: AccessContext, db: Database, audit: AuditTrail) async throws -> UUID {
        guard let round = try await openRound(of: body, on: db) else {
            throw RectifyError.invalid("state", "no_open_round",
                                       "本单位没有正在整改的巡察轮次，查找到的问题无法录入整改台账，请联系巡察机构")
        }
        // Named by the measure that names them, before the problem takes the first unit and every leader.
        var references = ScopeRule.References()
        for (index, m) in measures.enumerated() {
            references.unit(m.unit, field: "measures[\(index)].leadUnitId")
            references.person(m.leader, field: "measures[\(index)].leaderId")
        }
        try await ScopeRule.require(references, withinBodyOf: round.inspectedBodyID, on: db)
        for (index, m) in measures.enumerated() {
            try await LeaderRule.requireServing(m.leader.map { [$0] } ?? [], field: "measures[\(index)].leaderId", on: db)
        }
        var leaders: [UUID] = []
        for leader in measures.compactMap(\.leader) where !leaders.contains(leader) { leaders.append(leader) }
        let problem = try await ResourceController<ProblemResource>.create(
            .init(inspectionId: try round.requireID(), source: .selfFound, category: nil, aspect: nil, number: nil, label: nil,
                  title: title, description: description, leaderIds: leaders, leadUnitId: measures.first?.unit,
                  deadline: measures.map(\.deadline).max()?.iso),
            access: access, in: db, audit: audit)
        let problemID = try problem.requireID()
        for m in measures {
            _ = try await ResourceController<MeasureResource>.create(
                .init(problemId: problemID, number: nil, label: nil, text: m.text, kind: m.kind, leaderId: m.leader, leadUnitId: m.unit,
                      supportingUnitIds: nil, startDate: nil, deadline: m.deadline.iso),
                access: access, in: db, audit: audit)
        }
        return problemID
    }

    /// The body's latest round not yet finished (a round is finished once it has problems and every
    /// one is closed), by feedback day, in two queries.
    static func openRound(of body: UUID, on db: Database) async throws -> Inspection? {
        let rounds = try await Inspection.query(on: db).filter(\.$inspectedBodyID == body)
            .field(\.$id).field(\.$inspectedBodyID).field(\.$feedbackDate).all()
        guard !rounds.isEmpty else { return nil }
        var open: [UUID: (total: Int, open: Int)] = [:]
        let closed = RectificationStatus.closed.rawValue
        for row in try await db.sql.select().column("inspection_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "total")
            .column(SQLFunction("SUM", args: SQLRaw("CASE WHEN status = '\(closed)' THEN 0 ELSE 1 END")), as: "open")
            .from(Problem.schema).where("inspection_id", .in, rounds.compactMap(\.id)).groupBy("inspection_id").all() {
            open[try row.decode(column: "inspection_id", as: UUID.self)] =
                (try row.decode(column: "total", as: Int.self), try row.decode(column: "open", as: Int?.self) ?? 0)
        }
        return rounds.filter { round in
            guard let id = round.id, let figures = open[id] else { return true }
            return figures.total == 0 || figures.open > 0
        }.max { ($0.feedbackDate ?? "", $0.id?.uuidString ?? "") < ($1.feedbackDate ?? "", $1.id?.uuidString ?? "") }
    }

    // MARK: - Reads

    struct ListFilters: Sendable {
        var bodyID: UUID?
        var state: SelfInspectionState?
        var late = false
        var problemID: UUID?

        static func from(_ req: Request, access: AccessContext) throws -> ListFilters {
            var filters = ListFilters()
            if let text = req.query[String.self, at: "bodyId"].nonBlank {
                filters.bodyID = try ResourceFilter<SelfInspectionTask>.parseUUID(text, "bodyId")
            }
            if let text = req.query[String.self, at: "state"].nonBlank {
                guard let state = SelfInspectionState(rawValue: text) else {
                    throw RectifyError.invalid("state", "invalid_value",
                                               "参数 state 的取值应为：\(SelfInspectionState.allCases.map(\.rawValue).joined(separator: "、"))")
                }
                filters.state = state
            }
            if let text = req.query[String.self, at: "late"].nonBlank {
                guard let late = Bool(text) else { throw RectifyError.invalid("late", "invalid_value", "参数 late 应为 true 或 false") }
                filters.late = late
            }
            if let text = req.query[String.self, at: "problemId"].nonBlank {
                // Which problem a task came from is the inspection office's to know.
                guard access.role.readsAllBodies else {
                    throw RectifyError.invalid("problemId", "not_allowed", "只有巡察机构可以按来源问题筛选")
                }
                filters.problemID = try ResourceFilter<SelfInspectionTask>.parseUUID(text, "problemId")
            }
            return filters
        }
    }

    /// The tasks the user may see and the filters keep: a body's users see only tasks sent to their
    /// body, and the answer filters look at their own body's answer only.
    static func query(_ access: AccessContext, _ filters: ListFilters, on db: Database) -> QueryBuilder<SelfInspectionTask> {
        let query = SelfInspectionTask.query(on: db)
        var ownBody: UUID?
        if !access.role.readsAllBodies {
            guard let body = access.bodyID else {
                query.filter(\.$id ~~ [UUID]())
                return query
            }
            ownBody = body
        }
        // Tasks with an answer that `build` keeps (of the user's own body, for a body's users): a subquery
        // rather than a join, so that a task is counted and paged once.
        func answers(_ build: @escaping (any SQLSubqueryClauseBuilder) -> Void) {
            let sub = SQLSubquery.select { select in
                let select = select.column("task_id").from(SelfInspectionAnswer.schema)
                if let ownBody { _ = select.where("body_id", .equal, SQLBind(ownBody)) }
                build(select)
                return select
            }
            query.filter(.sql(SQLBinaryExpression(SQLColumn("id", table: SelfInspectionTask.schema), .in, sub)))
        }
        if ownBody != nil { answers { _ in } }
        if let body = filters.bodyID { answers { _ = $0.where("body_id", .equal, SQLBind(body)) } }
        if let state = filters.state { answers { _ = $0.where("state", .equal, SQLBind(state.rawValue)) } }
        if filters.late {
            let today = access.today.iso
            answers { _ = $0.where("state", .equal, SQLBind(SelfInspectionState.pending.rawValue)).where("due_on", .lessThan, SQLBind(today)) }
        }
        if let problem = filters.problemID { query.filter(\.$sourceProblemID == problem) }
        return query
    }

    /// One page of tasks: the supervisor's with counts per task (one grouped query), a body's with
    /// its own answer (one query).
    static func page(_ access: AccessContext, _ filters: ListFilters, _ params: ListParameters, on db: Database) async throws
        -> Page<SelfInspectionTaskDTO> {
        let query = Self.query(access, filters, on: db)
        let total = try await query.copy().count()
        let tasks = try await query.sort(\.$issuedOn, .descending).sort(\.$createdAt, .descending).sort(\.$id).page(params).all()
        return Page(items: try await dtos(tasks, access: access, on: db), page: params.page, per: params.per, total: total)
    }

    static func dtos(_ tasks: [SelfInspectionTask], access: AccessContext, on db: Database) async throws -> [SelfInspectionTaskDTO] {
        let ids = tasks.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let today = access.today
        if access.role.readsAllBodies {
            let counts = try await groupedCounts(ids, today: today, on: db)
            return try tasks.map { try taskDTO($0, answers: [], counts: counts[$0.id!] ?? .init(bodies: 0, answered: 0, pending: 0, late: 0, found: 0),
                                               showSource: true) }
        }
        guard let body = access.bodyID else { return [] }
        let own = try await SelfInspectionAnswer.query(on: db).filter(\.$taskID ~~ ids).filter(\.$bodyID == body).all()
        let name = try await Organization.query(on: db).filter(\.$id == body).field(\.$id).field(\.$name).first()?.name ?? ""
        let byTask = Dictionary(own.map { ($0.taskID, $0) }, uniquingKeysWith: { a, _ in a })
        return try tasks.map { task in
            try taskDTO(task, answers: try byTask[task.id!].map { [try answerDTO($0, bodyName: name, today: today)] } ?? [],
                        counts: nil, showSource: false)
        }
    }

    /// The task with every answer the user may see: all bodies' for the inspection office, the own
    /// body's for a body's users. A task not sent to the user's body is not found.
    static func detail(_ id: UUID, access: AccessContext, on db: Database) async throws -> (SelfInspectionTask, SelfInspectionTaskDTO) {
        guard let task = try await query(access, ListFilters(), on: db).filter(\.$id == id).first() else { throw RectifyError.notFound(label) }
        let answers = SelfInspectionAnswer.query(on: db).filter(\.$taskID == id)
        if !access.role.readsAllBodies { answers.filter(\.$bodyID == (access.bodyID ?? UUID())) }
        let rows = try await answers.all()
        let names = try await Lookup.names(Organization.self, Set(rows.map(\.bodyID)), on: db, name: \.$name)
        let today = access.today
        let dtos = try rows.map { try answerDTO($0, bodyName: names[$0.bodyID] ?? "", today: today) }
            .sorted { ($0.standing == "late" ? 0 : 1, $0.bodyName) < ($1.standing == "late" ? 0 : 1, $1.bodyName) }
        return (task, try taskDTO(task, answers: dtos, counts: access.role.readsAllBodies ? counts(rows, today: today) : nil,
                                  showSource: access.role.readsAllBodies))
    }

    static func groupedCounts(_ ids: [UUID], today: Day, on db: Database) async throws -> [UUID: SelfInspectionTaskDTO.Counts] {
        let pending = SelfInspectionState.pending.rawValue
        let found = SelfInspectionState.found.rawValue
        func sum(_ condition: String) -> SQLFunction { SQLFunction("SUM", args: SQLRaw("CASE WHEN \(condition) THEN 1 ELSE 0 END")) }
        var result: [UUID: SelfInspectionTaskDTO.Counts] = [:]
        for row in try await db.sql.select().column("task_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "bodies")
            .column(sum("state = '\(pending)'"), as: "pending")
            .column(sum("state = '\(pending)' AND due_on < '\(today.iso)'"), as: "late")
            .column(sum("state = '\(found)'"), as: "found")
            .from(SelfInspectionAnswer.schema).where("task_id", .in, ids).groupBy("task_id").all() {
            let bodies = try row.decode(column: "bodies", as: Int.self)
            let open = try row.decode(column: "pending", as: Int?.self) ?? 0
            result[try row.decode(column: "task_id", as: UUID.self)] = .init(
                bodies: bodies, answered: bodies - open, pending: open, late: try row.decode(column: "late", as: Int?.self) ?? 0,
                found: try row.decode(column: "found", as: Int?.self) ?? 0)
        }
        return result
    }

    static func counts(_ answers: [SelfInspectionAnswer], today: Day) -> SelfInspectionTaskDTO.Counts {
        let pending = answers.filter { $0.state == SelfInspectionState.pending.rawValue }
        return .init(bodies: answers.count, answered: answers.count - pending.count, pending: pending.count,
                     late: pending.filter { $0.dueOn < today.iso }.count,
                     found: answers.filter { $0.state == SelfInspectionState.found.rawValue }.count)
    }

    static func taskDTO(_ task: SelfInspectionTask, answers: [SelfInspectionAnswerDTO], counts: SelfInspectionTaskDTO.Counts?,
                        showSource: Bool) throws -> SelfInspectionTaskDTO {
        SelfInspectionTaskDTO(
            id: try task.requireID(), title: task.title, requirement: task.requirement, sourceProblemId: showSource ? task.sourceProblemID : nil,
            sectors: (task.sectors ?? "").split(separator: ",").map(String.init), workingDays: task.workingDays,
            issuedOn: Day(iso: task.issuedOn) ?? Day(dayNumber: 0), dueOn: Day(iso: task.dueOn) ?? Day(dayNumber: 0),
            issuedBy: task.issuedByName, counts: counts, answers: answers, version: task.version)
    }

    static func answerDTO(_ answer: SelfInspectionAnswer, bodyName: String, today: Day) throws -> SelfInspectionAnswerDTO {
        let state = SelfInspectionState(rawValue: answer.state) ?? .pending
        let due = Day(iso: answer.dueOn) ?? Day(dayNumber: 0)
        let answeredOn = answer.answeredOn.flatMap(Day.init(iso:))
        let standing = SelfInspectionTiming(dueOn: due).standing(answeredOn: answeredOn, today: today)
        return SelfInspectionAnswerDTO(
            id: try answer.requireID(), taskId: answer.taskID, bodyId: answer.bodyID, bodyName: bodyName, state: state,
            stateLabel: state.label, standing: standing.rawValue, standingLabel: standing.label, dueOn: due,
            explanation: answer.explanation, answeredOn: answeredOn, answeredBy: answer.answeredByName, problemId: answer.problemID,
            version: answer.version)
    }
}
