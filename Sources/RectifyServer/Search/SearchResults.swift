import Foundation
import RectifyCore
import Vapor

/// One row found by a search, with where it belongs and its text marked where the words occur.
struct SearchHitDTO: Content, Equatable {
    var kind: SearchKind
    var kindLabel: String
    var id: UUID
    var inspectionId: UUID
    var inspectionTitle: String?
    var bodyId: UUID?
    var bodyName: String?
    var problemId: UUID?
    var problemLabel: String?
    var problemTitle: String?
    var measureId: UUID?
    var measureLabel: String?
    var status: RectificationStatus?
    var statusLabel: String?
    var source: ProblemSource?
    var sourceLabel: String?
    /// The row's title (a problem's name, a register entry's title or person, an evidence file's name),
    /// empty for kinds that have only text.
    var title: String
    var titleParts: [SearchHighlighter.Part]
    /// The text around the first occurrence of a word.
    var excerpt: [SearchHighlighter.Part]
    /// The page that shows the row.
    var link: String
}

/// A page of hits, ranked, and whether the search read everything that matched.
struct SearchResultsDTO: Content {
    var items: [SearchHitDTO]
    var page: Int
    var per: Int
    /// Hits in the scope; when `partial`, those among the matches the search read.
    var total: Int
    var terms: [String]
    var partial: Bool
    /// Why the result is partial and how to narrow the search.
    var note: String?

    static let partSchema: SchemaType = .object([req("text", .string), req("hit", .boolean, "是否为检索词")])

    static let hitSchema: SchemaType = .object([
        req("kind", .enumeration(SearchKind.allCases.map(\.rawValue))), req("kindLabel", .string, "如 问题、整改措施、进展报告"),
        req("id", .uuid, "所检出记录的编号"), req("inspectionId", .uuid), opt("inspectionTitle", .string, "巡察轮次"),
        opt("bodyId", .uuid, "被巡察单位"), opt("bodyName", .string), opt("problemId", .uuid), opt("problemLabel", .string),
        opt("problemTitle", .string), opt("measureId", .uuid), opt("measureLabel", .string),
        opt("status", .enumeration(RectificationStatus.allCases.map(\.rawValue)), "问题或整改措施的状态"), opt("statusLabel", .string),
        opt("source", .enumeration(ProblemSource.allCases.map(\.rawValue)), "所属问题的来源"), opt("sourceLabel", .string),
        req("title", .string, "标题（问题名称、制度或会议名称、被问责人、文件名），其余类别为空"),
        req("titleParts", .array(partSchema), "标题按检索词切分"), req("excerpt", .array(partSchema), "正文中首个命中处前后的摘录"),
        req("link", .string, "显示该记录的页面地址"),
    ])

    static let schema: SchemaType = .object([
        req("items", .array(hitSchema)), req("page", .integer), req("per", .integer),
        req("total", .integer, "范围内的命中数；partial 为 true 时为已检索部分中的命中数"),
        req("terms", .array(.string), "检索词（按空格切分）"),
        req("partial", .boolean, "是否只检索了部分记录（检索词不足3个字，或匹配记录过多）"), opt("note", .string, "部分检索的原因和缩小范围的建议"),
    ])

    static func make(_ outcome: SearchEngine.Outcome, query: SearchQuery, page: Int, per: Int) -> SearchResultsDTO {
        SearchResultsDTO(items: outcome.rows.compactMap { hit($0, terms: query.terms) }, page: page, per: per,
                         total: outcome.total, terms: query.terms, partial: outcome.bound != nil, note: outcome.bound.map(note))
    }

    static func note(_ bound: SearchEngine.Bound) -> String {
        switch bound {
        case .matches(let limit):
            "匹配的记录超过\(limit)条，仅对按类别（问题、整改措施、登记簿、销号意见、进展报告、佐证材料）和录入时间排在前面的\(limit)条排序。请使用更具体的检索词，或按轮次、被巡察单位、年份筛选。"
        case .window(let limit):
            "检索词不足3个字，无法使用全文索引，仅在按类别和录入时间排在前面的\(limit)条记录中查找，结果可能不全。请使用3个字以上的检索词，或按轮次、被巡察单位筛选。"
        }
    }

    static func hit(_ row: SearchEngine.Row, terms: [String]) -> SearchHitDTO? {
        guard let kind = SearchKind(rawValue: row.kind) else { return nil }
        let status = row.status.flatMap(RectificationStatus.init(rawValue:))
        let source = row.source.flatMap(ProblemSource.init(rawValue:))
        return SearchHitDTO(
            kind: kind, kindLabel: kind.label, id: row.row_id, inspectionId: row.inspection_id, inspectionTitle: row.inspection_title,
            bodyId: row.body_id, bodyName: row.body_name, problemId: row.problem_id, problemLabel: row.problem_label,
            problemTitle: row.problem_title, measureId: row.measure_id, measureLabel: row.measure_label,
            status: status, statusLabel: status?.label, source: source, sourceLabel: source?.label,
            title: row.title, titleParts: SearchHighlighter.parts(row.title, terms: terms),
            excerpt: row.body.isEmpty ? [] : SearchHighlighter.excerpt(row.body, terms: terms), link: link(kind, row))
    }

    static func link(_ kind: SearchKind, _ row: SearchEngine.Row) -> String {
        switch kind {
        case .regulation, .meeting, .accountabilityRecord:
            return "/registers?inspectionId=\(row.inspection_id.uuidString)"
        case .problem, .measure, .progressReport, .evidenceFile, .closeOutRecord, .recoveredFund:
            guard let problem = row.problem_id else { return "/registers?inspectionId=\(row.inspection_id.uuidString)" }
            return "/problems/\(problem.uuidString)" + (row.measure_id.map { "#m-\($0.uuidString)" } ?? "")
        }
    }
}
