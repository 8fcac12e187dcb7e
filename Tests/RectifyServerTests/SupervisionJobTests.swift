import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// The escalation scan, the outbox, look-back scheduling, warnings and statistics.
    @Suite struct SupervisionJobTests {
        /// 2024-03-15 (Friday) is "today": deadlines 6 working days ahead (T−10), 18 ahead (T−20), and overdue.
        func ledgerWithDeadlines(_ app: Application) async throws -> (Ledger, [MeasureDTO]) {
            let ledger = try await Ledger.make(app)
            let inspection = try await ledger.inspection()
            let problem = try await ledger.problem(inspection.id)
            let soon = try await ledger.measure(problem.id, text: "临近期限的措施", extra: ["deadline": "2024-03-25"])
            let later = try await ledger.measure(problem.id, text: "二十个工作日内到期的措施", extra: ["deadline": "2024-04-10"])
            let overdue = try await ledger.measure(problem.id, text: "已超期的措施", extra: ["startDate": "2024-01-10", "deadline": "2024-03-01"])
            _ = try await ledger.measure(problem.id, text: "远期措施", extra: ["deadline": "2024-09-30"])
            return (ledger, [soon, later, overdue])
        }

        @Test func scanIssuesOneNoticePerStepAndNothingTheSecondTime() async throws {
            try await withApp { app in
                let (_, measures) = try await ledgerWithDeadlines(app)

                let first = try await EscalationScan(holder: "a").run(app)
                let second = try await EscalationScan(holder: "a").run(app)

                #expect(first.noticesIssued == 3)
                #expect(first.itemsNoticed == 3)
                #expect(second.noticesIssued == 0)
                let notices = try await ReminderNotice.query(on: app.db).sort(\.$serial).all()
                #expect(notices.map(\.serial) == [1, 2, 3])
                #expect(Set(notices.map(\.year)) == [2024])
                let items = try await NoticeItem.query(on: app.db).all()
                #expect(Set(items.map(\.measureID)) == Set(measures.map(\.id)))
                let overdueNotice = try #require(notices.first { $0.title.contains("超期") })
                #expect(overdueNotice.title == "关于超期未完成巡察整改任务的巡察整改督办单")
                #expect(overdueNotice.body?.contains("已超期10个工作日") == true)
                #expect(overdueNotice.replyDue == "2024-03-22")
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
            }
        }

        @Test func concurrentScansIssueEachNoticeOnce() async throws {
            try await withApp { app in
                _ = try await ledgerWithDeadlines(app)

                async let one = EscalationScan(holder: "server-1").run(app)
                async let two = EscalationScan(holder: "server-2").run(app)
                let results = try await [one, two]

                #expect(results.map(\.noticesIssued).reduce(0, +) == 3)
                #expect(try await ReminderNotice.query(on: app.db).count() == 3)
                #expect(try await EscalationKey.query(on: app.db).count() == 3)
            }
        }

        @Test func anExtendedDeadlineStartsANewRoundOfNotices() async throws {
            try await withApp { app in
                let (ledger, measures) = try await ledgerWithDeadlines(app)
                _ = try await EscalationScan(holder: "a").run(app)
                let overdue = measures[2]

                let extended = try await app.send(.PATCH, "/api/v1/measures/\(overdue.id)", token: ledger.fx.token("office"),
                                                  body: ["deadline": "2024-03-20"], headers: ifMatch(overdue.version))
                #expect(extended.status == .ok)
                let rescan = try await EscalationScan(holder: "a").run(app)

                #expect(rescan.noticesIssued == 1)
                #expect(rescan.itemsNoticed == 1)
            }
        }

        @Test func aHeldLeaseMakesAnotherServerSkipTheScan() async throws {
            try await withApp { app in
                _ = try await ledgerWithDeadlines(app)
                #expect(try await JobLeases.acquire(EscalationScan.leaseName, holder: "other", for: 600, now: fixedNow, on: app.db))

                let skipped = try await EscalationScan(holder: "me").run(app)

                #expect(skipped.skippedBecauseLeased)
                #expect(try await ReminderNotice.query(on: app.db).count() == 0)
            }
        }

        /// Found by the two-server system test: releasing the lease at the end of a run let the other
        /// server's timer run the scan again in the same period. The periodic run keeps the lease
        /// for its period; another holder skips until then, the holder itself may run again.
        @Test func aPeriodicScanKeepsTheLeaseForItsPeriod() async throws {
            let clock = TestClock(fixedNow)
            try await withApp { app in
                app.clock = clock.appClock
                _ = try await ledgerWithDeadlines(app)
                let first = try await EscalationScan(holder: "server-a").run(app, periodSeconds: 3600)
                clock.advance(seconds: 60)
                let other = try await EscalationScan(holder: "server-b").run(app, periodSeconds: 3600)
                let same = try await EscalationScan(holder: "server-a").run(app, periodSeconds: 3600)
                clock.advance(seconds: 3600)
                let nextPeriod = try await EscalationScan(holder: "server-b").run(app, periodSeconds: 3600)

                #expect(!first.skippedBecauseLeased && first.noticesIssued > 0)
                #expect(other.skippedBecauseLeased)
                #expect(!same.skippedBecauseLeased)
                #expect(!nextPeriod.skippedBecauseLeased)
                // While server B holds the period, a one-off run elsewhere skips; a one-off run (as
                // `rectify tick` makes) frees the lease at once.
                #expect(try await EscalationScan(holder: "cli").run(app).skippedBecauseLeased)
                #expect(!(try await EscalationScan(holder: "server-b").run(app)).skippedBecauseLeased)
                #expect(!(try await EscalationScan(holder: "cli").run(app)).skippedBecauseLeased)
            }
        }

        @Test func webhookDeliveryIsRetriedUntilTheReceiverComesBack() async throws {
            let clock = TestClock(fixedNow)
            try await withApp { app in
                app.clock = clock.appClock
                let (ledger, _) = try await ledgerWithDeadlines(app)
                let port = try WebhookReceiver.freePort()
                let channel = try await app.send(.POST, "/api/v1/notification-channels", token: ledger.fx.token("admin"),
                                                 body: ["name": "整改办企业微信群", "kind": "wecom", "target": "http://127.0.0.1:\(port)/hook"])
                #expect(channel.status == .created)
                _ = try await EscalationScan(holder: "a").run(app)

                let down = try await OutboxDelivery(holder: "a", timeout: .milliseconds(500)).run(app)
                #expect(down.failed == 3)
                #expect(down.sent == 0)
                let pending = try await OutboxMessage.query(on: app.db).all()
                #expect(pending.allSatisfy { $0.state == "pending" && $0.attempts == 1 && $0.lastError != nil })

                let receiver = try await WebhookReceiver(port: port)
                let notYetDue = try await OutboxDelivery(holder: "a", timeout: .milliseconds(500)).run(app)
                #expect(notYetDue.sent == 0)
                clock.advance(seconds: 31)
                let back = try await OutboxDelivery(holder: "a", timeout: .milliseconds(500)).run(app)
                try await receiver.stop()

                #expect(back.sent == 3)
                #expect(receiver.received.count == 3)
                let payload = try JSONSerialization.jsonObject(with: receiver.received[0]) as? [String: Any]
                #expect(payload?["msgtype"] as? String == "text")
                let content = (payload?["text"] as? [String: Any])?["content"] as? String ?? ""
                #expect(content.contains("2024年第"))
                #expect(try await OutboxMessage.query(on: app.db).filter(\.$state == "sent").count() == 3)
            }
        }

        @Test func aMessageThatKeepsFailingBecomesADeadLetterAndCanBeRetried() async throws {
            let clock = TestClock(fixedNow)
            try await withApp { app in
                app.clock = clock.appClock
                let (ledger, _) = try await ledgerWithDeadlines(app)
                let port = try WebhookReceiver.freePort()
                _ = try await app.send(.POST, "/api/v1/notification-channels", token: ledger.fx.token("admin"),
                                       body: ["name": "业务系统", "kind": "webhook", "target": "http://127.0.0.1:\(port)/hook"])
                _ = try await EscalationScan(holder: "a").run(app)

                var delivery = OutboxDelivery(holder: "a")
                delivery.timeout = .milliseconds(500)
                delivery.retry = RetryPolicy(baseSeconds: 1, capSeconds: 1, maxAttempts: 2)
                _ = try await delivery.run(app)
                clock.advance(seconds: 2)
                let last = try await delivery.run(app)

                #expect(last.dead == 3)
                let dead = try await app.send(.GET, "/api/v1/outbox?state=dead", token: ledger.fx.token("admin"))
                #expect(dead.total == 3)
                let refused = try await app.send(.GET, "/api/v1/outbox", token: ledger.fx.token("office"))
                #expect(refused.status == .forbidden)
                let id = try #require(try dead.items().first?["id"] as? String)
                let retried = try await app.send(.POST, "/api/v1/outbox/\(id)/retry", token: ledger.fx.token("admin"))
                #expect(retried.status == .ok)
                #expect(try retried.json()["state"] as? String == "pending")
            }
        }

        @Test func emailGoesThroughSMTPWithAChineseSubject() async throws {
            let sink = try await SMTPSink(group: MultiThreadedEventLoopGroup.singleton)
            try await withApp { app in
                app.rectifyConfig.smtp = SMTPSettings(host: "127.0.0.1", port: sink.port, from: "rectify@example.gov.cn",
                                                      username: "rectify", password: "secret")
                let (ledger, _) = try await ledgerWithDeadlines(app)
                _ = try await app.send(.POST, "/api/v1/notification-channels", token: ledger.fx.token("admin"),
                                       body: ["name": "整改办邮箱", "kind": "email", "target": "office@example.gov.cn, leader@example.gov.cn"])
                _ = try await EscalationScan(holder: "a").run(app)

                let result = try await OutboxDelivery(holder: "a", timeout: .milliseconds(500)).run(app)

                #expect(result.sent == 3)
                #expect(sink.received.count == 3)
                #expect(sink.commands.contains("RCPT TO:<leader@example.gov.cn>"))
                #expect(sink.commands.contains { $0.hasPrefix("AUTH PLAIN ") })
                let message = sink.received[0]
                let subjectLine = try #require(message.split(separator: "\n").first { $0.hasPrefix("Subject: =?UTF-8?B?") })
                let encoded = subjectLine.dropFirst("Subject: =?UTF-8?B?".count).dropLast(2)
                let subject = String(decoding: Data(base64Encoded: String(encoded)) ?? Data(), as: UTF8.self)
                #expect(subject.hasPrefix("【2024年第"))
            }
            try await sink.close()
        }

        @Test func signingOffAProblemSchedulesItsLookBack() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let problem = try await ledger.problem(inspection.id)
                _ = try await ledger.closedMeasure(problem.id)

                for (stage, token) in [("self_check", "office"), ("office_review", "office"), ("leader_sign_off", "leader")] {
                    let res = try await app.send(.POST, "/api/v1/close-out-records", token: ledger.fx.token(token),
                                                 body: ["problemId": problem.id, "stage": stage, "decision": "approve"])
                    #expect(res.status == .created)
                }

                let checks = try await LookBackCheck.query(on: app.db).filter(\.$problemID == problem.id).all()
                #expect(checks.count == 1)
                // 20 working days after Friday 2024-03-15, across 清明 (04-04 to 04-06, with Sunday 04-07 worked).
                #expect(checks.first?.scheduledOn == "2024-04-15")
                #expect(checks.first?.result == "scheduled")
            }
        }

        @Test func statisticsFollowTheLedgerAsItStoodOnThatDay() async throws {
            try await withApp { app in
                _ = try await DemoLedger.loadIfEmpty(app)
                let supervisor = try await Fixture.makeUser(app, name: "checker", role: .supervisor, organization: nil)
                let unit = try #require(try await Organization.query(on: app.db).filter(\.$name == "办公室").first()?.id)
                let reporter = try await Fixture.makeUser(app, name: "clerk", role: .unitReporter, organization: unit)
                let inspection = try #require(try await Inspection.query(on: app.db).first())
                let id = try inspection.requireID()

                let now = try await app.send(.GET, "/api/v1/statistics?inspectionId=\(id)", token: supervisor)
                let past = try await app.send(.GET, "/api/v1/statistics?inspectionId=\(id)&asOf=2023-12-06", token: supervisor)
                let measures = try await app.send(.GET, "/api/v1/statistics?inspectionId=\(id)&level=measure", token: supervisor)

                #expect(now.status == .ok)
                let overall = try #require(try now.json()["overall"] as? [String: Any])
                #expect(overall["total"] as? Int == 20)
                #expect(overall["completed"] as? Int == 3)
                #expect(overall["reopenedOpen"] as? Int == 1)
                #expect((overall["rate"] as? [String: Any])?["percentText"] as? String == "15%")
                let before = try #require(try past.json()["overall"] as? [String: Any])
                #expect(before["completed"] as? Int == 0)
                #expect(before["total"] as? Int == 20)
                #expect(try measures.json()["overall"].flatMap { ($0 as? [String: Any])?["total"] as? Int } == 36)
                #expect((try now.json()["rules"] as? [String])?.isEmpty == false)
                let refused = try await app.send(.GET, "/api/v1/statistics?inspectionId=\(id)", token: reporter)
                #expect(refused.status == .forbidden)
            }
        }

        @Test func warningsCarryTheirReasonAndFilterByLevel() async throws {
            try await withApp { app in
                let (ledger, measures) = try await ledgerWithDeadlines(app)

                let red = try await app.send(.GET, "/api/v1/warnings?level=red", token: ledger.fx.token("office"))
                let all = try await app.send(.GET, "/api/v1/warnings", token: ledger.fx.token("office"))
                let bad = try await app.send(.GET, "/api/v1/warnings?level=purple", token: ledger.fx.token("office"))

                let redItems = try red.items()
                #expect(redItems.count == 1)
                #expect(redItems.first?["measureId"] as? String == measures[2].id.uuidString)
                #expect(redItems.first?["reason"] as? String == "已超期10个工作日")
                #expect(redItems.first?["levelLabel"] as? String == "红色（超期）")
                #expect(all.total == 4)
                #expect((try all.items().first?["level"] as? String) == "red")
                #expect(bad.status == .unprocessableEntity)
            }
        }
    }
}
