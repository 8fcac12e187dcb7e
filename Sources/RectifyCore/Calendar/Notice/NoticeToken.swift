/// A date as a notice writes it: year and month may be left to the reader (`至3日`), the weekday in
/// brackets (`（周五）`) is kept to be checked.
struct NoticeDate: Equatable {
    var year: Int?
    var month: Int?
    var day: Int
    var weekday: Int?
    /// As written, for messages.
    var text: String
}

/// What the scanner finds in a notice's sentences; everything else is words.
enum NoticeToken: Equatable {
    case date(NoticeDate)
    /// `至`, `到`, `-`: the next date ends a range.
    case to
    /// `放假` (or `补休`), with the count when written right after it (`放假1天`).
    case off(declared: Int?)
    /// `上班`.
    case work
    /// `共3天`.
    case total(Int)
    /// End of a sentence: dates not yet tied to 放假 or 上班 are let go (`鼓励…在除夕（2月9日）休息`).
    case end
}
