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
    public var value: Decimal?
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

    private enum CodingKeys: String, CodingKey {
        case kind, text, sentence, location, date, documentTitle, documentNumber, value, unit, people, recovered
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(ReportFactKind.self, forKey: .kind), text: try c.decode(String.self, forKey: .text),
                  sentence: try c.decode(String.self, forKey: .sentence), location: try c.decode(ReportLocation.self, forKey: .location))
        date = try c.decodeIfPresent(ReportDateSpan.self, forKey: .date)
        documentTitle = try c.decodeIfPresent(String.self, forKey: .documentTitle)
        documentNumber = try c.decodeIfPresent(String.self, forKey: .documentNumber)
        if let text = try? c.decodeIfPresent(String.self, forKey: .value) {
            value = ReportDecimal.parse(text)
        } else {
            value = try c.decodeIfPresent(Decimal.self, forKey: .value)
        }
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        people = try c.decodeIfPresent(Int.self, forKey: .people)
        recovered = try c.decodeIfPresent(Bool.self, forKey: .recovered)
    }

    /// The value is written as a decimal string: JSON numbers are read as binary floats.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(text, forKey: .text)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(location, forKey: .location)
        try c.encodeIfPresent(date, forKey: .date)
        try c.encodeIfPresent(documentTitle, forKey: .documentTitle)
        try c.encodeIfPresent(documentNumber, forKey: .documentNumber)
        try c.encodeIfPresent(value.map { NSDecimalNumber(decimal: $0).stringValue }, forKey: .value)
        try c.encodeIfPresent(unit, forKey: .unit)
        try c.encodeIfPresent(people, forKey: .people)
        try c.encodeIfPresent(recovered, forKey: .recovered)
    }

    /// The amount in yuan for money facts.
    public var yuan: Decimal? {
        guard kind == .money, let value, let unit else { return nil }
        return ReportDecimal.applyingMultiplier(value, unit: unit)
    }
}
