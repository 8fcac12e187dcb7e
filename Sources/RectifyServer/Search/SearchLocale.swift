import Fluent
import SQLKit
import Vapor

/// PostgreSQL's character type decides what pg_trgm takes for a letter: under `C` (or `POSIX`)
/// Chinese characters are separators, the trigram index holds nothing of Chinese text and every
/// search reads every row. Search stays correct, so the server starts, but says so once.
enum SearchLocale {
    /// The warning for a database whose `lc_ctype` is `ctype`, nil for a UTF-8 one.
    static func warning(ctype: String) -> String? {
        let folded = ctype.lowercased().replacingOccurrences(of: "-", with: "")
        guard !folded.contains("utf8") else { return nil }
        return "PostgreSQL's character type is \(ctype): full-text search cannot index Chinese text and reads every row "
            + "(create the database with a UTF-8 locale, e.g. initdb --locale=C.UTF-8 or CREATE DATABASE … LC_CTYPE 'C.UTF-8' TEMPLATE template0)"
    }

    private struct Row: Decodable { let ctype: String }

    static func check(_ app: Application) async {
        guard app.rectifyConfig.database.isPostgres, let sql = app.db as? any SQLDatabase else { return }
        guard let row = try? await sql.raw("SELECT current_setting('lc_ctype') AS ctype").first(decoding: Row.self),
              let warning = warning(ctype: row.ctype) else { return }
        app.logger.warning("\(warning)")
    }
}
