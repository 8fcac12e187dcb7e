import Foundation

/// A problem with one input field: a stable machine code and a Chinese message for the person
/// who filled it in.
public struct FieldIssue: Codable, Equatable, Sendable {
    public var field: String
    public var code: String
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// Collects field issues while input is checked, so all of them are reported at once.
public struct FieldValidator: Sendable {
    public private(set) var issues: [FieldIssue] = []

    public init() {}

    public var isValid: Bool { issues.isEmpty }

    public mutating func add(_ field: String, _ code: String, _ message: String) {
        issues.append(FieldIssue(field: field, code: code, message: message))
    }

    /// Required non-blank text within a length limit. Returns the trimmed text.
    @discardableResult
    public mutating func text(_ value: String?, field: String, label: String, required: Bool = true,
                              max: Int = 2000) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let trimmed, !trimmed.isEmpty else {
            if required { add(field, "required", "\(label)不能为空") }
            return nil
        }
        if trimmed.count > max {
            add(field, "too_long", "\(label)不能超过\(max)个字符")
            return nil
        }
        return trimmed
    }

    /// A date written as YYYY-MM-DD.
    @discardableResult
    public mutating func day(_ value: String?, field: String, label: String, required: Bool = false) -> Day? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            if required { add(field, "required", "\(label)不能为空") }
            return nil
        }
        guard let day = Day(iso: value) else {
            add(field, "invalid_date", "\(label)格式应为 YYYY-MM-DD，如 2024-04-30")
            return nil
        }
        return day
    }

    public mutating func range(_ value: Int?, field: String, label: String, _ bounds: ClosedRange<Int>) {
        guard let value else { return }
        if !bounds.contains(value) {
            add(field, "out_of_range", "\(label)应在\(bounds.lowerBound)至\(bounds.upperBound)之间")
        }
    }

    /// Checks that `first` is not after `last`.
    public mutating func order(_ first: Day?, _ last: Day?, field: String, message: String) {
        if let first, let last, last < first { add(field, "date_order", message) }
    }
}

/// Parses an amount of money in yuan ("1443241", "1443241.5", "1443241.50") into fen.
public enum MoneyAmount {
    public static func fen(fromYuan text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0,
              parts[0].allSatisfy(\.isASCII) else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let frac = parts[1]
            guard (1...2).contains(frac.count), frac.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let f = Int64(frac) else { return nil }
            cents = frac.count == 1 ? f * 10 : f
        }
        let (product, overflow) = whole.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        return product + cents
    }

    /// "1443241.00"
    public static func yuanText(fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        return "\(sign)\(magnitude / 100).\(String(format: "%02d", Int(magnitude % 100)))"
    }

    /// "144.3241万元" for amounts of ten thousand yuan or more, "850.00元" below, as reports write them.
    public static func chineseText(fen: Int64) -> String {
        if fen.magnitude >= 1_000_000 {
            var text = String(format: "%.6f", Double(fen) / 1_000_000)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text + "万元"
        }
        return yuanText(fen: fen) + "元"
    }
}
