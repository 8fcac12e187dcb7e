import Fluent
import Foundation
import RectifyCore
import Vapor

/// The pages of the inspection office and supervisors that look across bodies: common problems
/// (共性问题) and repeated problems (屡查屡犯).
struct CrossBodyPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "common-problems", access: .roles(Access.auditReaders), heavy: true, use: commonProblems)
        routes.endpoint(.GET, "repeats", access: .roles(Access.auditReaders), use: repeats)
        routes.endpoint(.POST, "repeats", "scan", access: .roles(Access.auditReaders), heavy: true, use: scan)
        routes.endpoint(.POST, "repeats", ":id", "decision", access: .roles(Access.auditReaders), use: decide)
    }

    struct Option: Encodable { let value: String; let label: String; let selected: Bool }
    struct Column: Encodable { let label: String; let link: String; let current: Bool }
    struct MemberRow: Encodable { let id: UUID; let body: String; let round: String; let label: String; let title: String; let status: String; let overdue: Bool }
    struct GroupRow: Encodable {
        let number: Int; let category: String; let aspect: String; let title: String; let bodies: Int; let problems: Int
        let statuses: String; let overdue: String; let bodyNames: String; let members: [MemberRow]
    }
    struct CommonContext: Encodable {
        let frame: PageFrame; let sectors: [Option]; let year: String; let threshold: String; let minBodies: Int
        let columns: [Column]; let categoryColumn: Column?; let groups: [GroupRow]; let chart: String; let pager: Pager?; let summary: String; let note: String?
        let exportLink: String; let error: String?
    }

    static let groupsPerPage = 30

    @Sendable
    func commonProblems(_ req: Request) async throws -> View {
        let access = try await req.access()
        let frame = PageFrame.make(req, title: "共性问题", current: "/common-problems")
        let request: CommonProblemsRequest
        do {
            request = try CommonProblemsRequest.from(req)
        } catch let error as RectifyError {
            return try await req.view.render("common-problems", CommonContext(
                frame: frame, sectors: Self.sectors(nil), year: "", threshold: SimilarityThreshold.text(SimilarityThreshold.default),
                minBodies: 2, columns: [], categoryColumn: nil, groups: [], chart: "", pager: nil, summary: "", note: nil, exportLink: "",
                error: error.fields.first?.message ?? error.reason))
        }
        let result = try await CommonProblemsSource.load(request, today: access.today, on: req.db)
        let (pager, range) = Pager.make(total: result.groups.count, per: Self.groupsPerPage, requested: req.query[Int.self, at: "page"]) {
            "/common-problems?\(request.query(page: $0))"
        }
        let shown = Array(result.groups[range.clamped(to: result.groups.indices)])
        let groups = shown.enumerated().map { offset, g in
            GroupRow(
                number: range.lowerBound + offset + 1, category: g.category ?? "未分类", aspect: g.aspect ?? "—", title: g.representativeTitle,
                bodies: g.bodyCount, problems: g.problemCount,
                statuses: RectificationStatus.allCases.compactMap { s in g.statuses[s].map { "\(s.label)\($0)" } }.joined(separator: "、"),
                overdue: "\(g.overduePercent)%（\(g.overdue)个）",
                bodyNames: g.bodies.map { result.bodyNames[$0] ?? "" }.joined(separator: "、"),
                members: g.members.compactMap { id in
                    result.members[id].map { MemberRow(id: $0.problemID, body: $0.bodyName, round: $0.roundTitle, label: $0.label,
                                                       title: $0.title, status: $0.status.label, overdue: $0.overdue) }
                })
        }
        let chart = SVGCountChart.bars(title: "涉及单位最多的共性问题", unit: "个单位", bars: result.groups.prefix(10).map {
            .init(label: $0.representativeTitle, value: $0.bodyCount, note: $0.overdue > 0 ? "（超期\($0.overduePercent)%）" : "")
        })
        let scope = request.year.map { "\($0)年反馈的各轮次" } ?? (request.rounds.isEmpty ? "各单位最近一轮巡察" : "所选\(request.rounds.count)个轮次")
        func column(_ sort: CommonProblemsRequest.Sort) -> Column {
            Column(label: sort.label, link: "/common-problems?\(request.query(sort: sort))", current: sort == request.sort)
        }
        let summary = "比对了\(result.rounds)个巡察轮次（\(scope)）的\(result.problems)个问题，相似度阈值\(SimilarityThreshold.text(request.threshold))，"
            + "找到\(result.groups.count)个涉及\(request.minimumBodies)个及以上单位的共性问题。"
        return try await req.view.render("common-problems", CommonContext(
            frame: frame, sectors: Self.sectors(request.sector), year: request.year.map(String.init) ?? "",
            threshold: SimilarityThreshold.text(request.threshold), minBodies: request.minimumBodies,
            columns: [.bodies, .problems, .overdue].map(column), categoryColumn: column(.category),
            groups: groups, chart: chart, pager: result.groups.isEmpty ? nil : pager, summary: summary, note: result.note,
            exportLink: "/api/v1/common-problems/export?\(request.query())", error: nil))
    }

    static func sectors(_ chosen: BodySector?) -> [Option] {
        [Option(value: "", label: "全部领域", selected: chosen == nil)]
            + BodySector.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == chosen) }
    }

    struct BodyCount: Encodable { let id: UUID; let name: String; let confirmed: Int; let suggested: Int }
    struct RepeatsContext: Encodable {
        let frame: PageFrame; let bodies: [Option]; let states: [Option]; let counts: [BodyCount]; let matches: [RepeatMatchDTO]
        let pager: Pager?; let threshold: String; let message: String?; let query: String
    }

    static let matchesPerPage = 20

    @Sendable
    func repeats(_ req: Request) async throws -> Response {
        try await repeatsPage(req, message: RepeatsNotice.text(req), threshold: nil, status: .ok)
    }

    /// The repeats page, filtered by the address's body and state; a refused scan shows it again with
    /// its message and the threshold as typed.
    func repeatsPage(_ req: Request, message: String?, threshold: String?, status: HTTPStatus) async throws -> Response {
        let bodies = try await Organization.query(on: req.db).filter(\.$parentID == nil).filter(\.$kind == "body")
            .field(\.$id).field(\.$name).sort(\.$name).all()
        let bodyID = req.query[String.self, at: "bodyId"].flatMap(UUID.init(uuidString:))
        let state = req.query[String.self, at: "state"].flatMap(RepeatMatchState.init(rawValue:))
        let query = RepeatMatch.query(on: req.db)
        if let bodyID { query.filter(\.$bodyID == bodyID) }
        if let state { query.filter(\.$state == state.rawValue) }
        let total = try await query.copy().count()
        var filters: [String] = []
        if let bodyID { filters.append("bodyId=\(bodyID)") }
        if let state { filters.append("state=\(state.rawValue)") }
        let (pager, range) = Pager.make(total: total, per: Self.matchesPerPage, requested: req.query[Int.self, at: "page"]) {
            "/repeats?" + (filters + ["page=\($0)"]).joined(separator: "&")
        }
        let rows = try await query.sort(\.$state, .descending).sort(\.$similarity, .descending).sort(\.$id)
            .range(range.lowerBound..<range.upperBound).all()
        let counts = try await RepeatMatchListing.counts(by: "body_id", on: req.db)
        let view = try await req.view.render("repeats", RepeatsContext(
            frame: .make(req, title: "屡查屡犯", current: "/repeats"),
            bodies: [Option(value: "", label: "全部被巡察单位", selected: bodyID == nil)]
                + bodies.compactMap { b in b.id.map { Option(value: $0.uuidString, label: b.name, selected: $0 == bodyID) } },
            states: [Option(value: "", label: "全部状态", selected: state == nil)]
                + RepeatMatchState.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == state) },
            counts: bodies.compactMap { b in
                guard let id = b.id, let c = counts[id] else { return nil }
                return BodyCount(id: id, name: b.name, confirmed: c.confirmed, suggested: c.suggested)
            },
            matches: try await RepeatMatchListing.dtos(rows, on: req.db), pager: total == 0 ? nil : pager,
            threshold: threshold ?? SimilarityThreshold.text(SimilarityThreshold.default),
            message: message, query: filters.joined(separator: "&")))
        let response = try await view.encodeResponse(for: req)
        response.status = status
        return response
    }

    struct ScanPost: Content { var bodyId: String?; var threshold: String? }

    @Sendable
    func scan(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ScanPost.self)
        var body: UUID?
        if let text = form.bodyId.nonBlank {
            guard let id = UUID(uuidString: text), try await RepeatMatchScan.isInspectedBody(id, on: req.db) else {
                return try await repeatsPage(req, message: RepeatMatchController.unknownBodyMessage, threshold: form.threshold,
                                             status: .unprocessableEntity)
            }
            body = id
        }
        var threshold = SimilarityThreshold.default
        if let text = form.threshold.nonBlank {
            guard let parsed = SimilarityThreshold.parse(text) else {
                return try await repeatsPage(req, message: SimilarityThreshold.rangeMessage, threshold: form.threshold,
                                             status: .unprocessableEntity)
            }
            threshold = parsed
        }
        let outcome = try await RepeatMatchScan.run(body: body, threshold: threshold, actor: req.auditActor,
                                                    now: req.application.clock.now(), on: req.db)
        return Self.back(req, body.map { "bodyId=\($0)&state=suggested" } ?? "state=suggested", notice: .scanned(outcome))
    }

    struct DecisionPost: Content { var decision: String?; var version: Int?; var back: String? }

    @Sendable
    func decide(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("屡查屡犯匹配") }
        let form = try req.content.decode(DecisionPost.self)
        guard let state = form.decision.flatMap(RepeatMatchState.init(rawValue:)), state != .suggested else {
            throw RectifyError.invalid("decision", "invalid_value", "请选择认定为屡查屡犯或予以排除")
        }
        // Only the page's own filters come back, so the redirect stays on this page.
        let back = (form.back ?? "").filter { $0.isLetter || $0.isNumber || "=&-_".contains($0) }
        guard let version = form.version else { throw RectifyError.versionRequired }
        do {
            _ = try await RepeatMatchDecision.decide(id, to: state, version: version, actor: req.auditActor,
                                                     now: req.application.clock.now(), on: req.db)
            return Self.back(req, back, notice: .decided(state))
        } catch RectifyError.staleVersion {
            return Self.back(req, back, notice: .stale)
        } catch RectifyError.conflict {
            return Self.back(req, back, notice: .alreadyDecided(state))
        }
    }

    static func back(_ req: Request, _ query: String, notice: RepeatsNotice) -> Response {
        req.redirect(to: "/repeats?" + (query.isEmpty ? "" : query + "&") + notice.query, redirectType: .normal)
    }
}

/// What the repeats page says after a scan or a decision, carried in its address as a code and
/// counts, never as text: a link cannot make the page say anything else.
enum RepeatsNotice: Equatable {
    case scanned(bodies: Int, problems: Int, suggested: Int, capped: Bool)
    case decided(RepeatMatchState)
    case alreadyDecided(RepeatMatchState)
    case stale

    static func scanned(_ outcome: RepeatMatchScan.Outcome) -> RepeatsNotice {
        .scanned(bodies: outcome.bodies, problems: outcome.problems, suggested: outcome.suggested, capped: outcome.capped)
    }

    var query: String {
        switch self {
        case let .scanned(bodies, problems, suggested, capped):
            "notice=scanned&bodies=\(bodies)&problems=\(problems)&suggested=\(suggested)" + (capped ? "&capped=1" : "")
        case .decided(let state): "notice=decided&as=\(state.rawValue)"
        case .alreadyDecided(let state): "notice=already&as=\(state.rawValue)"
        case .stale: "notice=stale"
        }
    }

    init?(_ req: Request) {
        let state = req.query[String.self, at: "as"].flatMap(RepeatMatchState.init(rawValue:))
        switch req.query[String.self, at: "notice"] {
        case "scanned":
            guard let bodies = req.query[Int.self, at: "bodies"], let problems = req.query[Int.self, at: "problems"],
                  let suggested = req.query[Int.self, at: "suggested"] else { return nil }
            self = .scanned(bodies: bodies, problems: problems, suggested: suggested, capped: req.query[String.self, at: "capped"] == "1")
        case "decided": guard let state else { return nil }; self = .decided(state)
        case "already": guard let state else { return nil }; self = .alreadyDecided(state)
        case "stale": self = .stale
        default: return nil
        }
    }

    var text: String {
        switch self {
        case let .scanned(bodies, problems, suggested, capped):
            RepeatMatchScan.Outcome(bodies: bodies, problems: problems, suggested: suggested, capped: capped).message
        case .decided(let state): "已将该匹配标记为“\(state.label)”"
        case .alreadyDecided(let state): "该匹配已是“\(state.label)”状态"
        case .stale: "该匹配已被他人处理，请查看最新状态后再操作"
        }
    }

    static func text(_ req: Request) -> String? { RepeatsNotice(req)?.text }
}
