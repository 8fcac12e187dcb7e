import Foundation

/// Exact decimal figures as a report writes them: 144.3241万元 is 1443241 yuan, not 1443240.9999999998.
public enum ReportDecimal {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses digits with an optional fraction (`144.3241`), nil for anything else.
    public static func parse(_ text: String) -> Decimal? {
        let trimmed = text.utf8.first == 0x20 || text.utf8.last == 0x20 ? text.trimmingCharacters(in: .whitespaces) : text
        // Most figures are whole: building those from an Int skips the decimal parser.
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (48...57).contains($0) }), let whole = Int(trimmed) { return Decimal(whole) }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              trimmed.filter({ $0 == "." }).count <= 1 else { return nil }
        return Decimal(string: trimmed, locale: posix)
    }

    /// `value` rounded half up to `digits` places.
    public static func rounded(_ value: Decimal, digits: Int) -> Decimal {
        var source = value
        var result = Decimal()
        NSDecimalRound(&result, &source, digits, .plain)
        return result
    }

    /// The value as written for people: whole numbers without a fraction, else rounded to `digits`.
    public static func text(_ value: Decimal, digits: Int = 2) -> String {
        let whole = rounded(value, digits: 0)
        if whole == value { return NSDecimalNumber(decimal: whole).stringValue }
        return NSDecimalNumber(decimal: rounded(value, digits: digits)).stringValue
    }

    /// Yuan with exactly two decimals (`1443241.00`), as machine output carries money.
    public static func yuan(_ value: Decimal) -> String {
        let cents = rounded(value * 100, digits: 0)
        let negative = cents < 0
        let digits = NSDecimalNumber(decimal: negative ? -cents : cents).stringValue
        let padded = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return (negative ? "-" : "") + padded.dropLast(2) + "." + padded.suffix(2)
    }

    /// The value as a whole count, saturating outside `Int`.
    public static func count(_ value: Decimal) -> Int {
        let whole = rounded(value, digits: 0)
        if whole > Decimal(Int.max) { return .max }
        if whole < Decimal(Int.min) { return .min }
        return NSDecimalNumber(decimal: whole).intValue
    }

    /// Multiplies by the 万/亿/千 prefix of a unit (`万元`).
    public static func applyingMultiplier(_ value: Decimal, unit: String) -> Decimal {
        if unit.hasPrefix("亿") { return value * 100_000_000 }
        if unit.hasPrefix("万") { return value * 10_000 }
        if unit.hasPrefix("千") { return value * 1_000 }
        return value
    }
}
