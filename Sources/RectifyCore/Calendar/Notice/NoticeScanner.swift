/// Turns a line (or a table cell) of a holiday notice into tokens: dates with their bracketed
/// weekday, range marks, 放假, 上班, counts of days and sentence ends.
enum NoticeScanner {
    static let rangeMarks: Set<Character> = ["至", "到", "-", "—", "–", "－", "~", "～"]
    static let sentenceEnds: Set<Character> = ["。", "；", ";"]

    static func tokens(_ text: String) -> [NoticeToken] {
        let c = Array(text)
        var tokens: [NoticeToken] = []
        var i = 0
        func starts(_ word: String, at index: Int) -> Bool {
            let w = Array(word)
            return index + w.count <= c.count && Array(c[index..<index + w.count]) == w
        }
        /// A count of days at `index` (`3天`, `三天`), skipping spaces; returns the value and the end.
        func days(at index: Int) -> (Int, Int)? {
            var j = index
            while j < c.count, c[j] == " " { j += 1 }
            let start = j
            while j < c.count, NoticeNumeral.isNumeral(c[j]) { j += 1 }
            guard j > start, let n = NoticeNumeral.value(String(c[start..<j])) else { return nil }
            var k = j
            while k < c.count, c[k] == " " { k += 1 }
            guard k < c.count, c[k] == "天" else { return nil }
            return (n, k + 1)
        }
        while i < c.count {
            let ch = c[i]
            if ch == "（" || ch == "(" {
                var j = i + 1
                while j < c.count, c[j] != "）", c[j] != ")" { j += 1 }
                let inside = String(c[min(i + 1, c.count)..<j])
                if case .date(var date)? = tokens.last, let weekday = NoticeNumeral.weekday(in: inside) {
                    date.weekday = weekday
                    tokens[tokens.count - 1] = .date(date)
                }
                i = j + 1
                continue
            }
            if NoticeNumeral.isNumeral(ch) {
                if let (found, end) = Self.date(c, at: i) {
                    tokens.append(.date(found))
                    i = end
                } else {
                    // Not a date: skip the whole number, so no date is read from its last digits.
                    while i < c.count, NoticeNumeral.isNumeral(c[i]) { i += 1 }
                }
                continue
            }
            if rangeMarks.contains(ch) {
                if case .date? = tokens.last { tokens.append(.to) }
                i += 1
                continue
            }
            if sentenceEnds.contains(ch) {
                tokens.append(.end)
                i += 1
                continue
            }
            if starts("放假", at: i) || starts("补休", at: i) {
                if let (n, end) = days(at: i + 2) {
                    tokens.append(.off(declared: n))
                    i = end
                } else {
                    tokens.append(.off(declared: nil))
                    i += 2
                }
                continue
            }
            if starts("上班", at: i) {
                tokens.append(.work)
                i += 2
                continue
            }
            if ch == "共" {
                let after = starts("共计", at: i) ? i + 2 : i + 1
                if let (n, end) = days(at: after) {
                    tokens.append(.total(n))
                    i = end
                    continue
                }
            }
            i += 1
        }
        return tokens
    }

    /// `[2027年][1月]3日` at `start`; `nil` when the number there is not such a date.
    private static func date(_ c: [Character], at start: Int) -> (NoticeDate, Int)? {
        func number(at index: Int) -> (Int, Int, Int)? {
            var j = index
            while j < c.count, NoticeNumeral.isNumeral(c[j]) { j += 1 }
            guard j > index, let value = NoticeNumeral.value(String(c[index..<j])) else { return nil }
            var k = j
            while k < c.count, c[k] == " " { k += 1 }
            return (value, j - index, k)
        }
        var year: Int?
        var month: Int?
        var i = start
        guard var (value, length, next) = number(at: i), next < c.count else { return nil }
        if c[next] == "年" {
            guard length == 4 else { return nil }
            year = value
            i = next + 1
            while i < c.count, c[i] == " " { i += 1 }
            guard let n = number(at: i), n.2 < c.count else { return nil }
            (value, length, next) = n
        }
        if c[next] == "月" {
            guard (1...12).contains(value) else { return nil }
            month = value
            i = next + 1
            while i < c.count, c[i] == " " { i += 1 }
            guard let n = number(at: i), n.2 < c.count else { return nil }
            (value, length, next) = n
        }
        guard c[next] == "日" || c[next] == "号", length <= 3 else { return nil }
        let text = String(c[start...next]).replacingOccurrences(of: " ", with: "")
        return (NoticeDate(year: year, month: month, day: value, weekday: nil, text: text), next + 1)
    }
}
