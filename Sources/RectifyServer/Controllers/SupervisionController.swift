import Fluent
import SQLKit
import RectifyCore
import Vapor

struct MeasureWarningDTO: Content {
    var measureId: UUID
    var problemId: UUID
    var inspectionId: UUID
    var label: String
    var text: String
    var leadUnitId: UUID?
    var leaderId: UUID?
    var deadline: Day?
    var progress: Int
    var status: RectificationStatus
    var level: WarningLevel
    var levelLabel: String
    var reason: String
    var expectedPercent: Int?
    var workingDaysLeft: Int?
    var workingDaysOverdue: Int?
    var calendarWarning: String?
}

/// Warning colours with their reasons (序时进度), and completion statistics at any date.
struct SupervisionController: RouteCollection {
    static let warningSchema: SchemaType = .object([
        req("measureId", .uuid), req("problemId", .uuid), req("inspectionId", .uuid), req("label", .string, "如 (3)②"),
        req("text", .string), opt("leadUnitId", .uuid), opt("leaderId", .uuid), opt("deadline", .date), req("progress", .integer),
        req("status", .enumeration(RectificationStatus.allCases.map(\.rawValue))),
        req("level", .enumeration(WarningLevel.allCases.map(\.rawValue))), req("levelLabel", .string, "如 红色（超期）"),
        req("reason", .string, "如 已超期5个工作日"), opt("expectedPercent", .integer, "序时进度"), opt("workingDaysLeft", .integer),
        opt("workingDaysOverdue", .integer), opt("calendarWarning", .string, "所用年份无节假日数据时的提示")])

    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/warnings", summary: "整改措施预警（按紧急程度排序）", access: .roles(Access.everyone),
                     request: nil, response: .object([req("items", .array(warningSchema)), req("page", .integer),
                                                      req("per", .integer), req("total", .integer)]), status: 200,
                     query: [("page", "页码"), ("per", "每页条数"), ("inspectionId", "巡察轮次"),
                             ("level", "预警等级：red / yellow / green / pending_close_out / long_term / closed"),
                             ("leadUnitId", "牵头单位")]),
        APIOperation(method: "GET", path: "/statistics", summary: "整改完成情况统计（可指定统计日）", access: .roles(Access.ledgerReaders),
                     request: nil, response: .freeObject, status: 200,
                     query: [("inspectionId", "巡察轮次（必填）"), ("asOf", "统计日 YYYY-MM-DD，缺省为今天"),
                             ("level", "problem（按问题，缺省）或 measure（按整改措施）")]),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "warnings", access: .roles(Access.everyone), use: warnings)
        routes.endpoint(.GET, "statistics", access: .roles(Access.ledgerReaders), use: statistics)
    }

    @Sendable
    func warnings(_ req: Request) async throws -> Page<MeasureWarningDTO> {
        let access = try await req.access()
        let params = try ListParameters.from(req)
        let query = Measure.query(on: req.db)
        try await MeasureResource.scope(query, access, on: req.db)
        if let id = req.query[String.self, at: "inspectionId"].nonBlank {
            query.filter(\.$inspectionID == (try ResourceFilter<Measure>.parseUUID(id, "inspectionId")))
        }
        if let id = req.query[String.self, at: "leadUnitId"].nonBlank {
            query.filter(\.$leadUnitID == (try ResourceFilter<Measure>.parseUUID(id, "leadUnitId")))
        }
        var level: WarningLevel?
        if let text = req.query[String.self, at: "level"].nonBlank {
            guard let parsed = WarningLevel(rawValue: text) else {
                throw RectifyError.invalid("level", "invalid_value",
                                           "参数 level 的取值应为：\(WarningLevel.allCases.map(\.rawValue).joined(separator: "、"))")
            }
            level = parsed
        }
        let measures = try await query.all()
        var rows = try await WarningSource.assess(measures, today: access.today, calendar: req.application.workingCalendar, on: req.db)
        if let level { rows = rows.filter { $0.level == level } }
        let start = min((params.page - 1) * params.per, rows.count)
        let end = min(start + params.per, rows.count)
        return Page(items: Array(rows[start..<end]), page: params.page, per: params.per, total: rows.count)
    }

    @Sendable
    func statistics(_ req: Request) async throws -> StatisticsReport {
        let access = try await req.access()
        guard let idText = req.query[String.self, at: "inspectionId"].nonBlank else {
            throw RectifyError.invalid("inspectionId", "required", "请指定巡察轮次（inspectionId）")
        }
        let inspectionID = try ResourceFilter<Measure>.parseUUID(idText, "inspectionId")
        guard access.canSee(inspection: inspectionID), try await Inspection.find(inspectionID, on: req.db) != nil else {
            throw RectifyError.notFound("巡察轮次")
        }
        var asOf = access.today
        if let text = req.query[String.self, at: "asOf"].nonBlank {
            guard let day = Day(iso: text) else { throw RectifyError.invalid("asOf", "invalid_date", "统计日应为 YYYY-MM-DD") }
            asOf = day
        }
        let level = req.query[String.self, at: "level"] ?? "problem"
        guard level == "problem" || level == "measure" else {
            throw RectifyError.invalid("level", "invalid_value", "参数 level 应为 problem 或 measure")
        }
        let items = try await StatisticsSource.items(inspectionID: inspectionID, measures: level == "measure", on: req.db)
        return StatisticsEngine.compute(items, asOf: asOf)
    }
}

/// Turns the ledger and its status history into statistics items, in a fixed number of queries.
enum StatisticsSource {
    /// A round's problems and measures as statistics items, read together: one read of the round's
    /// status history serves both, and the closing days of measures for the board's timeline.
    struct Round {
        var problems: [StatisticsItem]
        var measures: [StatisticsItem]
        var measureClosings: [Day]
    }

    static func items(inspectionID: UUID, measures byMeasure: Bool, on db: Database) async throws -> [StatisticsItem] {
        let round = try await load(inspectionID: inspectionID, measures: byMeasure, on: db)
        return byMeasure ? round.measures : round.problems
    }

    /// The names the items carry, when the caller read them with the rows (the board): units by id,
    /// people by id, and each problem's first leader.
    struct Names: Sendable {
        var units: [UUID: String] = [:]
        var people: [UUID: String] = [:]
        var firstLeader: [UUID: UUID] = [:]
    }

    private static func load(inspectionID: UUID, measures withMeasures: Bool, on db: Database) async throws -> Round {
        let problems = try await Problem.query(on: db).filter(\.$inspectionID == inspectionID).all()
        let measures = withMeasures ? try await Measure.query(on: db).filter(\.$inspectionID == inspectionID).all() : []
        var history: [UUID: [StatisticsItem.StatusChange]] = [:]
        for change in try await statusChanges(inspectionID: inspectionID, on: db) {
            history[change.measure ?? change.problem, default: []].append(change.change)
        }
        var names = Names()
        names.units = try await Lookup.names(Organization.self, Set(problems.compactMap(\.leadUnitID) + measures.compactMap(\.leadUnitID)),
                                             on: db, name: \.$name)
        let leaderLinks = try await ProblemLeader.query(on: db).filter(\.$problemID ~~ problems.compactMap(\.id)).sort(\.$position).sort(\.$id).all()
        for link in leaderLinks where names.firstLeader[link.problemID] == nil { names.firstLeader[link.problemID] = link.personID }
        names.people = try await Lookup.names(Person.self, Set(names.firstLeader.values).union(measures.compactMap(\.leaderID)),
                                              on: db, name: \.$name)
        return round(problems: problems, measures: measures, names: names, history: history)
    }

    /// A round's items from what the caller read: all of the round's problems and measures, the names
    /// they carry and each one's status history in recorded order, keyed by the problem's or measure's
    /// id (the board reads all of it with its rows, in two statements).
    static func round(problems: [Problem], measures: [Measure], names: Names,
                      history: [UUID: [StatisticsItem.StatusChange]]) -> Round {
        let units = names.units, people = names.people, firstLeader = names.firstLeader
        let problemByID = Dictionary(uniqueKeysWithValues: problems.compactMap { p in p.id.map { ($0, p) } })
        func createdOn(_ history: [StatisticsItem.StatusChange], _ date: Date?) -> Day {
            history.first?.day ?? date.map { Day($0) } ?? Day(dayNumber: 0)
        }
        var closings: [Day] = []
        let measureItems: [StatisticsItem] = measures.compactMap { m in
            guard let id = m.id, let p = problemByID[m.problemID] else { return nil }
            let history = history[id] ?? []
            closings += history.filter { $0.status == .closed }.map(\.day)
            return StatisticsItem(id: id.uuidString, source: ProblemSource(rawValue: p.source) ?? .other, category: p.category,
                                  aspect: p.aspect, unitName: m.leadUnitID.flatMap { units[$0] } ?? "",
                                  leaderName: m.leaderID.flatMap { people[$0] }, kind: MeasureKind(rawValue: m.kind) ?? .timeBound,
                                  createdOn: createdOn(history, m.createdAt), history: history)
        }
        let problemItems: [StatisticsItem] = problems.compactMap { p in
            guard let id = p.id else { return nil }
            let history = history[id] ?? []
            return StatisticsItem(id: id.uuidString, source: ProblemSource(rawValue: p.source) ?? .other, category: p.category,
                                  aspect: p.aspect, unitName: p.leadUnitID.flatMap { units[$0] } ?? "",
                                  leaderName: firstLeader[id].flatMap { people[$0] }, kind: .timeBound,
                                  createdOn: createdOn(history, p.createdAt), history: history)
        }
        return Round(problems: problemItems, measures: measureItems, measureClosings: closings.sorted())
    }

    /// The round's status history in order, read as plain rows: four columns of a few hundred
    /// rows, where decoding whole models cost the board about 7 ms.
    private static func statusChanges(inspectionID: UUID, on db: Database)
        async throws -> [(problem: UUID, measure: UUID?, change: StatisticsItem.StatusChange)] {
        return try await db.sql.select().column("problem_id").column("measure_id").column("status").column("changed_on")
            .from(StatusChangeRecord.schema).where("inspection_id", .equal, inspectionID)
            .orderBy("changed_on").orderBy("created_at").all().compactMap { row in
                guard let day = Day(iso: try row.decode(column: "changed_on", as: String.self)),
                      let status = RectificationStatus(rawValue: try row.decode(column: "status", as: String.self)) else { return nil }
                return (try row.decode(column: "problem_id", as: UUID.self), try row.decode(column: "measure_id", as: UUID?.self),
                        .init(day: day, status: status))
            }
    }
}

extension StatisticsReport: Content {}
