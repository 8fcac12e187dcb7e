import Fluent
import SQLKit

/// The full-text search mirror: one row in `search_entries` for every problem, measure, register
/// entry, close-out decision, progress report and evidence file, with the text searched and the
/// columns search filters and scopes by. Database triggers on the source tables keep it in step in
/// the same transaction as every write, whatever writes (the API, pages, imports, `generate`'s
/// multi-row inserts); this migration fills it for the rows already there.
///
/// SQLite indexes `title` and `body` in an FTS5 table with the `trigram` tokenizer whose content is
/// `search_entries`; PostgreSQL in a GIN `gin_trgm_ops` index (pg_trgm, part of postgresql-contrib)
/// on `title || ' ' || body`. Both find substrings of three characters or more.
///
/// An entry's id carries its kind in the bits above `kindSpan` (problems highest) and, below them,
/// the order it was written in: read by descending id, entries come problems first, each kind newest
/// first, which is the order a search bounded to its first matches keeps (`SearchEngine`).
struct CreateSearchEntries: AsyncMigration {
    /// One kind of row: the source table and, written against `{r}` (the source row), what goes into
    /// each column, the tables to join (comma-separated FROM items) and how they join.
    struct Source {
        let kind: String
        let table: String
        let priority: Int64
        let inspection: String, problem: String, measure: String, status: String, source: String, title: String, body: String
        var from = ""
        var join = ""
        /// The source columns the entry is made of: an update touching none of them leaves it.
        let columns: [String]
    }

    static let kindSpan: Int64 = 1 << 40

    static let sources: [Source] = [
        Source(kind: "problem", table: "problems", priority: 9, inspection: "{r}.inspection_id", problem: "{r}.id", measure: "NULL",
               status: "{r}.status", source: "{r}.source", title: "{r}.title", body: "COALESCE({r}.description, '')",
               columns: ["title", "description", "status"]),
        Source(kind: "measure", table: "measures", priority: 8, inspection: "{r}.inspection_id", problem: "{r}.problem_id",
               measure: "{r}.id", status: "{r}.status", source: "p.source", title: "''", body: "{r}.text",
               from: "problems p", join: "p.id = {r}.problem_id", columns: ["text", "status"]),
        Source(kind: "regulation", table: "regulations", priority: 7, inspection: "{r}.inspection_id", problem: "NULL", measure: "NULL",
               status: "NULL", source: "NULL", title: "{r}.title",
               body: "TRIM(COALESCE({r}.document_number, '') || ' ' || COALESCE({r}.issuer, ''))",
               columns: ["title", "document_number", "issuer"]),
        Source(kind: "meeting", table: "meetings", priority: 6, inspection: "{r}.inspection_id", problem: "NULL", measure: "NULL",
               status: "NULL", source: "NULL", title: "{r}.title", body: "COALESCE({r}.summary, '')", columns: ["title", "summary"]),
        Source(kind: "accountability_record", table: "accountability_records", priority: 5, inspection: "{r}.inspection_id",
               problem: "NULL", measure: "NULL", status: "NULL", source: "NULL", title: "{r}.person_name",
               body: "COALESCE({r}.reason, '')", columns: ["person_name", "reason"]),
        Source(kind: "recovered_fund", table: "recovered_funds", priority: 4, inspection: "{r}.inspection_id", problem: "{r}.problem_id",
               measure: "NULL", status: "NULL", source: "p.source", title: "''", body: "{r}.description",
               from: "problems p", join: "p.id = {r}.problem_id", columns: ["description"]),
        // A decision on a measure names only the measure; its problem is found through it.
        Source(kind: "close_out_record", table: "close_out_records", priority: 3, inspection: "p.inspection_id", problem: "p.id",
               measure: "{r}.measure_id", status: "NULL", source: "p.source", title: "''", body: "{r}.opinion",
               from: "problems p", join: "p.id = COALESCE({r}.problem_id, (SELECT m.problem_id FROM measures m WHERE m.id = {r}.measure_id))",
               columns: ["opinion"]),
        Source(kind: "progress_report", table: "progress_reports", priority: 2, inspection: "m.inspection_id", problem: "m.problem_id",
               measure: "{r}.measure_id", status: "NULL", source: "p.source", title: "''", body: "{r}.text",
               from: "measures m, problems p", join: "m.id = {r}.measure_id AND p.id = m.problem_id", columns: ["text"]),
        Source(kind: "evidence_file", table: "evidence_files", priority: 1, inspection: "m.inspection_id", problem: "m.problem_id",
               measure: "m.id", status: "NULL", source: "p.source", title: "{r}.name", body: "''",
               from: "progress_reports pr, measures m, problems p",
               join: "pr.id = {r}.progress_report_id AND m.id = pr.measure_id AND p.id = m.problem_id", columns: ["name"]),
    ]

    static let columns = "id, kind, row_id, inspection_id, problem_id, measure_id, status, source, title, body"

    /// The rows already there go in before the indexes and triggers exist, which is quicker than
    /// indexing them one by one (a province's ledger holds millions).
    func prepare(on database: Database) async throws {
        let sql = try database.sql
        let postgres = sql.dialect.name == "postgresql"
        func run(_ statements: [String]) async throws {
            for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        }
        try await run([postgres ? Self.postgresTable : Self.sqliteTable])
        try await run(Self.sources.map(Self.fill))
        try await run(postgres ? Self.postgresIndexes : Self.sqliteIndexes)
        try await run(Self.sources.flatMap(postgres ? Self.postgresTriggers : Self.sqliteTriggers))
    }

    func revert(on database: Database) async throws {
        let sql = try database.sql
        let postgres = sql.dialect.name == "postgresql"
        for source in Self.sources {
            if postgres {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS search_\(event) ON \(source.table)")).run()
                    try await sql.raw(SQLQueryString("DROP FUNCTION IF EXISTS search_\(event)_\(source.table)()")).run()
                }
            } else {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS search_\(source.table)_\(event)")).run()
                }
            }
        }
        if !postgres { try await sql.raw("DROP TABLE IF EXISTS search_fts").run() }
        try await sql.raw("DROP TABLE IF EXISTS search_entries").run()
        if postgres { try await sql.raw("DROP SEQUENCE IF EXISTS search_entries_seq").run() }
    }

    // MARK: - Tables

    static let sqliteTable = """
        CREATE TABLE search_entries (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, row_id TEXT NOT NULL,
            inspection_id TEXT NOT NULL, problem_id TEXT, measure_id TEXT, status TEXT, source TEXT,
            title TEXT NOT NULL, body TEXT NOT NULL)
        """

    static let sqliteIndexes = [
        "CREATE UNIQUE INDEX idx_search_entries_row_id ON search_entries (row_id)",
        "CREATE INDEX idx_search_entries_inspection_id ON search_entries (inspection_id)",
        // Titles equal to a query rank first; SearchRanking finds them here instead of reading every match.
        "CREATE INDEX idx_search_entries_title ON search_entries (title COLLATE NOCASE) WHERE title <> ''",
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_entries', content_rowid='id', tokenize='trigram')",
        "INSERT INTO search_fts (search_fts) VALUES ('rebuild')",
        """
        CREATE TRIGGER search_entries_insert AFTER INSERT ON search_entries BEGIN
            INSERT INTO search_fts (rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);
        END
        """,
        """
        CREATE TRIGGER search_entries_delete AFTER DELETE ON search_entries BEGIN
            INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);
        END
        """,
        """
        CREATE TRIGGER search_entries_update AFTER UPDATE OF title, body ON search_entries
        WHEN OLD.title IS NOT NEW.title OR OLD.body IS NOT NEW.body BEGIN
            INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);
            INSERT INTO search_fts (rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);
        END
        """,
    ]

    static let postgresTable = """
        CREATE TABLE search_entries (id BIGINT PRIMARY KEY, kind TEXT NOT NULL, row_id UUID NOT NULL,
            inspection_id UUID NOT NULL, problem_id UUID, measure_id UUID, status TEXT, source TEXT,
            title TEXT NOT NULL, body TEXT NOT NULL)
        """

    static let postgresIndexes = [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE UNIQUE INDEX idx_search_entries_row_id ON search_entries (row_id)",
        "CREATE INDEX idx_search_entries_inspection_id ON search_entries (inspection_id)",
        "CREATE INDEX idx_search_entries_text ON search_entries USING gin ((title || ' ' || body) gin_trgm_ops)",
        // Triggers number entries from the sequence; the fill numbered each kind from 1.
        "CREATE SEQUENCE search_entries_seq",
        "SELECT setval('search_entries_seq', GREATEST(1, (SELECT COALESCE(MAX(id % \(kindSpan)), 0) FROM search_entries)))",
    ]

    // MARK: - Rows

    /// `SELECT` of the entry columns after the id, for source rows called `alias`.
    static func values(_ source: Source, alias: String) -> String {
        [source.inspection, source.problem, source.measure, source.status, source.source, source.title, source.body]
            .map { $0.replacingOccurrences(of: "{r}", with: alias) }
            .joined(separator: ", ")
    }

    static func base(_ source: Source) -> Int64 { source.priority * kindSpan }

    /// Entries for the rows already in the source table, numbered in the order they were written.
    static func fill(_ source: Source) -> String {
        let from = ["\(source.table) r", source.from].filter { !$0.isEmpty }.joined(separator: ", ")
        let join = source.join.isEmpty ? "" : "WHERE " + source.join.replacingOccurrences(of: "{r}", with: "r")
        return """
            INSERT INTO search_entries (\(columns))
            SELECT \(base(source)) + ROW_NUMBER() OVER (ORDER BY r.created_at, r.id), '\(source.kind)', r.id, \(values(source, alias: "r"))
            FROM \(from) \(join)
            """
    }

    static func sqliteTriggers(_ source: Source) -> [String] {
        let from = source.from.isEmpty ? "" : "FROM \(source.from) WHERE " + source.join.replacingOccurrences(of: "{r}", with: "NEW")
        // The next number of the kind: the greatest id below the next kind's, read from the key's end.
        let next = "MAX(\(base(source)), COALESCE((SELECT id FROM search_entries WHERE id < \(base(source) + kindSpan) ORDER BY id DESC LIMIT 1), 0)) + 1"
        let changed = source.columns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
        return [
            """
            CREATE TRIGGER search_\(source.table)_insert AFTER INSERT ON \(source.table) BEGIN
                INSERT INTO search_entries (\(columns)) SELECT \(next), '\(source.kind)', NEW.id, \(values(source, alias: "NEW")) \(from);
            END
            """,
            """
            CREATE TRIGGER search_\(source.table)_update AFTER UPDATE OF \(source.columns.joined(separator: ", ")) ON \(source.table)
            WHEN \(changed) BEGIN
                UPDATE search_entries SET \(assignments(source, alias: "NEW")) WHERE row_id = NEW.id;
            END
            """,
            """
            CREATE TRIGGER search_\(source.table)_delete AFTER DELETE ON \(source.table) BEGIN
                DELETE FROM search_entries WHERE row_id = OLD.id;
            END
            """,
        ]
    }

    /// Inserts are handled once per statement from its transition table, so `generate`'s multi-row
    /// inserts add their entries in one statement too; updates and deletes row by row, and an update
    /// only when one of the entry's columns changed.
    static func postgresTriggers(_ source: Source) -> [String] {
        let from = ["inserted r", source.from].filter { !$0.isEmpty }.joined(separator: ", ")
        let join = source.join.isEmpty ? "" : "WHERE " + source.join.replacingOccurrences(of: "{r}", with: "r")
        let changed = source.columns.map { "OLD.\($0) IS DISTINCT FROM NEW.\($0)" }.joined(separator: " OR ")
        return [
            """
            CREATE FUNCTION search_insert_\(source.table)() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                INSERT INTO search_entries (\(columns))
                SELECT \(base(source)) + nextval('search_entries_seq'), '\(source.kind)', r.id, \(values(source, alias: "r"))
                FROM \(from) \(join);
                RETURN NULL;
            END
            $body$
            """,
            """
            CREATE TRIGGER search_insert AFTER INSERT ON \(source.table) REFERENCING NEW TABLE AS inserted
            FOR EACH STATEMENT EXECUTE FUNCTION search_insert_\(source.table)()
            """,
            """
            CREATE FUNCTION search_update_\(source.table)() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                UPDATE search_entries SET \(assignments(source, alias: "NEW")) WHERE row_id = NEW.id;
                RETURN NULL;
            END
            $body$
            """,
            """
            CREATE TRIGGER search_update AFTER UPDATE OF \(source.columns.joined(separator: ", ")) ON \(source.table)
            FOR EACH ROW WHEN (\(changed)) EXECUTE FUNCTION search_update_\(source.table)()
            """,
            """
            CREATE FUNCTION search_delete_\(source.table)() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                DELETE FROM search_entries WHERE row_id = OLD.id;
                RETURN NULL;
            END
            $body$
            """,
            """
            CREATE TRIGGER search_delete AFTER DELETE ON \(source.table)
            FOR EACH ROW EXECUTE FUNCTION search_delete_\(source.table)()
            """,
        ]
    }

    /// What an update may change: the text and the status (the rest of an entry's row never changes).
    static func assignments(_ source: Source, alias: String) -> String {
        ["status = \(source.status)", "title = \(source.title)", "body = \(source.body)"]
            .map { $0.replacingOccurrences(of: "{r}", with: alias) }
            .joined(separator: ", ")
    }
}
