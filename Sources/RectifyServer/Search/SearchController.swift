import Fluent
import RectifyCore
import Vapor

/// `GET /api/v1/search`: one search across problems, measures, registers, close-out opinions, progress
/// reports and evidence file names, within what the user may read.
struct SearchController: RouteCollection {
    static let access = Access.everyone

    static let parameters: [(String, String)] = [
        ("q", "检索词（必填，最多100字）；以空格分隔的多个词须在同一条记录中全部出现。不足3个字的词无法使用全文索引，见 partial"),
        ("kind", "记录类别，可用逗号分隔多个：\(SearchKind.allCases.map(\.rawValue).joined(separator: ", "))"),
        ("inspectionId", "巡察轮次"), ("bodyId", "被巡察单位"),
        ("status", "问题或整改措施的状态：\(RectificationStatus.allCases.map(\.rawValue).joined(separator: ", "))"),
        ("source", "所属问题的来源：\(ProblemSource.allCases.map(\.rawValue).joined(separator: ", "))"),
        ("year", "年度（巡察反馈日期所在年份，无反馈日期时为进驻日期），如 2024"),
        ("sector", "被巡察单位的所属领域：\(BodySector.allCases.map(\.rawValue).joined(separator: ", "))"),
        ("page", "页码"), ("per", "每页条数"),
    ]

    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/search", summary: "全文检索（问题、整改措施、进展报告、销号意见、登记簿、佐证材料文件名）",
                     access: .roles(access), request: nil, response: SearchResultsDTO.schema, status: 200, query: parameters),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "search", access: .roles(Self.access), use: search)
    }

    @Sendable
    func search(_ req: Request) async throws -> SearchResultsDTO {
        let access = try await req.access()
        let request = try SearchRequest.from(req)
        return try await request.run(access: access, on: req)
    }
}

/// A search as the API and the page ask for it, checked.
struct SearchRequest: Sendable {
    var query: SearchQuery
    var filters: SearchFilters
    var page: Int
    var per: Int

    /// The request's parameters; 422 naming every parameter that is wrong.
    static func from(_ req: Request) throws -> SearchRequest {
        let list = try ListParameters.from(req)
        var issues: [FieldIssue] = []
        var query = SearchQuery(terms: [])
        do {
            query = try SearchQuery.parse(req.query[String.self, at: "q"] ?? "")
        } catch {
            issues.append(error.issue)
        }
        let filters = parseFilters(req, &issues)
        if !issues.isEmpty { throw RectifyError.validation(issues) }
        return SearchRequest(query: query, filters: filters, page: list.page, per: list.per)
    }

    static func parseFilters(_ req: Request, _ issues: inout [FieldIssue]) -> SearchFilters {
        func text(_ name: String) -> String? {
            req.query[String.self, at: name].nonBlank
        }
        func uuid(_ name: String) -> UUID? {
            guard let value = text(name) else { return nil }
            guard let id = UUID(uuidString: value) else {
                issues.append(FieldIssue(field: name, code: "invalid_id", message: "参数 \(name) 应为有效的编号（UUID）"))
                return nil
            }
            return id
        }
        func value<T: RawRepresentable>(_ name: String, _ type: T.Type, allowed: [String]) -> T? where T.RawValue == String {
            guard let raw = text(name) else { return nil }
            guard let parsed = T(rawValue: raw) else {
                issues.append(FieldIssue(field: name, code: "invalid_value", message: "参数 \(name) 的取值应为：\(allowed.joined(separator: "、"))"))
                return nil
            }
            return parsed
        }
        var filters = SearchFilters()
        if let kinds = text("kind") {
            let names = kinds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let parsed = names.compactMap(SearchKind.init(rawValue:))
            if parsed.count == names.count, !parsed.isEmpty {
                filters.kinds = Set(parsed)
            } else {
                issues.append(FieldIssue(field: "kind", code: "invalid_value",
                                         message: "参数 kind 的取值应为：\(SearchKind.allCases.map(\.rawValue).joined(separator: "、"))"))
            }
        }
        filters.inspectionID = uuid("inspectionId")
        filters.bodyID = uuid("bodyId")
        filters.status = value("status", RectificationStatus.self, allowed: RectificationStatus.allCases.map(\.rawValue))
        filters.source = value("source", ProblemSource.self, allowed: ProblemSource.allCases.map(\.rawValue))
        filters.sector = value("sector", BodySector.self, allowed: BodySector.allCases.map(\.rawValue))
        if let year = text("year") {
            if year.count == 4, let number = Int(year), (1949...9999).contains(number) {
                filters.year = number
            } else {
                issues.append(FieldIssue(field: "year", code: "invalid_value", message: "参数 year 应为四位年份，如 2024"))
            }
        }
        return filters
    }

    func run(access: AccessContext, on req: Request) async throws -> SearchResultsDTO {
        let outcome = try await SearchEngine.search(query, filters: filters, access: access, page: page, per: per,
                                                    limits: req.application.searchLimits, on: req.db)
        return SearchResultsDTO.make(outcome, query: query, page: page, per: per)
    }
}
