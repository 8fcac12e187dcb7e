import Fluent
import RectifyCore
import SQLKit
import Vapor

/// The board (挂图作战): every problem of a round with its measures coloured by warning level,
/// the reason written on each, totals, and completion charts.
struct BoardController: RouteCollection {
    struct Tile: Encodable, Sendable { let label: String; let value: String; let note: String? }
    struct MeasureCell: Encodable, Sendable {
        let id: UUID; let label: String; let text: String; let level: String; let word: String; let reason: String
        let unit: String; let deadline: String; let progress: Int
    }
    struct ProblemRow: Encodable, Sendable {
        let id: UUID; let label: String; let title: String; let source: String; let status: String; let measures: [MeasureCell]
    }
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }
    struct BodyRow: Encodable, Sendable {
        let body: String; let round: String; let problems: Int; let rate: String; let overdue: Int
        /// Problems of the round found again from the body's earlier rounds (屡查屡犯).
        let repeats: String
    }
    struct BodiesContext: Encodable { let bodies: [BodyRow] }
    /// The page: the layout around the board's body, rendered apart (`board-body`) and kept per revision.
    struct PageContext: Encodable { let frame: PageFrame; let body: String }
    /// What `board-body` shows.
    struct Context: Encodable {
        let round: String?
        /// The selects' options as HTML (`Array.html`): a supervisor's round selector lists up to 200.
        let rounds: String
        let sources: String
        let levels: String
        let content: Content
        /// One page of the supervisors' overview, rendered once per page and ledger revision (escaped
        /// by Leaf in `board-bodies`).
        let bodiesRows: String
        let bodiesPager: Pager?
        let roundSearch: Bool
        let roundQuery: String
        /// For administrators and supervisors: the holiday data runs out soon (`CalendarCoverage`).
        let coverageWarning: String?
        /// Self-inspection answers owed past their due day that the user may see; nil when none (or the role sees no tasks).
        let lateAnswers: Int?
    }

    /// Up to this many rounds the selector lists them all; beyond, it lists those a search finds.
    static let selectorLimit = 200
    /// Rounds per page of the supervisors' overview.
    static let bodiesPerPage = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "board", access: .roles(Access.everyone), use: board)
    }

    @Sendable
    func board(_ req: Request) async throws -> View {
        // Read before anything it keys, so a cached part is never older than its revision.
        let revision = try await req.ledgerRevision()
        let access = try await req.access()
        let frame = PageFrame.make(req, title: "挂图作战", current: "/board")
        let coverageWarning = [.admin, .supervisor].contains(access.role)
            ? CalendarCoverage.warning(for: req.application.workingCalendar, today: access.today) : nil
        let cache = req.application.ledgerCache
        let scope = Self.scopeKey(access)
        let rounds = try await cache.value("rounds|\(scope)", revision: revision) { try await Self.rounds(access, on: req.db) }
        // Answers fall late as days pass, so the day is part of the key.
        let lateAnswers = try await cache.value("late-answers|\(access.role.rawValue)|\(access.bodyID?.uuidString ?? "*")|\(access.today.iso)",
                                                revision: revision) { try await Self.lateAnswers(access, on: req.db) }.flatMap { $0 > 0 ? $0 : nil }
        let chosenID = req.query[String.self, at: "inspectionId"].flatMap(UUID.init(uuidString:)) ?? rounds.first?.id
        guard let round = rounds.first(where: { $0.id == chosenID }) else {
            let body = try await Self.render(Context(
                round: nil, rounds: "", sources: "", levels: "", content: .none, bodiesRows: "", bodiesPager: nil,
                roundSearch: false, roundQuery: "", coverageWarning: coverageWarning, lateAnswers: lateAnswers), on: req)
            return try await req.view.render("board", PageContext(frame: frame, body: body))
        }
        let filters = Filters(
            source: req.query[String.self, at: "source"].flatMap(ProblemSource.init(rawValue:)),
            level: req.query[String.self, at: "level"].flatMap(WarningLevel.init(rawValue:)),
            unit: req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:)),
            category: req.query[String.self, at: "category"].flatMap { $0.isEmpty ? nil : $0 },
            leader: req.query[String.self, at: "leader"].flatMap(UUID.init(uuidString:)))
        let roundQuery = req.query[String.self, at: "roundQuery"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let roundSearch = rounds.count > Self.selectorLimit
        // Filters by unit, leader or category take any value a request sends: those boards are
        // computed each time, so that no request can fill the cache with keys of its own making (nor
        // can a search among the rounds). Warnings count working days, so an imported calendar year
        // makes a part of its own.
        let calendarRevision = req.application.calendarStore.revision
        let cacheable = filters.unit == nil && filters.leader == nil && filters.category == nil
        let contentKey = "board|\(round.id)|\(scope)|\(filters.key)|\(access.today.iso)|\(calendarRevision)"
        @Sendable func body(bodiesPage: Int?) async throws -> String {
            let content = if cacheable {
                try await cache.value(contentKey, revision: revision) {
                    try await Self.content(round: round, filters: filters, access: access, on: req)
                }
            } else {
                try await Self.content(round: round, filters: filters, access: access, on: req)
            }
            var bodiesRows = ""
            var bodiesPager: Pager?
            if access.role.readsAllBodies {
                let ranking = try await cache.value("bodies|\(scope)|\(access.today.iso)", revision: revision) {
                    try await Self.ranking(rounds, access: access, on: req.db)
                }
                let (pager, range) = Pager.make(total: ranking.count, per: Self.bodiesPerPage, requested: bodiesPage) {
                    "/board?inspectionId=\(round.id)&bodiesPage=\($0)#bodies"
                }
                // The page number is clamped to the pages there are, so these keys are as many as the pages.
                bodiesRows = try await cache.value("bodies-page|\(scope)|\(access.today.iso)|\(pager.page)", revision: revision) {
                    let rows = Array(ranking[range.clamped(to: ranking.indices)])
                    return String(buffer: try await req.view.render("board-bodies", BodiesContext(bodies: rows)).data)
                }
                bodiesPager = ranking.isEmpty ? nil : pager
            }
            var listed = rounds
            if roundSearch {
                listed = Array(rounds.filter { !roundQuery.isEmpty && ($0.title.contains(roundQuery) || $0.bodyName.contains(roundQuery)) }.prefix(50))
                if !listed.contains(where: { $0.id == round.id }) { listed.insert(round, at: 0) }
            }
            let oneBody = Set(rounds.map(\.bodyID)).count <= 1
            return try await Self.render(Context(
                round: round.title,
                rounds: listed.map { Option(value: $0.id.uuidString, label: oneBody ? $0.title : "\($0.bodyName) · \($0.title)", selected: $0.id == round.id) }.html,
                sources: ProblemSource.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == filters.source) }.html,
                levels: [WarningLevel.red, .yellow, .green, .pendingCloseOut, .longTerm, .closed]
                    .map { Option(value: $0.rawValue, label: $0.label, selected: $0 == filters.level) }.html,
                content: content, bodiesRows: bodiesRows, bodiesPager: bodiesPager, roundSearch: roundSearch, roundQuery: roundQuery,
                coverageWarning: coverageWarning, lateAnswers: lateAnswers), on: req)
        }
        let requestedPage = req.query[Int.self, at: "bodiesPage"]
        let html: String
        if cacheable && (!roundSearch || roundQuery.isEmpty) {
            // The whole body, once per revision: rendering it in Leaf was most of a cached board's time. Its
            // key holds what it shows beside the content: the overview's page (clamped, so as many keys as
            // pages), the role (which notices it shows) and the late answers.
            // The overview ranks every round the user sees, one row each.
            let page = access.role.readsAllBodies ? Pager.page(requestedPage, total: rounds.count, per: Self.bodiesPerPage) : 1
            html = try await cache.value("board-body|\(contentKey)|\(access.role.rawValue)|\(page)|\(lateAnswers ?? 0)", revision: revision) {
                try await body(bodiesPage: page)
            }
        } else {
            html = try await body(bodiesPage: requestedPage)
        }
        return try await req.view.render("board", PageContext(frame: frame, body: html))
    }

    private static func render(_ context: Context, on req: Request) async throws -> String {
        String(buffer: try await req.view.render("board-body", context).data)
    }

    /// One count, whatever the number of tasks and bodies: every body's late answers for the
    /// inspection office, the user's own body's for its office and leaders.
    static func lateAnswers(_ access: AccessContext, on db: Database) async throws -> Int? {
        guard SelfInspectionController.readers.contains(access.role) else { return nil }
        let query = SelfInspectionAnswer.query(on: db).filter(\.$state == SelfInspectionState.pending.rawValue)
            .filter(\.$dueOn < access.today.iso)
        if !access.role.readsAllBodies {
            guard let body = access.bodyID else { return nil }
            query.filter(\.$bodyID == body)
        }
        return try await query.count()
    }

    /// The board's filters, as chosen on the page.
    struct Filters: Sendable {
        let source: ProblemSource?
        let level: WarningLevel?
        let unit: UUID?
        let category: String?
        let leader: UUID?

        var key: String {
            [source?.rawValue, level?.rawValue, unit?.uuidString, category, leader?.uuidString].map { $0 ?? "" }.joined(separator: "|")
        }
    }

    /// What the user may see, as a cache key: which rounds, and within them which units.
    static func scopeKey(_ access: AccessContext) -> String {
        func ids(_ set: Set<UUID>?) -> String { set.map { $0.map(\.uuidString).sorted().joined(separator: ",") } ?? "*" }
        return "\(ids(access.inspectionIDs))/\(ids(access.unitIDs))"
    }

    /// The part of the board a round's ledger decides, for one scope and filter: tiles, charts, the
    /// grid (rendered once to HTML: its hundreds of cells were most of the page's rendering) and
    /// the filters' choices.
    struct Content: Encodable, Sendable {
        let tiles: [Tile]
        let grid: String
        let categoryChart: String
        let unitChart: String
        let timelineChart: String
        /// The filters' options as HTML.
        let units: String
        let categories: String
        let leaders: String
        let calendarWarning: String?
        let empty: Bool

        /// No round to show.
        static let none = Content(tiles: [], grid: "", categoryChart: "", unitChart: "", timelineChart: "", units: "",
                                  categories: "", leaders: "", calendarWarning: nil, empty: true)
    }

    struct GridContext: Encodable { let problems: [ProblemRow] }

    /// The round's measures and problems, each with the names the board shows, its status history and
    /// whether the user sees it: two statements, all a board computes from. The grid and the filters
    /// show what the user sees; the statistics count the whole round (a unit reporter's board too, as
    /// the published figures do), so one read serves both. Names, thresholds and the history used to be
    /// read apart (up to ten statements more).
    static func content(round: RoundSummary, filters: Filters, access: AccessContext, on req: Request) async throws -> Content {
        let roundID = round.id
        let sql = try req.db.sql
        let postgres = sql.dialect.name == "postgresql"
        func visible(_ scope: RowList<some LedgerResource>.Scope) -> SQLQueryString {
            switch scope {
            case .everything: "1"
            case .nothing: "0"
            case .only(let condition): "CASE WHEN " + condition + " THEN 1 ELSE 0 END"
            }
        }
        // Each item's status changes in recorded order, "day status" joined by commas.
        func history(_ condition: String) -> SQLQueryString {
            let entry = "sc.changed_on || ' ' || sc.status", order = "ORDER BY sc.changed_on, sc.created_at"
            let aggregate = postgres ? "string_agg(\(entry), ',' \(order))" : "group_concat(\(entry), ',' \(order))"
            return "(SELECT \(unsafeRaw: aggregate) FROM status_changes sc WHERE \(unsafeRaw: condition))"
        }
        let measureStatement: SQLQueryString = """
            SELECT measures.id, measures.problem_id, measures.inspection_id, measures.number, measures.label, measures.text, \
            measures.kind, measures.leader_id, measures.lead_unit_id, measures.start_date, measures.deadline, measures.status, \
            measures.progress, measures.created_at, lu.name AS lead_unit_name, lp.name AS leader_name, 
            """ + history("sc.measure_id = measures.id") + " AS status_history, " + visible(MeasureResource.scopeCondition(access)) + """
             AS visible FROM measures LEFT JOIN organizations lu ON lu.id = measures.lead_unit_id \
            LEFT JOIN people lp ON lp.id = measures.leader_id WHERE measures.inspection_id = \(bind: roundID) \
            ORDER BY measures.number, measures.id
            """
        let problemStatement: SQLQueryString = """
            SELECT problems.id, problems.inspection_id, problems.source, problems.category, problems.aspect, problems.number, \
            problems.label, problems.title, problems.lead_unit_id, problems.status, problems.created_at, pu.name AS lead_unit_name, \
            (SELECT pl.person_id FROM problem_leaders pl WHERE pl.problem_id = problems.id ORDER BY pl.position, pl.id LIMIT 1) \
            AS first_leader_id, \
            (SELECT pp.name FROM problem_leaders pl JOIN people pp ON pp.id = pl.person_id WHERE pl.problem_id = problems.id \
            ORDER BY pl.position, pl.id LIMIT 1) AS first_leader_name, 
            """ + history("sc.problem_id = problems.id AND sc.measure_id IS NULL") + " AS status_history, "
            + visible(ProblemResource.scopeCondition(access)) + """
             AS visible FROM problems LEFT JOIN organizations pu ON pu.id = problems.lead_unit_id \
            WHERE problems.inspection_id = \(bind: roundID) ORDER BY problems.source, problems.number, problems.id
            """
        func changes(_ row: some SQLRow) throws -> [StatisticsItem.StatusChange] {
            try row.decode(column: "status_history", as: String?.self)?.split(separator: ",").compactMap { entry in
                let parts = entry.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, let day = Day(iso: String(parts[0])),
                      let status = RectificationStatus(rawValue: String(parts[1])) else { return nil }
                return .init(day: day, status: status)
            } ?? []
        }
        var names = StatisticsSource.Names()
        var history: [UUID: [StatisticsItem.StatusChange]] = [:]
        var allMeasures: [Measure] = [], measures: [Measure] = []
        var allProblems: [Problem] = [], problems: [Problem] = []
        for row in try await sql.hot(measureStatement).all() {
            let measure = try row.decode(fluentModel: Measure.self)
            if let unit = measure.leadUnitID, let name = try row.decode(column: "lead_unit_name", as: String?.self) { names.units[unit] = name }
            if let leader = measure.leaderID, let name = try row.decode(column: "leader_name", as: String?.self) { names.people[leader] = name }
            if let id = measure.id { history[id] = try changes(row) }
            allMeasures.append(measure)
            if try row.decode(column: "visible", as: Int.self) == 1 { measures.append(measure) }
        }
        for row in try await sql.hot(problemStatement).all() {
            let problem = try row.decode(fluentModel: Problem.self)
            if let unit = problem.leadUnitID, let name = try row.decode(column: "lead_unit_name", as: String?.self) { names.units[unit] = name }
            if let id = problem.id {
                history[id] = try changes(row)
                if let leader = try row.decode(column: "first_leader_id", as: UUID?.self) {
                    names.firstLeader[id] = leader
                    if let name = try row.decode(column: "first_leader_name", as: String?.self) { names.people[leader] = name }
                }
            }
            allProblems.append(problem)
            if try row.decode(column: "visible", as: Int.self) == 1 { problems.append(problem) }
        }
        let labels = Dictionary(problems.compactMap { p in p.id.map { ($0, p.label) } }, uniquingKeysWith: { a, _ in a })
        let warnings = try WarningSource.assess(measures, problemLabels: labels, thresholds: [roundID: round.thresholds],
                                                today: access.today, calendar: req.application.workingCalendar)
        let unitNames = names.units

        var cellsByProblem: [UUID: [MeasureCell]] = [:]
        let measureByID = Dictionary(uniqueKeysWithValues: measures.compactMap { m in m.id.map { ($0, m) } })
        var counts: [WarningLevel: Int] = [:]
        for w in warnings {
            counts[w.level, default: 0] += 1
            if let level = filters.level, w.level != level { continue }
            if let unit = filters.unit, w.leadUnitId != unit { continue }
            if let leader = filters.leader, w.leaderId != leader { continue }
            let m = measureByID[w.measureId]
            cellsByProblem[w.problemId, default: []].append(MeasureCell(
                id: w.measureId, label: m?.label ?? "", text: w.text, level: w.level.rawValue, word: w.level.word,
                reason: w.reason, unit: w.leadUnitId.flatMap { unitNames[$0] } ?? "未明确", deadline: w.deadline?.chinese ?? "—",
                progress: w.progress))
        }
        let filtering = filters.level != nil || filters.unit != nil || filters.leader != nil
        let rows: [ProblemRow] = problems.compactMap { p in
            guard let id = p.id else { return nil }
            let source = ProblemSource(rawValue: p.source) ?? .other
            if let wanted = filters.source, source != wanted { return nil }
            if let category = filters.category, p.category != category { return nil }
            let cells = (cellsByProblem[id] ?? []).sorted { $0.label < $1.label }
            if filtering && cells.isEmpty { return nil }
            return ProblemRow(id: id, label: p.label, title: p.title, source: source.label,
                              status: (RectificationStatus(rawValue: p.status) ?? .notStarted).label, measures: cells)
        }

        // A user who sees whole rounds sees every row of this one; a unit reporter's statistics are the round's.
        let statistics = access.unitIDs == nil
            ? StatisticsSource.round(problems: problems, measures: measures, names: names, history: history)
            : StatisticsSource.round(problems: allProblems, measures: allMeasures, names: names, history: history)
        let problemStats = StatisticsEngine.compute(statistics.problems, asOf: access.today)
        let measureStats = StatisticsEngine.compute(statistics.measures, asOf: access.today)
        let tiles = [
            Tile(label: "具体问题", value: "\(problemStats.overall.total)个", note: "已完成整改\(problemStats.overall.completed)个"),
            Tile(label: "问题整改完成率", value: problemStats.overall.rate.percentText, note: nil),
            Tile(label: "整改措施", value: "\(measureStats.overall.total)项", note: "已完成\(measureStats.overall.completed)项"),
            Tile(label: "红色预警（超期）", value: "\(counts[.red] ?? 0)项", note: nil),
            Tile(label: "黄色预警（临期或滞后）", value: "\(counts[.yellow] ?? 0)项", note: nil),
        ]
        let categoryChart = SVGChart.completionBars(title: "各类别问题整改完成情况", bars: problemStats.byCategory.map {
            .init(label: $0.label, completed: $0.figures.completed, total: $0.figures.total)
        })
        let unitChart = SVGChart.completionBars(title: "各单位整改措施完成情况", bars: measureStats.byUnit.map {
            .init(label: $0.label, completed: $0.figures.completed, total: $0.figures.total)
        })
        let leaderNames = Dictionary(measures.compactMap { m in m.leaderID.flatMap { id in names.people[id].map { (id, $0) } } },
                                     uniquingKeysWith: { a, _ in a })
        let timeline = Self.timeline(measures: measures, closings: statistics.measureClosings, today: access.today)
        let units = Set(measures.compactMap(\.leadUnitID)).compactMap { id in unitNames[id].map { (id, $0) } }
            .sorted { $0.1 < $1.1 }
        let grid = try await req.view.render("board-grid", GridContext(problems: rows))
        return Content(
            tiles: tiles, grid: String(buffer: grid.data), categoryChart: categoryChart, unitChart: unitChart, timelineChart: timeline,
            units: units.map { Option(value: $0.0.uuidString, label: $0.1, selected: $0.0 == filters.unit) }.html,
            categories: Set(problems.compactMap(\.category)).sorted().map { Option(value: $0, label: $0, selected: $0 == filters.category) }.html,
            leaders: leaderNames.sorted { $0.value < $1.value }
                .map { Option(value: $0.key.uuidString, label: $0.value, selected: $0.key == filters.leader) }.html,
            calendarWarning: warnings.compactMap(\.calendarWarning).first, empty: rows.isEmpty)
    }

    /// Measures completed by each week's end against those due by then (the plan), as a line chart.
    static func timeline(measures: [Measure], closings: [Day], today: Day) -> String {
        let deadlines = measures.compactMap { $0.deadline.flatMap(Day.init(iso:)) }
        guard let first = (closings + deadlines).min() else { return "" }
        let start = ISOWeek(containing: first).monday
        let lastDeadline = deadlines.max() ?? today
        let end = min(max(today, start.adding(days: 7)), max(lastDeadline, today))
        var points: [(label: String, done: Int, plan: Int)] = []
        var week = start.adding(days: 6)
        while week <= end.adding(days: 6) && points.count < 60 {
            let sunday = week
            points.append(("\(sunday.month)/\(sunday.day)", closings.filter { $0 <= sunday }.count, deadlines.filter { $0 <= sunday }.count))
            week = week.adding(days: 7)
        }
        return SVGChart.timeline(title: "整改措施完成进度（实际与计划）", points: points, total: measures.count)
    }

    /// A round as the selector and the overview show it.
    struct RoundSummary: Sendable {
        let id: UUID; let title: String; let bodyID: UUID; let bodyName: String
        /// Read with the round so that the board's warnings need no statement of their own.
        var thresholds: WarningThresholds = .default
    }

    /// The rounds the user sees, newest feedback first (the scope of `InspectionResource.scope`),
    /// with their bodies' names. Plain rows: a supervisor sees every round of the province, and
    /// decoding each as a whole model, narrative included, took a tenth of the page's time.
    static func rounds(_ access: AccessContext, on db: Database) async throws -> [RoundSummary] {
        if let ids = access.inspectionIDs, ids.isEmpty { return [] }
        let query = try db.sql.select()
            .column(SQLColumn("id", table: Inspection.schema)).column(SQLColumn("title", table: Inspection.schema))
            .column(SQLColumn("inspected_body_id", table: Inspection.schema))
            .column(SQLColumn("warning_thresholds", table: Inspection.schema))
            .column(SQLColumn("name", table: Organization.schema), as: "body_name")
            .from(Inspection.schema)
            .join(SQLIdentifier(Organization.schema), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: Organization.schema), .equal, SQLColumn("inspected_body_id", table: Inspection.schema))
        if let ids = access.inspectionIDs { query.where(SQLColumn("id", table: Inspection.schema), .in, SQLBind.group(Array(ids))) }
        return try await query.orderBy(SQLColumn("feedback_date", table: Inspection.schema), SQLDirection.descending).all().map { row in
            RoundSummary(id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
                         bodyID: try row.decode(column: "inspected_body_id", as: UUID.self),
                         bodyName: try row.decode(column: "body_name", as: String.self),
                         thresholds: Inspection.warningThresholds(json: try row.decode(column: "warning_thresholds", as: String?.self)))
        }
    }

    /// For supervisors: every round they see, with its body, completion, overdue measures and
    /// repeated problems, most overdue first (the page shows 50 at a time). One statement of three
    /// grouped counts over every round (the overdue count from the index on measures alone): decoding
    /// every problem and its status history as models took 300 ms at city scale. Completion as of today
    /// is the current status (rule 1 of `StatisticsEngine`: the last change on or before today, and a
    /// change is never dated after the day it is made), so closed ÷ all is the same rate.
    static func ranking(_ rounds: [RoundSummary], access: AccessContext, on db: Database) async throws -> [BodyRow] {
        guard !rounds.isEmpty else { return [] }
        let closed = RectificationStatus.closed.rawValue
        // Readers of all bodies see every round; the condition is for any narrower scope.
        let scope = access.inspectionIDs.map { Array($0) }
        func within(_ column: String, _ joiner: String = "AND") -> SQLQueryString {
            scope.map { " \(unsafeRaw: joiner) \(unsafeRaw: column) IN (\(binds: $0))" } ?? ""
        }
        let statement: SQLQueryString = """
            SELECT 'problems' AS part, inspection_id AS round_id, CAST(NULL AS TEXT) AS state, COUNT(*) AS n, \
            SUM(CASE WHEN status = \(bind: closed) THEN 1 ELSE 0 END) AS closed FROM problems
            """ + within("inspection_id", "WHERE") + """
             GROUP BY inspection_id UNION ALL SELECT 'late', inspection_id, NULL, COUNT(*), 0 FROM measures \
            WHERE deadline < \(bind: access.today.iso) AND status <> \(bind: closed)
            """ + within("inspection_id") + """
             GROUP BY inspection_id UNION ALL SELECT 'repeats', new_inspection_id, state, COUNT(DISTINCT new_problem_id), 0 \
            FROM repeat_matches WHERE state IN (\(binds: [RepeatMatchState.confirmed.rawValue, RepeatMatchState.suggested.rawValue]))
            """ + within("new_inspection_id") + " GROUP BY new_inspection_id, state"
        var figures: [UUID: (total: Int, closed: Int)] = [:]
        var overdue: [UUID: Int] = [:]
        var repeats: [UUID: RepeatCounts] = [:]
        for row in try await db.sql.hot(statement).all() {
            let id = try row.decode(column: "round_id", as: UUID.self)
            let n = try row.decode(column: "n", as: Int.self)
            switch try row.decode(column: "part", as: String.self) {
            case "problems": figures[id] = (n, try row.decode(column: "closed", as: Int?.self) ?? 0)
            case "late": overdue[id] = n
            default:
                if try row.decode(column: "state", as: String?.self) == RepeatMatchState.confirmed.rawValue {
                    repeats[id, default: RepeatCounts()].confirmed = n
                } else {
                    repeats[id, default: RepeatCounts()].suggested = n
                }
            }
        }
        let ranked = rounds.map { round -> (RoundSummary, Int, CompletionRate) in
            let counts = figures[round.id] ?? (0, 0)
            return (round, overdue[round.id] ?? 0, CompletionRate(completed: counts.closed, total: counts.total))
        }.sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            // A round with nothing to count ranks as complete.
            func share(_ rate: CompletionRate) -> Double { rate.total == 0 ? 1 : Double(rate.completed) / Double(rate.total) }
            if share(a.2) != share(b.2) { return share(a.2) < share(b.2) }
            return (a.0.bodyName, a.0.title) < (b.0.bodyName, b.0.title)
        }
        return ranked.map { round, late, rate in
            BodyRow(body: round.bodyName, round: round.title, problems: rate.total, rate: rate.percentText, overdue: late,
                    repeats: (repeats[round.id] ?? RepeatCounts()).text)
        }
    }
}
