import Foundation

/// One checkable statement found in a measure. Only the fields of its `kind` are set, so the
/// JSON stays flat and every kind is read the same way.
public struct ReportFact: Codable, Sendable, Hashable {
    public var kind: ReportFactKind
    /// The words matched, as written in the report.
    public var text: String
    /// The sentence the fact stands in, as written in the report.
    public var sentence: String
    public var location: ReportLocation

    public var date: ReportDateSpan?
    public var documentTitle: String?
    public var documentNumber: String?
    /// The number as written; `unit` keeps a multiplier such as 万 (`144.3241` + `万元`).
    public var value: Double?
    public var unit: String?
    /// People held accountable; nil when the report does not say how many (`多名`, `相关责任人`).
    public var people: Int?
    /// Money said to be recovered (追回、挽回…), not merely spent.
    public var recovered: Bool?

    public init(kind: ReportFactKind, text: String, sentence: String, location: ReportLocation) {
        self.kind = kind
        self.text = text
        self.sentence = sentence
        self.location = location
    }

    /// The amount in yuan for money facts.
    public var yuan: Double? {
        guard kind == .money, let value, let unit else { return nil }
        if unit.hasPrefix("亿") { return value * 100_000_000 }
        if unit.hasPrefix("万") { return value * 10_000 }
        if unit.hasPrefix("千") { return value * 1_000 }
        return value
    }
}
