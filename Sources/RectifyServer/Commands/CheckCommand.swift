import Foundation
import RectifyCore
import RectifyDocuments
import Vapor

/// `rectify check FILE… | DIR… [--format table|json|csv|xlsx] [--out FILE] [--detail] [--fail-on error|warning]`.
///
/// One file: its structure, findings and what could not be checked (table or JSON). Several files or
/// a folder: one summary row per report (table, JSON, CSV or an .xlsx workbook), each report's full
/// result added with `--detail`. An unreadable file is reported and the rest go on; the exit code is 1
/// when any file could not be read, 3 when `--fail-on` finds a finding that severe, else 0.
struct CheckCommand: AnyAsyncCommand {
    var help: String { "Reads published rectification reports and checks their claims (one file, several, or a folder)." }

    static let extensions: Set<String> = ["txt", "docx", "html", "htm"]

    struct Options {
        var paths: [String] = []
        var format = "table"
        var out: String?
        var detail = false
        var failOn: ReportSeverity?
    }

    static func options(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = CommandArguments(arguments)
        while let argument = rest.next() {
            switch argument {
            case "--format":
                options.format = try rest.value(of: "--format")
                guard ["table", "json", "csv", "xlsx"].contains(options.format) else {
                    throw CLIError("--format must be table, json, csv or xlsx, got \(options.format)")
                }
            case "--out": options.out = try rest.value(of: "--out")
            case "--detail": options.detail = true
            case "--fail-on":
                let text = try rest.value(of: "--fail-on")
                guard let severity = ReportSeverity(rawValue: text), severity != .info else {
                    throw CLIError("--fail-on must be error or warning, got \(text)")
                }
                options.failOn = severity
            default:
                guard !argument.hasPrefix("--") else { throw CLIError("unknown option \(argument) (see rectify check --help)") }
                options.paths.append(argument)
            }
        }
        guard !options.paths.isEmpty else { throw CLIError("name a report file or a folder of reports (.txt, .docx, .html)") }
        if options.format == "xlsx", options.out == nil { throw CLIError("--format xlsx writes a workbook: name it with --out FILE.xlsx") }
        return options
    }

    /// The report files named: files as given, and a folder's .txt, .docx and .html files in name order.
    static func files(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError("\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                files += names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                    .map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        guard !files.isEmpty else { throw CLIError("\(paths.joined(separator: ", ")): no .txt, .docx or .html report found") }
        return files
    }

    func run(using context: inout CommandContext) async throws {
        if CommandArguments.asksForHelp(context.input) {
            try outputHelp(using: &context)
            return
        }
        let options = try Self.options(context.input.arguments)
        context.input.arguments = []
        let files = try Self.files(options.paths)
        let console = context.console
        let limits = context.application.rectifyConfig.uploadLimits
        let single = files.count == 1 && options.format != "csv" && options.format != "xlsx" && !options.detail
            && !FileManager.default.isDirectory(options.paths[0])
        if single {
            let (report, check) = try CLIFile.readReport(try CLIFile.read(files[0], limits: limits), path: files[0], limits: limits)
            try CLIFile.print(report, check, format: options.format, console: console)
            if let threshold = options.failOn, check.findings.contains(where: { $0.severity >= threshold }) { throw CommandExit(code: 3) }
            return
        }

        // Progress on standard error, for a folder of reports; one report is over before it would show.
        let progress = (files.count > 3 ? ProgressOutput.command(quiet: false, console: console) : .none)
            .start("check", unit: .items("reports"), total: Int64(files.count))
        var entries: [Entry] = []
        try await progress.track { progress in
            for file in files {
                let name = (file as NSString).lastPathComponent
                do {
                    let (report, check) = try CLIFile.readReport(try CLIFile.read(file, limits: limits), path: file, limits: limits)
                    entries.append(Entry(summary: ReportSummary(file: name, report: report, check: check),
                                         analysis: options.detail ? ReportAnalysis(report: report, findings: check.findings,
                                                                                   unchecked: check.unchecked) : nil))
                } catch let error as CLIError {
                    let reason = error.description.hasPrefix(file + ": ") ? String(error.description.dropFirst(file.count + 2)) : error.description
                    entries.append(Entry(summary: ReportSummary(file: name, readError: reason), analysis: nil))
                }
                try progress.advance()
            }
        }

        try output(entries, options, console: console)
        let rows = entries.map(\.summary)
        if rows.contains(where: { $0.readError != nil }) { throw CommandExit(code: 1) }
        if let threshold = options.failOn, rows.contains(where: { $0.errors > 0 || threshold == .warning && $0.warnings > 0 }) {
            throw CommandExit(code: 3)
        }
    }

    /// One report's row, and with `--detail` its whole result.
    struct Entry: Encodable {
        var summary: ReportSummary
        var analysis: ReportAnalysis?
    }

    private func output(_ entries: [Entry], _ options: Options, console: any Console) throws {
        let rows = entries.map(\.summary)
        switch options.format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try emit(String(decoding: try encoder.encode(entries), as: UTF8.self), options, console: console)
        case "csv":
            try emit(ReportSummary.csv(rows), options, console: console)
        case "xlsx":
            var sheets = [TableWorkbookWriter.Sheet(
                name: "报告汇总", header: ReportSummary.header,
                rows: rows.map { row in row.cells.map { Int($0) != nil ? .number($0) : .text($0) } },
                widths: [28, 18, 22, 16, 22, 12, 12] + Array(repeating: 10, count: 16))]
            if options.detail {
                sheets.append(TableWorkbookWriter.Sheet(
                    name: "发现与未能核对", header: ["文件", "类别", "规则", "程度", "位置", "说明", "原文"],
                    rows: entries.flatMap { entry -> [[TableWorkbookWriter.Cell]] in
                        guard let check = entry.analysis else { return [] }
                        let name = entry.summary.file
                        return check.findings.map { f in
                            [.text(name), .text("发现"), .text(f.rule.rawValue), .text(f.severity.label),
                             .text(f.quote.map { "第\($0.location.line)行" } ?? "全文"), .text(f.message), .text(f.quote?.text ?? "")]
                        } + check.unchecked.map { u in
                            [.text(name), .text("未能核对"), .text(u.rule.rawValue), .text(""),
                             .text(u.quote.map { "第\($0.location.line)行" } ?? "全文"), .text(u.message), .text(u.quote?.text ?? "")]
                        }
                    },
                    widths: [28, 10, 28, 8, 10, 60, 60]))
            }
            let out = options.out ?? "check.xlsx"
            try PartialFile.write(try TableWorkbookWriter.write(sheets), to: out)
            console.message("written: \(out) (\(rows.count) reports)")
        default:
            var text = ReportSummary.table(rows)
            for entry in entries {
                guard let analysis = entry.analysis else { continue }
                text += "\n==== \(entry.summary.file) ====\n"
                    + ReportRenderer.table(analysis.report, findings: analysis.findings, unchecked: analysis.unchecked)
            }
            try emit(text, options, console: console)
        }
    }

    /// Standard output, or the file named with `--out`.
    private func emit(_ text: String, _ options: Options, console: any Console) throws {
        if let out = options.out {
            try PartialFile.write(Data(text.utf8), to: out)
            console.message("written: \(out)")
        } else {
            console.output(text, style: .plain, newLine: false)
        }
    }

    func outputHelp(using context: inout CommandContext) throws {
        context.console.print("""
            Usage: rectify check FILE… | DIR… [--format table|json|csv|xlsx] [--out FILE] [--detail] [--fail-on error|warning]

            Reads published rectification reports (.txt in UTF-8 or GB18030, .docx, .html) and checks their claims.
            One file: its structure, findings and what could not be checked (未能核对).
            Several files or a folder: one summary row per report; --detail adds each report's findings.
            --format xlsx writes a workbook to --out. Exit code: 1 when a file could not be read, 3 when
            --fail-on finds a finding that severe.
            """)
    }
}

extension FileManager {
    func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
