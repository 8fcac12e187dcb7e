import Foundation
import RectifyCore
import Vapor

/// `rectify import report|ledger …`.
struct ImportCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["report": ImportReportCommand(), "ledger": ImportLedgerCommand()]
    var help: String { "Imports documents into the ledger." }
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

/// `rectify import ledger FILE.xlsx --inspection ID [--dry-run] [--quiet]`.
struct ImportLedgerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The ledger workbook (.xlsx)") var file: String
        @Option(name: "inspection", help: "Id of the round to import into") var inspection: String?
        @Flag(name: "dry-run", help: "Read and check only; write nothing") var dryRun: Bool
        @Flag(name: "quiet", short: "q", help: "Print nothing but errors") var quiet: Bool
    }

    var help: String { "Reads a ledger workbook (整改台账) into a round, all or nothing." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let data = try CLIFile.read(signature.file, limits: app.rectifyConfig.uploadLimits)
        guard let text = signature.inspection, let id = UUID(uuidString: text) else {
            throw CLIError("--inspection must be the id (UUID) of the round to import into")
        }
        try await app.openLedger()
        guard let inspection = try await Inspection.find(id, on: app.db) else { throw CLIError("no inspection round has id \(id)") }
        do {
            let outcome = try await CommandInterruption.shared.run(console: console, stopped: { "nothing imported (the transaction was rolled back)" }) {
                try await LedgerImport.run(data, inspection: inspection, dryRun: signature.dryRun,
                                           limits: app.rectifyConfig.uploadLimits, actor: .cli(),
                                           now: app.clock.now(), on: app.db,
                                           progress: .command(quiet: signature.quiet, console: console))
            }
            if !outcome.dryRun { try await PlannerStatistics.refresh(app.db) }
            guard !signature.quiet else { return }
            console.print("\(outcome.dryRun ? "dry run" : "imported"): \(outcome.problems) problems, \(outcome.measures) measures"
                + (outcome.newUnits.isEmpty ? "" : "; new units: \(outcome.newUnits.joined(separator: ", "))")
                + (outcome.newPeople.isEmpty ? "" : "; new people: \(outcome.newPeople.joined(separator: ", "))"))
        } catch let error as RectifyError {
            let details = error.fields.map(\.message).joined(separator: "\n")
            throw CLIError("\(signature.file): \(error.reason)" + (details.isEmpty ? "" : "\n" + details))
        }
    }
}
