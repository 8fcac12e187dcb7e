import Fluent
import Foundation
import NIOConcurrencyHelpers
import RectifyCore
import RectifyDocuments
@testable import RectifyServer
import Testing
import Vapor

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let seconds = NIOLockedValueBox(0.0)
    var now: Double { seconds.withLockedValue { $0 } }
    func set(_ value: Double) { seconds.withLockedValue { $0 = value } }
    var read: @Sendable () -> Double { { [self] in now } }
}

/// The progress of long commands: the words of a line, the cadence of lines when standard error is
/// not a terminal, nothing with --quiet, and a stop between steps that leaves nothing half-written.
@Suite struct ProgressLineTests {
    @Test func aRunningLineSaysCountsShareRateAndTimeLeft() {
        var line = ProgressLine(task: "generate", unit: .items("measures"), done: 12_000, total: 50_000, elapsed: 4, detail: nil)
        #expect(line.running == "generate: 12000/50000 measures (24%), 3000/s, about 13 s left")
        line.detail = "98000 rows"
        #expect(line.running == "generate: 12000/50000 measures (24%), 3000/s, about 13 s left; 98000 rows")
        line.done = 50_000
        line.elapsed = 16.2
        #expect(line.finished == "generate: 50000/50000 measures (100%) in 17 s (3086/s); 98000 rows")
    }

    @Test func beforeTheFirstStepThereIsNoRateAndWithoutATotalNoShare() {
        #expect(ProgressLine(task: "audit verify", unit: .items("events verified"), total: 100).running
                == "audit verify: 0/100 events verified (0%)")
        #expect(ProgressLine(task: "tick", unit: .items("open measures scanned"), done: 4000, elapsed: 2).running
                == "tick: 4000 open measures scanned, 2000/s")
    }

    @Test func bytesAreShownInMegabytes() {
        let line = ProgressLine(task: "backup", unit: .bytes, done: 12_582_912, total: 50_331_648, elapsed: 2)
        #expect(line.running == "backup: 12.0/48.0 MB (25%), 6.0 MB/s, about 6 s left")
    }

    @Test func durationsReadAsSecondsMinutesAndHours() {
        #expect(ProgressLine.duration(0.2) == "1 s")
        #expect(ProgressLine.duration(59) == "59 s")
        #expect(ProgressLine.duration(245) == "4 min 5 s")
        #expect(ProgressLine.duration(600) == "10 min")
        #expect(ProgressLine.duration(4_830) == "1 h 20 min")
        #expect(ProgressLine.rate(1.49, .items("x")) == "1.5/s")
    }

    @Test func commandsOtherThanServeLogWarningsOnlyUnlessALevelIsGiven() {
        #expect(CommandLogLevel.level(arguments: ["rectify", "import", "report", "x.txt"], explicit: false) == .warning)
        #expect(CommandLogLevel.level(arguments: ["rectify", "generate"], explicit: false) == .warning)
        #expect(CommandLogLevel.level(arguments: ["rectify", "serve"], explicit: false) == nil)
        #expect(CommandLogLevel.level(arguments: ["rectify"], explicit: false) == nil, "no command runs serve")
        #expect(CommandLogLevel.level(arguments: ["rectify", "--port", "8080"], explicit: false) == nil)
        #expect(CommandLogLevel.level(arguments: ["rectify", "generate"], explicit: true) == nil)
    }

    @Test func aPartialFileNeverAppearsUnderTheNameAskedFor() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-partial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("out.docx").path
        struct Failure: Error {}

        await #expect(throws: Failure.self) {
            try await PartialFile.write(to: target) { temporary in
                try Data("half".utf8).write(to: URL(fileURLWithPath: temporary))
                #expect(FileManager.default.fileExists(atPath: temporary))
                throw Failure()
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "the temporary file is removed")

        try PartialFile.write(Data("whole".utf8), to: target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.docx"])
        #expect(FileManager.default.contents(atPath: target) == Data("whole".utf8))

        await #expect(throws: CLIError.self) {
            try await PartialFile.write(to: target, replace: false) { temporary in
                try Data("other".utf8).write(to: URL(fileURLWithPath: temporary))
            }
        }
        #expect(FileManager.default.contents(atPath: target) == Data("whole".utf8), "an existing file is kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.docx"])
    }
}

extension ServerTests {
    @Suite struct ProgressTests {
        /// Lines to a test console on a clock the test moves, with a stop of its own.
        static func lines(_ clock: ManualClock, console: CapturingConsole, interruption: CommandInterruption = CommandInterruption())
            -> ProgressOutput {
            ProgressOutput(display: .lines, console: console, interval: 5, clock: clock.read, interruption: interruption)
        }

        @Test func withoutATerminalALineComesEveryFiveSecondsAndOneAtTheEnd() throws {
            let clock = ManualClock()
            let console = CapturingConsole()
            let progress = Self.lines(clock, console: console).start("generate", unit: .items("bodies"), total: 12)
            for second in 1...12 {
                clock.set(Double(second))
                try progress.advance(detail: "\(second * 2500) rows")
            }
            clock.set(12.5)
            progress.finish()
            progress.finish()
            #expect(console.standardError == """
                generate: 5/12 bodies (41%), 1.0/s, about 7 s left; 12500 rows
                generate: 10/12 bodies (83%), 1.0/s, about 2 s left; 25000 rows
                generate: 12/12 bodies (100%) in 13 s (1.0/s); 30000 rows

                """)
            #expect(console.standardOutput.isEmpty, "progress never goes to standard output")
        }

        @Test func aSlowStepGetsItsLineAsSoonAsItEnds() throws {
            let clock = ManualClock()
            let console = CapturingConsole()
            let progress = Self.lines(clock, console: console).start("backup", unit: .bytes, total: 8_388_608)
            clock.set(1)
            try progress.set(done: 1_048_576)
            clock.set(9)
            try progress.set(done: 4_194_304)
            clock.set(10)
            try progress.set(done: 5_242_880)
            #expect(console.standardError == "backup: 4.0/8.0 MB (50%), 0.4 MB/s, about 9 s left\n")
        }

        @Test func quietPrintsNothing() throws {
            let console = CapturingConsole()
            #expect(ProgressOutput.command(quiet: true, console: console).display == .quiet)
            #expect(ProgressOutput.command(quiet: false, console: console).display == .lines, "a console that is not the terminal gets lines")
            let clock = ManualClock()
            var output = Self.lines(clock, console: console)
            output.display = .quiet
            let progress = output.start("audit verify", unit: .items("events verified"), total: 100)
            for second in 1...20 {
                clock.set(Double(second))
                try progress.advance(by: 5)
            }
            progress.finish()
            #expect(console.standardError.isEmpty && console.standardOutput.isEmpty)
        }

        @Test func afterAStopTheNextStepThrows() throws {
            let interruption = CommandInterruption()
            let progress = Self.lines(ManualClock(), console: CapturingConsole(), interruption: interruption)
                .start("generate", unit: .items("bodies"), total: 3)
            try progress.advance()
            #expect(interruption.requestStop(SIGINT))
            #expect(!interruption.requestStop(SIGTERM), "the first signal is the one that counts")
            #expect(throws: CommandInterrupted.self) { try progress.advance() }
            #expect(CommandInterrupted(signal: SIGINT).exitCode == 130)
            #expect(CommandInterrupted(signal: SIGTERM).exitCode == 143)
        }

        /// A stop in the middle of a ledger import, between two problems, rolls the whole import back.
        @Test func anInterruptedLedgerImportWritesNothing() async throws {
            try await withApp { app in
                _ = try await DemoLedger.loadIfEmpty(app)
                let source = try #require(try await Inspection.query(on: app.db).first())
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-ledger-\(UUID().uuidString).xlsx")
                defer { try? FileManager.default.removeItem(at: file) }
                _ = try await OfficeDocuments.ledger(source, to: file, on: app.db)
                let problems = try await Problem.query(on: app.db).count()
                let events = try await AuditEvent.query(on: app.db).count()

                // The clock is read once per step: on the third step the stop is asked for, and the
                // fourth throws inside the transaction.
                let interruption = CommandInterruption()
                let steps = NIOLockedValueBox(0)
                var output = Self.lines(ManualClock(), console: CapturingConsole(), interruption: interruption)
                output.clock = {
                    if steps.withLockedValue({ $0 += 1; return $0 }) == 4 { interruption.requestStop(SIGINT) }
                    return 0
                }
                await #expect(throws: CommandInterrupted.self) {
                    _ = try await LedgerImport.run(try Data(contentsOf: file), inspection: source, dryRun: false, limits: .standard,
                                                   actor: .cli(), now: fixedNow, on: app.db, progress: output)
                }
                #expect(steps.withLockedValue { $0 } >= 4, "the import was under way")
                #expect(try await Problem.query(on: app.db).count() == problems)
                #expect(try await AuditEvent.query(on: app.db).count() == events)
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
            }
        }

        /// `import report DIR`: every report read, then all written in one transaction; progress on
        /// standard error while standard output carries only the JSON.
        @Test func severalReportsImportInOneTransactionWithProgressBesideTheJSON() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-reports-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let report = ServerTests.MachineOutputTests.report
                try Data(report.utf8).write(to: folder.appendingPathComponent("a.txt"))
                try Data(report.replacingOccurrences(of: "县农业农村局", with: "县水利局").utf8).write(to: folder.appendingPathComponent("b.txt"))
                let body = ledger.fx.body.uuidString

                let json = try await ServerTests.MachineOutputTests.run(app, ["import", "report", folder.path, "--format", "json", "--body", body])
                let outcomes = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
                #expect(outcomes.map { $0["fileName"] as? String } == ["a.txt", "b.txt"])
                #expect(outcomes.allSatisfy { ($0["imported"] as? [String: Any])?["problemsCreated"] as? Int == 2 })
                #expect(json.standardError.contains("import report: 2/2 reports read (100%)"))
                #expect(json.standardError.contains("import report: 2/2 reports written (100%)"))
                #expect(json.standardError.contains("imported: 2 reports, 4 problems, "))
                #expect(try await Inspection.query(on: app.db).count() == 2)

                // A folder with a report that cannot be imported writes nothing at all.
                try Data("会议通知：请各单位准时参加。\n".utf8).write(to: folder.appendingPathComponent("c.txt"))
                let events = try await AuditEvent.query(on: app.db).count()
                await #expect(throws: CLIError.self) {
                    _ = try await ServerTests.MachineOutputTests.run(app, ["import", "report", folder.path, "--body", body])
                }
                #expect(try await Inspection.query(on: app.db).count() == 2)
                #expect(try await AuditEvent.query(on: app.db).count() == events)

                try FileManager.default.removeItem(at: folder.appendingPathComponent("c.txt"))
                let quiet = try await ServerTests.MachineOutputTests.run(app, ["import", "report", folder.path, "--body", body, "--quiet"])
                #expect(quiet.standardOutput.isEmpty && quiet.standardError.isEmpty)
                #expect(try await Inspection.query(on: app.db).count() == 4)

                let dryRun = try await ServerTests.MachineOutputTests.run(app, ["import", "report", folder.path, "--dry-run", "--format", "json", "--quiet"])
                #expect(ServerTests.MachineOutputTests.parsesAsJSON(dryRun.standardOutput), "--format output is printed even with --quiet")
                #expect(dryRun.standardError.isEmpty)
            }
        }

        /// `report public --all --out DIR`: one whole document per round, nothing else in the folder.
        @Test func everyRoundsDocumentIsWrittenIntoAFolder() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                _ = try await ledger.inspection(title: "市委第三轮巡察")
                _ = try await ledger.inspection(title: "市委第四轮/专项巡察")
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-all-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: folder) }

                let run = try await ServerTests.MachineOutputTests.run(app, ["report", "public", "--all", "--out", folder.path])
                let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                #expect(names.count == 2)
                #expect(names.allSatisfy { $0.hasSuffix(".docx") && !$0.hasPrefix(".") })
                #expect(names.contains { $0.hasPrefix("市委第四轮_专项巡察-") }, "\(names)")
                for name in names {
                    let text = try DocxTextExtractor.paragraphs(from: Data(contentsOf: folder.appendingPathComponent(name))).joined()
                    #expect(text.contains("整改"))
                }
                #expect(run.standardError.contains("report public: 2/2 documents written (100%)"))
                #expect(run.standardError.contains("written: 2 documents in \(folder.path)"))

                await #expect(throws: CLIError.self) {
                    _ = try await ServerTests.MachineOutputTests.run(app, ["report", "slip", "--all", "--out", folder.path])
                }
            }
        }
    }
}
