import Foundation

/// A table of a .docx turned into the lines a typed report would have. Tables of problems
/// (`反馈问题 | 整改措施 | 整改状态 | 整改时限`) are read by their header row: each row becomes the
/// problem's line followed by `整改措施：…`, `整改状态：…`, `整改时限：…` lines, which the outline
/// reads like any other item. A table without such a header is given cell by cell, as text.
struct ReportDocxTable {
    struct Cell {
        /// Each paragraph's text and paragraph number.
        var paragraphs: [(text: String, number: Int)] = []
        var span = 1
        /// `w:vMerge` without `restart`: the cell continues the one above it.
        var continuesAbove = false
        var text: String { paragraphs.map(\.text).joined() }
    }

    enum Role { case index, problem, measures, status, deadline, responsible, other }

    var rows: [[Cell]] = []

    /// The role of a header cell, from its words.
    static func role(of header: String) -> Role {
        let text = header.replacingOccurrences(of: " ", with: "")
        if text.contains("序号") || text == "编号" { return .index }
        if text.contains("状态") || text.contains("进度") || text.contains("完成情况") || text.contains("是否完成") || text.contains("整改结果") {
            return .status
        }
        if text.contains("措施") || text.contains("任务") || text.contains("举措") || text.contains("落实情况") || text.contains("整改情况") {
            return .measures
        }
        if text.contains("问题") { return .problem }
        if text.contains("时限") || text.contains("期限") || text.contains("完成时间") { return .deadline }
        if text.contains("责任") || text.contains("牵头") { return .responsible }
        return .other
    }

    func lines() -> [ReportLine] {
        rowLines().map { line in
            var line = line
            line.inTable = true
            return line
        }
    }

    private func rowLines() -> [ReportLine] {
        guard let headerIndex = rows.firstIndex(where: { row in
            let roles = row.map { Self.role(of: $0.text) }
            return roles.contains(.problem) && roles.contains { $0 == .measures || $0 == .status }
        }) else { return rows.flatMap { $0.flatMap(Self.plainLines) } }
        let header = rows[headerIndex]
        var columns: [(role: Role, title: String)] = []
        for cell in header {
            for _ in 0..<max(cell.span, 1) { columns.append((Self.role(of: cell.text), cell.text)) }
        }
        var result = rows[..<headerIndex].flatMap { $0.flatMap(Self.plainLines) }
        // Rows of one problem merged down (`w:vMerge`) are joined into one before they are written.
        var items: [[Role: [Cell]]] = []
        var titles: [[(String, Cell)]] = []
        for row in rows[(headerIndex + 1)...] {
            let filled = row.filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
            // A category row (`一、…方面`) spans the table, or fills one cell of it.
            if row.count == 1 || (filled.count == 1 && !filled[0].continuesAbove && columns.count > 1 && filled[0].span > 1) {
                result += flush(&items, &titles)
                result += filled.flatMap(Self.plainLines)
                continue
            }
            var byRole: [Role: [Cell]] = [:]
            var others: [(String, Cell)] = []
            var column = 0
            var continues = false
            for cell in row {
                let role = column < columns.count ? columns[column].role : .other
                if role == .problem && cell.continuesAbove { continues = true }
                if role == .other { others.append((column < columns.count ? columns[column].title : "", cell)) }
                byRole[role, default: []].append(cell)
                column += max(cell.span, 1)
            }
            if continues, !items.isEmpty {
                for (role, cells) in byRole where role != .problem && role != .index {
                    items[items.count - 1][role, default: []] += cells.filter { !$0.continuesAbove }
                }
                titles[titles.count - 1] += others.filter { !$0.1.continuesAbove }
            } else {
                result += flush(&items, &titles)
                items.append(byRole)
                titles.append(others)
            }
        }
        result += flush(&items, &titles)
        return result
    }

    private func flush(_ items: inout [[Role: [Cell]]], _ titles: inout [[(String, Cell)]]) -> [ReportLine] {
        defer { items.removeAll(); titles.removeAll() }
        return zip(items, titles).flatMap { Self.itemLines($0, others: $1) }
    }

    private static func itemLines(_ item: [Role: [Cell]], others: [(String, Cell)]) -> [ReportLine] {
        let problemCells = item[.problem] ?? []
        guard let first = problemCells.first?.paragraphs.first else {
            return (item.values.flatMap { $0 }).flatMap(plainLines)
        }
        var problem = problemCells.map(\.text).joined()
        // An unnumbered problem takes the row's 序号 as its label, else it is labelled as a problem.
        if ReportHeading.parse(ReportTextNormalizer.normalize(problem)) == nil {
            if let index = item[.index]?.first?.text.trimmingCharacters(in: .whitespaces), Int(index) != nil {
                problem = index + "." + problem
            } else {
                problem = "反馈问题：" + problem
            }
        }
        var lines = [ReportLine(number: first.number, text: problem)]
        let measureParagraphs = (item[.measures] ?? []).flatMap(\.paragraphs).filter { !ReportLine.trimmed($0.text).isEmpty }
        if let firstMeasure = measureParagraphs.first {
            // One paragraph per measure: joined on one line, as `整改措施：1.…；2.…` is typed. Paragraphs
            // without their own numbers are numbered in order, as the cell shows them one under another.
            let numbered = measureParagraphs.count > 1
                && !measureParagraphs.allSatisfy({ ReportHeading.parse(ReportTextNormalizer.normalize(ReportLine.trimmed($0.text))) != nil })
            let parts = measureParagraphs.enumerated().map { offset, paragraph -> String in
                var text = ReportLine.trimmed(paragraph.text)
                if numbered { text = "\(offset + 1)." + text }
                if let last = text.last, !"。；;".contains(last) { text += "；" }
                return text
            }
            lines.append(ReportLine(number: firstMeasure.number, text: "整改措施：" + parts.joined()))
        }
        if let cell = item[.status]?.first(where: { !$0.text.isEmpty }), let first = cell.paragraphs.first {
            let value = ReportLine.trimmed(cell.text)
            let isStatus = ReportOutlineParser.itemStatus(ReportTextNormalizer.normalize(value)) != nil && (value as NSString).length <= 12
            lines.append(ReportLine(number: first.number, text: (isStatus ? "整改状态：" : "整改情况：") + value))
        }
        for (role, label) in [(Role.deadline, "整改时限："), (.responsible, "责任单位：")] {
            if let cell = item[role]?.first(where: { !$0.text.isEmpty }), let first = cell.paragraphs.first {
                lines.append(ReportLine(number: first.number, text: label + ReportLine.trimmed(cell.text)))
            }
        }
        for (title, cell) in others {
            if let first = cell.paragraphs.first, !cell.text.isEmpty {
                lines.append(ReportLine(number: first.number, text: title + "：" + ReportLine.trimmed(cell.text)))
            }
        }
        return lines.filter { !$0.original.isEmpty }
    }

    private static func plainLines(_ cell: Cell) -> [ReportLine] {
        cell.paragraphs.map { ReportLine(number: $0.number, text: $0.text) }.filter { !$0.original.isEmpty }
    }
}
