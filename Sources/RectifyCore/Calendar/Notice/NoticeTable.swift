import Foundation

/// The table form of a notice (节日 | 放假时间 | 调休上班日期 | 放假天数), pasted from the page as
/// tab- or space-separated text, a Markdown table or CSV. Columns are found by their header names.
struct NoticeTable {
    enum Separator: Equatable { case tab, pipe, comma, spaces }

    let separator: Separator
    let headerLine: Int
    let width: Int
    let name: Int
    let off: Int
    let work: Int?
    let days: Int?

    /// The first line, from `start` on, that reads as the table's header; `nil` when there is none.
    static func find(_ lines: [String], from start: Int) -> NoticeTable? {
        for index in lines.indices where index >= start {
            let line = lines[index]
            let separator = separator(of: line)
            let cells = split(line, separator)
            guard cells.count >= 2, cells.allSatisfy({ $0.count <= 12 }) else { continue }
            let name = cells.firstIndex { $0.contains("节日") || $0.contains("节假日") || $0.contains("名称") }
            let off = cells.firstIndex { cell in
                cell.contains("放假") && !cell.contains("天数") && ["时间", "日期", "安排"].contains { cell.contains($0) }
            }
            guard let name, let off, name != off else { continue }
            return NoticeTable(separator: separator, headerLine: index, width: cells.count, name: name, off: off,
                               work: cells.firstIndex { $0.contains("上班") },
                               days: cells.firstIndex { $0.contains("天数") || $0.contains("共计") || $0.contains("合计") })
        }
        return nil
    }

    static func separator(of line: String) -> Separator {
        if line.contains("\t") { return .tab }
        if line.contains("|") { return .pipe }
        if line.contains(",") { return .comma }
        return .spaces
    }

    /// Cells of one line, trimmed; quoted CSV cells may hold commas and doubled quotes.
    static func split(_ line: String, _ separator: Separator) -> [String] {
        var cells: [String]
        switch separator {
        case .tab:
            cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        case .spaces:
            cells = line.split(whereSeparator: { $0 == " " }).map(String.init)
        case .pipe:
            cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("|"), !cells.isEmpty { cells.removeFirst() }
            if trimmed.hasSuffix("|"), !cells.isEmpty { cells.removeLast() }
        case .comma:
            cells = []
            var cell = ""
            var quoted = false
            var chars = Array(line)[...]
            while let c = chars.popFirst() {
                if quoted {
                    if c == "\"" {
                        if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { quoted = false }
                    } else {
                        cell.append(c)
                    }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    cells.append(cell)
                    cell = ""
                } else {
                    cell.append(c)
                }
            }
            cells.append(cell)
        }
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The rows below the header, one item each. Lines that are not rows (notes, the signature)
    /// are passed over; a row with the wrong number of cells is refused.
    func items(_ lines: [String]) throws -> [NoticeItem] {
        var items: [NoticeItem] = []
        for index in lines.indices where index > headerLine {
            let line = lines[index]
            let number = index + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.allSatisfy({ "-|: ".contains($0) }) { continue }
            var cells = Self.split(line, separator)
            let first = cells.first ?? ""
            if cells.count < 2 || ["注", "说明", "备注", "附"].contains(where: { first.hasPrefix($0) }) { continue }
            // Space-separated text loses an empty 调休上班 cell; its place is known when the count follows it.
            if separator == .spaces, cells.count == width - 1, let work, let days, days == width - 1, work == days - 1,
               Self.dayCount(cells[cells.count - 1]) != nil {
                cells.insert("", at: work)
            }
            if separator == .comma || separator == .tab {
                while cells.count > width, cells.last?.isEmpty == true { cells.removeLast() }
            }
            guard cells.count == width else {
                throw HolidayNoticeError(line: number, excerpt: line,
                                         problem: "表格每行应有\(width)栏（与表头一致），这一行读出\(cells.count)栏；空栏请填“无”")
            }
            let name = HolidayNoticeReader.cleanName(cells[self.name])
            guard !name.isEmpty else {
                throw HolidayNoticeError(line: number, excerpt: line, problem: "这一行没有节日名称")
            }
            var offTokens = NoticeScanner.tokens(cells[off])
            if !offTokens.contains(where: { if case .off = $0 { true } else { false } }) { offTokens.append(.off(declared: nil)) }
            var parts = [NoticeItem.Part(tokens: offTokens + [.end], line: number, excerpt: line)]
            if let work {
                var workTokens = NoticeScanner.tokens(cells[work])
                let hasDate = workTokens.contains { if case .date = $0 { true } else { false } }
                if hasDate, !workTokens.contains(.work) { workTokens.append(.work) }
                parts.append(NoticeItem.Part(tokens: workTokens + [.end], line: number, excerpt: line))
            }
            var declared: Int?
            if let days, !["", "—", "-", "无"].contains(cells[days]) {
                guard let count = Self.dayCount(cells[days]) else {
                    throw HolidayNoticeError(line: number, excerpt: line, problem: "放假天数“\(cells[days])”不是天数")
                }
                declared = count
            }
            items.append(NoticeItem(name: name, line: number, excerpt: line, parts: parts, declaredDays: declared))
        }
        return items
    }

    /// `3`, `3天`, `共3天`, `三天`.
    static func dayCount(_ cell: String) -> Int? {
        var text = cell.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("共") { text.removeFirst() }
        if text.hasSuffix("天") { text.removeLast() }
        return NoticeNumeral.value(text.trimmingCharacters(in: .whitespaces))
    }
}
