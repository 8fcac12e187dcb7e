import Foundation

/// A date expression resolved to the first and last day it can mean: `2023年12月` covers
/// 2023-12-01…2023-12-31, so rules can compare it with the round's dates without guessing.
public struct ReportDateSpan: Codable, Sendable, Hashable {
    public var start: Day
    public var end: Day
    public var precision: ReportDatePrecision
    public var form: ReportDateForm
    /// True when the year was not written and was taken from the previous date (`12月25日`).
    public var yearInferred: Bool

    public init(start: Day, end: Day, precision: ReportDatePrecision, form: ReportDateForm, yearInferred: Bool = false) {
        self.start = start
        self.end = end
        self.precision = precision
        self.form = form
        self.yearInferred = yearInferred
    }
}
