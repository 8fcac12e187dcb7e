/// A completion rate kept as the exact fraction it rests on, with the rounded text for reports.
public struct CompletionRate: Codable, Hashable, Sendable, CustomStringConvertible {
    public var completed: Int
    public var total: Int

    public init(completed: Int, total: Int) {
        self.completed = completed
        self.total = total
    }

    /// Tenths of a percent, rounded half up, but never 100.0% unless all are completed and never
    /// 0.0% when some are: a public figure must not claim more, or less, than the count shows.
    /// `nil` when there is nothing to count.
    public var tenthsOfPercent: Int? {
        guard total > 0 else { return nil }
        let rounded = (completed * 2000 + total) / (total * 2)
        if completed < total, rounded >= 1000 { return 999 }
        if completed > 0, rounded == 0 { return 1 }
        return rounded
    }

    /// `100%`, `93.3%`, `50%`; `—` when there is nothing to count.
    public var percentText: String {
        guard let tenths = tenthsOfPercent else { return "—" }
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }

    /// `28/30`
    public var fractionText: String { "\(completed)/\(total)" }

    public var description: String { "\(fractionText) (\(percentText))" }

    private enum CodingKeys: String, CodingKey {
        case completed, total, percentText, fractionText
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(completed: try container.decode(Int.self, forKey: .completed),
                  total: try container.decode(Int.self, forKey: .total))
    }

    /// Also writes the display texts, so clients show the same figure a report would.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(completed, forKey: .completed)
        try container.encode(total, forKey: .total)
        try container.encode(percentText, forKey: .percentText)
        try container.encode(fractionText, forKey: .fractionText)
    }
}
