import Fluent
import RectifyCore
import SQLKit

/// SQLite's ranking of a search that no filter narrows but its kind (a supervisor's search across every
/// body), read from the FTS5 index alone: which matches hold the words in their title is itself a
/// full-text query (`title : "…"`), so only the page's rows are read from `search_entries`. Ranking
/// thousands of matches by reading each row's title took 2–3 µs a row, most of a search's time.
///
/// It ranks exactly as `SearchEngine.Statement` does: the title equal to the query (found through the
/// title index), then every word in the title, then some word, then the text only; within each tier
/// newest first, the kind being in the id.
struct SearchRanking {
    let query: SearchQuery
    let kind: SearchKind?
    let limits: SearchLimits

    /// Whether a search can be ranked this way: SQLite, words the index finds, and no scope or filter
    /// but the kind (those need the entry's columns).
    static func applies(_ statement: SearchEngine.Statement) -> Bool {
        guard !statement.postgres, statement.mode == .index else { return false }
        let scope = statement.scope
        // Any filter but the kind (a round or a body is in the scope's rounds) needs the entry's columns,
        // a filter added later included.
        var others = statement.filters
        others.kinds = nil
        others.inspectionID = nil
        others.bodyID = nil
        return scope.rounds == nil && scope.units == nil && others == SearchFilters()
            && (scope.kinds.count == 1 || scope.kinds.count == SearchKind.allCases.count)
            && statement.query.indexedTerms.count == statement.query.terms.count
    }

    init(_ statement: SearchEngine.Statement) {
        query = statement.query
        kind = statement.scope.kinds.count == 1 ? statement.scope.kinds.first : nil
        limits = statement.limits
    }

    private struct Counts: Decodable {
        /// Matches ranked, the least id among them, titles equal to the query, titles holding every word
        /// and titles holding some word.
        let n: Int, floor: Int64?, exact: Int, every: Int, some: Int
    }

    private static func quoted(_ term: String) -> String { "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private var every: String { "(" + query.terms.map(Self.quoted).joined(separator: " AND ") + ")" }
    private var everyInTitle: String { "(" + query.terms.map { "(title : \(Self.quoted($0)))" }.joined(separator: " AND ") + ")" }
    private var someInTitle: String { "(" + query.terms.map { "(title : \(Self.quoted($0)))" }.joined(separator: " OR ") + ")" }

    /// The full-text expression of each tier after the first (whose rows the title index finds).
    private var tiers: [String] {
        [everyInTitle, "(\(every) AND \(someInTitle)) NOT \(everyInTitle)", "\(every) NOT \(someInTitle)"]
    }

    /// The ids of the kind, and only those among the first `candidates` matches (`floor`, an SQL expression).
    private func range(_ column: String, floor: String) -> SQLQueryString {
        var text: SQLQueryString = "\(unsafeRaw: column) >= \(unsafeRaw: floor)"
        if let kind { text += " AND \(unsafeRaw: column) BETWEEN \(literal: kind.ids.lowerBound) AND \(literal: kind.ids.upperBound)" }
        return text
    }

    private func exactTitle(floor: String) -> SQLQueryString {
        "title = \(bind: query.phrase) COLLATE NOCASE AND title <> '' AND \(range("id", floor: floor))"
    }

    /// How many matches there are (up to the bound) and how many of them are in each title tier, in one
    /// statement: the tiers count only matches from the least id of the ranked ones up.
    private var counts: SQLQueryString {
        let kindRange: SQLQueryString = kind.map { " AND rowid BETWEEN \(literal: $0.ids.lowerBound) AND \(literal: $0.ids.upperBound)" } ?? ""
        func inTitle(_ expression: String) -> SQLQueryString {
            "(SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH \(bind: expression) AND \(range("rowid", floor: "span.floor")))"
        }
        // One word: a title holds some of the words exactly when it holds all of them.
        let some = query.terms.count == 1 ? inTitle(everyInTitle) : inTitle("\(every) AND \(someInTitle)")
        return """
            WITH span AS (SELECT COUNT(*) AS n, MIN(rowid) AS floor FROM (
                SELECT rowid FROM search_fts WHERE search_fts MATCH \(bind: every)\(kindRange)
                ORDER BY rowid DESC LIMIT \(literal: limits.candidates)))
            SELECT span.n, span.floor, (SELECT COUNT(*) FROM search_entries WHERE \(exactTitle(floor: "span.floor"))) AS exact,
                \(inTitle(everyInTitle)) AS every, \(some) AS some
            FROM span
            """
    }

    /// One page of rows in rank order, the matches ranked and whether there were more: two statements,
    /// the counts and then the page's rows, each tier's slice read from the index.
    func page(limit: Int, offset: Int, on sql: any SQLDatabase) async throws -> (rows: [SearchEngine.Row], total: Int, bounded: Bool) {
        guard let found = try await sql.raw(counts).first(decoding: Counts.self), let least = found.floor, found.n > 0 else {
            return ([], 0, false)
        }
        let floor = String(least)
        // Tier sizes: exact titles are among those holding every word, which are among those holding some.
        let sizes = [found.exact, found.every - found.exact, found.some - found.every, found.n - found.some]
        var slices: [SQLQueryString] = []
        var start = 0
        for (tier, count) in sizes.enumerated() {
            defer { start += count }
            let from = max(offset, start), to = min(offset + limit, start + count)
            guard from < to else { continue }
            let slice: SQLQueryString = "ORDER BY \(unsafeRaw: tier == 0 ? "id" : "rowid") DESC LIMIT \(literal: to - from) OFFSET \(literal: from - start)"
            let ids: SQLQueryString = switch tier {
            case 0:
                "SELECT id FROM search_entries WHERE \(exactTitle(floor: floor)) \(slice)"
            case 1:
                """
                SELECT rowid AS id FROM search_fts WHERE search_fts MATCH \(bind: tiers[0]) AND \(range("rowid", floor: floor))
                AND rowid NOT IN (SELECT id FROM search_entries WHERE \(exactTitle(floor: floor))) \(slice)
                """
            default:
                "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH \(bind: tiers[tier - 1]) AND \(range("rowid", floor: floor)) \(slice)"
            }
            slices.append("SELECT id, \(literal: tier) AS tier FROM (\(ids))")
        }
        guard !slices.isEmpty else { return ([], found.n, found.n >= limits.candidates) }
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: SearchEngine.Statement.shown), \(literal: found.n) AS total
            FROM (\(slices.joined(separator: " UNION ALL "))) c
            JOIN search_entries e ON e.id = c.id
            \(unsafeRaw: SearchEngine.Statement.context)
            ORDER BY c.tier, c.id DESC
            """).all(decoding: SearchEngine.Row.self)
        return (rows, found.n, found.n >= limits.candidates)
    }
}
