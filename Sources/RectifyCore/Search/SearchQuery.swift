/// What a full-text search looks for: the words of the query, each matched as a substring of the
/// text (Chinese has no spaces between words, so a word is any run of characters the user typed
/// between spaces), all of them in the same row.
public struct SearchQuery: Equatable, Sendable {
    /// The words, in the order typed, without repeats; compared case-insensitively.
    public let terms: [String]

    /// Trigram indexes (SQLite FTS5 `trigram`, PostgreSQL `pg_trgm`) find only words of at least this
    /// many characters (Unicode scalars); shorter ones are matched by reading rows.
    public static let indexedLength = 3
    public static let maxLength = 100
    public static let maxTerms = 8

    /// Why a text cannot be searched, as an issue of the field `q`.
    public struct Invalid: Error, Equatable, Sendable {
        public let issue: FieldIssue
    }

    /// Splits `text` on white space (including the full-width space U+3000).
    public static func parse(_ text: String) throws(Invalid) -> SearchQuery {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        func invalid(_ code: String, _ message: String) -> Invalid {
            Invalid(issue: FieldIssue(field: "q", code: code, message: message))
        }
        if trimmed.isEmpty { throw invalid("required", "请输入检索词") }
        if trimmed.count > maxLength { throw invalid("too_long", "检索词不能超过\(maxLength)个字符") }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !$0.properties.isWhitespace }) {
            throw invalid("invalid_character", "检索词不能包含控制字符")
        }
        var seen = Set<String>()
        let terms = trimmed.split(whereSeparator: \.isWhitespace).map(String.init).filter { seen.insert($0.lowercased()).inserted }
        if terms.count > maxTerms { throw invalid("too_many_terms", "检索词最多\(maxTerms)个（以空格分隔）") }
        return SearchQuery(terms: terms)
    }

    public init(terms: [String]) {
        self.terms = terms
    }

    /// The words an index can find.
    public var indexedTerms: [String] { terms.filter { $0.unicodeScalars.count >= Self.indexedLength } }

    /// Whether an index can narrow the search: at least one word is long enough.
    public var usesIndex: Bool { !indexedTerms.isEmpty }

    /// The query as one phrase, words separated by one space, for comparing a whole title.
    public var phrase: String { terms.joined(separator: " ") }
}
