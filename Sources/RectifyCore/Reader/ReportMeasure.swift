import Foundation

/// One rectification measure of a problem (`①…`, `一是…`, or the whole text when unnumbered).
public struct ReportMeasure: Codable, Sendable, Hashable {
    /// nil when the problem's text is not numbered.
    public var number: Int?
    /// The marker as written (`①`, `一是`, `1.`), empty when unnumbered.
    public var label: String
    public var text: String
    public var location: ReportLocation
    /// The measure's sentences as written, each with where it starts; rules quote them.
    public var sentences: [ReportQuote]
    public var facts: [ReportFact]
    /// Kinds of action found in the measure, in `ReportActionKind` order.
    public var actions: [ReportActionKind]

    public init(number: Int?, label: String, text: String, location: ReportLocation,
                sentences: [ReportQuote], facts: [ReportFact], actions: [ReportActionKind]) {
        self.number = number
        self.label = label
        self.text = text
        self.location = location
        self.sentences = sentences
        self.facts = facts
        self.actions = actions
    }

    public var hasMeasurableResult: Bool { actions.contains(.measurableResult) }
}
