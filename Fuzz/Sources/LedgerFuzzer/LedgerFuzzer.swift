import Foundation
import FuzzerDriver
import RectifyCore
import RectifyDocuments
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// The parts an input of the part form holds, in order, separated by NUL bytes (which XML cannot
/// contain). Fuzzing the XML through this form reaches the sheet, style and string handlers far
/// more often than mutating deflated bytes, which mostly breaks the archive.
let partPaths = [
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/sharedStrings.xml",
    "xl/worksheets/sheet1.xml",
]

/// libFuzzer entry point. A first byte 0 means the rest is the part form (packed here into a
/// stored .xlsx); any other first byte means the input is the .xlsx file itself. Reading must
/// return rows or throw `LedgerWorkbookError`; anything else traps, and so does a row that breaks
/// the reader's invariants. Hangs (-timeout), memory blow-ups (-rss_limit_mb) and memory errors are
/// caught by libFuzzer and AddressSanitizer.
@_cdecl("LLVMFuzzerTestOneInput")
public func ledgerFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0, let workbook = workbook(from: Data(bytes: start, count: count)) else { return 0 }
    do {
        verify(try LedgerWorkbookReader.read(data: workbook))
    } catch is LedgerWorkbookError {
        // Refused with a reason: fine.
    } catch is UploadLimitExceeded {
        // Refused by a limit: fine.
    } catch {
        fatalError("ledger reader threw \(type(of: error)) instead of LedgerWorkbookError: \(error)")
    }
    return 0
}

/// The .xlsx an input stands for: the part form packed, or the input itself.
func workbook(from input: Data) -> Data? {
    guard input.first == 0 else { return input }
    return try? pack(parts: input.dropFirst().split(separator: 0, omittingEmptySubsequences: false).map { Data($0) })
}

private func verify(_ rows: [LedgerRow]) {
    for row in rows {
        let fields = [row.problem.sequence, row.problem.source, row.problem.category, row.problem.title,
                      row.measure.text, row.measure.leader, row.measure.leadUnit, row.measure.supportingUnits,
                      row.measure.completion, row.measure.evidence]
        precondition(fields.contains { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } || row.measure.deadline != nil
                     || !row.measure.deadlineNote.isEmpty, "an empty row was returned")
        if let deadline = row.measure.deadline {
            precondition((1...9999).contains(deadline.year), "deadline \(deadline) out of range")
            precondition(Day(iso: deadline.iso) == deadline, "deadline \(deadline) does not survive its ISO form")
        }
    }
}

/// A stored (uncompressed) .xlsx with the given parts at `partPaths`; parts beyond those are dropped.
func pack(parts: [Data]) throws -> Data? {
    let archive = try Archive(accessMode: .create)
    for (path, part) in zip(partPaths, parts) {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(part.count), compressionMethod: .none) { position, size in
            part.subdata(in: Int(position)..<min(Int(position) + size, part.count))
        }
    }
    return archive.data
}

/// The parts of a workbook, in the order of `partPaths` (empty where one is missing).
func unpack(_ workbook: Data) throws -> [Data] {
    let archive = try Archive(data: workbook, accessMode: .read)
    return try partPaths.map { path in
        guard let entry = archive[path] else { return Data() }
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: true) { data.append($0) }
        return data
    }
}

/// `LedgerFuzzer --make-corpus <directory>` writes a starting corpus: a ledger written by
/// `LedgerWorkbookWriter` (as written, deflated, and in the part form), and a ledger as other
/// offices keep it (title row, synonym headers, shared and rich strings, a custom date format,
/// dates as serials and as text, merged cells) in the part form.
func makeCorpus(directory: String) throws {
    let folder = URL(fileURLWithPath: directory)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let written = folder.appendingPathComponent("written.xlsx")
    let writer = try LedgerWorkbookWriter(url: written)
    try writer.append(
        problem: LedgerProblem(sequence: "1", source: "巡察反馈", category: "党的建设方面", title: "基层党组织建设薄弱，“三会一课”制度落实不到位"),
        measures: [
            LedgerMeasure(text: "制定“三会一课”计划并逐月检查", leader: "张某", leadUnit: "机关党委", supportingUnits: "办公室、人事科",
                          deadline: Day(year: 2024, month: 6, day: 30), completion: "已完成", evidence: "会议记录"),
            LedgerMeasure(text: "开展专项督查", leader: "李某", leadUnit: "纪检组", deadline: Day(year: 2024, month: 12, day: 31),
                          deadlineNote: "2024年底前"),
            LedgerMeasure(text: "建立长效机制", leader: "张某", leadUnit: "机关党委", deadline: nil, deadlineNote: "长期坚持"),
        ])
    try writer.append(
        problem: LedgerProblem(sequence: "二", source: "举一反三自查自纠", category: "财务管理", title: " 专项资金管理不规范\n存在超范围列支 "),
        measures: [LedgerMeasure(text: "追回违规资金 & 整改 <台账>", leader: "王某", leadUnit: "财务科", deadline: Day(year: 2025, month: 2, day: 28))])
    try writer.finish()
    let workbook = try Data(contentsOf: written)
    try FileManager.default.removeItem(at: written)
    let parts = try unpack(workbook)
    try (Data([0]) + Data(parts.joined(separator: [0]))).write(to: folder.appendingPathComponent("written.parts"))
    try workbook.write(to: folder.appendingPathComponent("written.xlsx"))
    if let stored = try pack(parts: parts) { try stored.write(to: folder.appendingPathComponent("written-stored.xlsx")) }
    try (Data([0]) + Data(foreignParts().map { Data($0.utf8) }.joined(separator: [0]))).write(to: folder.appendingPathComponent("foreign.parts"))
}

/// A ledger in another office's shape, as the part form's texts.
func foreignParts() -> [String] {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    func text(_ reference: String, _ value: String) -> String { "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(value)</t></is></c>" }
    func shared(_ reference: String, _ index: Int) -> String { "<c r=\"\(reference)\" t=\"s\"><v>\(index)</v></c>" }
    let workbook = """
    <?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="\(main)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
    <x:sheets><x:sheet name="封面" sheetId="2" r:id="rId2"/><x:sheet name="整改台账" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>
    """
    let relationships = """
    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
    """
    let styles = """
    <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(main)">\
    <numFmts count="1"><numFmt numFmtId="180" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>\
    <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="180" applyNumberFormat="1"/><xf numFmtId="14"/></cellXfs></styleSheet>
    """
    let strings = """
    <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(main)"><si><t>某局巡察整改台账</t></si><si><t>问题</t></si>\
    <si><r><t>具体</t></r><r><rPr><b/></rPr><t>措施</t></r></si><si><t>牵头单位</t></si><si><t>完成\n时限</t></si><si><t>分管领导</t></si>\
    <si><r><rPr><b/></rPr><t>智慧城管</t></r><r><t>建设质效不高</t></r><rPh sb="0" eb="1"><t>ちえ</t></rPh></si><si><t>类别</t></si></sst>
    """
    let sheet = """
    <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\(main)"><sheetData>\
    <row r="1">\(shared("A1", 0))</row>\
    <row r="2">\(shared("A2", 7))\(shared("B2", 1))\(shared("C2", 2))\(shared("D2", 5))\(shared("E2", 3))\(shared("F2", 4))</row>\
    <row r="3">\(text("A3", "履职尽责方面"))\(shared("B3", 6))\(text("C3", "推进停车平台联网"))\(text("D3", "李某"))\
    \(text("E3", "数字化城管中心"))<c r="F3" s="1"><v>45382</v></c></row>\
    <row r="4">\(text("C4", "加强信息采集考核"))\(text("D4", "李某"))\(text("E4", "数字化城管中心"))\(text("F4", "2024年4月30日"))</row>\
    <row r="5">\(text("C5", "建立长效机制"))\(text("F5", "2024.5.6"))</row>\
    <row r="6"/>\
    <row>\(text("A7", "组织建设方面"))\(text("B7", "发展党员程序不规范"))<c t="str"><v>开展专项检查</v></c><c/><c/><c><v>20240331</v></c></row>\
    <row r="8"><c r="$A$8" t="b"><v>1</v></c><c r="B8" t="s"><v>6</v></c><c r="C8" t="d"><v>2024-06-30</v></c><c r="F8" s="2"><v>45473.5</v></c></row>\
    </sheetData><mergeCells count="3"><mergeCell ref="A1:F1"/><mergeCell ref="A3:A5"/><mergeCell ref="B3:B5"/></mergeCells></worksheet>
    """
    return [workbook, relationships, styles, strings, sheet]
}

/// `LedgerFuzzer --read <input>` prints what the reader makes of one input (rows or the refusal),
/// for triage; a crashing input crashes here too.
func show(path: String) {
    guard let input = FileManager.default.contents(atPath: path), let workbook = workbook(from: input) else {
        print("cannot read \(path)")
        return
    }
    do {
        let rows = try LedgerWorkbookReader.read(data: workbook)
        print("\(rows.count) rows")
        for row in rows { print(row) }
    } catch {
        print("refused: \(error)")
    }
}

/// SwiftPM links an executable's `main` to this type's entry point (`LedgerFuzzer_main`), which
/// hands over to libFuzzer's driver: the usual libFuzzer flags and corpus directories apply.
@main
enum LedgerFuzzerMain {
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count == 3, arguments[1] == "--make-corpus" {
            do {
                try makeCorpus(directory: arguments[2])
                exit(0)
            } catch {
                FileHandle.standardError.write(Data("cannot make the corpus: \(error)\n".utf8))
                exit(1)
            }
        }
        if arguments.count == 3, arguments[1] == "--read" {
            show(path: arguments[2])
            exit(0)
        }
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, ledgerFuzzerTestOneInput))
    }
}
