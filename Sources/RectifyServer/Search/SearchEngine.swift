import Fluent
import RectifyCore
import SQLKit
import Vapor

/// What a search asks for besides its words.
struct SearchFilters: Sendable, Equatable {
    /// nil: every kind the user may read.
    var kinds: Set<SearchKind>?
    var inspectionID: UUID?
    var bodyID: UUID?
    /// The status of a problem or measure (other kinds have none).
    var status: RectificationStatus?
    /// The source of the problem a row belongs to.
    var source: ProblemSource?
    /// The year of the round's feedback (巡察反馈), or of its on-site start when it has no feedback date.
    var year: Int?
    /// The sector (所属领域) of the round's inspected body.
    var sector: BodySector?
}

/// How much a search reads at most.
struct SearchLimits: Sendable {
    /// Matches an indexed search ranks: when more match, it ranks those that come first by kind
    /// (problems first) and then newest first, and says the result is partial.
    var candidates = 5_000
    /// Entries a search for words under three characters reads, newest first.
    var window = 20_000
    /// Up to this many rounds (an office's or a reporter's, or a round or body asked for), a search
    /// reads all the rounds' entries instead of the index: exact, and cheaper than the index's
    /// matches in every other body.
    var scanRounds = 10
}

extension Application {
    private struct SearchLimitsKey: StorageKey { typealias Value = SearchLimits }

    var searchLimits: SearchLimits {
        get { storage[SearchLimitsKey.self] ?? SearchLimits() }
        set { storage[SearchLimitsKey.self] = newValue }
    }
}

/// Full-text search over the `search_entries` mirror (`CreateSearchEntries`), within what the user may
/// read: the scope is a condition of every statement a search runs (the page of rows, and the count when
/// the page does not give it), so nothing outside it is counted, ranked or shown.
///
/// Ranking: the title equal to the query, then every word in the title, then some word in the title,
/// then the words only in the text; ties by kind (problems first) and newest first.
enum SearchEngine {
    struct Row: Decodable, Sendable {
        let entry: Int64
        let kind: String
        let row_id: UUID
        let inspection_id: UUID
        let problem_id: UUID?
        let measure_id: UUID?
        let status: String?
        let source: String?
        let title: String
        let body: String
        let total: Int
        let inspection_title: String?
        let body_id: UUID?
        let body_name: String?
        let problem_label: String?
        let problem_title: String?
        let measure_label: String?
    }

    enum Bound: Sendable, Equatable {
        /// More rows matched than a search ranks (`SearchLimits.candidates`).
        case matches(Int)
        /// Words under three characters were looked for among the newest entries only (`SearchLimits.window`).
        case window(Int)
    }

    struct Outcome: Sendable {
        var rows: [Row]
        var total: Int
        var bound: Bound?

        static let empty = Outcome(rows: [], total: 0, bound: nil)
    }

    /// What the user reads of the search mirror.
    struct Scope: Sendable {
        var kinds: [SearchKind]
        /// nil: every round.
        var rounds: Set<UUID>?
        /// For unit reporters: the measures their units lead or support and those measures' problems.
        var units: (measures: [UUID], problems: [UUID])?
    }

    /// The user's reach narrowed by the filters; nil when nothing can match.
    static func scope(_ access: AccessContext, filters: SearchFilters, on db: Database) async throws -> Scope? {
        var kinds = SearchKind.allCases.filter { $0.readAccess.contains(access.role) }
        if let wanted = filters.kinds { kinds = kinds.filter(wanted.contains) }
        guard !kinds.isEmpty else { return nil }
        var rounds = access.inspectionIDs
        if let id = filters.inspectionID { rounds = (rounds ?? [id]).intersection([id]) }
        if let body = filters.bodyID {
            let ofBody = Set(try await Inspection.query(on: db).filter(\.$inspectedBodyID == body).field(\.$id).all().compactMap(\.id))
            rounds = rounds.map { $0.intersection(ofBody) } ?? ofBody
        }
        if let rounds, rounds.isEmpty { return nil }
        var scope = Scope(kinds: kinds, rounds: rounds)
        if access.unitIDs != nil {
            // The reporter's measures exactly as `MeasureResource` scopes them, so a hit is never a row
            // the reporter would get 404 for.
            let measures = Measure.query(on: db)
            try await MeasureResource.scope(measures, access, on: db)
            if let rounds { measures.filter(\.$inspectionID ~~ Array(rounds)) }
            let rows = try await measures.field(\.$id).field(\.$problemID).all()
            guard !rows.isEmpty else { return nil }
            scope.units = (rows.compactMap(\.id), Array(Set(rows.map(\.problemID))))
        }
        return scope
    }

    static func search(_ query: SearchQuery, filters: SearchFilters, access: AccessContext, page: Int, per: Int,
                       limits: SearchLimits, on db: Database) async throws -> Outcome {
        guard let scope = try await scope(access, filters: filters, on: db) else { return .empty }
        let sql = try db.sql
        let statement = Statement(query: query, filters: filters, scope: scope, limits: limits,
                                  postgres: sql.dialect.name == "postgresql")
        let offset = (page - 1) * per
        if SearchRanking.applies(statement) {
            let ranked = try await SearchRanking(statement).page(limit: per, offset: offset, on: sql)
            return Outcome(rows: ranked.rows, total: ranked.total, bound: ranked.bounded ? .matches(limits.candidates) : nil)
        }
        let rows = try await sql.raw(statement.page(limit: per, offset: offset)).all(decoding: Row.self)
        var total = rows.first?.total ?? 0
        if rows.isEmpty, offset > 0 {
            // Past the last page the window count has no row to ride on.
            total = try await sql.raw("SELECT COUNT(*) AS n FROM (\(statement.candidates)) c").first(decoding: Count.self)?.n ?? 0
        }
        var bound: Bound?
        switch statement.mode {
        case .rounds:
            break
        case .index:
            if total >= limits.candidates { bound = .matches(limits.candidates) }
        case .window:
            let scanned = try await sql.raw(statement.windowCount).first(decoding: Count.self)?.n ?? 0
            if scanned >= limits.window { bound = .window(limits.window) }
        }
        return Outcome(rows: rows, total: total, bound: bound)
    }

    private struct Count: Decodable { let n: Int }

    /// How a search reads the mirror.
    enum Mode: Equatable {
        /// All entries of a few rounds, each tested: exact.
        case rounds
        /// The trigram index, bounded to the first `candidates` matches.
        case index
        /// The newest `window` entries, each tested (words too short for the index).
        case window
    }

    /// The SQL of one search.
    struct Statement {
        let query: SearchQuery
        let filters: SearchFilters
        let scope: Scope
        let limits: SearchLimits
        let postgres: Bool

        var mode: Mode {
            if let rounds = scope.rounds, rounds.count <= limits.scanRounds { return .rounds }
            return query.usesIndex ? .index : .window
        }

        /// The rows a search ranks, as ids and tiers: every match in the scope, or the first ones the
        /// bound allows. Only the page's rows are read whole afterwards.
        var candidates: SQLQueryString {
            switch mode {
            case .rounds:
                return "SELECT e.id, \(tier) AS tier FROM search_entries e WHERE \(conditions(text: true))"
            case .index where !postgres:
                // FTS5 gives its matches in rowid order, so the bound stops reading the index early.
                return """
                    SELECT e.id, \(tier) AS tier FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
                    WHERE search_fts MATCH \(bind: ftsMatch) AND \(conditions(text: false, rowid: "search_fts.rowid"))
                    \(shortTermsFilter(prefix: " AND "))
                    ORDER BY search_fts.rowid DESC LIMIT \(literal: limits.candidates)
                    """
            case .index:
                return """
                    SELECT e.id, \(tier) AS tier FROM search_entries e WHERE \(conditions(text: true))
                    ORDER BY e.id DESC LIMIT \(literal: limits.candidates)
                    """
            case .window:
                return """
                    SELECT e.id, \(tier) AS tier FROM (
                        SELECT e.id, e.title, e.body FROM search_entries e WHERE \(conditions(text: false))
                        ORDER BY e.id DESC LIMIT \(literal: limits.window)) e
                    WHERE \(textFilter)
                    """
            }
        }

        /// How many entries the window read (all of them when fewer than the bound are in scope).
        var windowCount: SQLQueryString {
            """
            SELECT COUNT(*) AS n FROM (SELECT e.id FROM search_entries e WHERE \(conditions(text: false))
            ORDER BY e.id DESC LIMIT \(literal: limits.window)) w
            """
        }

        /// One page of the ranked candidates, with their count and what a hit shows of its round,
        /// body, problem and measure.
        func page(limit: Int, offset: Int) -> SQLQueryString {
            """
            SELECT \(unsafeRaw: Self.shown), c.total
            FROM (SELECT r.id, r.tier, COUNT(*) OVER () AS total FROM (\(candidates)) r
                  ORDER BY r.tier, r.id DESC LIMIT \(literal: limit) OFFSET \(literal: offset)) c
            JOIN search_entries e ON e.id = c.id
            \(unsafeRaw: Self.context)
            ORDER BY c.tier, c.id DESC
            """
        }

        /// What a hit shows of its entry, round, body, problem and measure.
        static let shown = """
            e.id AS entry, e.kind, e.row_id, e.inspection_id, e.problem_id, e.measure_id, e.status, e.source, e.title, e.body,
            i.title AS inspection_title, i.inspected_body_id AS body_id, o.name AS body_name,
            p.label AS problem_label, p.title AS problem_title, m.label AS measure_label
            """
        static let context = """
            LEFT JOIN inspections i ON i.id = e.inspection_id
            LEFT JOIN organizations o ON o.id = i.inspected_body_id
            LEFT JOIN problems p ON p.id = e.problem_id
            LEFT JOIN measures m ON m.id = e.measure_id
            """

        // MARK: - Parts

        /// The scope and the filters, and the words unless `text` is false; `rowid` names the id the
        /// index reads (SQLite's full-text table narrows a kind's id range itself).
        func conditions(text: Bool, rowid: String = "e.id") -> SQLQueryString {
            var parts: [SQLQueryString] = []
            if scope.kinds.count == 1, let kind = scope.kinds.first {
                parts.append("\(unsafeRaw: rowid) BETWEEN \(literal: kind.ids.lowerBound) AND \(literal: kind.ids.upperBound)")
            } else if scope.kinds.count < SearchKind.allCases.count {
                parts.append("e.kind IN (\(binds: scope.kinds.map(\.rawValue)))")
            }
            if let rounds = scope.rounds { parts.append("e.inspection_id IN (\(binds: rounds.sorted { $0.uuidString < $1.uuidString }))") }
            // Rounds chosen by a property are tested on the rows the index found, never looked up one by one:
            // PostgreSQL underestimates such rounds (a year's are a thousand, a sector's a hundred and more) and
            // would otherwise read the trigram index once per round (760 ms for a year at 2,000 bodies against
            // 20 ms). `IS TRUE` keeps the subquery a hashed filter instead of a join.
            if let year = filters.year {
                parts.append("""
                    (e.inspection_id IN (SELECT id FROM inspections WHERE substr(COALESCE(feedback_date, onsite_start), 1, 4) = \(bind: String(year)))) IS TRUE
                    """)
            }
            if let sector = filters.sector {
                parts.append("""
                    (e.inspection_id IN (SELECT i.id FROM inspections i JOIN organizations o ON o.id = i.inspected_body_id
                                         WHERE o.sector = \(bind: sector.rawValue))) IS TRUE
                    """)
            }
            if let status = filters.status { parts.append("e.status = \(bind: status.rawValue)") }
            if let source = filters.source { parts.append("e.source = \(bind: source.rawValue)") }
            if let units = scope.units {
                // Each kind as its own API scopes it (`MeasureResource.scopeToUnits` and the resources built on it).
                let measures: SQLQueryString = "e.measure_id IN (\(binds: units.measures))"
                let problems: SQLQueryString = "e.problem_id IN (\(binds: units.problems))"
                parts.append("""
                    ((e.kind IN ('measure', 'progress_report', 'evidence_file') AND \(measures))
                     OR (e.kind = 'problem' AND \(problems))
                     OR (e.kind = 'close_out_record' AND ((e.measure_id IS NOT NULL AND \(measures)) OR (e.measure_id IS NULL AND \(problems)))))
                    """)
            }
            if text { parts.append(textFilter) }
            return parts.isEmpty ? "1 = 1" : parts.joined(separator: " AND ")
        }

        /// Every word in the title or the text (`LIKE` is case-insensitive for ASCII in SQLite; PostgreSQL's
        /// `ILIKE` on the indexed expression lets the trigram index find the words of three characters).
        var textFilter: SQLQueryString {
            query.terms.map(termFilter).joined(separator: " AND ")
        }

        /// The words too short for SQLite's index, tested on the rows it found.
        func shortTermsFilter(prefix: String) -> SQLQueryString {
            let short = query.terms.filter { $0.unicodeScalars.count < SearchQuery.indexedLength }
            guard !short.isEmpty else { return "" }
            return SQLQueryString(prefix) + short.map(termFilter).joined(separator: " AND ")
        }

        func termFilter(_ term: String) -> SQLQueryString {
            let pattern = "%" + Self.likeEscaped(term) + "%"
            if postgres { return "(e.title || ' ' || e.body) ILIKE \(bind: pattern) ESCAPE '\\'" }
            return "(e.title LIKE \(bind: pattern) ESCAPE '\\' OR e.body LIKE \(bind: pattern) ESCAPE '\\')"
        }

        /// The FTS5 query: each word a quoted string (a trigram phrase), all of them required.
        var ftsMatch: String {
            query.indexedTerms.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
        }

        /// 0: the title is the query; 1: every word is in the title; 2: some word is; 3: only in the text.
        /// Both sides are folded by the database's own `lower`, never one by Swift's: SQLite's folds ASCII
        /// only (as `COLLATE NOCASE` in `SearchRanking` does), and a term folded by Swift alone (a
        /// full-width letter) would no longer be found in the title it was typed from.
        var tier: SQLQueryString {
            func inTitle(_ term: String) -> SQLQueryString {
                postgres ? "strpos(lower(e.title), lower(\(bind: term))) > 0" : "instr(lower(e.title), lower(\(bind: term))) > 0"
            }
            let all = query.terms.map(inTitle).joined(separator: " AND ")
            let any = query.terms.map(inTitle).joined(separator: " OR ")
            return "(CASE WHEN lower(e.title) = lower(\(bind: query.phrase)) THEN 0 WHEN \(all) THEN 1 WHEN \(any) THEN 2 ELSE 3 END)"
        }

        static func likeEscaped(_ text: String) -> String {
            var result = ""
            for character in text {
                if character == "%" || character == "_" || character == "\\" { result.append("\\") }
                result.append(character)
            }
            return result
        }
    }
}
