import Foundation
import RectifyCore
import Vapor

/// `rectify generate --bodies N --seed S`: fills an empty ledger with deterministic synthetic
/// inspected bodies for load tests and demonstrations.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "bodies", help: "number of inspected bodies to generate (default 10)")
        var bodies: Int?
        @Option(name: "seed", help: "seed of the generator: the same bodies, seed and day give the same data (default 1)")
        var seed: UInt64?
        @Option(name: "day", help: "the day the ledger stands on, YYYY-MM-DD (default 2024-06-28)")
        var day: String?
        @Flag(name: "append", help: "add to a database that already holds data")
        var append: Bool
    }

    var help: String { "Generates synthetic inspected bodies (problems, measures, reports, registers, users)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let bodies = signature.bodies ?? 10
        guard bodies > 0 else { throw CLIError("--bodies 须为正整数") }
        var day = LedgerGenerator.defaultDay
        if let text = signature.day {
            guard let parsed = Day(iso: text) else { throw CLIError("--day 日期格式应为 YYYY-MM-DD：\(text)") }
            day = parsed
        }
        try await app.autoMigrate()
        let generator = LedgerGenerator(bodies: bodies, seed: signature.seed ?? 1, day: day, append: signature.append)
        let console = context.console
        let step = max(1, bodies / 20)
        let result = try await generator.run(app) { done, partial in
            guard done % step == 0 || done == bodies else { return }
            let rows = partial.rows.values.reduce(0, +)
            console.print(String(format: "已生成 %d/%d 个被巡察单位，%d 行，%.1f 秒（%.0f 行/秒）", done, bodies, rows,
                                 partial.seconds, Double(rows) / max(partial.seconds, 0.001)))
        }
        console.print("合计：")
        for (table, _) in SyntheticBody.schema {
            console.print("  \(table)\t\(result.rows[table] ?? 0)")
        }
        console.print(String(format: "共 %d 个被巡察单位、%d 行，用时 %.1f 秒；", result.bodies, result.rows.values.reduce(0, +), result.seconds)
                      + "生成账号（g<序号>-office、g<序号>-leader、g<序号>-u<单位序号>）的密码为 \(DemoLedger.password)。")
    }
}
