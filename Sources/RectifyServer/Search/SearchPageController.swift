import Fluent
import RectifyCore
import Vapor

/// The search page: the box in every page's header leads here; hits are ranked and shown under their
/// inspected body and round, the words marked.
struct SearchPageController: RouteCollection {
    static let per = 20

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "search", access: .roles(SearchController.access), use: page)
    }

    struct HitView: Encodable {
        let kind: String
        let kindCode: String
        let heading: String
        /// Between the heading and the title when both are shown.
        let separator: String
        let titleParts: [SearchHighlighter.Part]
        let excerpt: [SearchHighlighter.Part]
        let context: String?
        let status: String?
        let link: String
    }

    struct Group: Encodable {
        let body: String
        let round: String
        let bodyLink: String?
        let hits: [HitView]
    }

    struct Context: Encodable {
        let frame: PageFrame
        let q: String
        let kinds: [BoardController.Option]
        let statuses: [BoardController.Option]
        let sources: [BoardController.Option]
        let sectors: [BoardController.Option]
        let year: String
        let bodyId: String?
        let inspectionId: String?
        /// The same search without the body it was narrowed to.
        let allBodiesLink: String?
        let searched: Bool
        let error: String?
        let total: Int
        let partial: Bool
        let note: String?
        let groups: [Group]
        let pager: Pager?
    }

    @Sendable
    func page(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let q = req.query[String.self, at: "q"] ?? ""
        var issues: [FieldIssue] = []
        let filters = SearchRequest.parseFilters(req, &issues)
        var results: SearchResultsDTO?
        var pager: Pager?
        var query: SearchQuery?
        if !q.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do { query = try SearchQuery.parse(q) } catch { issues.insert(error.issue, at: 0) }
        }
        if let query, issues.isEmpty {
            let requested = max(1, min(req.query[Int.self, at: "page"] ?? 1, ListParameters.maxPage))
            var request = SearchRequest(query: query, filters: filters, page: requested, per: Self.per)
            var found = try await request.run(access: access, on: req)
            let made = Pager.make(total: found.total, per: Self.per, requested: requested) { Self.link(req, page: $0) }
            if made.0.page != requested {
                // Asked past the last page: show the last.
                request.page = made.0.page
                found = try await request.run(access: access, on: req)
            }
            results = found
            pager = made.0
        }
        let role = access.role
        let context = Context(
            frame: .make(req, title: "全文检索", current: "/search"), q: q,
            kinds: SearchKind.allCases.filter { $0.readAccess.contains(role) }.map {
                .init(value: $0.rawValue, label: $0.label, selected: filters.kinds == [$0])
            },
            statuses: RectificationStatus.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == filters.status) },
            sources: ProblemSource.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == filters.source) },
            sectors: BodySector.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == filters.sector) },
            year: filters.year.map(String.init) ?? "", bodyId: filters.bodyID?.uuidString, inspectionId: filters.inspectionID?.uuidString,
            allBodiesLink: filters.bodyID == nil ? nil : Self.link(req, page: 1, except: "bodyId"),
            searched: results != nil, error: issues.isEmpty ? nil : issues.map(Self.pageMessage).joined(separator: "；"),
            total: results?.total ?? 0, partial: results?.partial ?? false, note: results?.note,
            groups: Self.groups(results?.items ?? [], req: req, narrowed: filters.bodyID != nil), pager: pager)
        let response = try await req.view.render("search", context).encodeResponse(for: req)
        if !issues.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    /// Hits under their body and round, groups in the order of their best hit.
    static func groups(_ hits: [SearchHitDTO], req: Request, narrowed: Bool) -> [Group] {
        var order: [String] = []
        var grouped: [String: (body: String, round: String, bodyID: UUID?, hits: [HitView])] = [:]
        for hit in hits {
            let key = "\(hit.bodyId?.uuidString ?? "")|\(hit.inspectionId)"
            if grouped[key] == nil {
                order.append(key)
                grouped[key] = (hit.bodyName ?? "", hit.inspectionTitle ?? "", hit.bodyId, [])
            }
            grouped[key]?.hits.append(view(hit))
        }
        return order.compactMap { key in
            grouped[key].map { g in
                Group(body: g.body, round: g.round, bodyLink: narrowed ? nil : g.bodyID.map { link(req, page: 1, bodyID: $0) }, hits: g.hits)
            }
        }
    }

    /// The page names its fields as its form labels them, not as the API's parameters.
    static let fieldLabels = ["q": "检索词", "kind": "类别", "inspectionId": "巡察轮次", "bodyId": "被巡察单位", "status": "状态",
                              "source": "问题来源", "year": "年份", "sector": "所属领域", "page": "页码", "per": "每页条数"]

    static func pageMessage(_ issue: FieldIssue) -> String {
        let prefix = "参数 \(issue.field) "
        guard issue.message.hasPrefix(prefix), let label = fieldLabels[issue.field] else { return issue.message }
        return label + issue.message.dropFirst(prefix.count)
    }

    static func view(_ hit: SearchHitDTO) -> HitView {
        let problem = [hit.problemLabel, hit.problemTitle].compactMap { $0 }.joined()
        let measure = "\(hit.problemLabel ?? "")\(hit.measureLabel ?? "")"
        let heading: String
        var context: String? = problem.isEmpty ? nil : "问题：\(problem)"
        switch hit.kind {
        case .problem:
            heading = hit.problemLabel ?? ""
            context = nil
        case .measure, .progressReport:
            heading = "措施\(measure)"
        case .closeOutRecord:
            heading = hit.measureId == nil ? "问题\(hit.problemLabel ?? "")" : "措施\(measure)"
        case .evidenceFile:
            heading = "措施\(measure)"
        case .recoveredFund:
            // A recovered fund has no title of its own: its problem names the link.
            heading = "问题\(hit.problemLabel ?? "")"
        case .regulation, .meeting, .accountabilityRecord:
            heading = ""
        }
        return HitView(kind: hit.kindLabel, kindCode: hit.kind.rawValue, heading: heading,
                       separator: heading.isEmpty || hit.titleParts.isEmpty ? "" : ": ", titleParts: hit.titleParts,
                       excerpt: hit.excerpt, context: context, status: hit.statusLabel, link: hit.link)
    }

    /// The page's address with the same words and filters, at `page` (and narrowed to a body).
    static func link(_ req: Request, page: Int, bodyID: UUID? = nil, except: String? = nil) -> String {
        var parts: [String] = []
        for name in ["q", "kind", "inspectionId", "bodyId", "status", "source", "year", "sector"] where name != except {
            if name == "bodyId", let bodyID {
                parts.append("bodyId=\(bodyID.uuidString)")
                continue
            }
            if let value = req.query[String.self, at: name], !value.isEmpty {
                parts.append("\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            }
        }
        if page > 1 { parts.append("page=\(page)") }
        return "/search?" + parts.joined(separator: "&")
    }
}
