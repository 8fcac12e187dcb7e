import ConsoleKit
import Foundation
import NIOConcurrencyHelpers
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import ZIPFoundation

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

        static func run(_ app: Application, _ arguments: [String], exitCode: Int32 = 0) async throws -> CapturingConsole {
            let console = CapturingConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["rectify"] + arguments))
            context.application = app
            do {
                try await app.asyncCommands.group().run(using: &context)
                #expect(exitCode == 0, "rectify \(arguments.joined(separator: " ")) exited 0")
            } catch let status as CommandExit {
                #expect(status.code == exitCode, "rectify \(arguments.joined(separator: " "))")
            }
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

        /// `rectify check DIR`: one row per report, an unreadable file reported and the rest read,
        /// exit status 1 for the unreadable one; as CSV, JSON and a workbook.
        @Test func checkingAFolderGivesOneRowPerReport() async throws {
            try await withApp { app in
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-check-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                try Data(Self.report.utf8).write(to: folder.appendingPathComponent("a-农业农村局.txt"))
                let cut = Self.report.replacingOccurrences(of: "中共某县农业农村局党组\n2024年4月15日", with: "")
                try Data(cut.utf8).write(to: folder.appendingPathComponent("b-网页转载.txt"))
                try Data("会议通知：请各单位准时参加。\n".utf8).write(to: folder.appendingPathComponent("c-不是报告.txt"))
                try Data("ignored".utf8).write(to: folder.appendingPathComponent("d-notes.md"))

                let csv = try await Self.run(app, ["check", folder.path, "--format", "csv"], exitCode: 1)
                let lines = csv.standardOutput.components(separatedBy: "\r\n").filter { !$0.isEmpty }
                #expect(lines.count == 4, "header and three reports: \(lines)")
                #expect(lines[0].hasPrefix("文件,读取,被巡察单位"))
                #expect(lines[1].hasPrefix("a-农业农村局.txt,已读取,县农业农村局党组"))
                #expect(lines[1].contains(",2,2,1,1,1,50%,"), "stated and listed problems, completed and ongoing: \(lines[1])")
                #expect(lines[2].contains(",不完整,"), "the cut-off copy is said to be incomplete: \(lines[2])")
                #expect(lines[3].hasPrefix("c-不是报告.txt,未能读取："))

                let json = try await Self.run(app, ["check", folder.path, "--format", "json", "--detail"], exitCode: 1)
                let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
                #expect(entries.count == 3)
                #expect(entries[0]["analysis"] != nil && entries[2]["analysis"] == nil)
                #expect((entries[0]["summary"] as? [String: Any])?["money"] as? [String] == ["32156.00"])

                let workbook = folder.appendingPathComponent("summary.xlsx")
                let xlsx = try await Self.run(app, ["check", folder.path, "--format", "xlsx", "--out", workbook.path, "--detail"], exitCode: 1)
                #expect(xlsx.standardOutput.isEmpty)
                let rows = try LedgerWorkbookReaderProbe.sheetText(try Data(contentsOf: workbook), sheet: 1)
                #expect(rows.contains("所称问题数") && rows.contains("a-农业农村局.txt") && rows.contains("未能读取"))
                let details = try LedgerWorkbookReaderProbe.sheetText(try Data(contentsOf: workbook), sheet: 2)
                #expect(details.contains("未能核对"), "the cut-off copy's counts are listed as not checked")

                let one = try await Self.run(app, ["check", folder.appendingPathComponent("a-农业农村局.txt").path, "--format", "json"])
                #expect(Self.parsesAsJSON(one.standardOutput))
            }
        }
    }
}

/// The raw XML of one worksheet of an .xlsx, for looking for text in it.
enum LedgerWorkbookReaderProbe {
    static func sheetText(_ data: Data, sheet: Int) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive["xl/worksheets/sheet\(sheet).xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        return String(decoding: xml, as: UTF8.self)
    }
}
