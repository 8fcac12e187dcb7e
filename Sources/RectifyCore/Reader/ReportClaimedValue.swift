import Foundation

/// A number the report claims in its summary, with the clause that says it.
public struct ReportClaimedValue: Codable, Sendable, Hashable {
    /// Exact as written (money in yuan); JSON carries it as a string, never a binary float.
    public var value: Decimal
    public var unit: String
    public var quote: ReportQuote

    public init(value: Decimal, unit: String, quote: ReportQuote) {
        self.value = value
        self.unit = unit
        self.quote = quote
    }

    /// The value as a whole count; the parser keeps claims within `ReportClaimsParser.largestNumber`.
    public var count: Int { ReportDecimal.count(value) }

    private enum CodingKeys: String, CodingKey { case value, unit, quote }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let value: Decimal
        if let text = try? container.decode(String.self, forKey: .value) {
            guard let parsed = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: "not a decimal: \(text)")
            }
            value = parsed
        } else {
            // Claims stored before values were exact were written as JSON numbers.
            value = try container.decode(Decimal.self, forKey: .value)
        }
        self.init(value: value, unit: try container.decode(String.self, forKey: .unit),
                  quote: try container.decode(ReportQuote.self, forKey: .quote))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(NSDecimalNumber(decimal: value).stringValue, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encode(quote, forKey: .quote)
    }
}
