import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Importing the State Council's holiday notice into a running server: what it changes, what it
    /// refuses, and a second server on the same database following it.
    @Suite struct CalendarImportTests {
        /// Monday 2027-02-01, 10:00 China time: 2027 has no holiday data in the bundled file.
        static let february2027 = Date(timeIntervalSince1970: 1_801_447_200)

        static func notice(_ name: String) throws -> String {
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../Fixtures/holiday-notices").standardizedFileURL
            return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }

        /// A measure due Monday 2027-02-15 (started 2027-01-04, 70% reported), noticed by the scan at
        /// T−10 with its reply date five working days on, and a problem closed today with its look-back.
        /// On weekdays alone 10 working days remain; with the 2027 notice (春节 02-05 to 02-13, Sunday
        /// 02-14 worked) 5 do.
        static func ledger(_ app: Application) async throws -> (Ledger, MeasureDTO, problem: ProblemDTO) {
            let ledger = try await Ledger.make(app)
            let round = try await ledger.inspection()
            let problem = try await ledger.problem(round.id, extra: ["deadline": "2027-06-30"])
            let measure = try await ledger.measure(problem.id, text: "完成春节前资金清退", extra: ["startDate": "2027-01-04", "deadline": "2027-02-15"])
            _ = try await ledger.report(measure.id, progress: 70)
            let closed = try await ledger.problem(round.id, title: "公务接待超标准", extra: ["deadline": "2027-06-30"])
            _ = try await ledger.closedMeasure(closed.id)
            for (stage, token) in [("self_check", "office"), ("office_review", "office"), ("leader_sign_off", "leader")] {
                let res = try await app.send(.POST, "/api/v1/close-out-records", token: ledger.fx.token(token),
                                             body: ["problemId": closed.id, "stage": stage, "decision": "approve"])
                try #require(res.status == .created, "\(stage): \(res.body.string)")
            }
            return (ledger, measure, closed)
        }

        @Test func aNoticeImportedOnARunningServerMovesTheNextDeadlinesAndTheBoardFollows() async throws {
            try await withApp(now: { Self.february2027 }) { app in
                let (ledger, measure, closed) = try await Self.ledger(app)
                let fx = ledger.fx
                let scan = try await EscalationScan(holder: "t").run(app)
                #expect(scan.noticesIssued == 1)
                let notice = try #require(try await ReminderNotice.query(on: app.db).first())
                #expect(notice.replyDue == "2027-02-08")
                let lookBack = try #require(try await LookBackCheck.query(on: app.db).filter(\.$problemID == closed.id).first())
                #expect(lookBack.scheduledOn == "2027-03-01")
                let supervisor = try await PageFlowTests.Browser.signIn(app, "supervisor", "password-supervisor")
                let before = try await supervisor.get("/board").body.string
                #expect(before.contains("进度正常，距整改期限还有10个工作日"))
                #expect(before.contains("2027年节假日安排尚未录入，期限按周一至周五计算"))
                let audit = try await app.auditTotal(fx)

                let office = try await app.send(.POST, "/api/v1/calendar/imports", token: fx.token("office"),
                                                body: ["text": try Self.notice("2027-text.txt"), "dryRun": true])
                #expect(office.status == .forbidden)
                let preview = try await app.send(.POST, "/api/v1/calendar/imports", token: fx.token("admin"),
                                                 body: ["text": try Self.notice("2027-text.txt"), "dryRun": true])
                #expect(preview.status == .ok, "\(preview.body.string)")
                let planned = try preview.dto(CalendarImportOutcome.self)
                #expect(!planned.stored && planned.dryRun && planned.replaces == nil)
                #expect(planned.changedDays.count == 24)
                #expect(planned.measuresAffected == 1)
                let change = try #require(planned.measures.first)
                #expect(change.measureId == measure.id)
                #expect(change.before == "绿色（正常）：进度正常，距整改期限还有10个工作日")
                #expect(change.after == "黄色（预警）：距整改期限还有5个工作日")
                #expect(change.steps.map(\.step) == ["到期前10个工作日（巡察整改工作提示）"])
                #expect(change.steps.first?.before == day("2027-02-01") && change.steps.first?.after == day("2027-01-25"))
                #expect(planned.deadlines.map { "\($0.entity) \($0.before.iso)→\($0.after.iso)" }
                        == ["reminder_notice 2027-02-08→2027-02-15", "look_back_check 2027-03-01→2027-03-05"])
                #expect(try await app.auditTotal(fx) == audit, "a dry run writes nothing")

                let imported = try await app.send(.POST, "/api/v1/calendar/imports", token: fx.token("admin"),
                                                  body: ["text": try Self.notice("2027-text.txt")])
                #expect(imported.status == .ok, "\(imported.body.string)")
                #expect(try imported.dto(CalendarImportOutcome.self).stored)

                // One event for the year, one for each deadline moved, in the import's transaction.
                #expect(try await app.auditTotal(fx) == audit + 3)
                let events = try await AuditEvent.query(on: app.db).sort(\.$id, .descending).limit(3).all()
                #expect(Set(events.map { "\($0.entity) \($0.action)" })
                        == ["calendar_year import", "reminder_notice recalculate", "look_back_check recalculate"])
                let moved = try #require(try await ReminderNotice.find(notice.requireID(), on: app.db))
                #expect(moved.replyDue == "2027-02-15" && moved.version == 2)
                #expect(moved.body?.contains("于2027年2月15日前") == true && moved.body?.contains("2027年2月8日") == false)
                #expect(try await LookBackCheck.find(lookBack.requireID(), on: app.db)?.scheduledOn == "2027-03-05")
                #expect(app.workingCalendar.isKnown(year: 2027))

                let after = try await supervisor.get("/board").body.string
                #expect(after.contains("距整改期限还有5个工作日"))
                #expect(!after.contains("进度正常，距整改期限还有10个工作日"))
                #expect(!after.contains("尚未录入"))
                let years = try await app.send(.GET, "/api/v1/calendar/years", token: fx.token("admin")).json()
                let rows = try #require(years["years"] as? [[String: Any]])
                #expect(rows.map { $0["year"] as? Int } == [2023, 2024, 2025, 2026, 2027])
                #expect(rows.last?["origin"] as? String == "imported" && rows.first?["origin"] as? String == "bundled")
                #expect(years["warning"] == nil && years["firstUncoveredDay"] as? String == "2028-01-01")

                // The same notice again, here as its table: nothing to store.
                let again = try await app.send(.POST, "/api/v1/calendar/imports", token: fx.token("admin"),
                                               body: ["text": try Self.notice("2027-table.tsv")])
                let unchanged = try again.dto(CalendarImportOutcome.self)
                #expect(unchanged.unchanged && !unchanged.stored && unchanged.changedDays.isEmpty)
                #expect(try await app.auditTotal(fx) == audit + 3)
            }
        }

        @Test func aContradictoryNoticeIsRefusedAndNothingIsStored() async throws {
            try await withApp(now: { Self.february2027 }) { app in
                let (ledger, _, _) = try await Self.ledger(app)
                let fx = ledger.fx
                let audit = try await app.auditTotal(fx)
                let contradictory = try Self.notice("2027-text.txt").replacingOccurrences(of: "2月14日（周日）、2月20日（周六）上班",
                                                                                       with: "2月13日（周六）、2月20日（周六）上班")

                let refused = try await app.send(.POST, "/api/v1/calendar/imports", token: fx.token("admin"), body: ["text": contradictory])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.errorFields == ["text"])
                #expect(refused.body.string.contains("第7行"))
                #expect(refused.body.string.contains("2027年2月13日既是第7行“春节”的放假日，又列为上班"))
                let empty = try await app.send(.POST, "/api/v1/calendar/imports", token: fx.token("admin"), body: ["text": " "])
                #expect(empty.status == .unprocessableEntity && empty.errorFields == ["text"])

                let admin = try await PageFlowTests.Browser.signIn(app, "admin", "password-admin")
                let page = try await admin.post("/admin/calendar/import", form: ["text": contradictory])
                #expect(page.status == .unprocessableEntity)
                #expect(page.body.string.contains("又列为上班"))
                #expect(page.body.string.contains("2月13日（周六）、2月20日（周六）上班"), "the text stays in the form")

                #expect(try await app.auditTotal(fx) == audit)
                #expect(try await CalendarYearRecord.query(on: app.db).count() == 0)
                #expect(!app.workingCalendar.isKnown(year: 2027))
            }
        }

        /// A year that has data is replaced only when asked; the admin page previews, then imports.
        @Test func replacingACoveredYearNeedsReplace() async throws {
            try await withApp(now: { Self.february2027 }) { app in
                let fx = try await Fixture.make(app)
                let same = try await app.send(.POST, "/api/v1/calendar/imports", token: fx.token("admin"),
                                              body: ["text": try Self.notice("2026-table.csv")])
                #expect(try same.dto(CalendarImportOutcome.self).unchanged)
                #expect(try same.dto(CalendarImportOutcome.self).replaces == "内置数据")
                let changed = try Self.notice("2026-table.csv")
                    .replacingOccurrences(of: "端午节,6月19日（周五）至21日（周日）,无,3天", with: "端午节,6月19日（周五）至22日（周一）,无,4天")
                let audit = try await app.auditTotal(fx)

                let refused = try await app.send(.POST, "/api/v1/calendar/imports", token: fx.token("admin"), body: ["text": changed])
                #expect(refused.status == .conflict)
                #expect(refused.errorCode == "year_covered")
                #expect(refused.body.string.contains("2026年已有节假日安排（内置数据）"))
                #expect(try await app.auditTotal(fx) == audit)

                let admin = try await PageFlowTests.Browser.signIn(app, "admin", "password-admin")
                let preview = try await admin.post("/admin/calendar/preview", form: ["text": changed])
                #expect(preview.status == .ok)
                #expect(preview.body.string.contains("2026年6月22日（星期一）：工作日 → 休息日（端午节）"))
                let withoutReplace = try await admin.post("/admin/calendar/import", form: ["text": changed])
                #expect(withoutReplace.status == .unprocessableEntity)
                #expect(withoutReplace.body.string.contains("确认替换请选择"))
                let replaced = try await admin.post("/admin/calendar/import", form: ["text": changed, "replace": "1"])
                #expect(replaced.status == .ok)
                #expect(replaced.body.string.contains("已导入2026年节假日安排，1天的工作日安排改变"))
                #expect(try await app.auditTotal(fx) == audit + 1)
                let event = try #require(try await AuditEvent.query(on: app.db).sort(\.$id, .descending).first())
                #expect(event.action == "replace" && event.entity == "calendar_year" && event.entityID == "2026")
                #expect(!app.workingCalendar.isWorkingDay(day("2026-06-22")).value)
                #expect(replaced.body.string.contains("<td>2026</td><td>导入</td>"))
            }
        }

        /// Two servers on one database (a SQLite file, or PostgreSQL when the suite runs on it): the
        /// second keeps its loaded calendar for up to its refresh interval, then follows the import.
        @Test func aSecondServerFollowsAnImportWithinItsRefreshInterval() async throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-calendar-\(UUID().uuidString).sqlite")
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) } }
            var database = try testDatabaseLocation()
            if case .sqliteMemory = database { database = .sqliteFile(file.path) }
            let shared = AppConfig(database: database, uploadLimitBytes: 2 * 1_048_576)
            try await withApp(now: { Self.february2027 }, adjust: { $0 = shared }) { app in
                let (ledger, _, _) = try await Self.ledger(app)
                let second = try await Application.make(.testing)
                second.logger.logLevel = .error
                do {
                    try await configure(second, ConfigureOverrides(config: shared, now: { Self.february2027 }, bcryptCost: 4))
                    let supervisor = try await PageFlowTests.Browser.signIn(second, "supervisor", "password-supervisor")
                    #expect(try await supervisor.get("/board").body.string.contains("进度正常，距整改期限还有10个工作日"))

                    let imported = try await app.send(.POST, "/api/v1/calendar/imports", token: ledger.fx.token("admin"),
                                                      body: ["text": try Self.notice("2027-table.tsv")])
                    #expect(imported.status == .ok)

                    // Within the interval the second server computes with what it loaded, without asking again.
                    #expect(try await supervisor.get("/board").body.string.contains("进度正常，距整改期限还有10个工作日"))
                    #expect(!second.workingCalendar.isKnown(year: 2027))
                    second.calendarStore.refreshInterval = .zero
                    let after = try await supervisor.get("/board").body.string
                    #expect(after.contains("距整改期限还有5个工作日"))
                    #expect(!after.contains("尚未录入"))
                    #expect(second.workingCalendar.isKnown(year: 2027))
                    #expect(second.calendarStore.origin(of: 2027) == .imported)
                } catch {
                    try await second.asyncShutdown()
                    throw error
                }
                try await second.asyncShutdown()
            }
        }

        @Test func theCalendarCommandsImportListAndRefuse() async throws {
            try await withApp(now: { Self.february2027 }) { app in
                _ = try await Self.ledger(app)
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-calendar-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let good = folder.appendingPathComponent("2027.txt")
                try Data(try Self.notice("2027-text.txt").utf8).write(to: good)
                let bad = folder.appendingPathComponent("2027-bad.txt")
                try Data(try Self.notice("2027-text.txt").replacingOccurrences(of: "共9天", with: "共8天").utf8).write(to: bad)

                let dryRun = try await MachineOutputTests.run(app, ["calendar", "import", good.path, "--dry-run", "--format", "json"])
                let planned = try JSONSerialization.jsonObject(with: Data(dryRun.standardOutput.utf8)) as? [String: Any]
                #expect(planned?["year"] as? Int == 2027 && planned?["stored"] as? Bool == false)
                #expect(dryRun.standardError.contains("dry run: nothing written"))
                #expect(try await CalendarYearRecord.query(on: app.db).count() == 0)

                let refused = await #expect(throws: CLIError.self) {
                    _ = try await MachineOutputTests.run(app, ["calendar", "import", bad.path])
                }
                #expect(refused?.description.contains("第7行") == true)
                #expect(refused?.description.contains("与写明的“共8天”不符") == true)

                let imported = try await MachineOutputTests.run(app, ["calendar", "import", good.path])
                #expect(imported.standardOutput.contains("2027年2月5日（星期五）：工作日 → 休息日（春节）"))
                #expect(imported.standardOutput.contains("要求回复日期") == false, "no notice was issued in this ledger")
                #expect(imported.standardError.contains("imported: 2027, 24 days changed"))
                let stored = try #require(try await CalendarYearRecord.query(on: app.db).first())
                #expect(stored.importedBy == "命令行" && stored.noticeText.contains("国办发明电"))

                let list = try await MachineOutputTests.run(app, ["calendar", "list", "--format", "json"])
                let coverage = try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any]
                let rows = coverage?["years"] as? [[String: Any]] ?? []
                #expect(rows.last?["year"] as? Int == 2027 && rows.last?["originLabel"] as? String == "导入")
            }
        }
    }
}

/// `day("2027-02-15")`: test dates are literals, so a typo stops the test loudly.
private func day(_ iso: String) -> Day {
    guard let value = Day(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return value
}
