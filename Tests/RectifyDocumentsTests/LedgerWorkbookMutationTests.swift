import Foundation
import RectifyCore
import Testing
@testable import RectifyDocuments

/// Seeded mutation testing of the ledger (.xlsx) reader: workbooks built with damaged cell
/// references, merged ranges, shared-string indices, styles, numbers and XML, and archives with
/// damaged bytes, must each be read into rows or refused with a `LedgerWorkbookError`, never
/// crash, hang or throw anything else. The on-demand libFuzzer harness is in `Fuzz/`.
@Suite struct LedgerWorkbookMutationTests {
    static let references = ["A1", "B2", "C3", "F7", "XFD1048576", "XFE1", "A1048577", "A0", "1A", "", "$A$1", "a3",
                             "ZZZZZZZZZZZZZZZZZZZZ1", "A99999999999999999999999", "Ａ1", "A-1", "A 1", "AAAA100"]
    static let values = ["1", "0", "-1", "45382", "1e308", "-1e308", "NaN", "inf", "99999999999999999999", "2958466",
                         "0.5", "", "abc", "2024-03-31", "\u{0}"]
    static let texts = ["问题", "具体问题", "整改措施", "责任单位", "牵头单位", "整改时限", "完成\n时限", "责任领导", "分管领导",
                        "类别", "2024年4月30日", "2024/13/45", "长期坚持", "&amp;", "<![CDATA[x]]>"]
    static let styles = ["0", "1", "-1", "999999", "99999999999999999999", "x"]
    static let types = ["s", "inlineStr", "str", "n", "b", "d", "e", "zz"]

    static func cell(_ rng: inout SeededGenerator) -> String {
        let reference = rng.pick(references)
        switch rng.below(4) {
        case 0: return TestWorkbook.text(reference, rng.pick(texts))
        case 1: return "<c r=\"\(reference)\" t=\"s\"><v>\(rng.pick(["0", "3", "-1", "7", "8", "99999999999999999999"]))</v></c>"
        case 2: return "<c r=\"\(reference)\" s=\"\(rng.pick(styles))\" t=\"\(rng.pick(types))\"><v>\(rng.pick(values))</v></c>"
        default: return "<c r=\"\(reference)\"><v>\(rng.pick(values))</v></c>"
        }
    }

    static func mergeReference(_ rng: inout SeededGenerator) -> String {
        rng.pick(["A1:F1", "A3:A5", "A1:XFD1048576", "B2:A1", "A1:A1048576", "C3:XFD3", "A1", ":", "A1:ZZZZZZZZZZZZ1", "F7:F9999"])
    }

    /// A workbook from the well-formed foreign ledger with some of its sheet mutated.
    static func workbook(_ rng: inout SeededGenerator) throws -> Data {
        var rows: [String] = []
        rows.append("<row r=\"2\">\(TestWorkbook.text("A2", "类别"))\(TestWorkbook.text("B2", "问题"))\(TestWorkbook.text("C2", "整改措施"))"
                    + "\(TestWorkbook.text("D2", "责任领导"))\(TestWorkbook.text("E2", "责任单位"))\(TestWorkbook.text("F2", "整改时限"))</row>")
        for row in 3..<(3 + rng.below(6)) {
            var cells = ""
            for _ in 0..<rng.below(8) { cells += cell(&rng) }
            rows.append("<row r=\"\(rng.below(5) == 0 ? rng.pick(["0", "-3", "99999999999999999999", "9223372036854775807", "x"]) : String(row))\">\(cells)</row>")
        }
        var merges = ""
        if rng.below(2) == 0 {
            merges = "<mergeCells>" + (0..<(1 + rng.below(3))).map { _ in "<mergeCell ref=\"\(mergeReference(&rng))\"/>" }.joined() + "</mergeCells>"
        }
        var sheet = "<sheetData>" + rows.joined() + "</sheetData>" + merges
        if rng.below(10) == 0 { sheet = String(sheet.prefix(rng.below(sheet.count + 1))) }
        let strings = rng.below(3) == 0 ? nil : ["<si><t>问题</t></si>", "<si><t>整改措施</t></si>", "<si><r><t>富</t></r><r><t>文本</t></r></si>"]
        let stylesXML = rng.below(3) == 0 ? nil : """
            <numFmts count="1"><numFmt numFmtId="\(rng.pick(styles))" formatCode="\(rng.pick(["yyyy-mm-dd", "0.00", "", "[$-F800]dddd"]))"/></numFmts>\
            <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="\(rng.pick(["14", "180", "-1", "x"]))" applyNumberFormat="1"/></cellXfs>
            """
        return try TestWorkbook.make(sheetName: rng.pick(["台账", "整改台账", "", "<>"]), sheetXML: sheet, sharedStrings: strings, stylesXML: stylesXML)
    }

    static func damage(_ data: inout Data, _ rng: inout SeededGenerator) {
        for _ in 0..<(1 + rng.below(8)) where !data.isEmpty {
            switch rng.below(3) {
            case 0: data[rng.below(data.count)] = UInt8(truncatingIfNeeded: rng.next())
            case 1: data = data.prefix(rng.below(data.count + 1))
            default: data.insert(UInt8(truncatingIfNeeded: rng.next()), at: rng.below(data.count + 1))
            }
        }
    }

    /// 2,000 inputs in four seeded batches that run in parallel.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func mutatedWorkbooksAreReadOrRefused(batch: UInt64) throws {
        var rng = SeededGenerator(seed: batch &* 0xD1B5_4A32_D192_ED03)
        var read = 0, refused = 0
        for index in 0..<500 {
            var data = try Self.workbook(&rng)
            if rng.below(4) == 0 { Self.damage(&data, &rng) }
            do {
                _ = try LedgerWorkbookReader.read(data: data)
                read += 1
            } catch is LedgerWorkbookError {
                refused += 1
            } catch is UploadLimitExceeded {
                refused += 1
            } catch {
                Issue.record("batch \(batch) input \(index): threw \(type(of: error)), not LedgerWorkbookError: \(error)")
            }
        }
        // The mutations keep many workbooks readable and still reach the refusals.
        #expect(read > 50)
        #expect(refused > 50)
    }

    /// Column letters or row digits beyond Excel's grid used to overflow `Int` while parsing the
    /// reference (found by the mutation test); they are now no reference at all.
    @Test func referencesBeyondTheGridAreNoReferences() {
        #expect(SpreadsheetCellReference.parse("ZZZZZZZZZZZZZZZZZZZZ1") == nil)
        #expect(SpreadsheetCellReference.parse("A99999999999999999999999") == nil)
        #expect(SpreadsheetCellReference.parse("XFE1") == nil)
        #expect(SpreadsheetCellReference.parse("A1048577") == nil)
        #expect(SpreadsheetCellReference.parse("XFD1048576")! == (16_383, 1_048_576))
    }

    /// Found by the mutation test: a merged range written `:` indexed an empty split, and a row
    /// numbered `Int.max` followed by one without a number overflowed the row counter.
    @Test func emptyMergeReferenceAndLargestRowNumber() throws {
        let sheet = """
            <sheetData><row r="1">\(TestWorkbook.text("A1", "问题"))\(TestWorkbook.text("B1", "整改措施"))</row>\
            <row r="9223372036854775807"><c><v>1</v></c></row><row><c><v>2</v></c></row></sheetData>\
            <mergeCells><mergeCell ref=":"/></mergeCells>
            """
        let data = try TestWorkbook.make(sheetName: "台账", sheetXML: sheet)
        #expect(throws: LedgerWorkbookError.self) { try LedgerWorkbookReader.read(data: data) }
    }

    /// A merged range over the whole grid fills only the rows and columns in use: before, it asked
    /// for 17 billion cells and the process ran out of memory.
    @Test func wholeSheetMergeFillsOnlyTheCellsInUse() throws {
        let sheet = """
            <sheetData><row r="1">\(TestWorkbook.text("A1", "问题"))\(TestWorkbook.text("B1", "整改措施"))\(TestWorkbook.text("C1", "责任单位"))\
            \(TestWorkbook.text("D1", "整改时限"))</row><row r="2">\(TestWorkbook.text("A2", "台账不全"))\(TestWorkbook.text("B2", "补齐台账"))</row>\
            <row r="1048576">\(TestWorkbook.text("XFD1048576", "末格"))</row></sheetData>\
            <mergeCells><mergeCell ref="A2:XFD1048576"/></mergeCells>
            """
        let data = try TestWorkbook.make(sheetName: "台账", sheetXML: sheet)
        // The merge copies the problem into the deadline column too, which is then no date.
        #expect(throws: LedgerWorkbookError.invalidDate(sheet: "台账", row: 2, column: "D", header: "整改时限", text: "台账不全")) {
            try LedgerWorkbookReader.read(data: data)
        }
        var grid: [Int: [Int: WorksheetCell]] = [2: [0: WorksheetCell(text: "台账不全", number: nil, isDate: false)], 5: [3: WorksheetCell(text: "x", number: nil, isDate: false)]]
        try LedgerWorkbookReader.fillMerges([(0, 2, 16_383, 1_048_576)], in: &grid)
        #expect(grid[2]?.count == 4)
        #expect(grid[5]?[1]?.text == "台账不全")
        #expect(grid[3] == nil)
    }

    /// Found by the libFuzzer harness (Fuzz/run.sh ledger): a processing instruction without data
    /// (`<?x?>`) in any part makes FoundationXML call strlen(NULL), and the server process dies.
    /// Read in a child process so a regression fails the test instead of the run; exits with
    /// success once the part is refused.
    static func readRefusingInstruction(in part: String) {
        let header = "<sheetData><row r=\"1\">\(TestWorkbook.text("A1", "问题"))\(TestWorkbook.text("B1", "整改措施"))</row></sheetData>"
        do {
            let data: Data
            switch part {
            case "sheet": data = try TestWorkbook.make(sheetName: "台账", sheetXML: "<?x?>" + header)
            case "sharedStrings": data = try TestWorkbook.make(sheetName: "台账", sheetXML: header, sharedStrings: ["<?x?>"])
            case "styles": data = try TestWorkbook.make(sheetName: "台账", sheetXML: header, stylesXML: "<?x?>")
            default: data = try TestWorkbook.make(sheetName: "台账", sheetXML: #"<!DOCTYPE a [<!ENTITY e "&#60;?x?>">]>"# + header)
            }
            _ = try LedgerWorkbookReader.read(data: data)
            fatalError("read a part the parser must not see")
        } catch LedgerWorkbookError.malformedPart(_, let reason) {
            precondition(reason.contains("处理指令") || reason.contains("DOCTYPE"), "wrong reason: \(reason)")
        } catch {
            fatalError("threw \(error)")
        }
    }

    @Test func anInstructionWithoutDataInTheSheetIsRefused() async {
        await #expect(processExitsWith: .success) { LedgerWorkbookMutationTests.readRefusingInstruction(in: "sheet") }
    }

    @Test func anInstructionWithoutDataInTheSharedStringsIsRefused() async {
        await #expect(processExitsWith: .success) { LedgerWorkbookMutationTests.readRefusingInstruction(in: "sharedStrings") }
    }

    @Test func anInstructionWithoutDataInTheStylesIsRefused() async {
        await #expect(processExitsWith: .success) { LedgerWorkbookMutationTests.readRefusingInstruction(in: "styles") }
    }

    @Test func aDocumentTypeDeclarationIsRefused() async {
        await #expect(processExitsWith: .success) { LedgerWorkbookMutationTests.readRefusingInstruction(in: "doctype") }
    }
}

/// Draws as this suite has always made them, so a failure still reproduces from its batch and index.
private extension SeededGenerator {
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
