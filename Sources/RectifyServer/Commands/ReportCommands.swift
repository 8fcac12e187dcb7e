import Foundation
import RectifyCore
import Vapor

/// `rectify import report FILE [--dry-run] [--format table|json] [--body ID] [--title T]`.
struct ImportCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["report": ImportReportCommand(), "ledger": ImportLedgerCommand()]
    var help: String { "Imports documents into the ledger." }
}

struct ImportReportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The report: .txt (UTF-8 or GB18030), .docx or .html") var file: String
        @Flag(name: "dry-run", help: "Read and check only; write nothing") var dryRun: Bool
        @Option(name: "format", help: "table (default) or json") var format: String?
        @Option(name: "body", help: "Id of the inspected body to import into (default: found or created by name)") var body: String?
        @Option(name: "title", help: "Name of the inspection round") var title: String?
    }

    var help: String { "Reads a published report into the ledger in one transaction (or shows it with --dry-run)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let limits = context.application.rectifyConfig.uploadLimits
        let data = try CLIFile.read(signature.file, limits: limits)
        let (report, check) = try CLIFile.readReport(data, path: signature.file, limits: limits)
        try CLIFile.print(report, check, format: signature.format, console: context.console)
        guard !signature.dryRun else {
            context.console.message("dry run: nothing written")
            return
        }
        var bodyID: UUID?
        if let text = signature.body {
            guard let id = UUID(uuidString: text) else { throw CLIError("--body must be an organization id (UUID), got \(text)") }
            bodyID = id
        }
        try await app.autoMigrate()
        do {
            let outcome = try await ReportImport.run(data, fileName: URL(fileURLWithPath: signature.file).lastPathComponent,
                                                     dryRun: false, inspectedBodyID: bodyID, title: signature.title,
                                                     limits: app.rectifyConfig.uploadLimits, on: app.db,
                                                     actor: .cli(), now: app.clock.now())
            if let imported = outcome.imported {
                context.console.message("imported: inspection \(imported.inspectionId), \(imported.problemsCreated) problems, \(imported.measuresCreated) measures")
            }
        } catch let error as RectifyError {
            throw CLIError("\(signature.file): \(error.reason)")
        }
    }
}

extension Console {
    /// A message for the person at the terminal, on standard error: standard output carries only the
    /// command's result, in the format asked for.
    func message(_ text: String) {
        report(error: text, newLine: true)
    }
}

enum CLIFile {
    /// The file's bytes; a file beyond `UploadLimits.maxFileBytes` is refused before it is read.
    static func read(_ path: String, limits: UploadLimits = .standard) throws -> Data {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limits.maxFileBytes {
            throw CLIError("\(path): \(UploadLimitExceeded(.fileSize, value: limits.maxFileBytes).message)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): cannot read the file (expected a readable .txt, .docx or .html report)")
        }
        return data
    }

    static func readReport(_ data: Data, path: String, limits: UploadLimits = .standard) throws -> (ReadReport, ReportCheck) {
        do {
            let report = try ReportReader(limits: limits).read(data: data, fileName: URL(fileURLWithPath: path).lastPathComponent)
            return (report, ReportChecker().analyze(report))
        } catch let error as ReportReadError {
            throw CLIError("\(path): \(error.description)")
        } catch let refusal as UploadLimitExceeded {
            throw CLIError("\(path): \(refusal.message)")
        }
    }

    static func print(_ report: ReadReport, _ check: ReportCheck, format: String?, console: any Console) throws {
        switch format ?? "table" {
        case "table": console.print(ReportRenderer.table(report, findings: check.findings, unchecked: check.unchecked))
        case "json": console.print(try ReportRenderer.json(report, findings: check.findings, unchecked: check.unchecked))
        default: throw CLIError("--format must be table or json, got \(format ?? "")")
        }
    }
}

/// `rectify import ledger FILE.xlsx --inspection ID [--dry-run]`.
struct ImportLedgerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The ledger workbook (.xlsx)") var file: String
        @Option(name: "inspection", help: "Id of the round to import into") var inspection: String?
        @Flag(name: "dry-run", help: "Read and check only; write nothing") var dryRun: Bool
    }

    var help: String { "Reads a ledger workbook (整改台账) into a round, all or nothing." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let data = try CLIFile.read(signature.file, limits: app.rectifyConfig.uploadLimits)
        guard let text = signature.inspection, let id = UUID(uuidString: text) else {
            throw CLIError("--inspection must be the id (UUID) of the round to import into")
        }
        try await app.autoMigrate()
        guard let inspection = try await Inspection.find(id, on: app.db) else { throw CLIError("no inspection round has id \(id)") }
        do {
            let outcome = try await LedgerImport.run(data, inspection: inspection, dryRun: signature.dryRun,
                                                     limits: app.rectifyConfig.uploadLimits, actor: .cli(),
                                                     now: app.clock.now(), on: app.db)
            context.console.print("\(outcome.dryRun ? "dry run" : "imported"): \(outcome.problems) problems, \(outcome.measures) measures"
                + (outcome.newUnits.isEmpty ? "" : "; new units: \(outcome.newUnits.joined(separator: ", "))")
                + (outcome.newPeople.isEmpty ? "" : "; new people: \(outcome.newPeople.joined(separator: ", "))"))
        } catch let error as RectifyError {
            let details = error.fields.map(\.message).joined(separator: "\n")
            throw CLIError("\(signature.file): \(error.reason)" + (details.isEmpty ? "" : "\n" + details))
        }
    }
}
