import Foundation

/// Reads the State Council General Office's yearly notice (国务院办公厅关于2027年部分节假日安排的通知)
/// as published, into the calendar entry for its year.
///
/// Two forms are read. The text: the title, then numbered paragraphs such as
/// `二、春节：2月15日（农历腊月廿八、周一）至23日（农历正月初七、周二）放假调休，共9天。2月14日（周日）、2月28日（周六）上班。`
/// with Arabic or Chinese numerals, ranges across months or into the new year (`12月31日至1月2日`
/// under 元旦), `放假，共1天`, `放假1天` and `上班` / `调休上班`. The table: a header row with
/// 节日 and 放假时间 (and 调休上班日期, 放假天数), as tab- or space-separated text, Markdown or CSV.
///
/// The year comes from the title; a date may name its year only when it is that year (or December
/// of the year before, where 元旦 may start). Everything a notice must not contain is refused with the line: a day both
/// off and at work, overlapping holidays, a 调休上班 day that is not a Saturday or Sunday, a day
/// outside the year, a 共N天 that is not the range's length, a weekday in brackets that is not the
/// date's, and a notice without one of the seven statutory holidays.
public struct HolidayNoticeReader: Sendable {
    /// The statutory holidays every notice arranges: the word a name must contain, and how it is said.
    public static let statutoryHolidays: [(key: String, name: String)] = [
        ("元旦", "元旦"), ("春节", "春节"), ("清明", "清明节"), ("劳动", "劳动节"), ("端午", "端午节"), ("中秋", "中秋节"), ("国庆", "国庆节"),
    ]

    public init() {}

    /// Reads bytes: UTF-8 (with or without BOM) or GB18030, as saved from the notice's page.
    public func read(data: Data) throws -> HolidayCalendarYear {
        try read(Self.text(from: data))
    }

    /// The text of a saved notice: UTF-8 (with or without BOM) or GB18030.
    public static func text(from data: Data) throws -> String {
        guard !data.isEmpty else { throw HolidayNoticeError(problem: "文件是空的") }
        do {
            return try ReportTextDecoder.decode(data)
        } catch let error as ReportReadError {
            throw HolidayNoticeError(line: error.line, problem: "无法读取文本：应为 UTF-8 或 GB18030 编码的纯文本（\(error.found ?? "")）")
        }
    }

    public func read(_ text: String) throws -> HolidayCalendarYear {
        let lines = Self.normalized(text)
        guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw HolidayNoticeError(problem: "内容是空的")
        }
        let (year, source, titleLine) = try Self.title(lines)
        let items: [NoticeItem]
        if let table = NoticeTable.find(lines, from: titleLine + 1) {
            items = try table.items(lines)
        } else {
            items = Self.paragraphs(lines, from: titleLine + 1)
        }
        guard !items.isEmpty else {
            throw HolidayNoticeError(problem: "没有读出任何节日的放假安排：应为“一、元旦：1月1日至3日放假调休，共3天。”这样的段落，"
                                     + "或带“节日”“放假时间”表头的表格")
        }
        return try NoticeAssembly(year: year, source: source).assemble(items)
    }

    /// Lines with full-width digits made ASCII and wide or non-breaking spaces made plain.
    static func normalized(_ text: String) -> [String] {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFEFF: continue
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0x3000, 0x00A0, 0x2002, 0x2003: out.append(" ")
            case 0xFF5C: out.append("|")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The title: the first line naming a year (`2027年`, `二〇二七年`) and 节假日.
    static func title(_ lines: [String]) throws -> (year: Int, source: String, line: Int) {
        for (index, line) in lines.enumerated() where line.contains("节假日") {
            let chars = Array(line)
            for (i, c) in chars.enumerated() where c == "年" && i >= 4 {
                let digits = String(chars[(i - 4)..<i])
                guard digits.allSatisfy(NoticeNumeral.isNumeral), !digits.contains(where: { NoticeNumeral.tens[$0] != nil }),
                      i < 5 || !NoticeNumeral.isNumeral(chars[i - 5]),
                      let year = NoticeNumeral.value(digits) else { continue }
                guard (1900...9998).contains(year) else {
                    throw HolidayNoticeError(line: index + 1, excerpt: line, problem: "标题中的年份\(year)不在有效范围内")
                }
                var source = line.trimmingCharacters(in: .whitespaces)
                for mark in ["《", "》", "【", "】"] { source = source.replacingOccurrences(of: mark, with: "") }
                return (year, String(source.prefix(200)), index)
            }
        }
        throw HolidayNoticeError(problem: "没有找到通知标题（如“国务院办公厅关于2027年部分节假日安排的通知”），无法确定年份；请连同标题一并提交")
    }

    /// Numbered paragraphs `一、元旦：…`, each with the lines that continue it: a line after one
    /// that stops mid-sentence (a paragraph broken when copied), or a line of dates with 放假 or
    /// 上班. Other lines (the preamble, the closing paragraph, the signature) are passed over.
    static func paragraphs(_ lines: [String], from start: Int) -> [NoticeItem] {
        var items: [NoticeItem] = []
        var open = false
        var midSentence = false
        for index in lines.indices where index >= start {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let (name, rest) = heading(line) {
                items.append(NoticeItem(name: name, line: index + 1, excerpt: line,
                                        parts: [.init(tokens: NoticeScanner.tokens(rest), line: index + 1, excerpt: line)]))
                open = true
            } else if open, !trimmed.isEmpty {
                let tokens = NoticeScanner.tokens(line)
                let dated = tokens.contains { if case .date = $0 { true } else { false } }
                let keyed = tokens.contains { if case .off = $0 { true } else if case .work = $0 { true } else { false } }
                guard midSentence || dated && keyed else {
                    open = false
                    continue
                }
                items[items.count - 1].parts.append(.init(tokens: tokens, line: index + 1, excerpt: line))
            } else {
                continue
            }
            if let last = trimmed.last { midSentence = !NoticeScanner.sentenceEnds.contains(last) }
        }
        return items
    }

    /// `二、春节：…` → (春节, …). Unnumbered, the name must be a statutory holiday's.
    static func heading(_ line: String) -> (String, String)? {
        var text = Substring(line.trimmingCharacters(in: .whitespaces))
        var numbered = false
        let digits = text.prefix(while: NoticeNumeral.isNumeral)
        if !digits.isEmpty, let mark = text.dropFirst(digits.count).first, "、.．，".contains(mark) {
            text = text.dropFirst(digits.count + 1)
            numbered = true
        }
        guard let colon = text.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
        let name = cleanName(String(text[..<colon]))
        guard !name.isEmpty, name.count <= 12, !name.contains(where: { "，,。；".contains($0) || $0.isASCII && $0.isNumber }) else { return nil }
        guard numbered || statutoryHolidays.contains(where: { name.contains($0.key) }) else { return nil }
        return (name, String(text[text.index(after: colon)...]))
    }

    /// A holiday's name without numbering or a trailing colon.
    static func cleanName(_ cell: String) -> String {
        var text = Substring(cell.trimmingCharacters(in: .whitespaces))
        let digits = text.prefix(while: NoticeNumeral.isNumeral)
        if !digits.isEmpty, let mark = text.dropFirst(digits.count).first, "、.．".contains(mark) {
            text = text.dropFirst(digits.count + 1)
        }
        while let last = text.last, "：:".contains(last) { text = text.dropLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
