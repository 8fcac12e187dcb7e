import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// What a page or list costs in statements may not grow with the data behind it: the same
    /// requests on a ledger of one round and two problems and on one of three rounds and twelve
    /// problems (each with measures and reports) beside three other bodies with rounds of their own
    /// must run the same number of statements. A page that asks once per row, round or body fails here.
    @Suite struct QueryCountTests {
        struct Ledger3 {
            let ledger: Ledger
            var rounds: [UUID] = []
            var problems: [UUID] = []
            var tasks: [UUID] = []
        }

        static func build(_ app: Application, rounds: Int, problemsPerRound: Int, otherBodies: Int) async throws -> Ledger3 {
            let ledger = try await Ledger.make(app)
            var built = Ledger3(ledger: ledger)
            for b in 0..<otherBodies {
                let body = try await app.send(.POST, "/api/v1/organizations", token: ledger.fx.token("admin"),
                                              body: ["name": "市第\(b + 1)局党组", "kind": "body", "sector": "economy"])
                let bodyID = try body.dto(OrganizationDTO.self).id
                let round = try await ledger.inspection(title: "市委巡察（第\(b + 1)局）", body: bodyID, token: "admin")
                let problem = try await app.send(.POST, "/api/v1/problems", token: ledger.fx.token("admin"), body: [
                    "inspectionId": round.id, "source": "inspection_feedback", "title": "第\(b + 1)局问题：专项资金管理不规范",
                    "leadUnitId": bodyID, "deadline": "2024-06-30"])
                let measure = try await app.send(.POST, "/api/v1/measures", token: ledger.fx.token("admin"), body: [
                    "problemId": try problem.dto(ProblemDTO.self).id, "text": "措施：建立台账逐笔核查", "leadUnitId": bodyID,
                    "deadline": "2024-05-31"])
                #expect(measure.status == .created, "\(measure.body.string)")
            }
            for r in 0..<rounds {
                let round = try await ledger.inspection(title: "市委第\(r + 1)轮巡察", feedbackDate: "2024-01-1\(r)")
                built.rounds.append(round.id)
                for p in 0..<problemsPerRound {
                    let problem = try await ledger.problem(round.id, title: "第\(r + 1)轮问题\(p + 1)：专项资金管理不规范")
                    built.problems.append(problem.id)
                    for m in 0..<2 {
                        let measure = try await ledger.measure(problem.id, text: "措施\(m + 1)：建立台账逐笔核查",
                                                               leadUnit: m == 0 ? ledger.fx.unitA : ledger.fx.unitB)
                        if m == 0 { _ = try await ledger.report(measure.id, progress: 40) }
                    }
                }
                let task = try await app.send(.POST, "/api/v1/self-inspection-tasks", token: ledger.fx.token("supervisor"), body: [
                    "title": "第\(r + 1)轮举一反三自查", "requirement": "自查", "bodyIds": [ledger.fx.body], "workingDays": 5])
                built.tasks.append(try #require(UUID(uuidString: try task.json()["id"] as? String ?? "")))
            }
            return built
        }

        /// Statements one request runs, after a ledger write so that no cached page part answers it.
        static func statements(_ app: Application, _ path: String, token: String?, headers: HTTPHeaders = [:],
                               fx: Fixture) async throws -> Int {
            let touch = try await app.send(.POST, "/api/v1/people", token: fx.token("office"), body: ["name": "计数\(UUID().uuidString.prefix(4))"])
            #expect(touch.status == .created)
            let before = app.databaseMeter.statements
            var status: HTTPStatus?
            try await app.testing().test(.GET, path, headers: headers, beforeRequest: { req in
                if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            }, afterResponse: { status = $0.status })
            #expect(status == .ok, "\(path): \(String(describing: status))")
            return app.databaseMeter.statements - before
        }

        struct Probe: Sendable, CustomStringConvertible {
            let path: @Sendable (Ledger3) -> String
            let user: String
            let page: Bool
            let name: String
            var description: String { name }
        }

        static let probes: [Probe] = [
            Probe(path: { _ in "/api/v1/problems?per=50" }, user: "supervisor", page: false, name: "problems list, supervisor"),
            Probe(path: { _ in "/api/v1/measures?per=50" }, user: "supervisor", page: false, name: "measures list, supervisor"),
            Probe(path: { _ in "/api/v1/measures?per=50&status=in_progress&deadlineBefore=2024-06-30" }, user: "supervisor", page: false,
                  name: "measures due, supervisor"),
            Probe(path: { _ in "/api/v1/measures?per=50" }, user: "reporterA", page: false, name: "measures list, unit reporter"),
            Probe(path: { _ in "/api/v1/progress-reports?per=50" }, user: "office", page: false, name: "reports list, office"),
            Probe(path: { _ in "/api/v1/warnings" }, user: "supervisor", page: false, name: "warnings, supervisor"),
            Probe(path: { l in "/api/v1/problems/\(l.problems[0])" }, user: "office", page: false, name: "a problem, office"),
            Probe(path: { _ in "/board" }, user: "supervisor", page: true, name: "board page, supervisor"),
            Probe(path: { _ in "/board" }, user: "office", page: true, name: "board page, office"),
            Probe(path: { _ in "/problems" }, user: "office", page: true, name: "problems page, office"),
            Probe(path: { l in "/problems/\(l.problems[0])" }, user: "office", page: true, name: "problem page, office"),
            Probe(path: { _ in "/notices" }, user: "office", page: true, name: "notices page, office"),
            Probe(path: { _ in "/api/v1/self-inspection-tasks?per=50" }, user: "supervisor", page: false, name: "self-inspection tasks, supervisor"),
            Probe(path: { _ in "/api/v1/self-inspection-tasks?per=50&late=true" }, user: "office", page: false,
                  name: "self-inspection tasks, office"),
            Probe(path: { _ in "/self-inspection-tasks" }, user: "supervisor", page: true, name: "self-inspection tasks page, supervisor"),
            Probe(path: { l in "/self-inspection-tasks/\(l.tasks[0])" }, user: "office", page: true, name: "self-inspection task page, office"),
            Probe(path: { _ in "/api/v1/common-problems?minBodies=1" }, user: "supervisor", page: false, name: "common problems, supervisor"),
            Probe(path: { _ in "/common-problems?minBodies=1" }, user: "supervisor", page: true, name: "common problems page, supervisor"),
            Probe(path: { _ in "/api/v1/repeat-matches" }, user: "office", page: false, name: "repeat matches, office"),
            Probe(path: { _ in "/repeats" }, user: "supervisor", page: true, name: "repeats page, supervisor"),
            Probe(path: { _ in "/api/v1/search?per=50&q=\(query("专项资金管理不规范"))" }, user: "supervisor", page: false,
                  name: "search across every body, supervisor"),
            Probe(path: { _ in "/api/v1/search?per=50&q=\(query("逐笔核查"))" }, user: "reporterA", page: false, name: "search, unit reporter"),
            Probe(path: { _ in "/search?q=\(query("专项资金"))" }, user: "office", page: true, name: "search page, office"),
        ]

        static func counts(rounds: Int, problemsPerRound: Int, otherBodies: Int) async throws -> [String: Int] {
            var counts: [String: Int] = [:]
            try await withApp { app in
                let built = try await build(app, rounds: rounds, problemsPerRound: problemsPerRound, otherBodies: otherBodies)
                let fx = built.ledger.fx
                for probe in probes {
                    let headers = probe.page ? try await PageTests.signIn(app, probe.user, "password-\(probe.user)") : [:]
                    counts[probe.name] = try await statements(app, probe.path(built), token: probe.page ? nil : fx.token(probe.user),
                                                              headers: headers, fx: fx)
                }
            }
            return counts
        }

        @Test func statementsPerRequestDoNotGrowWithTheData() async throws {
            let small = try await Self.counts(rounds: 1, problemsPerRound: 2, otherBodies: 0)
            let large = try await Self.counts(rounds: 3, problemsPerRound: 4, otherBodies: 3)
            for probe in Self.probes {
                #expect(small[probe.name] == large[probe.name],
                        "\(probe.name): \(small[probe.name] ?? -1) statements on the small ledger, \(large[probe.name] ?? -1) on the large one")
            }
            print("statements per request:", Self.probes.map { "\($0.name) \(large[$0.name] ?? -1)" }.joined(separator: "; "))
        }
    }
}

extension ServerTests.QueryCountTests {
    /// A reader of `role` in `organization`, signed in by token for pages.
    static func pageReader(_ app: Application, _ name: String, _ role: Role, _ organization: UUID?) async throws -> HTTPHeaders {
        let token = try await Fixture.makeUser(app, name: "\(name)-\(role.rawValue)", role: role, organization: organization)
        return ["Authorization": "Bearer \(token)", "Accept": "text/html"]
    }

    /// `path` viewed twice: the first view, the second, and the statements the second ran (caches warm).
    static func viewedTwice(_ app: Application, _ path: String, headers: HTTPHeaders) async throws
        -> (first: TestingHTTPResponse, second: TestingHTTPResponse, statements: Int) {
        let first = try await app.send(.GET, path, headers: headers)
        let before = app.databaseMeter.statements
        let second = try await app.send(.GET, path, headers: headers)
        return (first, second, app.databaseMeter.statements - before)
    }
}

extension ServerTests.QueryCountTests {
    /// Issue 21: a problem's page in at most five statements once the per-revision parts (the user's
    /// scope, the measure forms' units and people) are kept, for every kind of reader, on the problem
    /// of the demo ledger that holds the most (measures, reports, evidence, registers, notices).
    @Test func aProblemPageRunsAtMostFiveStatements() async throws {
        try await withApp { app in
            _ = try await DemoLedger.loadIfEmpty(app)
            let inspection = try #require(try await Inspection.query(on: app.db).sort(\.$feedbackDate).first())
            let round = try inspection.requireID()
            let body = inspection.inspectedBodyID
            let measures = try await Measure.query(on: app.db).filter(\.$inspectionID == round).all()
            let busiest = try #require(Dictionary(grouping: measures, by: \.problemID).max { $0.value.count < $1.value.count })
            let unit = try #require(busiest.value.compactMap(\.leadUnitID).first)
            let readers: [(Role, UUID?)] = [(.office, body), (.unitReporter, unit), (.supervisor, nil), (.admin, nil)]
            var counts: [String] = []
            for (role, organization) in readers {
                let headers = try await Self.pageReader(app, "count", role, organization)
                let (first, page, statements) = try await Self.viewedTwice(app, "/problems/\(busiest.key)", headers: headers)
                #expect(first.status == .ok, "\(role): \(first.status)")
                #expect(page.status == .ok)
                #expect(page.body.string == first.body.string, "\(role): the second view differs from the first")
                #expect(statements <= 5, "\(role): \(statements) statements")
                counts.append("\(role.rawValue) \(statements)")
            }
            print("problem page statements, caches warm:", counts.joined(separator: "; "))
        }
    }
}

extension ServerTests.QueryCountTests {
    /// Issue 21: a board that is computed, not taken from the cache (a unit or leader filter is never
    /// cached), reads the round's measures and problems (names, status history and what the user sees
    /// in the rows) in two statements beside the revision read; its figures are the statistics engine's
    /// on the full history, for the round's office and for a unit reporter alike (a unit sees its own
    /// measures and the round's figures).
    @Test func aComputedBoardReadsItsRoundInTwoStatements() async throws {
        try await withApp { app in
            _ = try await DemoLedger.loadIfEmpty(app)
            let inspection = try #require(try await Inspection.query(on: app.db).sort(\.$feedbackDate).first())
            let round = try inspection.requireID()
            let measures = try await Measure.query(on: app.db).filter(\.$inspectionID == round).all()
            let unit = try #require(measures.compactMap(\.leadUnitID).first)
            let leader = try #require(measures.compactMap(\.leaderID).first)
            let problemStats = StatisticsEngine.compute(try await StatisticsSource.items(inspectionID: round, measures: false, on: app.db),
                                                        asOf: app.clock.today)
            let measureStats = StatisticsEngine.compute(try await StatisticsSource.items(inspectionID: round, measures: true, on: app.db),
                                                        asOf: app.clock.today)
            let readers: [(Role, UUID?)] = [(.office, inspection.inspectedBodyID), (.unitReporter, unit), (.supervisor, nil)]
            for (role, organization) in readers {
                let headers = try await Self.pageReader(app, "board", role, organization)
                let (first, board, statements) = try await Self.viewedTwice(app, "/board?inspectionId=\(round)&leader=\(leader)", headers: headers)
                #expect(first.status == .ok, "\(role): \(first.status)")
                #expect(board.body.string == first.body.string, "\(role): the second view differs from the first")
                #expect(statements == 3, "\(role): \(statements) statements (the revision, measures, problems)")
                let html = board.body.string
                #expect(html.contains("<strong>\(problemStats.overall.total)个</strong>"), "\(role)")
                #expect(html.contains("已完成整改\(problemStats.overall.completed)个"), "\(role)")
                #expect(html.contains("<strong>\(problemStats.overall.rate.percentText)</strong>"), "\(role)")
                #expect(html.contains("<strong>\(measureStats.overall.total)项</strong>"), "\(role)")
                #expect(html.contains("已完成\(measureStats.overall.completed)项"), "\(role)")

                // Unfiltered, the whole body is kept: the revision read alone, the same page, the same figures.
                let (fresh, cached, cachedStatements) = try await Self.viewedTwice(app, "/board?inspectionId=\(round)", headers: headers)
                #expect(cachedStatements == 1, "\(role)")
                #expect(cached.body.string == fresh.body.string, "\(role)")
                #expect(cached.body.string.contains("已完成整改\(problemStats.overall.completed)个"), "\(role)")
            }
        }
    }
}

extension ServerTests.QueryCountTests {
    /// Issue 21: the problem list page reads its page and total in one statement beside the revision,
    /// for every kind of reader and with a search or a source filter; past the last page, one more to
    /// read the last.
    @Test func theProblemListPageIsOneStatement() async throws {
        try await withApp { app in
            _ = try await DemoLedger.loadIfEmpty(app)
            let inspection = try #require(try await Inspection.query(on: app.db).sort(\.$feedbackDate).first())
            let unit = try #require(try await Measure.query(on: app.db).filter(\.$inspectionID == inspection.requireID()).first()?.leadUnitID)
            let readers: [(Role, UUID?)] = [(.office, inspection.inspectedBodyID), (.unitReporter, unit), (.supervisor, nil)]
            let search = "整改".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for (role, organization) in readers {
                let headers = try await Self.pageReader(app, "list", role, organization)
                // A supervisor's scope is not kept per ledger revision, so its pages read no revision.
                let revision = role == .supervisor ? 0 : 1
                for (path, list) in [("/problems", 1), ("/problems?q=\(search)&source=inspection_feedback", 1), ("/problems?page=999", 2)] {
                    let expected = revision + list
                    let (first, page, statements) = try await Self.viewedTwice(app, path, headers: headers)
                    #expect(first.status == .ok, "\(role) \(path): \(first.status)")
                    #expect(page.body.string == first.body.string)
                    #expect(statements == expected, "\(role) \(path): \(statements) statements")
                }
            }
        }
    }
}
