import Foundation
import RectifyCore
import Testing
import ZIPFoundation
@testable import RectifyDocuments

@Suite struct LedgerWorkbookTests {
    static func sampleProblems(count: Int) -> [(LedgerProblem, [LedgerMeasure])] {
        let sources = ["巡察反馈问题", "市委书记专题会交办事项", "举一反三、自查自纠"]
        let categories = ["贯彻落实党的理论和路线方针政策方面", "落实全面从严治党战略部署方面", "落实新时代党的组织路线方面"]
        let units = ["办公室", "市政设施科", "数字化城管中心", "园林绿化科"]
        let start = Day(year: 2024, month: 1, day: 31)!
        return (1...count).map { number in
            let problem = LedgerProblem(sequence: String(number), source: sources[number % 3], category: categories[number % 3],
                                        title: "问题\(number)：“制度”执行 & 落实 <不到位>")
            let measures = (1...(number % 4 + 1)).map { index in
                LedgerMeasure(text: "措施\(number)-\(index)：完善《管理办法》〔2024〕\(index)号\n并组织学习",
                              leader: "李某\(index)", leadUnit: units[(number + index) % 4],
                              supportingUnits: index % 2 == 0 ? "各区城管局、财务科" : "",
                              deadline: index == 3 ? nil : start.adding(days: number * 7 + index),
                              deadlineNote: index == 3 ? "长期坚持" : "",
                              completion: index % 2 == 0 ? "已完成" : "正在整改", evidence: index == 1 ? "会议纪要、文件" : "",
                              kind: index == 3 ? "长期坚持" : index == 1 ? "立行立改" : "限期整改")
            }
            return (problem, measures)
        }
    }

    static func write(_ problems: [(LedgerProblem, [LedgerMeasure])]) throws -> (URL, Data) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).xlsx")
        let writer = try LedgerWorkbookWriter(url: url)
        for (problem, measures) in problems {
            try writer.append(problem: problem, measures: measures)
        }
        try writer.finish()
        return (url, try Data(contentsOf: url))
    }

    static func sheet(_ data: Data) throws -> TestXMLNode {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive["xl/worksheets/sheet1.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        return try TestXMLNode.parse(xml)
    }

    static func part(_ path: String, _ data: Data) throws -> TestXMLNode {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        return try TestXMLNode.parse(xml)
    }

    @Test func headerFreezeWidthsAndMerges() throws {
        let problem = LedgerProblem(sequence: "1", source: "巡察反馈问题", category: "党的建设方面", title: "发展党员程序不规范")
        let measures = (1...4).map { LedgerMeasure(text: "措施\($0)", leader: "张某", leadUnit: "机关党委", deadline: Day(year: 2024, month: 3, day: $0)) }
        let single = LedgerProblem(sequence: "2", source: "巡察反馈问题", category: "党的建设方面", title: "组织生活不严肃")
        let (url, data) = try Self.write([(problem, measures), (single, [measures[0]])])
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try Self.sheet(data)
        let header = try #require(sheet.all("row").first)
        #expect(header["r"] == "1")
        #expect(header.all("c").map(\.allText) == ["序号", "问题来源", "问题类别", "具体问题", "整改措施", "责任领导", "责任单位", "配合单位", "整改时限", "完成情况", "佐证材料", "整改类型"])
        #expect(Set(sheet.all("mergeCell").compactMap { $0["ref"] }) == ["A2:A5", "B2:B5", "C2:C5", "D2:D5"])
        #expect(sheet.first("mergeCells")?["count"] == "4")
        let pane = try #require(sheet.first("pane"))
        #expect(pane["ySplit"] == "1")
        #expect(pane["state"] == "frozen")
        #expect(pane["topLeftCell"] == "A2")
        let columns = sheet.all("col")
        #expect(columns.count == 12)
        #expect(columns.allSatisfy { $0["customWidth"] == "1" && Double($0["width"] ?? "") ?? 0 > 0 })
        #expect(sheet.first("dimension")?["ref"] == "A1:L6")
        // Text cells are inline strings with a wrapping style.
        let styles = try Self.part("xl/styles.xml", data)
        let xfs = try #require(styles.first("cellXfs")).children
        let measureCell = try #require(sheet.all("c").first { $0["r"] == "E2" })
        #expect(measureCell["t"] == "inlineStr")
        #expect(measureCell.allText == "措施1")
        let measureStyle = xfs[Int(measureCell["s"] ?? "") ?? -1]
        #expect(measureStyle.first("alignment")?["wrapText"] == "1")
        // The sequence is a number.
        let sequence = try #require(sheet.all("c").first { $0["r"] == "A2" })
        #expect(sequence["t"] == nil)
        #expect(sequence.first("v")?.text == "1")
    }

    @Test func deadlinesAreDateCells() throws {
        let measure = LedgerMeasure(text: "措施", leader: "张某", leadUnit: "办公室", deadline: Day(year: 2024, month: 3, day: 31))
        let (url, data) = try Self.write([(LedgerProblem(sequence: "1", source: "巡察反馈问题", category: "类别", title: "问题"), [measure])])
        defer { try? FileManager.default.removeItem(at: url) }
        let cell = try #require(try Self.sheet(data).all("c").first { $0["r"] == "I2" })
        #expect(cell["t"] == nil)
        // 2024-03-31 is serial 45382 in the 1900 date system.
        #expect(cell.first("v")?.text == "45382")
        let styles = try Self.part("xl/styles.xml", data)
        let xf = try #require(styles.first("cellXfs")).children[Int(cell["s"] ?? "") ?? -1]
        let formatID = try #require(xf["numFmtId"])
        #expect(xf["applyNumberFormat"] == "1")
        let format = try #require(styles.all("numFmt").first { $0["numFmtId"] == formatID })
        #expect(format["formatCode"] == "yyyy\"年\"m\"月\"d\"日\"")
    }

    @Test func writerToReaderRoundTripIsUnchanged() throws {
        let problems = Self.sampleProblems(count: 20)
        let (url, data) = try Self.write(problems)
        defer { try? FileManager.default.removeItem(at: url) }
        let expected = problems.flatMap { problem, measures in measures.map { LedgerRow(problem: problem, measure: $0) } }
        #expect(expected.count == 50)
        let rows = try LedgerWorkbookReader.read(data: data)
        #expect(rows.count == expected.count)
        for (read, written) in zip(rows, expected) {
            #expect(read == written)
        }
    }

    @Test func appendAfterFinishFails() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try LedgerWorkbookWriter(url: url)
        try writer.finish()
        #expect(throws: LedgerWorkbookError.alreadyFinished) {
            try writer.append(problem: LedgerProblem(sequence: "1", source: "", category: "", title: "问题"), measures: [])
        }
        #expect(try LedgerWorkbookReader.read(data: Data(contentsOf: url)).isEmpty)
    }

    /// A ledger as another office keeps it: a merged title row, synonym headers with line
    /// breaks, shared strings (one rich text), merged problem cells, dates in several forms.
    static func foreignLedger(deadline: String = "2024/3/31") throws -> Data {
        let strings = [
            "<si><t>某局巡察整改台账</t></si>",
            "<si><t>问题</t></si>",
            "<si><r><t>具体</t></r><r><rPr><b/></rPr><t>措施</t></r></si>",
            "<si><t>牵头单位</t></si>",
            "<si><t>完成\n时限</t></si>",
            "<si><t>分管领导</t></si>",
            "<si><r><rPr><b/></rPr><t>智慧城管</t></r><r><t>建设质效不高</t></r><rPh sb=\"0\" eb=\"1\"><t>ちえ</t></rPh></si>",
            "<si><t>类别</t></si>",
        ]
        let sheet = """
        <sheetData>\
        <row r="1">\(TestWorkbook.shared("A1", 0))</row>\
        <row r="2">\(TestWorkbook.shared("A2", 7))\(TestWorkbook.shared("B2", 1))\(TestWorkbook.shared("C2", 2))\
        \(TestWorkbook.shared("D2", 5))\(TestWorkbook.shared("E2", 3))\(TestWorkbook.shared("F2", 4))</row>\
        <row r="3">\(TestWorkbook.text("A3", "履职尽责方面"))\(TestWorkbook.shared("B3", 6))\(TestWorkbook.text("C3", "推进停车平台联网"))\
        \(TestWorkbook.text("D3", "李某"))\(TestWorkbook.text("E3", "数字化城管中心"))<c r="F3" s="1"><v>45382</v></c></row>\
        <row r="4">\(TestWorkbook.text("C4", "加强信息采集考核"))\(TestWorkbook.text("D4", "李某"))\
        \(TestWorkbook.text("E4", "数字化城管中心"))\(TestWorkbook.text("F4", "2024年4月30日"))</row>\
        <row r="5">\(TestWorkbook.text("C5", "建立长效机制"))\(TestWorkbook.text("F5", "2024.5.6"))</row>\
        <row r="6"/>\
        <row r="7">\(TestWorkbook.text("A7", "组织建设方面"))\(TestWorkbook.text("B7", "发展党员程序不规范"))\
        \(TestWorkbook.text("C7", "开展专项检查"))\(TestWorkbook.text("F7", "\(deadline)"))</row>\
        </sheetData><mergeCells count="3"><mergeCell ref="A1:F1"/><mergeCell ref="A3:A5"/><mergeCell ref="B3:B5"/></mergeCells>
        """
        let styles = """
        <numFmts count="1"><numFmt numFmtId="180" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>\
        <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="180" applyNumberFormat="1"/></cellXfs>
        """
        return try TestWorkbook.make(sheetName: "台账", sheetXML: sheet, sharedStrings: strings, stylesXML: styles)
    }

    @Test func readerHandlesTitleRowSynonymsMergesAndSharedStrings() throws {
        let rows = try LedgerWorkbookReader.read(data: Self.foreignLedger())
        #expect(rows.count == 4)
        #expect(rows.map(\.problem.title) == ["智慧城管建设质效不高", "智慧城管建设质效不高", "智慧城管建设质效不高", "发展党员程序不规范"])
        #expect(rows.map(\.problem.category) == ["履职尽责方面", "履职尽责方面", "履职尽责方面", "组织建设方面"])
        #expect(rows.map(\.measure.text) == ["推进停车平台联网", "加强信息采集考核", "建立长效机制", "开展专项检查"])
        #expect(rows.map(\.measure.leader) == ["李某", "李某", "", ""])
        #expect(rows.map(\.measure.leadUnit) == ["数字化城管中心", "数字化城管中心", "", ""])
        #expect(rows.map(\.measure.deadline) == [Day(year: 2024, month: 3, day: 31), Day(year: 2024, month: 4, day: 30),
                                                   Day(year: 2024, month: 5, day: 6), Day(year: 2024, month: 3, day: 31)])
        #expect(rows.allSatisfy { $0.problem.sequence.isEmpty && $0.measure.evidence.isEmpty })
    }

    @Test func readerAcceptsDeadlineForms() throws {
        let cases: [(String, Day?, String)] = [
            ("2024-03-31", Day(year: 2024, month: 3, day: 31), ""),
            ("2024-3-1", Day(year: 2024, month: 3, day: 1), ""),
            ("2024/3/31", Day(year: 2024, month: 3, day: 31), ""),
            ("2024.3.31", Day(year: 2024, month: 3, day: 31), ""),
            ("2024年3月31日", Day(year: 2024, month: 3, day: 31), ""),
            ("２０２４年３月３１日", Day(year: 2024, month: 3, day: 31), ""),
            ("2024年6月底前", Day(year: 2024, month: 6, day: 30), "2024年6月底前"),
            ("2024年底", Day(year: 2024, month: 12, day: 31), "2024年底"),
            ("长期坚持", nil, "长期坚持"),
            ("立行立改并长期坚持", nil, "立行立改并长期坚持"),
        ]
        for (text, day, note) in cases {
            let rows = try LedgerWorkbookReader.read(data: Self.foreignLedger(deadline: text))
            #expect(rows.last?.measure.deadline == day, "\(text)")
            #expect(rows.last?.measure.deadlineNote == note, "\(text)")
        }
    }

    @Test func invalidDateNamesSheetRowAndColumn() throws {
        #expect(throws: LedgerWorkbookError.invalidDate(sheet: "台账", row: 7, column: "F", header: "完成时限", text: "明年")) {
            try LedgerWorkbookReader.read(data: Self.foreignLedger(deadline: "明年"))
        }
        let error = LedgerWorkbookError.invalidDate(sheet: "整改台账", row: 12, column: "E", header: "整改时限", text: "明年")
        #expect(error.localizedDescription == "工作表“整改台账”第12行E列：整改时限“明年”不是日期")
    }

    @Test func missingHeaderAndBrokenFiles() throws {
        let sheet = "<sheetData><row r=\"1\">\(TestWorkbook.text("A1", "姓名"))\(TestWorkbook.text("B1", "电话"))</row></sheetData>"
        let data = try TestWorkbook.make(sheetName: "通讯录", sheetXML: sheet)
        #expect(throws: LedgerWorkbookError.headerNotFound(sheet: "通讯录")) {
            try LedgerWorkbookReader.read(data: data)
        }
        #expect(LedgerWorkbookError.headerNotFound(sheet: "通讯录").localizedDescription.contains("工作表“通讯录”"))
        #expect(throws: LedgerWorkbookError.self) {
            try LedgerWorkbookReader.read(data: Data("不是压缩包".utf8))
        }
    }

    @Test func dateFormatDetection() {
        #expect(SpreadsheetDate.isDateFormat(id: 14, code: nil))
        #expect(SpreadsheetDate.isDateFormat(id: 176, code: "yyyy\"年\"m\"月\"d\"日\""))
        #expect(SpreadsheetDate.isDateFormat(id: 177, code: "yyyy-mm-dd"))
        #expect(!SpreadsheetDate.isDateFormat(id: 178, code: "0.00%"))
        #expect(!SpreadsheetDate.isDateFormat(id: 179, code: "\"第\"0\"期\""))
        #expect(!SpreadsheetDate.isDateFormat(id: 181, code: "[h]:mm:ss"))
        #expect(SpreadsheetDate.serial(of: Day(year: 1900, month: 3, day: 1)!) == 61)
        #expect(SpreadsheetDate.day(fromSerial: 45382.75) == Day(year: 2024, month: 3, day: 31))
        #expect(SpreadsheetCellReference.letters(forColumn: 27) == "AB")
        #expect(SpreadsheetCellReference.parse("$AB$12")?.column == 27)
    }

    @Test func problemWithoutMeasuresAndTextSequence() throws {
        let problems: [(LedgerProblem, [LedgerMeasure])] = [
            (LedgerProblem(sequence: "01", source: "举一反三、自查自纠", category: "作风建设", title: "会议多、文件多"), []),
            (LedgerProblem(sequence: "（二）", source: "巡察反馈问题", category: "作风建设", title: "调研不深入"),
             [LedgerMeasure(text: " 前后留空 ", leader: "王某", leadUnit: "办公室", deadline: nil)]),
        ]
        let (url, data) = try Self.write(problems)
        defer { try? FileManager.default.removeItem(at: url) }
        let cells = try Self.sheet(data).all("c")
        #expect(cells.first { $0["r"] == "A2" }?["t"] == "inlineStr")
        let rows = try LedgerWorkbookReader.read(data: data)
        #expect(rows.map(\.problem.sequence) == ["01", "（二）"])
        #expect(rows[0].measure == LedgerMeasure(text: "", leader: "", leadUnit: "", deadline: nil))
        #expect(rows[1].measure.text == " 前后留空 ")
    }
}
