import Foundation

/// A number the report claims in its summary, with the clause that says it.
public struct ReportClaimedValue: Codable, Sendable, Hashable {
    public var value: Double
    public var unit: String
    public var quote: ReportQuote

    public init(value: Double, unit: String, quote: ReportQuote) {
        self.value = value
        self.unit = unit
        self.quote = quote
    }

    public var count: Int { Int(value.rounded()) }
}
