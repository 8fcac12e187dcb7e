import Foundation
import FuzzerDriver
import RectifyCore
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// File names an input can come with: a first byte 0…3 picks one and is dropped (0: none, so the
/// format is sniffed; 1: .txt; 2: .docx; 3: .html); 4 is the .docx part form (see `docxPartPaths`);
/// any other first byte means no name.
let fileNames: [String?] = [nil, "report.txt", "report.docx", "report.html"]

/// The parts of a .docx given in the part form, in order, separated by NUL bytes (which XML cannot
/// contain); the harness packs them into a stored .docx. Mutating the XML this way keeps the archive
/// whole, where an inserted byte in a .docx input moves every offset after it and is refused.
let docxPartPaths = ["word/document.xml", "word/numbering.xml"]
let docxPartForm: UInt8 = 4

/// libFuzzer entry point. Reading must return a report or throw `ReportReadError`; anything else
/// traps, and so does a report that breaks the reader's invariants. Crashes, hangs (-timeout),
/// memory blow-ups (-rss_limit_mb) and memory errors are caught by libFuzzer and AddressSanitizer.
@_cdecl("LLVMFuzzerTestOneInput")
public func readerFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    var data = Data(bytes: start, count: count)
    var name: String?
    if data[data.startIndex] == docxPartForm {
        let parts = data.dropFirst().split(separator: 0, omittingEmptySubsequences: false).map { Data($0) }
        guard let docx = try? packDocx(parts: parts) else { return 0 }
        data = docx
        name = "report.docx"
    } else if Int(data[data.startIndex]) < fileNames.count {
        name = fileNames[Int(data[data.startIndex])]
        data = Data(data.dropFirst())
    }
    do {
        let report = try ReportReader().read(data: data, fileName: name)
        verify(report)
    } catch is ReportReadError {
        // Refused with a reason: fine.
    } catch is UploadLimitExceeded {
        // Refused by a limit: fine.
    } catch {
        fatalError("reader threw \(type(of: error)) instead of ReportReadError: \(error)")
    }
    return 0
}

/// A stored .docx with the given parts at `docxPartPaths`; parts beyond those are dropped.
func packDocx(parts: [Data]) throws -> Data? {
    let archive = try Archive(accessMode: .create)
    for (path, part) in zip(docxPartPaths, parts) {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(part.count), compressionMethod: .none) { position, size in
            part.subdata(in: Int(position)..<min(Int(position) + size, part.count))
        }
    }
    return archive.data
}

private func verify(_ report: ReadReport) {
    precondition(report.lineCount >= 1, "report with \(report.lineCount) lines")
    for problem in report.problems {
        precondition(!problem.title.isEmpty, "problem with an empty title at \(problem.location)")
        precondition(problem.number >= 0, "problem numbered \(problem.number)")
        precondition(problem.location.line >= 1, "problem at \(problem.location)")
        for measure in problem.measures {
            precondition(measure.location.line >= problem.location.line, "measure at \(measure.location) above its problem")
        }
    }
    for finding in ReportChecker().check(report) {
        if let location = finding.quote?.location {
            precondition(location.line >= 1 && location.column >= 1, "finding at \(location)")
        }
        precondition(!finding.message.isEmpty, "finding \(finding.rule) without a message")
    }
}

/// `ReaderFuzzer --make-corpus <seed.txt> <directory>` writes a starting corpus from the seed
/// report: the whole seed, small excerpts as .txt, one in GB18030, one as .html, and one as .docx
/// with list numbering, also in the part form.
func makeCorpus(seedPath: String, directory: String) throws {
    let seed = try String(contentsOfFile: seedPath, encoding: .utf8)
    let lines = seed.components(separatedBy: "\n")
    let folder = URL(fileURLWithPath: directory)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    func write(_ name: String, _ selector: UInt8?, _ data: Data) throws {
        try ((selector.map { Data([$0]) } ?? Data()) + data).write(to: folder.appendingPathComponent(name))
    }
    try write("seed.txt", nil, Data(seed.utf8))
    // The opening paragraph and summary with one problem each, long lines cut short.
    var excerpts: [[String]] = []
    for start in stride(from: 11, to: lines.count - 1, by: 6) {
        excerpts.append([lines[0], lines[7], lines[9], lines[start], String(lines[start + 1].prefix(300))] + lines.suffix(4))
    }
    for (index, excerpt) in excerpts.enumerated() {
        try write("excerpt-\(index).txt", 1, Data(excerpt.joined(separator: "\n").utf8))
    }
    let sample = excerpts[0]
    if let gb = gb18030(sample.joined(separator: "\n")) { try write("excerpt-gb18030.txt", 1, gb) }
    let escaped = sample.map { $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
    let html = "<!DOCTYPE html><html><head><title>t</title><script>var a = '<p>';</script></head><body><nav>首页</nav>"
        + escaped.map { "<p>\($0)</p>" }.joined(separator: "\n") + "<footer>版权所有</footer></body></html>"
    try write("excerpt.html", 3, Data(html.utf8))
    let archive = try Archive(accessMode: .create)
    let document = #"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
        + escaped.map { "<w:p><w:r><w:t>\($0)</w:t></w:r></w:p>" }.joined() + "</w:body></w:document>"
    let numbering = #"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    for (path, text) in [("word/document.xml", document), ("word/numbering.xml", numbering)] {
        let part = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(part.count), compressionMethod: .none) { position, size in
            part.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    if let docx = archive.data { try write("excerpt.docx", 2, docx) }
    try write("excerpt.docx-parts", docxPartForm, Data(document.utf8) + Data([0]) + Data(numbering.utf8))
}

func gb18030(_ text: String) -> Data? {
    let descriptor = iconv_open("GB18030", "UTF-8")
    guard descriptor != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(descriptor) }
    var input = Array(text.utf8CString)
    var output = [CChar](repeating: 0, count: input.count * 4 + 16)
    let capacity = output.count
    var outLeft = capacity
    let status = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
            var inLeft = inBuffer.count - 1
            var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
            return iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
        }
    }
    guard status != -1 else { return nil }
    return Data(output.prefix(capacity - outLeft).map { UInt8(bitPattern: $0) })
}

/// SwiftPM links an executable's `main` to this type's entry point (`ReaderFuzzer_main`), which
/// hands over to libFuzzer's driver: the usual libFuzzer flags and corpus directories apply.
@main
enum ReaderFuzzerMain {
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count == 4, arguments[1] == "--make-corpus" {
            do {
                try makeCorpus(seedPath: arguments[2], directory: arguments[3])
                exit(0)
            } catch {
                FileHandle.standardError.write(Data("cannot make the corpus: \(error)\n".utf8))
                exit(1)
            }
        }
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, readerFuzzerTestOneInput))
    }
}
