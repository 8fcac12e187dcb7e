import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Server-rendered pages: sign-in with CSRF, the board, and who sees what.
    @Suite struct PageTests {
        /// Signs in through the login form and returns the session cookie header.
        static func signIn(_ app: Application, _ username: String, _ password: String) async throws -> HTTPHeaders {
            let page = try await app.send(.GET, "/login")
            let cookie = try #require(page.headers.setCookie?["rectify_session"])
            let html = page.body.string
            let token = try #require(html.range(of: #"name="_csrf" value=""#).map { range in
                String(html[range.upperBound...].prefix { $0 != "\"" })
            })
            var headers = HTTPHeaders()
            headers.cookie = ["rectify_session": HTTPCookies.Value(string: cookie.string)]
            var result: TestingHTTPResponse?
            try await app.testing().test(.POST, "/login", beforeRequest: { req in
                req.headers = headers
                try req.content.encode(["_csrf": token, "username": username, "password": password, "next": "/board"], as: .urlEncodedForm)
            }, afterResponse: { result = $0 })
            let response = try #require(result)
            #expect(response.status == .seeOther)
            let session = try #require(response.headers.setCookie?["rectify_session"])
            var signedIn = HTTPHeaders()
            signedIn.cookie = ["rectify_session": HTTPCookies.Value(string: session.string)]
            signedIn.add(name: .accept, value: "text/html")
            return signedIn
        }

        @Test func theLoginPageSignsInAndRotatesTheSession() async throws {
            try await withApp { app in
                _ = try await Fixture.make(app)
                let page = try await app.send(.GET, "/login")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("<label for=\"username\">用户名</label>"))
                let before = try #require(page.headers.setCookie?["rectify_session"]).string

                let headers = try await Self.signIn(app, "office", "password-office")

                #expect(headers.cookie?["rectify_session"]?.string != before)
                let board = try await app.send(.GET, "/board", headers: headers)
                #expect(board.status == .ok)
                #expect(board.body.string.contains("挂图作战"))
            }
        }

        @Test func aFormPostWithoutTheTokenIsRefused() async throws {
            try await withApp { app in
                _ = try await Fixture.make(app)
                var result: TestingHTTPResponse?
                try await app.testing().test(.POST, "/login", beforeRequest: { req in
                    try req.content.encode(["username": "office", "password": "password-office"], as: .urlEncodedForm)
                }, afterResponse: { result = $0 })
                #expect(result?.status == .forbidden)
            }
        }

        @Test func aWrongPasswordShowsTheFormAgainWithAMessage() async throws {
            try await withApp { app in
                _ = try await Fixture.make(app)
                let page = try await app.send(.GET, "/login")
                let cookie = try #require(page.headers.setCookie?["rectify_session"])
                let html = page.body.string
                let token = String(html[html.range(of: #"name="_csrf" value=""#)!.upperBound...].prefix { $0 != "\"" })
                var result: TestingHTTPResponse?
                try await app.testing().test(.POST, "/login", beforeRequest: { req in
                    req.headers.cookie = ["rectify_session": HTTPCookies.Value(string: cookie.string)]
                    try req.content.encode(["_csrf": token, "username": "office", "password": "nope"], as: .urlEncodedForm)
                }, afterResponse: { result = $0 })
                #expect(result?.status == .unauthorized)
                #expect(result?.body.string.contains("用户名或密码错误") == true)
            }
        }

        @Test func pagesSendStrangersToTheLoginPage() async throws {
            try await withApp { app in
                let res = try await app.send(.GET, "/board", headers: ["Accept": "text/html"])
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/login?next=%2Fboard")
            }
        }

        @Test func theBoardShowsEachColourWithItsWordAndReason() async throws {
            try await withApp { app in
                _ = try await DemoLedger.loadIfEmpty(app)
                let headers = try await Self.signIn(app, "office", DemoLedger.password)

                let board = try await app.send(.GET, "/board", headers: headers)
                let red = try await app.send(.GET, "/board?level=red", headers: headers)

                let html = board.body.string
                #expect(html.contains("class=\"cell level-red\""))
                #expect(html.contains("<span class=\"word\">超期</span>"))
                #expect(html.contains("已超期"))
                #expect(html.contains("<strong>20个</strong>"))
                #expect(html.contains("<svg"))
                #expect(html.contains("各单位整改措施完成情况"))
                #expect(!red.body.string.contains("class=\"cell level-green\""))
                #expect(red.body.string.contains("class=\"cell level-red\""))
            }
        }

        @Test func aUnitReporterSeesOnlyItsOwnMeasuresOnTheBoard() async throws {
            try await withApp { app in
                _ = try await DemoLedger.loadIfEmpty(app)
                let headers = try await Self.signIn(app, "reporter-finance", DemoLedger.password)

                let html = try await app.send(.GET, "/board", headers: headers).body.string

                #expect(html.contains("计划财务科 ·"))
                #expect(!html.contains("住房保障科 ·"))
                #expect(!html.contains("办公室 ·"))
                // It supports one of 城市建设科's measures, so that one is on its board too.
                #expect(html.contains("每月召开一次老旧小区改造调度会"))
            }
        }

        @Test func userTextIsEscapedOnThePage() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let problem = try await ledger.problem(inspection.id, title: "<script>alert(1)</script>问题")
                _ = try await ledger.measure(problem.id)
                let headers = try await Self.signIn(app, "office", "password-office")

                let html = try await app.send(.GET, "/board", headers: headers).body.string

                #expect(!html.contains("<script>alert(1)</script>"))
                #expect(html.contains("&lt;script&gt;"))
            }
        }
    }
}

extension ServerTests.PageTests {
    @Test func theBoardFiltersByCategoryAndLeaderAndShowsProgressOverTime() async throws {
        try await withApp { app in
            _ = try await DemoLedger.loadIfEmpty(app)
            let headers = try await Self.signIn(app, "office", DemoLedger.password)
            let leader = try #require(try await Person.query(on: app.db).filter(\.$name == "刘芳").first()?.id)
            let category = "落实新时代党的组织路线方面".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

            let byCategory = try await app.send(.GET, "/board?category=\(category)", headers: headers).body.string
            let byLeader = try await app.send(.GET, "/board?leader=\(leader)", headers: headers).body.string

            #expect(byCategory.contains("年轻干部培养使用力度不够"))
            #expect(!byCategory.contains("老旧小区改造推进缓慢"))
            #expect(byLeader.contains("保障性住房分配管理不规范"))
            #expect(!byLeader.contains("理论学习与业务工作结合不紧"))
            #expect(byCategory.contains("整改措施完成进度（实际与计划）"))
            #expect(!byCategory.contains("各被巡察单位整改情况"))
        }
    }

    @Test func supervisorsSeeEveryBodyRankedByOverdueMeasures() async throws {
        try await withApp { app in
            _ = try await DemoLedger.loadIfEmpty(app)
            let headers = try await Self.signIn(app, "supervisor", DemoLedger.password)
            let html = try await app.send(.GET, "/board", headers: headers).body.string
            #expect(html.contains("各被巡察单位整改情况（按超期措施数排序）"))
            #expect(html.contains("<td>江川市住房和城乡建设局党组</td>"))
            // The overview's grouped counts agree with the statistics engine on the full history.
            let round = try #require(try await Inspection.query(on: app.db).first())
            let roundID = try round.requireID()
            let stats = StatisticsEngine.compute(try await StatisticsSource.items(inspectionID: roundID, measures: false, on: app.db),
                                                 asOf: app.clock.today)
            let overdue = try await Measure.query(on: app.db).filter(\.$inspectionID == roundID)
                .filter(\.$status != RectificationStatus.closed.rawValue).filter(\.$deadline < app.clock.today.iso).count()
            #expect(stats.overall.completed > 0 && stats.overall.completed < stats.overall.total)
            #expect(html.contains("<td>\(round.title)</td><td>\(stats.overall.total)</td><td>\(stats.overall.rate.percentText)</td><td>\(overdue)</td>"))
        }
    }

    /// At province scale the overview ranks every round (not only the newest), a page at a time,
    /// and the round selector lists what a search finds instead of thousands of options.
    @Test func theOverviewPagesEveryRoundAndTheSelectorSearches() async throws {
        try await withApp { app in
            _ = try await DemoLedger.loadIfEmpty(app)
            let demoRounds = try await Inspection.query(on: app.db).count()
            let count = BoardController.selectorLimit + 5
            try await app.db.ledgerWrite(actor: .system, now: fixedNow) { db, _ in
                for index in 1...count {
                    let body = Organization()
                    body.name = String(format: "测试单位%03d党组", index); body.kind = "body"; body.sortOrder = index; body.version = 1
                    try await body.create(on: db)
                    let round = Inspection()
                    round.title = "市委第\(index)轮巡察"; round.kind = "inspection"; round.inspectingGroup = "市委巡察组"
                    round.inspectedBodyID = try body.requireID(); round.feedbackDate = "2024-01-01"; round.version = 1
                    try await round.create(on: db)
                }
            }
            let headers = try await Self.signIn(app, "supervisor", DemoLedger.password)

            let first = try await app.send(.GET, "/board", headers: headers).body.string
            // Every round is ranked: the demo round has overdue measures, so it leads page 1 of 5.
            #expect(first.contains("共 \(count + demoRounds) 个巡察轮次"))
            #expect(first.contains("第1页，共5页") && first.contains("bodiesPage=2"))
            #expect(first.components(separatedBy: "<tr><td>").count - 1 <= BoardController.bodiesPerPage + 1)
            #expect(first.contains("<td>江川市住房和城乡建设局党组</td>"))
            // Too many rounds for one list: a search field, and only the chosen round until it is used.
            #expect(first.contains(#"name="roundQuery""#))
            #expect(!first.contains("测试单位017党组 · 市委第17轮巡察"))
            let last = try await app.send(.GET, "/board?bodiesPage=5", headers: headers).body.string
            #expect(last.contains("第5页，共5页") && !last.contains("bodiesPage=6"))
            // Each page keeps its own rows; a page beyond the last is the last.
            #expect(!last.contains("<td>江川市住房和城乡建设局党组</td>"))
            let beyond = try await app.send(.GET, "/board?bodiesPage=99", headers: headers).body.string
            #expect(beyond.contains("第5页，共5页"))
            #expect(beyond.components(separatedBy: "<tr><td>").dropFirst().joined() == last.components(separatedBy: "<tr><td>").dropFirst().joined())
            let found = try await app.send(.GET, "/board?roundQuery=%E6%B5%8B%E8%AF%95%E5%8D%95%E4%BD%8D017", headers: headers).body.string
            #expect(found.contains("测试单位017党组 · 市委第17轮巡察"))
            #expect(!found.contains("测试单位018党组 · 市委第18轮巡察"))
        }
    }
}

/// The board keeps what it computed from the ledger until the ledger's revision moves
/// (`LedgerRevisionCache`); none of it may outlive a write, a day, or leak across scopes.
extension ServerTests.PageTests {
    @Test func theBoardShowsEachWriteAtOnceAndKeepsScopesApart() async throws {
        try await withApp { app in
            // Arrange
            let ledger = try await Ledger.make(app)
            let inspection = try await ledger.inspection()
            let problem = try await ledger.problem(inspection.id)
            let own = try await ledger.measure(problem.id, text: "办公室牵头的措施", leadUnit: ledger.fx.unitA)
            _ = try await ledger.measure(problem.id, text: "财务科牵头的措施", leadUnit: ledger.fx.unitB)
            let office = try await Self.signIn(app, "office", "password-office")
            let reporter = try await Self.signIn(app, "reporterA", "password-reporterA")

            // Act
            let before = try await app.send(.GET, "/board", headers: office).body.string
            let reporterBoard = try await app.send(.GET, "/board", headers: reporter).body.string
            _ = try await ledger.report(own.id, progress: 45)
            let after = try await app.send(.GET, "/board", headers: office).body.string
            let cached = app.ledgerCache.count
            let filtered = try await app.send(.GET, "/board?unit=\(ledger.fx.unitB)", headers: office).body.string

            // Assert
            #expect(before.contains("财务科牵头的措施") && before.contains("进度 0%"))
            #expect(reporterBoard.contains("办公室牵头的措施") && !reporterBoard.contains("财务科牵头的措施"))
            #expect(after.contains("进度 45%"))
            #expect(!filtered.contains("办公室牵头的措施") && filtered.contains("财务科牵头的措施"))
            #expect(cached >= 3)
            // A filter by unit takes any id a request sends, so its board is not kept.
            #expect(app.ledgerCache.count == cached)
        }
    }

    @Test func aWriteWithoutAuditEventsAndANewDayBothRenewTheBoard() async throws {
        try await withApp { app in
            // Arrange
            let clock = TestClock(fixedNow)
            app.clock = clock.appClock
            let ledger = try await Ledger.make(app)
            let inspection = try await ledger.inspection()
            let problem = try await ledger.problem(inspection.id)
            let measure = try await ledger.measure(problem.id, extra: ["deadline": clock.appClock.today.adding(days: -1).iso])
            // A bearer token, not a session: the session would end while the week passes.
            let office: HTTPHeaders = ["Authorization": "Bearer \(ledger.fx.token("office"))", "Accept": "text/html"]
            let first = try await app.send(.GET, "/board", headers: office).body.string

            // Act: rename the unit in a ledger transaction that records no event, then let a day pass.
            try await app.db.ledgerWrite(actor: .system, now: clock.now) { db, _ in
                let unit = try #require(try await Organization.find(ledger.fx.unitA, on: db))
                unit.name = "综合办公室"
                try await unit.save(on: db)
            }
            let renamed = try await app.send(.GET, "/board", headers: office).body.string
            clock.advance(seconds: 7 * 86_400)
            let later = try await app.send(.GET, "/board", headers: office).body.string

            // Assert
            #expect(first.contains("办公室 · 期限") && !first.contains("综合办公室"))
            #expect(renamed.contains("综合办公室 · 期限"))
            let overdue = { (html: String) in html.components(separatedBy: "已超期").dropFirst().first?.prefix { $0.isNumber } ?? "" }
            #expect(!overdue(renamed).isEmpty)
            #expect(Int(overdue(later)) ?? 0 > Int(overdue(renamed)) ?? 0, "\(measure.id): \(later.prefix(300))")
        }
    }
}

extension ServerTests.PageTests {
    /// What a unit sees is kept until the ledger moves: a round opened and a unit added after the
    /// reporter's last request are both in its next one.
    @Test func aUnitsScopeFollowsNewRoundsAndUnits() async throws {
        try await withApp { app in
            // Arrange
            let ledger = try await Ledger.make(app)
            let token = ledger.fx.token("reporterA")
            let empty = try await app.send(.GET, "/api/v1/measures", token: token)

            // Act: a round with a measure for the unit, then a sub-unit below it with a measure of its own.
            let inspection = try await ledger.inspection()
            let problem = try await ledger.problem(inspection.id)
            _ = try await ledger.measure(problem.id, text: "办公室的措施", leadUnit: ledger.fx.unitA)
            let afterRound = try await app.send(.GET, "/api/v1/measures", token: token)
            let unit = try await app.send(.POST, "/api/v1/organizations", token: ledger.fx.token("admin"), body: [
                "name": "办公室文印组", "kind": "department", "parentId": ledger.fx.unitA])
            try #require(unit.status == .created, "\(unit.body.string)")
            let subUnit = try #require(try unit.json()["id"] as? String)
            _ = try await ledger.measure(problem.id, text: "文印组的措施", leadUnit: UUID(uuidString: subUnit))
            let afterUnit = try await app.send(.GET, "/api/v1/measures", token: token)

            // Assert
            #expect(try empty.items().isEmpty)
            #expect(try afterRound.items().map { $0["text"] as? String } == ["办公室的措施"])
            #expect(Set(try afterUnit.items().compactMap { $0["text"] as? String }) == ["办公室的措施", "文印组的措施"])
        }
    }
}

/// The cache itself: one computation for concurrent misses, and no value from an old revision.
@Suite struct LedgerRevisionCacheTests {
    actor Counter {
        var count = 0
        func next() -> Int { count += 1; return count }
    }

    @Test func concurrentMissesComputeOnceAndANewRevisionComputesAgain() async throws {
        // Arrange
        let cache = LedgerRevisionCache()
        let counter = Counter()

        // Act
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await cache.value("k", revision: 1) {
                        try await Task.sleep(for: .milliseconds(50))
                        return await counter.next()
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        let again = try await cache.value("k", revision: 1) { await counter.next() }
        let renewed = try await cache.value("k", revision: 2) { await counter.next() }
        let stale = try await cache.value("k", revision: 1) { await counter.next() }

        // Assert
        #expect(values == Array(repeating: 1, count: 16))
        #expect(again == 1)
        #expect(renewed == 2)
        #expect(stale == 3)
        #expect(try await cache.value("k", revision: 2) { await counter.next() } == 2)
    }

    @Test func aFailedComputationIsNotKept() async throws {
        struct Failure: Error {}
        let cache = LedgerRevisionCache()
        await #expect(throws: Failure.self) { try await cache.value("k", revision: 1) { () async throws -> Int in throw Failure() } }
        #expect(try await cache.value("k", revision: 1) { 7 } == 7)
    }

    @Test func aFullCacheDropsOlderRevisionsFirst() async throws {
        let cache = LedgerRevisionCache(capacity: 4)
        for index in 0..<3 { _ = try await cache.value("old\(index)", revision: 1) { index } }
        _ = try await cache.value("new0", revision: 2) { 0 }
        _ = try await cache.value("new1", revision: 2) { 1 }
        #expect(cache.count == 2)
        #expect(try await cache.value("new0", revision: 2) { 99 } == 0)
    }
}

extension ServerTests.PageTests {
    /// The problem page gathers what the ledger holds about the problem: each measure's supporting
    /// units, reports with their evidence, the registers linked to the problem and the reminder notices
    /// that named its measures.
    @Test func theProblemPageShowsEverythingLinkedToTheProblem() async throws {
        try await withApp { app in
            // Arrange: every problem of the demo's main round, which has each kind of link somewhere.
            _ = try await DemoLedger.loadIfEmpty(app)
            let round = try #require(try await Inspection.query(on: app.db).first()).requireID()
            let body = try #require(try await Organization.query(on: app.db).filter(\.$kind == "body").first()?.id)
            let headers: HTTPHeaders = ["Authorization": "Bearer \(try await Fixture.makeUser(app, name: "office-reader", role: .office, organization: body))",
                                        "Accept": "text/html"]
            var shown: [String: Int] = [:]
            for problem in try await Problem.query(on: app.db).filter(\.$inspectionID == round).all() {
                let problemID = try problem.requireID()
                let own = try await RegisterLink.query(on: app.db).filter(\.$problemID == problemID).all().map(\.recordID)
                let measureIDs = try await Measure.query(on: app.db).filter(\.$problemID == problemID).all().compactMap(\.id)
                let reports = try await ProgressReport.query(on: app.db).filter(\.$measureID ~~ measureIDs).all()
                let support = try await MeasureUnit.query(on: app.db).filter(\.$measureID ~~ measureIDs).all().map(\.organizationID)
                let noticeIDs = try await NoticeItem.query(on: app.db).filter(\.$measureID ~~ measureIDs).all().map(\.noticeID)
                let expected: [String: [String]] = [
                    "registers": try await AccountabilityRecord.query(on: app.db).filter(\.$id ~~ own).all().map(\.personName)
                        + (try await Regulation.query(on: app.db).filter(\.$id ~~ own).all().map { "《\($0.title)》" })
                        + (try await Meeting.query(on: app.db).filter(\.$id ~~ own).all().map(\.title))
                        + (try await RecoveredFund.query(on: app.db).filter(\.$problemID == problemID).all().map(\.fundDescription)),
                    "reports": reports.map(\.text),
                    "evidence": try await EvidenceFile.query(on: app.db).filter(\.$progressReportID ~~ reports.compactMap(\.id)).all().map(\.name),
                    "supporting units": try await Organization.query(on: app.db).filter(\.$id ~~ support).all().map(\.name),
                    "notices": try await ReminderNotice.query(on: app.db).filter(\.$id ~~ noticeIDs).all().map { "《\($0.title)》" },
                ]

                // Act
                let page = try await app.send(.GET, "/problems/\(problemID)", headers: headers)

                // Assert
                #expect(page.status == .ok)
                let html = page.body.string
                for (kind, texts) in expected {
                    shown[kind, default: 0] += texts.count
                    for text in texts { #expect(html.contains(text.htmlEscaped), "\(problem.label): the page lacks \(kind) \(text)") }
                }
            }
            #expect(shown.count == 5 && shown.values.allSatisfy { $0 > 0 }, "\(shown)")
        }
    }
}

private extension String {
    var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}

extension ServerTests.PageTests {
    @Test func theProblemListPagesWithinThePagesThatExist() async throws {
        try await withApp { app in
            // Arrange: 31 problems, 30 a page.
            let ledger = try await Ledger.make(app)
            let inspection = try await ledger.inspection()
            for n in 1...31 { _ = try await ledger.problem(inspection.id, title: "问题\(n)") }
            let headers: HTTPHeaders = ["Authorization": "Bearer \(ledger.fx.token("office"))", "Accept": "text/html"]
            func list(_ page: String) async throws -> (status: HTTPStatus, rows: Int, html: String) {
                let res = try await app.send(.GET, "/problems?page=\(page)", headers: headers)
                let html = res.body.string
                return (res.status, html.components(separatedBy: "<a href=\"/problems/").count - 1, html)
            }

            // Act
            let first = try await list("1"), second = try await list("2")
            let beyond = try await list("9"), huge = try await list(String(Int.max)), zero = try await list("0")

            // Assert
            #expect(first.status == .ok && first.rows == 30 && first.html.contains("第1页，共2页"))
            #expect(second.status == .ok && second.rows == 1 && second.html.contains("第2页，共2页"))
            #expect(first.html.contains("共31个问题"))
            for page in [beyond, huge] { #expect(page.status == .ok && page.rows == 1 && page.html.contains("第2页，共2页")) }
            #expect(zero.status == .ok && zero.rows == 30 && zero.html.contains("第1页，共2页"))
        }
    }
}
