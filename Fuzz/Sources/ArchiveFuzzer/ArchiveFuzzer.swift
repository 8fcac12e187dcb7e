import Foundation
import FuzzerDriver
import RectifyCore
import RectifyDocuments
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// Small limits, so that a bomb of a few kilobytes (libFuzzer's -max_len) reaches them. With these,
/// no single allocation needs more than a few megabytes: run.sh passes -malloc_limit_mb=64, so an
/// allocation that trusts a declared size or copies text out of proportion is a finding.
let limits = UploadLimits(maxUncompressedBytes: 4 * 1_048_576, maxEntries: 200, maxCompressionRatio: 100,
                          ratioFloorBytes: 64 * 1024, maxXMLDepth: 256, maxXMLTextBytes: 256 * 1024,
                          maxTextReportBytes: 1_048_576, maxWorksheetCells: 100_000)

/// libFuzzer entry point. The input is an archive; an even first byte reads it as a .docx report,
/// an odd one as a ledger workbook (the byte is kept: a ZIP's first byte is `P`, read as a report,
/// and inputs made by mutation try both). Reading must return or throw the reader's own error or
/// `UploadLimitExceeded`; anything else traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func archiveFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let data = Data(bytes: start, count: count)
    do {
        if data[data.startIndex] & 1 == 0 {
            _ = try ReportReader(limits: limits).read(data: data, fileName: "report.docx")
        } else {
            _ = try LedgerWorkbookReader.read(data: data, limits: limits)
        }
    } catch is ReportReadError {
    } catch is LedgerWorkbookError {
    } catch is UploadLimitExceeded {
    } catch {
        fatalError("threw \(type(of: error)) instead of a reader's refusal: \(error)")
    }
    return 0
}

/// `ArchiveFuzzer --make-corpus <directory>` writes the bombs the limits must refuse, small enough
/// for -max_len: a deflate bomb (64 KB inflating to 64 MB) as a report and as a workbook, the same
/// with declared sizes that lie, many tiny entries, deep nesting, a long text run, a row past the
/// last column, more cells than allowed, and a shared string used by every cell.
func makeCorpus(directory: String) throws {
    let folder = URL(fileURLWithPath: directory)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let workbookParts: [(String, Data)] = [
        ("xl/workbook.xml", Data(#"<workbook xmlns:r="r"><sheets><sheet name="整改台账" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)),
        ("xl/_rels/workbook.xml.rels", Data(#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)),
    ]
    let spaces = Data(repeating: 0x20, count: 8 * 1_048_576)
    let bomb = try zip([("word/document.xml", spaces, .deflate)])
    var liar = bomb
    patchDeclaredSizes(&liar, to: 100)
    let deep = Data((String(repeating: "<w:p>", count: 2_000) + String(repeating: "</w:p>", count: 2_000)).utf8)
    let text = Data(("<w:document><w:body><w:p><w:r><w:t>" + String(repeating: "整", count: 100_000) + "</w:t></w:r></w:p></w:body></w:document>").utf8)
    let row = Data(("<worksheet><sheetData><row r=\"1\">" + String(repeating: "<c><v>1</v></c>", count: 17_000) + "</row></sheetData></worksheet>").utf8)
    let cells = Data(("<worksheet><sheetData>" + (1...2_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\" t=\"s\"><v>0</v></c></row>" }.joined()
                      + "</sheetData></worksheet>").utf8)
    let shared = Data(("<sst><si><t>" + String(repeating: "x", count: 8_192) + "</t></si></sst>").utf8)
    let inputs: [(String, Data)] = [
        ("docx-deflate-bomb", bomb),
        ("docx-lying-sizes", liar),
        ("docx-many-entries", try zip([("word/document.xml", Data("<w:document/>".utf8), .none)]
                                      + (0..<250).map { ("word/p\($0).xml", Data(), .none) })),
        ("docx-deep", try zip([("word/document.xml", deep, .deflate)])),
        ("docx-long-text", try zip([("word/document.xml", text, .deflate)])),
        ("xlsx-deflate-bomb", try zip(workbookParts.map { ($0.0, $0.1, .deflate) } + [("xl/worksheets/sheet1.xml", spaces, .deflate)])),
        ("xlsx-past-last-column", try zip(workbookParts.map { ($0.0, $0.1, .deflate) } + [("xl/worksheets/sheet1.xml", row, .deflate)])),
        ("xlsx-shared-strings", try zip(workbookParts.map { ($0.0, $0.1, .deflate) }
                                        + [("xl/worksheets/sheet1.xml", cells, .deflate), ("xl/sharedStrings.xml", shared, .deflate)])),
    ]
    for (name, data) in inputs {
        // A ZIP starts with `P` (even: a report); the workbooks get a first byte flipped to odd by
        // mutation, and are also written as they would be read as workbooks here, by the byte 1.
        try data.write(to: folder.appendingPathComponent(name))
        if name.hasPrefix("xlsx") { try (Data([1]) + data).write(to: folder.appendingPathComponent(name + "-as-workbook")) }
    }
}

func zip(_ parts: [(String, Data, CompressionMethod)]) throws -> Data {
    let archive = try Archive(accessMode: .create)
    for (path, part, method) in parts {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(part.count), compressionMethod: method) { position, size in
            part.subdata(in: Int(position)..<min(Int(position) + size, part.count))
        }
    }
    guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
    return data
}

func patchDeclaredSizes(_ data: inout Data, to value: UInt32) {
    let bytes = [UInt8](data)
    func u32(_ at: Int) -> UInt32 { UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24 }
    func write(_ at: Int) { for offset in 0..<4 { data[at + offset] = UInt8((value >> (8 * UInt32(offset))) & 0xFF) } }
    var index = 0
    while index + 4 <= bytes.count {
        switch u32(index) {
        case 0x0403_4B50: write(index + 22); index += 30
        case 0x0201_4B50: write(index + 24); index += 46
        default: index += 1
        }
    }
}

@main
enum ArchiveFuzzerMain {
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
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, archiveFuzzerTestOneInput))
    }
}
