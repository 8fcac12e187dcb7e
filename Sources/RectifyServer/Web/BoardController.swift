import Fluent
import RectifyCore
import Vapor

/// The board (挂图作战): every problem of a round with its measures coloured by warning level,
/// the reason written on each, totals, and completion charts.
struct BoardController: RouteCollection {
    struct Tile: Encodable { let label: String; let value: String; let note: String? }
    struct MeasureCell: Encodable {
        let id: UUID; let label: String; let text: String; let level: String; let word: String; let reason: String
        let unit: String; let deadline: String; let progress: Int
    }
    struct ProblemRow: Encodable {
        let id: UUID; let label: String; let title: String; let source: String; let status: String; let measures: [MeasureCell]
    }
    struct Option: Encodable { let value: String; let label: String; let selected: Bool }
    struct Context: Encodable {
        let frame: PageFrame
        let round: String?
        let rounds: [Option]
        let sources: [Option]
        let levels: [Option]
        let units: [Option]
        let tiles: [Tile]
        let problems: [ProblemRow]
        let categoryChart: String
        let unitChart: String
        let calendarWarning: String?
        let empty: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "board", access: .roles(Access.everyone), use: board)
    }

    @Sendable
    func board(_ req: Request) async throws -> View {
        let access = try await req.access()
        let frame = PageFrame.make(req, title: "挂图作战", current: "/board")
        let roundsQuery = Inspection.query(on: req.db)
        try await InspectionResource.scope(roundsQuery, access, on: req.db)
        let rounds = try await roundsQuery.sort(\.$feedbackDate, .descending).all()
        let chosenID = req.query[String.self, at: "inspectionId"].flatMap(UUID.init(uuidString:)) ?? rounds.first?.id
        guard let round = rounds.first(where: { $0.id == chosenID }), let roundID = round.id else {
            return try await req.view.render("board", Context(
                frame: frame, round: nil, rounds: [], sources: [], levels: [], units: [], tiles: [], problems: [],
                categoryChart: "", unitChart: "", calendarWarning: nil, empty: true))
        }
        let sourceFilter = req.query[String.self, at: "source"].flatMap(ProblemSource.init(rawValue:))
        let levelFilter = req.query[String.self, at: "level"].flatMap(WarningLevel.init(rawValue:))
        let unitFilter = req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:))

        let measureQuery = Measure.query(on: req.db).filter(\.$inspectionID == roundID)
        try await MeasureResource.scope(measureQuery, access, on: req.db)
        let measures = try await measureQuery.sort(\.$number).all()
        let warnings = try await WarningSource.assess(measures, today: access.today, calendar: req.application.workingCalendar, on: req.db)
        let problemQuery = Problem.query(on: req.db).filter(\.$inspectionID == roundID)
        try await ProblemResource.scope(problemQuery, access, on: req.db)
        let problems = try await problemQuery.sort(\.$source).sort(\.$number).all()
        let unitNames = try await Lookup.names(Organization.self, Set(measures.compactMap(\.leadUnitID)), on: req.db, name: \.name)

        var cellsByProblem: [UUID: [MeasureCell]] = [:]
        let measureByID = Dictionary(uniqueKeysWithValues: measures.compactMap { m in m.id.map { ($0, m) } })
        var counts: [WarningLevel: Int] = [:]
        for w in warnings {
            counts[w.level, default: 0] += 1
            if let levelFilter, w.level != levelFilter { continue }
            if let unitFilter, w.leadUnitId != unitFilter { continue }
            let m = measureByID[w.measureId]
            cellsByProblem[w.problemId, default: []].append(MeasureCell(
                id: w.measureId, label: m?.label ?? "", text: w.text, level: w.level.rawValue, word: w.level.word,
                reason: w.reason, unit: w.leadUnitId.flatMap { unitNames[$0] } ?? "未明确", deadline: w.deadline?.chinese ?? "—",
                progress: w.progress))
        }
        let filtering = levelFilter != nil || unitFilter != nil
        let rows: [ProblemRow] = problems.compactMap { p in
            guard let id = p.id else { return nil }
            let source = ProblemSource(rawValue: p.source) ?? .other
            if let sourceFilter, source != sourceFilter { return nil }
            let cells = (cellsByProblem[id] ?? []).sorted { $0.label < $1.label }
            if filtering && cells.isEmpty { return nil }
            return ProblemRow(id: id, label: p.label, title: p.title, source: source.label,
                              status: (RectificationStatus(rawValue: p.status) ?? .notStarted).label, measures: cells)
        }

        let problemStats = StatisticsEngine.compute(
            try await StatisticsSource.items(inspectionID: roundID, measures: false, on: req.db), asOf: access.today)
        let measureStats = StatisticsEngine.compute(
            try await StatisticsSource.items(inspectionID: roundID, measures: true, on: req.db), asOf: access.today)
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
        let units = Set(measures.compactMap(\.leadUnitID)).compactMap { id in unitNames[id].map { (id, $0) } }
            .sorted { $0.1 < $1.1 }
        return try await req.view.render("board", Context(
            frame: frame, round: round.title,
            rounds: rounds.compactMap { r in r.id.map { Option(value: $0.uuidString, label: r.title, selected: $0 == roundID) } },
            sources: ProblemSource.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == sourceFilter) },
            levels: [WarningLevel.red, .yellow, .green, .pendingCloseOut, .longTerm, .closed]
                .map { Option(value: $0.rawValue, label: $0.label, selected: $0 == levelFilter) },
            units: units.map { Option(value: $0.0.uuidString, label: $0.1, selected: $0.0 == unitFilter) },
            tiles: tiles, problems: rows, categoryChart: categoryChart, unitChart: unitChart,
            calendarWarning: warnings.compactMap(\.calendarWarning).first, empty: rows.isEmpty))
    }
}
