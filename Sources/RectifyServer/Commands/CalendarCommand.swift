import Foundation
import RectifyCore
import Vapor

/// `rectify calendar import FILE [--dry-run] [--replace] [--format json]`, `rectify calendar list [--format json]`.
struct CalendarCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["import": CalendarImportCommand(), "list": CalendarListCommand()]
    var help: String { "Imports the State Council's holiday notices and lists the years the working-day calendar covers." }
}

struct CalendarImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The notice as published: text (UTF-8 or GB18030) or its table as TSV/CSV") var file: String
        @Flag(name: "dry-run", help: "Read and compare only; write nothing") var dryRun: Bool
        @Flag(name: "replace", help: "Replace a year that already has data") var replace: Bool
        @Option(name: "format", help: "text (default) or json") var format: String?
    }

    var help: String {
        "Reads a holiday notice, shows the working days and deadlines it changes, and stores it (recomputing open deadlines, audited)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let format = signature.format ?? "text"
        guard ["text", "json"].contains(format) else { throw CLIError("--format must be text or json, got \(format)") }
        let data = try CLIFile.read(signature.file, limits: app.rectifyConfig.uploadLimits)
        let text: String
        do {
            text = try HolidayNoticeReader.text(from: data)
        } catch let error as HolidayNoticeError {
            throw CLIError("\(signature.file): \(error.description)")
        }
        try await app.openLedger()
        let outcome: CalendarImportOutcome
        do {
            outcome = try await CalendarImport.run(text, dryRun: signature.dryRun, replace: signature.replace, app: app,
                                                   actor: .cli(), actorID: nil)
        } catch let error as RectifyError {
            if case .conflict(let code, let message) = error, code == "year_covered" {
                // Show what the replacement would change before saying it was not made.
                let preview = try await CalendarImport.run(text, dryRun: true, replace: false, app: app, actor: .cli(), actorID: nil)
                try Self.print(preview, format: format, console: context.console)
                throw CLIError("\(signature.file): \(message)")
            }
            throw CLIError("\(signature.file): \(Self.message(error))")
        }
        try Self.print(outcome, format: format, console: context.console)
        if outcome.dryRun {
            context.console.message("dry run: nothing written")
        } else if outcome.unchanged {
            context.console.message("unchanged: the \(outcome.year) data in effect already says the same; nothing written")
        } else {
            context.console.message("imported: \(outcome.year), \(outcome.changedDays.count) days changed, "
                                    + "\(outcome.deadlines.count) deadlines recalculated")
        }
    }

    static func message(_ error: RectifyError) -> String {
        let fields = error.fields.map(\.message).joined(separator: "；")
        return fields.isEmpty ? error.reason : fields
    }

    static func print(_ outcome: CalendarImportOutcome, format: String, console: any Console) throws {
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            console.output(String(decoding: try encoder.encode(outcome), as: UTF8.self) + "\n", style: .plain, newLine: false)
        } else {
            console.output(text(outcome), style: .plain, newLine: false)
        }
    }

    /// The outcome for a person at the terminal.
    static func text(_ o: CalendarImportOutcome) -> String {
        var lines = ["\(o.year)年节假日安排（\(o.source)）", "放假："]
        for h in o.holidays { lines.append("  \(h.name)\t\(h.first.chinese)至\(h.last.chinese)（\(h.days)天）") }
        lines.append("调休上班：" + (o.adjustedWorkdays.isEmpty ? "无" : o.adjustedWorkdays.map { "\($0.chinese)（\($0.weekdayName)）" }.joined(separator: "、")))
        lines.append("现有数据：" + (o.replaces ?? "无（新增年份）"))
        if o.unchanged { lines.append("与现有数据的放假和调休上班日期相同。") }
        lines.append("工作日变化（\(o.changedDays.count)天）：")
        lines += o.changedDays.map { "  \($0.text)" }
        lines.append("受影响的整改措施（\(o.measuresAffected)项）：")
        for m in o.measures {
            lines.append("  \(m.label) \(m.text)（整改期限\(m.deadline.chinese)）")
            lines.append("    之前：\(m.before)")
            lines.append("    之后：\(m.after)")
            for s in m.steps { lines.append("    \(s.step)：\(s.before.chinese) → \(s.after.chinese)") }
        }
        if o.measuresAffected > o.measures.count { lines.append("  ……另有\(o.measuresAffected - o.measures.count)项未列出") }
        lines.append("重新计算的期限（\(o.deadlines.count)个）：")
        lines += o.deadlines.map { "  \($0.label)：\($0.before.chinese) → \($0.after.chinese)" }
        return lines.joined(separator: "\n") + "\n"
    }
}

struct CalendarListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "format", help: "text (default) or json") var format: String?
    }

    var help: String { "Lists the years the working-day calendar covers and where each year's data comes from." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let format = signature.format ?? "text"
        guard ["text", "json"].contains(format) else { throw CLIError("--format must be text or json, got \(format)") }
        try await app.openLedger()
        let coverage = CalendarCoverageDTO.make(app)
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            context.console.output(String(decoding: try encoder.encode(coverage), as: UTF8.self) + "\n", style: .plain, newLine: false)
        } else {
            var lines = ["年份\t来源\t通知\t导入"]
            for row in coverage.years {
                let imported = row.importedBy.map { by in "\(by) \(row.importedAt.map { Day($0).chinese } ?? "")" } ?? ""
                lines.append("\(row.year)\t\(row.originLabel)\t\(row.source)\t\(imported)")
            }
            context.console.output(lines.joined(separator: "\n") + "\n", style: .plain, newLine: false)
        }
        if let warning = coverage.warning { context.console.message(warning) }
    }
}
