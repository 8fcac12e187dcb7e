/// One holiday as a notice gives it: a numbered paragraph (`二、春节：…`) with any lines that
/// continue it, or a table row. Each part is scanned on its own line number.
struct NoticeItem {
    struct Part {
        var tokens: [NoticeToken]
        var line: Int
        var excerpt: String
    }

    var name: String
    var line: Int
    var excerpt: String
    var parts: [Part]
    /// The table's 放假天数 column.
    var declaredDays: Int?

    /// 元旦's days off may start in December of the previous year.
    var isNewYear: Bool { name.contains("元旦") }
}
