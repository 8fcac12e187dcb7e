import Fluent
import RectifyCore
import SQLKit

/// `?q=` on a list: the rows of one kind whose search entry holds every word, through the same
/// mirror and index as `/api/v1/search`. The list's own scope and filters apply as always.
enum SearchMatch {
    /// The condition on `table.id`. With a word of three characters or more the index finds the kind's
    /// matches first; with only shorter words each row of the list is looked up and read (its other
    /// filters and scope bound how many).
    static func condition(table: String, kind: SearchKind, query: SearchQuery, postgres: Bool) -> any SQLExpression {
        let statement = SearchEngine.Statement(
            query: query, filters: SearchFilters(), scope: SearchEngine.Scope(kinds: [kind]), limits: SearchLimits(), postgres: postgres)
        let id = SQLColumn("id", table: table)
        guard query.usesIndex else {
            return SQLQueryString("EXISTS (SELECT 1 FROM search_entries e WHERE e.row_id = \(id) AND \(statement.textFilter))")
        }
        if postgres {
            return SQLQueryString("\(id) IN (SELECT e.row_id FROM search_entries e WHERE \(statement.conditions(text: true)))")
        }
        return SQLQueryString("""
            \(id) IN (SELECT e.row_id FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
                      WHERE search_fts MATCH \(bind: statement.ftsMatch) AND \(statement.conditions(text: false, rowid: "search_fts.rowid"))
                      \(statement.shortTermsFilter(prefix: " AND ")))
            """)
    }

    /// The list filter `q` for a resource whose rows are entries of `kind`.
    static func filter<M: Model>(_ kind: SearchKind, summary: String) -> ResourceFilter<M> {
        ResourceFilter(name: "q", summary: summary, apply: { query, value in
            try apply(query, kind: kind, text: value)
        }, condition: { value, postgres in
            "\(condition(table: M.schema, kind: kind, query: try parse(value), postgres: postgres))"
        })
    }

    static func apply<M: Model>(_ query: QueryBuilder<M>, kind: SearchKind, text: String) throws {
        let postgres = (query.database as? any SQLDatabase)?.dialect.name == "postgresql"
        query.filter(.sql(condition(table: M.schema, kind: kind, query: try parse(text), postgres: postgres)))
    }

    static func parse(_ text: String) throws -> SearchQuery {
        do {
            return try SearchQuery.parse(text)
        } catch {
            throw RectifyError.validation([error.issue])
        }
    }
}
