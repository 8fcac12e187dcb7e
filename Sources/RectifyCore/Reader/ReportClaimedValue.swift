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

    /// The value as a whole count; the parser keeps claims within `ReportClaimsParser.largestNumber`,
    /// and decoded values beyond `Int` saturate rather than trap.
    public var count: Int {
        let rounded = value.rounded()
        guard rounded.isFinite else { return 0 }
        return Int(exactly: rounded) ?? (rounded < 0 ? Int.min : Int.max)
    }
}
