import Foundation
import RectifyCore
import Vapor

/// `rectify import report FILE… | DIR… [--dry-run] [--format table|json] [--body ID] [--title T] [--quiet]`.
///
/// One file: its structure and findings, then the import. Several files or a folder: every report is
/// read and checked first (a report that cannot be read stops the import before anything is
/// written), then all are written in one transaction: every report or none, Ctrl-C included.
struct ImportReportCommand: AnyAsyncCommand {
    var help: String { "Reads published reports into the ledger in one transaction (or shows them with --dry-run)." }

    struct Options {
        var paths: [String] = []
        var dryRun = false
        var format: String?
        var body: UUID?
        var title: String?
        var quiet = false
    }

    static func options(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = CommandArguments(arguments)
        while let argument = rest.next() {
            switch argument {
            case "--dry-run": options.dryRun = true
            case "--quiet", "-q": options.quiet = true
            case "--format":
                let format = try rest.value(of: "--format")
                guard ["table", "json"].contains(format) else { throw CLIError("--format must be table or json, got \(format)") }
                options.format = format
            case "--body":
                let text = try rest.value(of: "--body")
                guard let id = UUID(uuidString: text) else { throw CLIError("--body must be an organization id (UUID), got \(text)") }
                options.body = id
            case "--title": options.title = try rest.value(of: "--title")
            default:
                guard !argument.hasPrefix("-") else { throw CLIError("unknown option \(argument) (see rectify import report --help)") }
                options.paths.append(argument)
            }
        }
        guard !options.paths.isEmpty else { throw CLIError("name a report file or a folder of reports (.txt, .docx, .html)") }
        return options
    }

    func run(using context: inout CommandContext) async throws {
        if CommandArguments.asksForHelp(context.input) {
            try outputHelp(using: &context)
            return
        }
        let options = try Self.options(context.input.arguments)
        context.input.arguments = []
        if options.paths.count == 1, !FileManager.default.isDirectory(options.paths[0]) {
            try await importOne(options.paths[0], options, context: context)
        } else {
            try await importMany(try CheckCommand.files(options.paths), options, context: context)
        }
    }

    private func importOne(_ path: String, _ options: Options, context: CommandContext) async throws {
        let app = context.application
        let console = context.console
        let limits = app.rectifyConfig.uploadLimits
        let data = try CLIFile.read(path, limits: limits)
        let (report, check) = try CLIFile.readReport(data, path: path, limits: limits)
        // Asked for with --format, the result is printed even with --quiet.
        if !options.quiet || options.format != nil {
            try CLIFile.print(report, check, format: options.format, console: console)
        }
        guard !options.dryRun else {
            if !options.quiet { console.message("dry run: nothing written") }
            return
        }
        try await app.openLedger()
        let name = URL(fileURLWithPath: path).lastPathComponent
        do {
            let imported = try await CommandInterruption.shared.run(console: console, stopped: { "nothing imported (the transaction was rolled back)" }) {
                // One report has nothing to count, but its step before the commit is where a stop rolls it back.
                try await ReportImport.write([(report, name)], inspectedBodyID: options.body, title: options.title,
                                             on: app.db, actor: .cli(), now: app.clock.now(),
                                             progress: ProgressOutput.none.start("import report", unit: .items("reports written"), total: 1))[0]
            }
            if !options.quiet {
                console.message("imported: inspection \(imported.inspectionId), \(imported.problemsCreated) problems, \(imported.measuresCreated) measures")
            }
        } catch let error as RectifyError {
            throw CLIError("\(path): \(error.reason)")
        }
    }

    private func importMany(_ files: [String], _ options: Options, context: CommandContext) async throws {
        guard options.title == nil else { throw CLIError("--title names one round: give it with one report file") }
        let app = context.application
        let console = context.console
        let limits = app.rectifyConfig.uploadLimits
        let progress = ProgressOutput.command(quiet: options.quiet, console: console)
        let stopped: @Sendable () -> String = { options.dryRun ? "nothing written" : "nothing imported (the transaction was rolled back)" }
        try await CommandInterruption.shared.run(console: console, stopped: stopped) {
            var reports: [(report: ReadReport, fileName: String)] = []
            var outcomes: [ReportImport.Outcome] = []
            var unreadable: [String] = []
            try await progress.start("import report", unit: .items("reports read"), total: Int64(files.count)).track { reading in
                for file in files {
                    do {
                        let (report, check) = try CLIFile.readReport(try CLIFile.read(file, limits: limits), path: file, limits: limits)
                        let name = URL(fileURLWithPath: file).lastPathComponent
                        if !options.dryRun && report.problems.isEmpty {
                            unreadable.append("\(file): 报告中没有可导入的具体问题（如“(1)关于“…”问题”），只能检查不能导入")
                        }
                        reports.append((report, name))
                        outcomes.append(ReportImport.Outcome(report, check, fileName: name, dryRun: options.dryRun))
                    } catch let error as CLIError {
                        unreadable.append(error.description)
                    }
                    try reading.advance()
                }
            }
            guard unreadable.isEmpty else {
                throw CLIError("\(unreadable.count) of \(files.count) reports cannot be imported; nothing was written:\n"
                               + unreadable.joined(separator: "\n"))
            }
            if !options.dryRun {
                try await app.openLedger()
                let summaries: [ReportImporter.Summary]
                do {
                    summaries = try await progress.start("import report", unit: .items("reports written"), total: Int64(reports.count)).track { writing in
                        try await ReportImport.write(reports, inspectedBodyID: options.body, title: nil, on: app.db,
                                                     actor: .cli(), now: app.clock.now(), progress: writing)
                    }
                } catch let error as RectifyError {
                    // The importer names the refusal, not the report: the reports are in the order given.
                    throw CLIError("nothing imported: \(error.reason)")
                }
                for index in outcomes.indices { outcomes[index].imported = summaries[index] }
            }
            try output(outcomes, options, console: console)
        }
    }

    /// One line per report (table) or the outcomes as a JSON array, on standard output.
    private func output(_ outcomes: [ReportImport.Outcome], _ options: Options, console: any Console) throws {
        if options.format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            console.print(String(decoding: try encoder.encode(outcomes), as: UTF8.self))
        } else if !options.quiet {
            for outcome in outcomes {
                console.print("\(outcome.fileName)\t\(outcome.problemsRead) problems\t\(outcome.measuresRead) measures\t"
                              + "\(outcome.findings.count) findings" + (outcome.imported.map { "\tinspection \($0.inspectionId)" } ?? ""))
            }
        }
        guard !options.quiet else { return }
        if options.dryRun {
            console.message("dry run: \(outcomes.count) reports read, nothing written")
        } else {
            console.message("imported: \(outcomes.count) reports, \(outcomes.reduce(0) { $0 + ($1.imported?.problemsCreated ?? 0) }) problems, "
                            + "\(outcomes.reduce(0) { $0 + ($1.imported?.measuresCreated ?? 0) }) measures (one transaction)")
        }
    }

    func outputHelp(using context: inout CommandContext) throws {
        context.console.print("""
            Usage: rectify import report FILE… | DIR… [--dry-run] [--format table|json] [--body ID] [--title T] [--quiet]

            Reads published rectification reports (.txt in UTF-8 or GB18030, .docx, .html) into the ledger:
            the round, its dates and stated figures, every problem and measure with a dated status history.
            One file: its structure and findings are shown first. Several files or a folder: every report is
            read and checked first; one that cannot be read stops the import before anything is written; then
            all are written in one transaction (every report or none, Ctrl-C included).
              --dry-run      read and check only; write nothing
              --format       table (default) or json, on standard output
              --body ID      the inspected body to import into (default: found or created by name)
              --title T      the name of the round (one file only)
              --quiet, -q    print nothing but errors (and what --format asks for)
            """)
    }
}
