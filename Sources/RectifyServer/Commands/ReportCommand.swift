import Fluent
import Foundation
import NIOConcurrencyHelpers
import RectifyCore
import Vapor

/// `rectify report bulletin --inspection ID --week 2024-W05 [--format text|json]`.
struct ReportCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = [
        "bulletin": BulletinCommand(),
        "public": DocumentCommand(kind: .publicReport),
        "lists": DocumentCommand(kind: .lists),
        "slip": DocumentCommand(kind: .slip),
        "notice": DocumentCommand(kind: .notice),
    ]
    var help: String { "Generates documents from the ledger." }
}

struct BulletinCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "inspection", help: "Id of the inspection round") var inspection: String?
        @Option(name: "week", help: "ISO week, e.g. 2024-W05 (default: the current week)") var week: String?
        @Option(name: "format", help: "text (default) or json") var format: String?
        @Option(name: "out", help: "Also write the bulletin as a Word document (.docx)") var out: String?
    }

    var help: String { "Generates and stores the weekly bulletin (每周通报) of a round." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let text = signature.inspection, let id = UUID(uuidString: text) else {
            throw CLIError("--inspection must be the id (UUID) of an inspection round")
        }
        let week: ISOWeek
        if let given = signature.week {
            guard let parsed = ISOWeek(text: given) else { throw CLIError("--week must be an ISO week such as 2024-W05, got \(given)") }
            week = parsed
        } else {
            week = ISOWeek(containing: app.clock.today)
        }
        try await app.openLedger()
        guard let inspection = try await Inspection.find(id, on: app.db) else { throw CLIError("no inspection round has id \(id)") }
        let row = try await BulletinController.generate(inspection: inspection, week: week, calendar: app.workingCalendar,
                                                        by: .cli(), now: app.clock.now(), on: app.db)
        let dto = try await BulletinController.dto(row, on: app.db)
        if let out = signature.out {
            try PartialFile.write(try await OfficeDocuments.bulletin(row, on: app.db).data, to: out)
            context.console.message("written: \(out)")
        }
        switch signature.format ?? "text" {
        case "text": context.console.print(dto.paragraphs.joined(separator: "\n"))
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            context.console.print(String(decoding: try encoder.encode(dto.bulletin), as: UTF8.self))
        default: throw CLIError("--format must be text or json")
        }
    }
}

/// `rectify report public|lists --inspection ID`, `slip --problem ID`, `notice --notice ID`, each `--out FILE.docx`.
struct DocumentCommand: AsyncCommand {
    enum Kind: Sendable { case publicReport, lists, slip, notice }

    struct Signature: CommandSignature {
        @Option(name: "inspection", help: "Id of the inspection round (public, lists)") var inspection: String?
        @Option(name: "problem", help: "Id of the problem (slip)") var problem: String?
        @Option(name: "notice", help: "Id of the reminder notice (notice)") var notice: String?
        @Option(name: "as-of", help: "Figures as of this day, YYYY-MM-DD (public; default today)") var asOf: String?
        @Option(name: "out", help: "The .docx file to write (with --all: the folder to write into)") var out: String?
        @Flag(name: "all", help: "Every round, one document each, into the folder --out names (public, lists)") var all: Bool
        @Flag(name: "quiet", short: "q", help: "Print nothing but errors") var quiet: Bool
    }

    let kind: Kind

    var help: String {
        switch kind {
        case .publicReport: "Writes the round's public progress report as a Word document (GB/T 9704)."
        case .lists: "Writes the problem, task and responsibility lists (三张清单) as a Word document."
        case .slip: "Writes a problem's close-out slip (对账销号单) as a Word document."
        case .notice: "Writes a reminder notice (工作提示/督办单) as a Word document."
        }
    }

    static func id(_ text: String?, _ option: String) throws -> UUID {
        guard let text, let id = UUID(uuidString: text) else { throw CLIError("--\(option) must be an id (UUID)") }
        return id
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if signature.all { return try await writeAll(context, signature) }
        guard let out = signature.out, out.hasSuffix(".docx") else { throw CLIError("--out FILE.docx is required") }
        try await app.openLedger()
        let file: OfficeDocuments.File
        switch kind {
        case .publicReport, .lists:
            let id = try Self.id(signature.inspection, "inspection")
            guard let round = try await Inspection.find(id, on: app.db) else { throw CLIError("no inspection round has id \(id)") }
            file = try await document(round, signature, app: app)
        case .slip:
            let id = try Self.id(signature.problem, "problem")
            guard let problem = try await Problem.find(id, on: app.db) else { throw CLIError("no problem has id \(id)") }
            file = try await OfficeDocuments.slip(problem, access: .commandLine(now: app.clock.now()), on: app.db)
        case .notice:
            let id = try Self.id(signature.notice, "notice")
            guard let notice = try await ReminderNotice.find(id, on: app.db) else { throw CLIError("no reminder notice has id \(id)") }
            file = try await OfficeDocuments.notice(notice, access: .commandLine(now: app.clock.now()), on: app.db)
        }
        try PartialFile.write(file.data, to: out)
        if !signature.quiet { context.console.message("written: \(out) (\(file.data.count) bytes)") }
    }

    private func document(_ round: Inspection, _ signature: Signature, app: Application) async throws -> OfficeDocuments.File {
        if kind == .lists { return try await OfficeDocuments.lists(round, today: app.clock.today, on: app.db) }
        var day = app.clock.today
        if let text = signature.asOf {
            guard let parsed = Day(iso: text) else { throw CLIError("--as-of must be YYYY-MM-DD, got \(text)") }
            day = parsed
        }
        return try await OfficeDocuments.publicReport(round, asOf: day, on: app.db)
    }

    /// `--all`: one document per round into a folder, each written whole under its own name
    /// (`Self.fileName`) before the next begins; an interrupted run leaves the finished ones.
    private func writeAll(_ context: CommandContext, _ signature: Signature) async throws {
        let app = context.application
        let console = context.console
        guard kind == .publicReport || kind == .lists else { throw CLIError("--all writes the public reports or the lists of every round") }
        guard signature.inspection == nil else { throw CLIError("--all writes every round: leave out --inspection") }
        guard let folder = signature.out, !folder.hasSuffix(".docx") else { throw CLIError("--all needs --out FOLDER, the folder to write into") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try await app.openLedger()
        let rounds = try await Inspection.query(on: app.db).sort(\.$title).sort(\.$id).all()
        guard !rounds.isEmpty else { throw CLIError("the ledger holds no inspection round") }
        let written = NIOLockedValueBox(0)
        let progress = ProgressOutput.command(quiet: signature.quiet, console: console)
            .start(kind == .lists ? "report lists" : "report public", unit: .items("documents written"), total: Int64(rounds.count))
        let bytes = try await CommandInterruption.shared.run(console: console, stopped: {
            "\(written.withLockedValue { $0 }) of \(rounds.count) documents written, each whole; no partial file left"
        }) {
            try await progress.track { progress in
                var bytes = 0
                for round in rounds {
                    let file = try await document(round, signature, app: app)
                    try PartialFile.write(file.data, to: (folder as NSString).appendingPathComponent(Self.fileName(round, kind: kind)))
                    bytes += file.data.count
                    written.withLockedValue { $0 += 1 }
                    try progress.advance()
                }
                return bytes
            }
        }
        if !signature.quiet { console.message("written: \(rounds.count) documents in \(folder) (\(bytes) bytes)") }
    }

    /// `<round title>-<first 8 characters of its id>.docx` (lists: `…-三张清单-…`), without
    /// characters a file name cannot hold.
    static func fileName(_ round: Inspection, kind: Kind) -> String {
        let title = String(round.title.map { "/\\:*?\"<>|".contains($0) || $0.isNewline || $0.asciiValue.map { $0 < 32 } == true ? "_" : $0 }
            .prefix(60))
        let id = round.id.map { String($0.uuidString.prefix(8)).lowercased() } ?? "round"
        return (title.isEmpty ? "round" : title) + (kind == .lists ? "-三张清单" : "") + "-\(id).docx"
    }
}

/// `rectify export ledger --inspection ID --out FILE.xlsx`: the ledger (整改台账), streamed.
struct ExportCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["ledger": ExportLedgerCommand()]
    var help: String { "Exports the ledger." }
}

struct ExportLedgerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "inspection", help: "Id of the inspection round") var inspection: String?
        @Option(name: "out", help: "The .xlsx file to write") var out: String?
    }

    var help: String { "Writes the round's ledger as an Excel workbook, one row per measure." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let out = signature.out, out.hasSuffix(".xlsx") else { throw CLIError("--out FILE.xlsx is required") }
        let id = try DocumentCommand.id(signature.inspection, "inspection")
        try await app.openLedger()
        guard let round = try await Inspection.find(id, on: app.db) else { throw CLIError("no inspection round has id \(id)") }
        let problems = try await PartialFile.write(to: out) { temporary in
            try await OfficeDocuments.ledger(round, to: URL(fileURLWithPath: temporary), on: app.db)
        }
        context.console.message("written: \(out) (\(problems) problems)")
    }
}
