import Foundation

/// One form of accountability with its count (`诫勉谈话3人`, `谈话提醒、批评教育5人` as one figure).
public struct ReportFormCount: Codable, Sendable, Hashable {
    /// The form as written.
    public var form: String
    public var people: Int
    public var quote: ReportQuote

    public init(form: String, people: Int, quote: ReportQuote) {
        self.form = form
        self.people = people
        self.quote = quote
    }
}
