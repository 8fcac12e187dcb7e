import Fluent
import Foundation
import RectifyCore
import RectifyDocuments
import SQLKit
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Common problems (共性问题) and repeated problems (屡查屡犯) across bodies.
    @Suite struct CrossBodyTests {
        /// Three more bodies next to the fixture's: two in housing, one in education; each with a
        /// round and problems, the same finding worded alike in all three.
        struct World {
            let ledger: Ledger
            var bodies: [String: UUID] = [:]
            var rounds: [String: UUID] = [:]
            var problems: [String: UUID] = [:]
        }

        static func created(_ res: TestingHTTPResponse, _ what: String) throws -> UUID {
            try #require(res.status == .created, "\(what): \(res.status) \(res.body.string)")
            return try #require(UUID(uuidString: try res.json()["id"] as? String ?? ""))
        }

        static func body(_ app: Application, _ ledger: Ledger, _ name: String, sector: String?) async throws -> UUID {
            var payload: [String: Any] = ["name": name, "kind": "body"]
            if let sector { payload["sector"] = sector }
            return try created(try await app.send(.POST, "/api/v1/organizations", token: ledger.fx.token("admin"), body: payload), name)
        }

        static func problem(_ app: Application, _ ledger: Ledger, round: UUID, _ title: String, category: String = "党的建设",
                            description: String? = nil, deadline: String = "2024-06-30") async throws -> UUID {
            var payload: [String: Any] = ["inspectionId": round, "source": "inspection_feedback", "title": title, "category": category,
                                          "deadline": deadline]
            if let description { payload["description"] = description }
            return try created(try await app.send(.POST, "/api/v1/problems", token: ledger.fx.token("admin"), body: payload), title)
        }

        static func build(_ app: Application) async throws -> World {
            let ledger = try await Ledger.make(app)
            var world = World(ledger: ledger)
            world.bodies["住建甲"] = try await body(app, ledger, "市住房和城乡建设局党组", sector: "housing")
            world.bodies["住建乙"] = try await body(app, ledger, "市城市管理局党组", sector: "housing")
            world.bodies["教育"] = try await body(app, ledger, "市教育局党组", sector: "education")
            for (key, id) in world.bodies {
                world.rounds[key] = try await ledger.inspection(title: "市委第五轮巡察（\(key)）", body: id, token: "admin",
                                                                feedbackDate: "2024-01-20").id
            }
            world.problems["住建甲"] = try await problem(app, ledger, round: world.rounds["住建甲"]!,
                                                        "“三会一课”制度落实不到位，2023年支部组织生活会开展不经常", deadline: "2024-02-29")
            world.problems["住建乙"] = try await problem(app, ledger, round: world.rounds["住建乙"]!,
                                                        "“三会一课”制度落实不到位，2022年第二支部组织生活会开展不经常")
            world.problems["教育"] = try await problem(app, ledger, round: world.rounds["教育"]!,
                                                      "“三会一课”制度落实不到位，机关支部组织生活会开展不经常")
            world.problems["住建甲其他"] = try await problem(app, ledger, round: world.rounds["住建甲"]!,
                                                          "干部选拔任用程序不规范，个别岗位长期空缺")
            world.problems["住建乙资金"] = try await problem(app, ledger, round: world.rounds["住建乙"]!,
                                                          "专项资金使用管理不规范", category: "财务管理")
            return world
        }

        @Test func groupsAreFoundAcrossBodiesFilteredBySectorAndChangedByTheThreshold() async throws {
            try await withApp { app in
                let world = try await Self.build(app)
                let fx = world.ledger.fx
                let all = try await app.send(.GET, "/api/v1/common-problems", token: fx.token("supervisor"))
                #expect(all.status == .ok)
                #expect(all.total == 1)
                let group = try #require(try all.items().first)
                #expect(group["bodyCount"] as? Int == 3 && group["problemCount"] as? Int == 3)
                #expect((group["title"] as? String)?.contains("三会一课") == true)
                #expect(group["overdue"] as? Int == 1 && group["overduePercent"] as? Int == 33)
                let members = try #require(group["members"] as? [[String: Any]])
                #expect(Set(members.compactMap { $0["problemId"] as? String }) ==
                        Set(["住建甲", "住建乙", "教育"].map { world.problems[$0]!.uuidString }))
                #expect(try all.json()["thresholdPercent"] as? Int == 50)
                #expect(try all.json()["capped"] as? Bool == false)

                let housing = try await app.send(.GET, "/api/v1/common-problems?sector=housing", token: fx.token("admin"))
                let housingGroup = try #require(try housing.items().first)
                #expect(housingGroup["bodyCount"] as? Int == 2)
                #expect(!(housing.body.string.contains(world.problems["教育"]!.uuidString)))

                let strict = try await app.send(.GET, "/api/v1/common-problems?threshold=0.9", token: fx.token("supervisor"))
                #expect(strict.total == 0)
                let singles = try await app.send(.GET, "/api/v1/common-problems?threshold=0.9&minBodies=1&sort=category",
                                                 token: fx.token("supervisor"))
                #expect(singles.total == 5)
                #expect(try singles.items().first?["category"] as? String == "党的建设")

                let year = try await app.send(.GET, "/api/v1/common-problems?inspectionYear=2023", token: fx.token("supervisor"))
                #expect(try year.total == 0 && year.json()["roundsCompared"] as? Int == 0)

                for (query, field) in [("threshold=0.2", "threshold"), ("sector=港口", "sector"), ("inspectionYear=24", "inspectionYear"),
                                       ("inspectionIds=abc", "inspectionIds"), ("sort=title", "sort")] {
                    let bad = try await app.send(.GET, "/api/v1/common-problems?\(query)", token: fx.token("supervisor"))
                    #expect(bad.status == .unprocessableEntity && bad.errorFields == [field], "\(query): \(bad.status)")
                }
                for user in ["office", "leader", "reporterA"] {
                    for path in ["/api/v1/common-problems", "/api/v1/common-problems/export", "/common-problems"] {
                        let refused = try await app.send(.GET, path, token: fx.token(user))
                        #expect(refused.status == .forbidden, "\(user) \(path): \(refused.status)")
                    }
                }
            }
        }

        @Test func theExportIsAWorkbookOfTheGroupsAndTheirMembers() async throws {
            try await withApp { app in
                let world = try await Self.build(app)
                let res = try await app.send(.GET, "/api/v1/common-problems/export?minBodies=1", token: world.ledger.fx.token("supervisor"))
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType.contains("spreadsheetml") == true)
                let data = Data(buffer: res.body)
                let rows = try LedgerWorkbookReader.read(data: data)
                #expect(rows.count == 3)
                #expect(rows.first?.problem.sequence == "1")
                #expect(rows.first?.problem.title.contains("三会一课") == true)
                #expect(Set(rows.map(\.problem.category)) == ["党的建设", "财务管理"])
                let members = try LedgerWorkbookReaderProbe.sheetText(data, sheet: 2)
                #expect(members.contains("市教育局党组") && members.contains("干部选拔任用程序不规范"))
                #expect(members.components(separatedBy: "<row ").count - 1 == 6)
            }
        }

        /// A body inspected twice: the second round repeats one finding of the first (other figures),
        /// which was closed out with the leader's sign-off.
        static func twoRounds(_ app: Application, _ ledger: Ledger) async throws -> (earlier: UUID, repeated: UUID, unrelated: UUID, body: UUID) {
            let body = ledger.fx.body
            let first = try await ledger.inspection(title: "市委第一轮巡察", feedbackDate: "2023-12-05")
            let second = try await ledger.inspection(title: "市委第五轮巡察", feedbackDate: "2024-01-10")
            let earlier = try await problem(app, ledger, round: first.id, "机关食堂采购未执行政府采购程序，涉及金额12.5万元",
                                            category: "财务管理", description: "2020年食堂食材采购未经比选")
            _ = try await problem(app, ledger, round: first.id, "意识形态工作责任制落实不到位")
            let repeated = try await problem(app, ledger, round: second.id, "机关食堂采购未执行政府采购程序，涉及金额36万元",
                                             category: "财务管理", description: "2023年食堂食材采购仍未经比选")
            let unrelated = try await problem(app, ledger, round: second.id, "档案管理不规范，会议记录缺失")
            try await app.db.ledgerWrite(actor: .system, now: fixedNow) { db, _ in
                let record = CloseOutRecord()
                record.problemID = earlier
                record.stage = CloseOutStage.leaderSignOff.rawValue
                record.decision = CloseOutDecision.approve.rawValue
                record.opinion = "同意销号"
                record.actorName = "李局长"
                try await record.create(on: db)
                // Dated by the fixed clock: Fluent stamps the machine's time.
                try await db.sql.update(CloseOutRecord.schema).set("created_at", to: SQLBind(fixedNow))
                    .where("id", .equal, SQLBind(try record.requireID())).run()
            }
            return (earlier, repeated, unrelated, body)
        }

        @Test func theScanSuggestsRepeatsForProblemsEnteredSinceItsLastPass() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let supervisor = ledger.fx.token("supervisor")
                let (earlier, repeated, _, _) = try await Self.twoRounds(app, ledger)
                // Nobody pressed the button: the periodic scan finds the body inspected again.
                let first = try await EscalationScan(holder: "t").run(app)
                #expect(first.repeatsSuggested == 1)
                let listed = try await app.send(.GET, "/api/v1/repeat-matches?state=suggested", token: supervisor)
                let match = try #require(try listed.items().first)
                #expect((match["newProblem"] as? [String: Any])?["problemId"] as? String == repeated.uuidString)
                #expect((match["earlierProblem"] as? [String: Any])?["problemId"] as? String == earlier.uuidString)
                let events = try await app.send(.GET, "/api/v1/audit?entity=repeat_match", token: supervisor)
                #expect(events.total == 1 && events.body.string.contains("屡查屡犯比对"))
                // The next pass reads only what was entered since (within the margin) and stores nothing twice.
                #expect(try await EscalationScan(holder: "t").run(app).repeatsSuggested == 0)
                #expect(try await app.send(.GET, "/api/v1/repeat-matches", token: supervisor).total == 1)
                // Once its mark is past them, the old problems are not read again.
                try await JobMarks.write(NewProblemRepeatScan.markName, Date().addingTimeInterval(60), on: app.db)
                let idle = try await NewProblemRepeatScan.run(app)
                #expect(idle == .init(bodies: 0, suggested: 0))
            }
        }

        @Test func aRepeatIsSuggestedWithBothTextsAndTheEarlierCloseOutAndDecidedOnce() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let (earlier, repeated, unrelated, body) = try await Self.twoRounds(app, ledger)
                let supervisor = fx.token("supervisor")
                let scan = try await app.send(.POST, "/api/v1/repeat-matches/scan", token: supervisor, body: ["bodyId": body])
                #expect(scan.status == .ok)
                #expect(try scan.json()["suggested"] as? Int == 1)
                let refused = try await app.send(.POST, "/api/v1/repeat-matches/scan", token: supervisor, body: ["threshold": 0.95])
                #expect(refused.status == .unprocessableEntity && refused.errorFields == ["threshold"])
                let again = try await app.send(.POST, "/api/v1/repeat-matches/scan", token: supervisor, body: ["threshold": 0.5])
                #expect(try again.json()["suggested"] as? Int == 0, "a second scan adds nothing")

                let list = try await app.send(.GET, "/api/v1/repeat-matches?state=suggested", token: supervisor)
                #expect(list.total == 1)
                let match = try #require(try list.items().first)
                let new = try #require(match["newProblem"] as? [String: Any])
                let old = try #require(match["earlierProblem"] as? [String: Any])
                #expect(new["problemId"] as? String == repeated.uuidString && old["problemId"] as? String == earlier.uuidString)
                #expect((new["title"] as? String)?.contains("36万元") == true && (old["title"] as? String)?.contains("12.5万元") == true)
                #expect(new["description"] as? String == "2023年食堂食材采购仍未经比选")
                #expect(old["roundTitle"] as? String == "市委第一轮巡察")
                let closeOut = try #require(old["closeOut"] as? [String: Any])
                #expect(closeOut["signedBy"] as? String == "李局长" && closeOut["stage"] as? String == "leader_sign_off")
                #expect(closeOut["signedOn"] as? String == "2024-03-15")
                #expect(!list.body.string.contains(unrelated.uuidString))
                let id = try #require(match["id"] as? String)

                // The body's office reads its matches and decides none; a unit reporter reads none.
                #expect(try await app.send(.GET, "/api/v1/repeat-matches", token: fx.token("office")).total == 1)
                #expect(try await app.send(.GET, "/api/v1/repeat-matches", token: fx.token("reporterA")).status == .forbidden)
                #expect(try await app.send(.POST, "/api/v1/repeat-matches/\(id)/confirm", token: fx.token("office"),
                                           body: ["version": 1]).status == .forbidden)

                let audit = try await app.auditTotal(fx)
                #expect(try await app.send(.POST, "/api/v1/repeat-matches/\(id)/confirm", token: supervisor, body: [:]).status
                        == .preconditionRequired)
                let confirmed = try await app.send(.POST, "/api/v1/repeat-matches/\(id)/confirm", token: supervisor, body: ["version": 1])
                #expect(confirmed.status == .ok)
                #expect(try confirmed.json()["state"] as? String == "confirmed" && (try confirmed.json()["version"] as? Int) == 2)
                #expect(try confirmed.json()["decidedBy"] as? String == "supervisor（supervisor）")
                #expect(try await app.auditTotal(fx) == audit + 1)
                let events = try await app.send(.GET, "/api/v1/audit?entity=repeat_match", token: supervisor)
                #expect(events.body.string.contains("confirm"))

                let stale = try await app.send(.POST, "/api/v1/repeat-matches/\(id)/dismiss", token: supervisor, body: ["version": 1])
                #expect(stale.status == .conflict && stale.errorCode == "stale_version")
                let twice = try await app.send(.POST, "/api/v1/repeat-matches/\(id)/confirm", token: supervisor, body: ["version": 2])
                #expect(twice.status == .conflict && twice.errorCode == "already_decided")
                #expect(confirmed.headers.first(name: .eTag) == "\"2\"")
                // The version may come as If-Match, as for every other write.
                let dismissed = try await app.send(.POST, "/api/v1/repeat-matches/\(id)/dismiss", token: supervisor,
                                                   headers: ["If-Match": "\"2\""])
                #expect(try dismissed.json()["state"] as? String == "dismissed")
                #expect(dismissed.headers.first(name: .eTag) == "\"3\"")
                #expect(try await app.auditTotal(fx) == audit + 2)
                #expect(try await app.send(.POST, "/api/v1/repeat-matches/\(UUID())/dismiss", token: supervisor,
                                           body: ["version": 1]).status == .notFound)
                #expect(try await app.send(.GET, "/api/v1/repeat-matches?state=dismissed", token: supervisor).total == 1)
            }
        }

        @Test func repeatCountsShowOnTheRepeatsPageAndTheBoardAndDecisionsAreMadeThere() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                _ = try await Self.twoRounds(app, ledger)
                let headers = try await PageTests.signIn(app, "supervisor", "password-supervisor")
                let page = try await app.send(.GET, "/repeats", headers: headers)
                #expect(page.status == .ok)
                let csrf = try #require(page.body.string.range(of: #"name="_csrf" value=""#).map {
                    String(page.body.string[$0.upperBound...].prefix { $0 != "\"" })
                })
                var scanned: TestingHTTPResponse?
                try await app.testing().test(.POST, "/repeats/scan", beforeRequest: { req in
                    req.headers.cookie = headers.cookie
                    try req.content.encode(["_csrf": csrf, "bodyId": fx.body.uuidString, "threshold": "0.5"], as: .urlEncodedForm)
                }, afterResponse: { scanned = $0 })
                #expect(scanned?.status == .seeOther)
                let listed = try await app.send(.GET, "/repeats?state=suggested", headers: headers)
                let html = listed.body.string
                #expect(html.contains("机关食堂采购未执行政府采购程序，涉及金额36万元") && html.contains("机关食堂采购未执行政府采购程序，涉及金额12.5万元"))
                #expect(html.contains("李局长于2024-03-15签批"))
                #expect(html.contains("<td>0</td><td>1</td>"), "the body's counts: none confirmed, one to decide")
                let board = try await app.send(.GET, "/board", headers: headers)
                #expect(board.body.string.contains("<td>0（待认定1）</td>"))

                let match = try #require(try await app.send(.GET, "/api/v1/repeat-matches", token: fx.token("supervisor")).items().first)
                let id = try #require(match["id"] as? String)
                var decided: TestingHTTPResponse?
                try await app.testing().test(.POST, "/repeats/\(id)/decision", beforeRequest: { req in
                    req.headers.cookie = headers.cookie
                    try req.content.encode(["_csrf": csrf, "decision": "confirmed", "version": "1", "back": "state=suggested"], as: .urlEncodedForm)
                }, afterResponse: { decided = $0 })
                #expect(decided?.status == .seeOther)
                #expect(decided?.headers.first(name: .location) == "/repeats?state=suggested&notice=decided&as=confirmed")
                let said = try await app.send(.GET, "/repeats?notice=decided&as=confirmed", headers: headers)
                #expect(said.body.string.contains("已将该匹配标记为“已认定屡查屡犯”"))
                // The address carries a code, never text the page would show.
                let spoofed = try await app.send(.GET, "/repeats?message=\(query("请拨打电话"))&notice=\(query("请拨打电话"))", headers: headers)
                #expect(spoofed.status == .ok && !spoofed.body.string.contains("请拨打电话"))
                // A refused scan shows the page again with the threshold as typed.
                var refused: TestingHTTPResponse?
                try await app.testing().test(.POST, "/repeats/scan", beforeRequest: { req in
                    req.headers.cookie = headers.cookie
                    try req.content.encode(["_csrf": csrf, "threshold": "0.95"], as: .urlEncodedForm)
                }, afterResponse: { refused = $0 })
                #expect(refused?.status == .unprocessableEntity)
                #expect(refused?.body.string.contains(SimilarityThreshold.rangeMessage) == true)
                #expect(refused?.body.string.contains(#"value="0.95""#) == true)
                #expect(try await app.send(.GET, "/api/v1/repeat-matches?state=confirmed", token: fx.token("supervisor")).total == 1)
                let after = try await app.send(.GET, "/board", headers: headers)
                #expect(after.body.string.contains("<td>1</td></tr>"))
            }
        }

        @Test func theCommonProblemsPageShowsGroupsAChartAndSortLinks() async throws {
            try await withApp { app in
                let world = try await Self.build(app)
                let headers = try await PageTests.signIn(app, "supervisor", "password-supervisor")
                let page = try await app.send(.GET, "/common-problems?sector=housing&threshold=0.5", headers: headers)
                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.contains("<svg") && html.contains("涉及单位最多的共性问题"))
                #expect(html.contains("/problems/\(world.problems["住建乙"]!)"))
                #expect(!html.contains("/problems/\(world.problems["教育"]!)"))
                #expect(html.contains("sort=overdue") && html.contains("/api/v1/common-problems/export?sector=housing"))
                let bad = try await app.send(.GET, "/common-problems?threshold=2", headers: headers)
                #expect(bad.body.string.contains("相似度阈值应在0.30至0.90之间"))
            }
        }
    }
}
