import Foundation
import NIOConcurrencyHelpers
import RectifyCore
import Vapor

/// `rectify generate --bodies N --seed S [--rounds R]`: fills an empty ledger with deterministic
/// synthetic inspected bodies, each with R inspection rounds, for load tests and demonstrations.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "bodies", help: "number of inspected bodies to generate (default 10)")
        var bodies: Int?
        @Option(name: "seed", help: "seed of the generator: the same bodies, seed and day give the same data (default 1)")
        var seed: UInt64?
        @Option(name: "rounds", help: "inspection rounds per body, about two years apart, the earlier ones closed out (default 1)")
        var rounds: Int?
        @Option(name: "day", help: "the day the ledger stands on, YYYY-MM-DD (default 2024-06-28)")
        var day: String?
        @Flag(name: "append", help: "add to a database that already holds data")
        var append: Bool
        @Flag(name: "quiet", short: "q", help: "print nothing but errors (no progress, no summary)")
        var quiet: Bool
    }

    var help: String { "Generates synthetic inspected bodies (problems, measures, reports, registers, users)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let bodies = signature.bodies ?? 10
        guard bodies > 0 else { throw CLIError("--bodies 须为正整数") }
        let rounds = signature.rounds ?? 1
        guard (1...10).contains(rounds) else { throw CLIError("--rounds 须为 1 至 10 之间的整数") }
        var day = LedgerGenerator.defaultDay
        if let text = signature.day {
            guard let parsed = Day(iso: text) else { throw CLIError("--day 日期格式应为 YYYY-MM-DD：\(text)") }
            day = parsed
        }
        try await app.openLedger()
        let seed = signature.seed ?? 1
        let generator = LedgerGenerator(bodies: bodies, seed: seed, day: day, rounds: rounds, append: signature.append)
        let console = context.console
        // Each body commits on its own: an interrupted run keeps whole bodies, and `--append`
        // with the same seed writes the missing ones exactly as one uninterrupted run would.
        let written = NIOLockedValueBox(0)
        let dayOption = signature.day.map { " --day \($0)" } ?? ""
        let roundsOption = rounds > 1 ? " --rounds \(rounds)" : ""
        let progress = ProgressOutput.command(quiet: signature.quiet, console: console)
            .start("generate", unit: .items("bodies"), total: Int64(bodies))
        let result = try await CommandInterruption.shared.run(console: console, stopped: {
            let done = written.withLockedValue { $0 }
            guard done > 0 else { return "nothing written" }
            return "\(done) of \(bodies) bodies written, each whole with its audit event. To add the rest: "
                + "rectify generate --bodies \(bodies - done) --seed \(seed)\(roundsOption)\(dayOption) --append"
        }) {
            try await progress.track { progress in
                try await generator.run(app) { done, partial in
                    written.withLockedValue { $0 = done }
                    try progress.advance(detail: "\(partial.rows.values.reduce(0, +)) rows")
                }
            }
        }
        try await PlannerStatistics.refresh(app.db)
        guard !signature.quiet else { return }
        console.print("合计：")
        for (table, _) in SyntheticBody.schema {
            console.print("  \(table)\t\(result.rows[table] ?? 0)")
        }
        console.print(String(format: "共 %d 个被巡察单位（每个 %d 轮巡察）、%d 行，用时 %.1f 秒；", result.bodies, rounds,
                             result.rows.values.reduce(0, +), result.seconds)
                      + "生成账号（g<序号>-office、g<序号>-leader、g<序号>-u<单位序号>）的密码为 \(DemoLedger.password)。")
    }
}
