import ConsoleKit
import Foundation
import NIOConcurrencyHelpers
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor

/// A console that keeps what a command writes to standard output apart from its messages
/// (`report(error:)`, standard error on a terminal).
final class CapturingConsole: Console, @unchecked Sendable {
    private let lock = NIOLock()
    private var out = "", err = ""
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }
    var supportsANSICommands: Bool { false }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { lock.withLock { out += text.description + (newLine ? "\n" : "") } }
    func report(error: String, newLine: Bool) { lock.withLock { err += error + (newLine ? "\n" : "") } }
    func clear(_ type: ConsoleClear) {}

    var standardOutput: String { lock.withLock { out } }
    var standardError: String { lock.withLock { err } }
}

extension ServerTests {
    /// Every command with `--format json` writes only that JSON to standard output, which a parser
    /// reads whole; what it says to the person at the terminal goes to standard error.
    @Suite struct MachineOutputTests {
        static let report = """
            按照县委统一部署，2023年5月8日至6月30日，县委第二巡察组对县农业农村局党组进行了常规巡察。2023年8月10日，县委第二巡察组反馈了巡察意见。
            截至2024年3月31日，巡察反馈的2个具体问题，已完成整改1个，正在整改1个，整改完成率为50%；追回资金3.2156万元。
            （1）关于“项目资金拨付滞后”问题
            整改情况：已完成整改。2023年10月，拨付项目资金120万元。
            （2）关于“农机补贴审核不严”问题
            整改情况：正在整改。2024年1月，复核补贴申请86份。
            中共某县农业农村局党组
            2024年4月15日
            """

        static func run(_ app: Application, _ arguments: [String]) async throws -> CapturingConsole {
            let console = CapturingConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["rectify"] + arguments))
            context.application = app
            try await app.asyncCommands.group().run(using: &context)
            return console
        }

        static func parsesAsJSON(_ text: String) -> Bool {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil
        }

        @Test func everyJSONCommandWritesOnlyJSONToStandardOutput() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-report-\(UUID().uuidString).txt")
                try Data(Self.report.utf8).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }

                let check = try await Self.run(app, ["check", file.path, "--format", "json"])
                #expect(Self.parsesAsJSON(check.standardOutput), "\(check.standardOutput.suffix(200))")
                // Money in machine output is an exact decimal string.
                #expect(check.standardOutput.contains(#""value" : "32156""#))

                let dryRun = try await Self.run(app, ["import", "report", file.path, "--dry-run", "--format", "json"])
                #expect(Self.parsesAsJSON(dryRun.standardOutput), "\(dryRun.standardOutput.suffix(200))")
                #expect(dryRun.standardError.contains("dry run: nothing written"))

                let imported = try await Self.run(app, ["import", "report", file.path, "--format", "json", "--body", ledger.fx.body.uuidString])
                #expect(Self.parsesAsJSON(imported.standardOutput), "\(imported.standardOutput.suffix(200))")
                #expect(imported.standardError.contains("imported: inspection"))

                let out = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-bulletin-\(UUID().uuidString).docx")
                defer { try? FileManager.default.removeItem(at: out) }
                let bulletin = try await Self.run(app, ["report", "bulletin", "--inspection", round.id.uuidString, "--week", "2024-W10",
                                                        "--format", "json", "--out", out.path])
                #expect(Self.parsesAsJSON(bulletin.standardOutput), "\(bulletin.standardOutput.suffix(200))")
                #expect(bulletin.standardError.contains("written: "))
            }
        }
    }
}
