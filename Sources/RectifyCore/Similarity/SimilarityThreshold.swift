import Foundation

/// How alike two wordings must be to count as the same problem, as the user may set it.
public enum SimilarityThreshold {
    public static let `default` = 0.5
    public static let range: ClosedRange<Double> = 0.3...0.9
    /// What a refused threshold is told, in the API and on the pages alike.
    public static let rangeMessage = "相似度阈值应在0.30至0.90之间（如 0.5）"

    /// The threshold a query or form gives (a decimal such as 0.55, or a percentage such as 55),
    /// nil for one outside `range` or not a number. Two decimals are kept, so a page shows it exactly.
    public static func parse(_ text: String) -> Double? {
        guard var value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        if value > 1 { value /= 100 }
        value = (value * 100).rounded() / 100
        return range.contains(value) ? value : nil
    }

    /// As a page shows it: 0.5 → "0.50".
    public static func text(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
