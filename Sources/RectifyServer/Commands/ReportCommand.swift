import Fluent
import Foundation
import RectifyCore
import Vapor

/// `rectify report bulletin --inspection ID --week 2024-W05 [--format text|json]`.
struct ReportCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["bulletin": BulletinCommand()]
    var help: String { "Generates documents from the ledger." }
}

struct BulletinCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "inspection", help: "Id of the inspection round") var inspection: String?
        @Option(name: "week", help: "ISO week, e.g. 2024-W05 (default: the current week)") var week: String?
        @Option(name: "format", help: "text (default) or json") var format: String?
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
        try await app.autoMigrate()
        guard let inspection = try await Inspection.find(id, on: app.db) else { throw CLIError("no inspection round has id \(id)") }
        let row = try await BulletinController.generate(inspection: inspection, week: week, calendar: app.workingCalendar,
                                                        by: .cli(), now: app.clock.now(), on: app.db)
        let dto = try await BulletinController.dto(row, on: app.db)
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
