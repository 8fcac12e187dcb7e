import Foundation

/// Reads the numbers that headings and counts use: Arabic digits, Chinese numerals up to the
/// hundreds (`十二`, `二十`, `一百零五`), and circled digits.
enum ReaderNumerals {
    private static let digitValues: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    static func value(of text: String) -> Int? {
        // Numbers come from pattern groups: blanks, if any, are at the ends.
        let text = text.utf8.first == 0x20 || text.utf8.last == 0x20 ? text.trimmingCharacters(in: .whitespaces) : text
        if text.isEmpty { return nil }
        if let number = Int(text) { return number }
        if text.unicodeScalars.count == 1, let circled = circled(text.unicodeScalars.first!) { return circled }
        return chinese(text)
    }

    /// ① … ⑳
    static func circled(_ scalar: Unicode.Scalar) -> Int? {
        (0x2460...0x2473).contains(scalar.value) ? Int(scalar.value) - 0x245F : nil
    }

    static func circled(_ unit: UInt16) -> Int? {
        (0x2460...0x2473).contains(unit) ? Int(unit) - 0x245F : nil
    }

    /// Chinese numerals, or Chinese digits read one by one when there is no 十/百 (`二〇二四`).
    static func chinese(_ text: String) -> Int? {
        if !text.contains("十") && !text.contains("百") {
            var result = 0
            for character in text {
                guard let digit = digitValues[character] else { return nil }
                // A run of digits longer than any label or year would overflow; it is no number.
                let (shifted, overflowA) = result.multipliedReportingOverflow(by: 10)
                let (next, overflowB) = shifted.addingReportingOverflow(digit)
                if overflowA || overflowB { return nil }
                result = next
            }
            return result
        }
        var total = 0
        var current = 0
        for character in text {
            if let digit = digitValues[character] {
                current = digit
            } else if character == "十" {
                total += (current == 0 ? 1 : current) * 10
                current = 0
            } else if character == "百" {
                total += (current == 0 ? 1 : current) * 100
                current = 0
            } else {
                return nil
            }
        }
        return total + current
    }

    /// `一` … `九十九`, the form of 一、 and （一） labels.
    static func chineseText(_ value: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard value > 0, value < 100 else { return String(value) }
        if value < 10 { return digits[value] }
        let tens = value / 10
        let ones = value % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
