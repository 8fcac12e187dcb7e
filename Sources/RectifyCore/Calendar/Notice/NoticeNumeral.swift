/// Numbers as holiday notices write them: Arabic (`23`), Chinese (`二十三`, `廿三`, `三十一`) and
/// years digit by digit (`二〇二七`).
enum NoticeNumeral {
    static let digits: [Character: Int] = [
        "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let tens: [Character: Int] = ["十": 10, "廿": 20, "卅": 30]

    static func isNumeral(_ c: Character) -> Bool {
        c.isASCII && c.isNumber || digits[c] != nil || tens[c] != nil
    }

    /// The value of a run of numeral characters, `nil` when it is not one number.
    static func value<S: StringProtocol>(_ text: S) -> Int? {
        guard !text.isEmpty, text.count <= 6 else { return nil }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(text) }
        guard text.allSatisfy({ digits[$0] != nil || tens[$0] != nil }) else { return nil }
        // Without 十/廿/卅 the digits are positional, as years are written (二〇二七).
        if !text.contains(where: { tens[$0] != nil }) {
            return text.reduce(0) { $0 * 10 + digits[$1]! }
        }
        var total = 0
        var pending: Int?
        for c in text {
            if let d = digits[c] {
                guard pending == nil else { return nil }
                pending = d
            } else if let t = tens[c] {
                // 十 multiplies the digit before it (二十); 廿 and 卅 stand alone.
                if t == 10 {
                    total += (pending ?? 1) * 10
                } else {
                    guard pending == nil else { return nil }
                    total += t
                }
                pending = nil
            }
        }
        return total + (pending ?? 0)
    }

    /// `周五`, `星期日`, `周天` → ISO weekday (1 = Monday … 7 = Sunday).
    static func weekday(in text: String) -> Int? {
        let names: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7]
        let chars = Array(text)
        for (i, c) in chars.enumerated() where i + 1 < chars.count {
            if c == "周", let w = names[chars[i + 1]] { return w }
            if c == "星", i + 2 < chars.count, chars[i + 1] == "期", let w = names[chars[i + 2]] { return w }
        }
        return nil
    }

    static let weekdayNames = ["", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
}
