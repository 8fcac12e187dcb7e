import Foundation
import RectifyCore
import SQLKit

/// The problem list page's rows: the page and the total in one statement, in the user's scope
/// (`ProblemResource.scopeCondition`) with the page's search and source filters, prepared on
/// PostgreSQL; the rows written as the table's HTML. Reading models through Fluent, counting apart and
/// looping in Leaf cost the page three times its SQL (issue 21's profile).
struct ProblemListRows {
    let conditions: [SQLQueryString]

    init(access: AccessContext, q: String, source: ProblemSource?, postgres: Bool) throws {
        var conditions: [SQLQueryString] = []
        switch ProblemResource.scopeCondition(access) {
        case .nothing: conditions.append("1 = 0")
        case .everything: break
        case .only(let condition): conditions.append(condition)
        }
        if !q.isEmpty {
            conditions.append("\(SearchMatch.condition(table: "problems", kind: .problem, query: try SearchMatch.parse(q), postgres: postgres))")
        }
        if let source { conditions.append("problems.source = \(bind: source.rawValue)") }
        self.conditions = conditions
    }

    struct Read {
        let total: Int
        let html: String
    }

    /// The total comes on a row of its own joined to the page, so a page past the last still tells it.
    func read(offset: Int, limit: Int, on sql: any SQLDatabase) async throws -> Read {
        let matching: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let statement: SQLQueryString = "SELECT t.list_total, p.id, p.label, p.title, p.source, p.status, p.deadline FROM (SELECT COUNT(*) AS list_total FROM problems" + matching + """
            ) t LEFT JOIN (SELECT problems.id, problems.label, problems.title, problems.source, problems.number, problems.status, \
            problems.deadline FROM problems
            """ + matching + " ORDER BY problems.source, problems.number, problems.id LIMIT \(bind: limit) OFFSET \(bind: offset)"
            + ") p ON 1 = 1 ORDER BY p.source, p.number, p.id"
        let all = try await sql.hot(statement).all()
        let total = try all.first?.decode(column: "list_total", as: Int.self) ?? 0
        let rows = try all.filter { try $0.decode(column: "id", as: UUID?.self) != nil }
        var html = ""
        html.reserveCapacity(rows.count * 240)
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self).uuidString
            let source = ProblemSource(rawValue: try row.decode(column: "source", as: String.self)) ?? .other
            let status = RectificationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .notStarted
            let deadline = try row.decode(column: "deadline", as: String?.self).flatMap(Day.init(iso:))?.chinese ?? "—"
            html += "<tr><td>\(try row.decode(column: "label", as: String.self).escapedForHTML)</td>"
            html += "<td><a href=\"/problems/\(id)\">\(try row.decode(column: "title", as: String.self).escapedForHTML)</a></td>"
            html += "<td>\(source.label.escapedForHTML)</td><td>\(status.label.escapedForHTML)</td><td>\(deadline.escapedForHTML)</td></tr>"
        }
        return Read(total: total, html: html)
    }
}
