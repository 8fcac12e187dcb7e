import Foundation

/// Ordinal markers used in official-document numbering: 一、二、三 for headings and ①②③
/// for measures within a paragraph.
public enum ChineseOrdinal {
    private static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (valid for 1…99).
    public static func chinese(_ number: Int) -> String {
        guard number > 0 else { return digits[0] }
        guard number < 100 else { return String(number) }
        let tens = number / 10
        let ones = number % 10
        var text = ""
        if tens > 1 { text += digits[tens] }
        if tens > 0 { text += "十" }
        if ones > 0 { text += digits[ones] }
        return text
    }

    /// 1 → ①, 20 → ⑳, 21 → ㉑, 50 → ㊿; past 50 the number in full-width parentheses.
    public static func circled(_ number: Int) -> String {
        let base: UInt32
        switch number {
        case 1...20: base = 0x2460 + UInt32(number - 1)
        case 21...35: base = 0x3251 + UInt32(number - 21)
        case 36...50: base = 0x32B1 + UInt32(number - 36)
        default: return "（\(number)）"
        }
        return String(Character(Unicode.Scalar(base)!))
    }
}
