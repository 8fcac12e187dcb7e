import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Full-text search (`/api/v1/search`, `q=` on the problem and measure lists, the `/search` page):
    /// what it finds, in what order, kept in step with every write, and only within the user's reach.
    @Suite struct SearchTests {
        static func search(_ app: Application, _ token: String, _ q: String, _ extra: String = "",
                           status: HTTPStatus = .ok) async throws -> SearchResultsDTO {
            let res = try await app.send(.GET, "/api/v1/search?q=\(query(q))\(extra)", token: token)
            try #require(res.status == status, "search \(q)\(extra): \(res.status) \(res.body.string.prefix(300))")
            return try res.decode(SearchResultsDTO.self)
        }

        /// Runs `body` once reading the rounds' entries (a few rounds in scope) and once through the
        /// trigram index (forced by allowing no rounds to be read whole): both must give the same answers.
        static func bothPaths(_ app: Application, _ body: () async throws -> Void) async throws {
            let defaults = app.searchLimits
            try await body()
            app.searchLimits.scanRounds = 0
            try await body()
            app.searchLimits = defaults
        }

        /// One row of every kind mentioning 专项资金, in the fixture's round; returns the ids by kind.
        static func everyKind(_ ledger: Ledger, round: UUID) async throws -> [SearchKind: UUID] {
            let app = ledger.app, office = ledger.fx.token("office")
            var ids: [SearchKind: UUID] = [:]
            let problem = try await ledger.problem(round, title: "专项资金使用管理不规范", extra: ["description": "部分专项资金超范围列支，拨付审核不严。"])
            ids[.problem] = problem.id
            let measure = try await ledger.measure(problem.id, text: "修订专项资金管理办法，明确审核流程")
            ids[.measure] = measure.id
            let report = try await ledger.report(measure.id, progress: 100, text: "专项资金已全部清理，制度已印发")
            ids[.progressReport] = report.id
            let upload = try await app.sendMultipart("/api/v1/progress-reports/\(report.id)/evidence", token: ledger.fx.token("reporterA"),
                                                     filename: "专项资金台账.pdf", bytes: Data("%PDF-1.4\n".utf8))
            try #require(upload.status == .created)
            ids[.evidenceFile] = try upload.dto(EvidenceDTO.self).id
            let closeOut = try await ledger.closeOut(measure: measure.id, stage: "self_check", opinion: "专项资金清理到位，申请销号",
                                                     token: "reporterA")
            try #require(closeOut.status == .created, "\(closeOut.body.string)")
            ids[.closeOutRecord] = try #require(UUID(uuidString: try closeOut.json()["id"] as? String ?? ""))
            let registers: [(SearchKind, String, [String: Any])] = [
                (.regulation, "regulations", ["inspectionId": round, "title": "专项资金管理办法", "issuedOn": "2024-03-01"]),
                (.meeting, "meetings", ["inspectionId": round, "kind": "special", "heldOn": "2024-03-01", "title": "专项资金整改专题会"]),
                (.accountabilityRecord, "accountability-records", ["inspectionId": round, "personName": "李四", "rank": "section",
                                                                   "form": "criticism", "decidedOn": "2024-03-01", "reason": "专项资金拨付审核不严"]),
                (.recoveredFund, "recovered-funds", ["problemId": problem.id, "amount": "1200.00", "description": "追回超范围列支的专项资金",
                                                     "recordedOn": "2024-03-01"]),
            ]
            for (kind, path, body) in registers {
                ids[kind] = try AuthorizationMatrixTests.created(try await app.send(.POST, "/api/v1/\(path)", token: office, body: body), path)
            }
            return ids
        }

        @Test func findsEveryKindByPhrasesOfTwoThreeAndEightCharacters() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                let ids = try await Self.everyKind(ledger, round: round.id)
                _ = try await ledger.problem(round.id, title: "公务用车管理不规范")
                let office = ledger.fx.token("office")
                try await Self.bothPaths(app) {
                    for token in [office, ledger.fx.token("supervisor")] {
                        let four = try await Self.search(app, token, "专项资金")
                        #expect(Dictionary(uniqueKeysWithValues: four.items.map { ($0.kind, $0.id) }) == ids)
                        #expect(four.total == SearchKind.allCases.count && !four.partial && four.note == nil)
                        let two = try await Self.search(app, token, "资金")
                        #expect(Set(two.items.map(\.id)) == Set(ids.values), "\(two.items.map(\.kind))")
                        let three = try await Self.search(app, token, "超范围")
                        #expect(Set(three.items.map(\.kind)) == [.problem, .recoveredFund])
                        let eight = try await Self.search(app, token, "专项资金使用管理")
                        #expect(eight.items.map(\.id) == [ids[.problem]!])
                        let hit = try #require(eight.items.first)
                        #expect(hit.titleParts == [.init("专项资金使用管理", hit: true), .init("不规范", hit: false)])
                        #expect(hit.bodyName == "市测试局党组" && hit.inspectionTitle == "市委第三轮巡察" && hit.bodyId == ledger.fx.body)
                        #expect(hit.link == "/problems/\(ids[.problem]!.uuidString)")
                        #expect(hit.status != nil && hit.statusLabel == hit.status?.label)
                        #expect(hit.source == .inspectionFeedback)
                        let nothing = try await Self.search(app, token, "不存在的说法")
                        #expect(nothing.items.isEmpty && nothing.total == 0)
                    }
                    // Every word must occur in the same row, in any order; case does not matter for Latin letters.
                    let words = try await Self.search(app, office, "审核 专项资金 拨付")
                    #expect(Set(words.items.map(\.kind)) == [.problem, .accountabilityRecord])
                    let measure = try #require(try await Self.search(app, office, "明确审核流程").items.first)
                    #expect(measure.kind == .measure && measure.link == "/problems/\(ids[.problem]!.uuidString)#m-\(ids[.measure]!.uuidString)")
                    #expect(measure.excerpt.filter(\.hit).map(\.text) == ["明确审核流程"] && measure.problemTitle == "专项资金使用管理不规范")
                    #expect(try await Self.search(app, office, "专项资金台账.PDF").items.map(\.kind) == [.evidenceFile])
                }
            }
        }

        @Test func aTitleHoldingThePhraseRanksAboveAPartialOne() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                let exact = try await ledger.problem(round.id, title: "公务用车管理")
                let inText = try await ledger.problem(round.id, title: "公务用车问题", extra: ["description": "公务用车管理登记不完整"])
                let whole = try await ledger.problem(round.id, title: "公务用车管理不规范")
                let measure = try await ledger.measure(whole.id, text: "开展公务用车管理专项检查")
                let partial = try await ledger.problem(round.id, title: "车辆管理问题", extra: ["description": "个别公务用车管理混乱"])
                try await Self.bothPaths(app) {
                    for token in [ledger.fx.token("office"), ledger.fx.token("supervisor")] {
                        let ranked = try await Self.search(app, token, "公务用车管理")
                        // The title equal to the phrase, then a title holding it; then the text only, problems
                        // before measures and the newest first.
                        #expect(ranked.items.map(\.id) == [exact.id, whole.id, partial.id, inText.id, measure.id])
                        let words = try await Self.search(app, token, "车辆 管理")
                        #expect(words.items.map(\.id) == [partial.id], "\(words.items.map(\.title))")
                        let some = try await Self.search(app, token, "管理 登记")
                        #expect(some.items.map(\.id) == [inText.id])
                        // Some of the words in the title rank above none.
                        let mixed = try await Self.search(app, token, "问题 混乱")
                        #expect(mixed.items.map(\.id) == [partial.id])
                        let titleWords = try await Self.search(app, token, "管理 公务")
                        #expect(titleWords.items.map(\.id).prefix(2) == [whole.id, exact.id], "\(titleWords.items.map(\.title))")
                    }
                }
                // Words long enough for the index: every word in the title, then some, then the text only.
                let some = try await ledger.problem(round.id, title: "公务用车使用问题", extra: ["description": "存在管理混乱现象"])
                let every = try await ledger.problem(round.id, title: "公务用车管理混乱")
                try await Self.bothPaths(app) {
                    for token in [ledger.fx.token("office"), ledger.fx.token("supervisor")] {
                        let ranked = try await Self.search(app, token, "公务用车 管理混乱")
                        #expect(ranked.items.map(\.id) == [every.id, some.id, partial.id], "\(ranked.items.map(\.title))")
                        let second = try await Self.search(app, token, "公务用车 管理混乱", "&per=1&page=2")
                        #expect(second.items.map(\.id) == [some.id] && second.total == 3)
                    }
                }
            }
        }

        @Test func aFullWidthWordInTheTitleRanksAsAnyOther() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                let title = try await ledger.problem(round.id, title: "ＰＤＦ文件管理不规范")
                let text = try await ledger.problem(round.id, title: "文档归档问题", extra: ["description": "部分ＰＤＦ文件未归档"])
                try await Self.bothPaths(app) {
                    for token in [ledger.fx.token("office"), ledger.fx.token("supervisor")] {
                        let ranked = try await Self.search(app, token, "ＰＤＦ文件")
                        #expect(ranked.items.map(\.id) == [title.id, text.id], "\(ranked.items.map(\.title))")
                    }
                }
            }
        }

        /// SQLite ranks a search that nothing but its kind narrows from the full-text index alone
        /// (`SearchRanking`); every page of it must be the general statement's page, count and bound included.
        @Test func theIndexOnlyRankingPagesAsTheStatementDoes() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                let sql = try app.db.sql
                for (title, description) in [("公务用车管理", ""), ("公务用车管理不规范", "存在公车私用现象"), ("车辆管理问题", "公务用车管理混乱，公车私用"),
                                             ("公车私用问题", "公务用车管理台账缺失"), ("OA系统采购问题", "oa系统采购超预算"), ("公务用车管理", "再次发现")] {
                    let problem = try await ledger.problem(round.id, title: title, extra: description.isEmpty ? [:] : ["description": description])
                    _ = try await ledger.measure(problem.id, text: "整改\(title)：开展公务用车管理专项检查，清理公车私用，规范OA系统采购")
                }
                let postgres = sql.dialect.name == "postgresql"
                var compared = 0
                for limits in [SearchLimits(), SearchLimits(candidates: 5)] {
                    for kinds: [SearchKind] in [SearchKind.allCases, [.problem], [.measure]] {
                        for q in ["公务用车管理", "公车私用", "公务用车 管理混乱", "公务用车 公车私用", "oa系统", "OA系统 采购超预算", "管理混乱 台账缺失 不规范"] {
                            let statement = SearchEngine.Statement(query: try SearchQuery.parse(q), filters: SearchFilters(),
                                                                   scope: SearchEngine.Scope(kinds: kinds), limits: limits, postgres: postgres)
                            // PostgreSQL has no such path: its statement reads the trigram index and ranks in one go.
                            #expect(SearchRanking.applies(statement) == !postgres)
                            guard !postgres else { continue }
                            let whole = try await sql.raw(statement.page(limit: 100, offset: 0)).all(decoding: SearchEngine.Row.self)
                            let total = whole.first?.total ?? 0
                            for (limit, offset) in [(100, 0), (1, 0), (2, 1), (3, 3), (4, 5), (2, 20)] {
                                let ranked = try await SearchRanking(statement).page(limit: limit, offset: offset, on: sql)
                                let expected = Array(whole.map(\.entry).dropFirst(offset).prefix(limit))
                                #expect(ranked.rows.map(\.entry) == expected, "\(q) \(kinds.count) kinds, \(limit) from \(offset), bound \(limits.candidates)")
                                #expect(ranked.total == total && ranked.bounded == (total >= limits.candidates), "\(q): \(ranked.total) of \(total)")
                                compared += expected.count
                            }
                        }
                    }
                }
                #expect(postgres || compared > 200, "\(compared)")
            }
        }

        @Test func aWriteIsFoundAtOnceAnUpdateChangesTheHitAndADeleteRemovesIt() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                let office = ledger.fx.token("office")
                let problem = try await ledger.problem(round.id, title: "档案管理混乱问题")
                #expect(try await Self.search(app, office, "档案管理混乱").items.map(\.id) == [problem.id])
                let renamed = try await app.send(.PATCH, "/api/v1/problems/\(problem.id)", token: office,
                                                 body: ["title": "印章使用不规范", "description": "用印登记缺失", "version": problem.version])
                #expect(renamed.status == .ok)
                #expect(try await Self.search(app, office, "档案管理混乱").total == 0)
                #expect(try await Self.search(app, office, "印章使用").items.map(\.id) == [problem.id])
                #expect(try await Self.search(app, office, "用印登记").items.map(\.id) == [problem.id])

                let measure = try await ledger.measure(problem.id, text: "建立用印审批台账")
                #expect(Set(try await Self.search(app, office, "用印").items.map(\.id)) == [problem.id, measure.id])
                let edited = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: office,
                                                body: ["text": "修订印章管理办法", "version": measure.version])
                #expect(edited.status == .ok)
                #expect(try await Self.search(app, office, "用印审批台账").total == 0)
                #expect(try await Self.search(app, office, "印章管理办法").items.map(\.id) == [measure.id])
                // A status change reaches the entry: the status filter follows it.
                let started = try await Self.search(app, office, "印章", "&status=not_started")
                #expect(Set(started.items.map(\.id)) == [problem.id, measure.id])
                let report = try await ledger.report(measure.id, progress: 30, text: "已起草印章管理办法")
                let inProgress = try await Self.search(app, office, "印章", "&status=in_progress")
                #expect(inProgress.items.map(\.id).contains(measure.id) && !inProgress.items.map(\.id).contains(report.id))
                let report2 = try await app.send(.PATCH, "/api/v1/progress-reports/\(report.id)", token: ledger.fx.token("reporterA"),
                                                 body: ["text": "已印发印章管理办法", "version": report.version])
                #expect(report2.status == .ok, "\(report2.body.string)")
                #expect(try await Self.search(app, office, "已起草").total == 0)
                #expect(try await Self.search(app, office, "已印发印章").items.map(\.id) == [report.id])

                let other = try await ledger.measure(problem.id, text: "开展印章专项清查")
                #expect(try await Self.search(app, office, "印章专项清查").items.map(\.id) == [other.id])
                let deleted = try await app.send(.DELETE, "/api/v1/measures/\(other.id)", token: office, headers: ifMatch(other.version))
                #expect(deleted.status == .noContent)
                #expect(try await Self.search(app, office, "印章专项清查").total == 0)
                let lone = try await ledger.problem(round.id, title: "临时出借车辆问题")
                let gone = try await app.send(.DELETE, "/api/v1/problems/\(lone.id)", token: office, headers: ifMatch(lone.version))
                #expect(gone.status == .noContent)
                #expect(try await Self.search(app, office, "出借车辆").total == 0)
                #expect(try await Self.search(app, ledger.fx.token("supervisor"), "出借车辆").total == 0)
            }
        }

        /// The same phrase in two bodies and, in the first, under two units: each user finds exactly the
        /// rows they can open by id, and the counts say no more.
        @Test func eachUserFindsOnlyWhatTheyMayReadCountsIncluded() async throws {
            try await withApp { app in
                let (ledger, world) = try await AuthorizationMatrixTests.build(app)
                let fx = ledger.fx, admin = fx.token("admin")
                let round = try #require(world.id(forKind: "inspections", .own))
                let otherRound = try #require(world.foreign["inspectionId"] as? UUID)
                let otherUnit = try #require(world.foreign["leadUnitId"] as? UUID)
                var planted: [String: (problem: UUID, measure: UUID)] = [:]
                for (name, inspection, unit) in [("A", round, fx.unitA), ("B", round, fx.unitB), ("other", otherRound, otherUnit)] {
                    let problem = try AuthorizationMatrixTests.created(try await app.send(.POST, "/api/v1/problems", token: admin, body: [
                        "inspectionId": inspection, "source": "inspection_feedback", "title": "违规吃喝问题（\(name)）",
                        "description": "存在整治违规吃喝不力的情况", "leadUnitId": unit]), "problem")
                    let measure = try AuthorizationMatrixTests.created(try await app.send(.POST, "/api/v1/measures", token: admin, body: [
                        "problemId": problem, "text": "开展整治违规吃喝专项行动", "leadUnitId": unit, "deadline": "2024-05-31"]), "measure")
                    planted[name] = (problem, measure)
                }
                _ = try AuthorizationMatrixTests.created(try await app.send(.POST, "/api/v1/regulations", token: fx.token("office"), body: [
                    "inspectionId": round, "title": "整治违规吃喝若干规定", "issuedOn": "2024-03-01"]), "regulation")
                let officeOther = try await Fixture.makeUser(app, name: "office-other", role: .office,
                                                             organization: try #require(world.foreign["inspectedBodyId"] as? UUID))
                let a = planted["A"]!, b = planted["B"]!, other = planted["other"]!
                let expected: [(String, String, Set<UUID>, Int)] = [
                    ("supervisor", fx.token("supervisor"), [a.problem, a.measure, b.problem, b.measure, other.problem, other.measure], 7),
                    ("admin", admin, [a.problem, a.measure, b.problem, b.measure, other.problem, other.measure], 7),
                    ("office", fx.token("office"), [a.problem, a.measure, b.problem, b.measure], 5),
                    ("leader", fx.token("leader"), [a.problem, a.measure, b.problem, b.measure], 5),
                    ("reporterA", fx.token("reporterA"), [a.problem, a.measure], 2),
                    ("reporterB", fx.token("reporterB"), [b.problem, b.measure], 2),
                    ("office of the other body", officeOther, [other.problem, other.measure], 2),
                ]
                try await Self.bothPaths(app) {
                    for (who, token, ids, total) in expected {
                        for q in ["整治违规吃喝", "吃喝"] {
                            let found = try await Self.search(app, token, q)
                            #expect(found.total == total, "\(who) \(q): \(found.total)")
                            let hits = Set(found.items.filter { $0.kind == .problem || $0.kind == .measure }.map(\.id))
                            #expect(hits == ids, "\(who) \(q)")
                            #expect(found.items.filter { $0.kind == .regulation }.count == total - ids.count, "\(who) \(q)")
                            // Another body's or unit's row is not even counted when asked for by kind or round.
                            let measures = try await Self.search(app, token, q, "&kind=measure&per=1")
                            #expect(measures.total == ids.count / 2, "\(who) \(q) measures")
                            let elsewhere = try await Self.search(app, token, q, "&inspectionId=\(otherRound)")
                            #expect(elsewhere.total == (ids.contains(other.measure) ? 2 : 0), "\(who) \(q) other round")
                        }
                        let problems = try await app.send(.GET, "/api/v1/problems?q=\(query("整治违规吃喝"))", token: token)
                        #expect(Set(try problems.items().compactMap { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) })
                                == ids.intersection([a.problem, b.problem, other.problem]), "\(who) problems")
                        #expect(problems.total == ids.count / 2)
                        let measures = try await app.send(.GET, "/api/v1/measures?q=\(query("吃喝"))", token: token)
                        #expect(Set(try measures.items().compactMap { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) })
                                == ids.intersection([a.measure, b.measure, other.measure]), "\(who) measures")
                    }
                }
                // The authorization matrix searches for 的措施 as every role: it must reach into the other
                // bodies, or the matrix's check that nothing leaks would prove nothing.
                let crossing = try await Self.search(app, fx.token("supervisor"), "的措施")
                #expect(Set(crossing.items.compactMap(\.bodyId)).count == 3)
                #expect(try await Self.search(app, fx.token("office"), "的措施").items.allSatisfy { $0.bodyId == fx.body })
            }
        }

        @Test func filtersNarrowTheHitsAndBadParametersAreRefusedByName() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let office = ledger.fx.token("office"), supervisor = ledger.fx.token("supervisor")
                let first = try await ledger.inspection(feedbackDate: "2023-12-20")
                let second = try await ledger.inspection(title: "市委第四轮巡察", feedbackDate: "2024-01-10")
                let assigned = try await ledger.problem(first.id, title: "会议经费管理不严", source: "secretary_assigned")
                let found = try await ledger.problem(second.id, title: "会议经费超标", source: "self_found")
                let measure = try await ledger.measure(found.id, text: "清理会议经费支出")
                for token in [office, supervisor] {
                    #expect(try await Self.search(app, token, "会议经费").total == 3)
                    #expect(try await Self.search(app, token, "会议经费", "&kind=problem").items.map(\.id) == [found.id, assigned.id])
                    #expect(Set(try await Self.search(app, token, "会议经费", "&kind=problem,measure").items.map(\.id)) == [assigned.id, found.id, measure.id])
                    #expect(try await Self.search(app, token, "会议经费", "&kind=measure").items.map(\.id) == [measure.id])
                    #expect(try await Self.search(app, token, "会议经费", "&source=secretary_assigned").items.map(\.id) == [assigned.id])
                    #expect(Set(try await Self.search(app, token, "会议经费", "&source=self_found").items.map(\.id)) == [found.id, measure.id])
                    #expect(try await Self.search(app, token, "会议经费", "&year=2023").items.map(\.id) == [assigned.id])
                    #expect(try await Self.search(app, token, "会议经费", "&year=2024").total == 2)
                    #expect(try await Self.search(app, token, "会议经费", "&year=2022").total == 0)
                    #expect(try await Self.search(app, token, "会议经费", "&inspectionId=\(second.id)").total == 2)
                    #expect(try await Self.search(app, token, "会议经费", "&bodyId=\(ledger.fx.body)").total == 3)
                    #expect(try await Self.search(app, token, "会议经费", "&bodyId=\(UUID())").total == 0)
                    #expect(try await Self.search(app, token, "会议经费", "&status=not_started&kind=problem").total == 2)
                    #expect(try await Self.search(app, token, "会议经费", "&status=closed").total == 0)
                    let paged = try await Self.search(app, token, "会议经费", "&per=2&page=2")
                    #expect(paged.items.count == 1 && paged.total == 3 && paged.page == 2 && paged.per == 2)
                    let past = try await Self.search(app, token, "会议经费", "&per=2&page=5")
                    #expect(past.items.isEmpty && past.total == 3)
                }
                let bad = try await app.send(.GET, "/api/v1/search?q=&kind=task&year=24&status=done&source=x&bodyId=1&inspectionId=2", token: office)
                #expect(bad.status == .unprocessableEntity)
                #expect(Set(bad.errorFields) == ["q", "kind", "year", "status", "source", "bodyId", "inspectionId"])
                for q in [query(String(repeating: "长", count: 101)), "\(query("资金"))%07\(query("管理"))", "\(query("资金"))%00\(query("管理"))",
                          query("一 二 三 四 五 六 七 八 九")] {
                    let res = try await app.send(.GET, "/api/v1/search?q=\(q)", token: office)
                    #expect(res.status == .unprocessableEntity && res.errorFields == ["q"], "\(q): \(res.status)")
                }
                let list = try await app.send(.GET, "/api/v1/problems?q=\(query(String(repeating: "长", count: 101)))", token: office)
                #expect(list.status == .unprocessableEntity && list.errorFields == ["q"])
                // Characters that mean something to LIKE or to FTS5 are only text.
                for q in ["%", "_", "\"", "会议\"经费", "经费%", "*", "NEAR(会议 经费)", "会议 OR 经费", "\\"] {
                    let res = try await Self.search(app, supervisor, q)
                    #expect(res.total == 0, "\(q)")
                }
                #expect(try await app.send(.GET, "/api/v1/search?q=x").status == .unauthorized)
            }
        }

        /// `sector` keeps the hits of rounds whose inspected body is of that sector, within the user's reach,
        /// on every path (a search across every body of one kind included, which SQLite otherwise ranks from
        /// the index alone), and on the page.
        @Test func theSectorFilterKeepsTheBodiesOfOneSector() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx, admin = fx.token("admin"), supervisor = fx.token("supervisor"), office = fx.token("office")
                let own = try await ledger.inspection()
                let ownProblem = try await ledger.problem(own.id, title: "会议经费超标")
                let mine = try await app.send(.GET, "/api/v1/organizations/\(fx.body)", token: admin).dto(OrganizationDTO.self)
                let set = try await app.send(.PATCH, "/api/v1/organizations/\(fx.body)", token: admin, body: ["sector": "economy"],
                                             headers: ifMatch(mine.version))
                #expect(set.status == .ok, "\(set.body.string)")
                var health: [UUID] = []
                for name in ["市卫生健康委员会党组", "市疾病预防控制中心党委"] {
                    let body = try await app.send(.POST, "/api/v1/organizations", token: admin, body: ["name": name, "kind": "body", "sector": "health"])
                    let bodyID = try body.dto(OrganizationDTO.self).id
                    let round = try await ledger.inspection(title: "市委巡察（\(name)）", body: bodyID, token: "admin")
                    let problem = try await app.send(.POST, "/api/v1/problems", token: admin, body: [
                        "inspectionId": round.id, "source": "inspection_feedback", "title": "会议经费报销不规范", "leadUnitId": bodyID,
                        "deadline": "2024-06-30"])
                    health.append(try problem.dto(ProblemDTO.self).id)
                }
                _ = try await app.send(.POST, "/api/v1/organizations", token: admin, body: ["name": "市教育局党组", "kind": "body"])
                try await Self.bothPaths(app) {
                    for extra in ["", "&kind=problem"] {
                        #expect(try await Self.search(app, supervisor, "会议经费", extra).total == 3)
                        let ofHealth = try await Self.search(app, supervisor, "会议经费", "&sector=health" + extra)
                        #expect(Set(ofHealth.items.map(\.id)) == Set(health) && ofHealth.total == 2)
                        #expect(try await Self.search(app, supervisor, "会议经费", "&sector=economy" + extra).items.map(\.id) == [ownProblem.id])
                        #expect(try await Self.search(app, supervisor, "会议经费", "&sector=education" + extra).total == 0)
                        // The filter narrows the user's reach, never widens it.
                        #expect(try await Self.search(app, office, "会议经费", "&sector=health" + extra).total == 0)
                        #expect(try await Self.search(app, office, "会议经费", "&sector=economy" + extra).items.map(\.id) == [ownProblem.id])
                    }
                }
                let bad = try await app.send(.GET, "/api/v1/search?q=\(query("会议经费"))&sector=space", token: supervisor)
                #expect(bad.status == .unprocessableEntity && bad.errorFields == ["sector"])
                let headers = try await PageTests.signIn(app, "supervisor", "password-supervisor")
                let page = try await app.send(.GET, "/search?q=\(query("会议经费"))&sector=health", headers: headers)
                let html = page.body.string
                #expect(page.status == .ok && html.contains("共 2 条结果"))
                #expect(html.contains("市卫生健康委员会党组") && html.contains("市疾病预防控制中心党委") && !html.contains("市测试局党组 ·"))
                #expect(html.contains(#"<option value="health" selected>卫生健康</option>"#))
                #expect(html.contains("sector=health"), "the links to one body keep the sector")
            }
        }

        @Test func wideSearchesAreBoundedAndSaySo() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                let office = ledger.fx.token("office"), supervisor = ledger.fx.token("supervisor")
                var problems: [UUID] = []
                for n in 1...4 { problems.append(try await ledger.problem(round.id, title: "资金管理问题\(n)").id) }
                let measure = try await ledger.measure(problems[0], text: "规范资金管理")
                app.searchLimits.window = 3
                app.searchLimits.candidates = 2
                // A supervisor's short word: only the first entries of the window (problems before measures,
                // the newest first), and the answer says so.
                let short = try await Self.search(app, supervisor, "资金")
                #expect(short.partial && short.note?.contains("不足3个字") == true)
                #expect(short.items.map(\.id) == Array(problems.reversed().prefix(3)))
                // An office reads its round's entries whole: exact.
                let own = try await Self.search(app, office, "资金")
                #expect(!own.partial && own.total == 5 && own.note == nil)
                // Too many matches for the index: the first ones by kind and time, and the answer says so.
                let many = try await Self.search(app, supervisor, "资金管理")
                #expect(many.partial && many.total == 2 && many.note?.contains("超过2条") == true)
                #expect(many.items.map(\.id) == [problems[3], problems[2]])
                let narrowed = try await Self.search(app, supervisor, "资金管理", "&inspectionId=\(round.id)")
                #expect(!narrowed.partial && narrowed.total == 5 && narrowed.items.last?.id == measure.id)
                let few = try await Self.search(app, supervisor, "规范资金")
                #expect(!few.partial && few.items.map(\.id) == [measure.id])
            }
        }

        /// The migration fills the mirror for a ledger written before it, in the same order and with the
        /// same answers as the triggers give; writes after it are numbered after what it filled.
        @Test func theMigrationFillsTheMirrorForRowsAlreadyThere() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                _ = try await Self.everyKind(ledger, round: round.id)
                _ = try await ledger.problem(round.id, title: "专项资金结余未清理")
                let supervisor = ledger.fx.token("supervisor")
                let before = try await Self.search(app, supervisor, "专项资金")
                try await CreateSearchEntries().revert(on: app.db)
                try await CreateSearchEntries().prepare(on: app.db)
                let after = try await Self.search(app, supervisor, "专项资金")
                // Rows written at the same time (the tests' clock stands still) may be numbered in another order.
                let byID = { (items: [SearchHitDTO]) in items.sorted { $0.id.uuidString < $1.id.uuidString } }
                #expect(byID(after.items) == byID(before.items) && after.total == 10)
                let newer = try await ledger.problem(round.id, title: "专项资金台账不全")
                let again = try await Self.search(app, supervisor, "专项资金", "&kind=problem")
                #expect(again.items.first?.id == newer.id && again.total == 3)
            }
        }

        /// The index can read Chinese on this database: SQLite's FTS5 `trigram` table finds a three-character
        /// word by itself, and PostgreSQL's pg_trgm finds trigrams in Chinese text (under a C character type
        /// it finds none, and every search would read the whole table) and answers `ILIKE` from the index.
        @Test func aDatabaseWithoutAUTF8CharacterTypeIsWarnedOf() {
            for ctype in ["C", "POSIX", "zh_CN.GB18030"] {
                #expect(SearchLocale.warning(ctype: ctype)?.contains("cannot index Chinese text") == true, "\(ctype)")
            }
            for ctype in ["C.UTF-8", "zh_CN.utf8", "en_US.UTF-8"] {
                #expect(SearchLocale.warning(ctype: ctype) == nil, "\(ctype)")
            }
        }

        @Test func theTrigramIndexReadsChineseText() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                let problem = try await ledger.problem(round.id, title: "公务接待超标准")
                let sql = try app.db.sql
                struct Count: Decodable { let n: Int }
                if sql.dialect.name == "postgresql" {
                    let trigrams = try await sql.raw("SELECT COALESCE(array_length(show_trgm('公务接待'), 1), 0) AS n").first(decoding: Count.self)
                    #expect(trigrams?.n == 5)
                    struct Plan: Decodable { let plan: String
                        enum CodingKeys: String, CodingKey { case plan = "QUERY PLAN" } }
                    let plan = try await app.db.transaction { tx in
                        let sql = try tx.sql
                        try await sql.raw("SET LOCAL enable_seqscan = off").run()
                        return try await sql.raw("""
                            EXPLAIN SELECT id FROM search_entries WHERE (title || ' ' || body) ILIKE \(bind: "%接待超标%")
                            """).all(decoding: Plan.self).map(\.plan).joined(separator: "\n")
                    }
                    #expect(plan.contains("idx_search_entries_text"), "\(plan)")
                } else {
                    let found = try await sql.raw("""
                        SELECT COUNT(*) AS n FROM search_fts WHERE search_fts MATCH \(bind: "\"接待超\"")
                        """).first(decoding: Count.self)
                    #expect(found?.n == 1)
                }
                #expect(try await Self.search(app, ledger.fx.token("supervisor"), "接待超").items.map(\.id) == [problem.id])
            }
        }

        @Test func aHitWithoutATitleIsNamedByItsProblemOnThePage() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let round = try await ledger.inspection()
                _ = try await Self.everyKind(ledger, round: round.id)
                let fund = try #require(try await Self.search(app, ledger.fx.token("office"), "追回超范围").items.first)
                #expect(fund.kind == .recoveredFund && fund.title.isEmpty)
                let label = try #require(fund.problemLabel)
                let headers = try await PageTests.signIn(app, "office", "password-office")
                let html = try await app.send(.GET, "/search?q=\(query("追回超范围"))", headers: headers).body.string
                #expect(html.contains("<a href=\"\(fund.link)\">问题\(label)</a>"), "\(html)")
                #expect(!html.contains("\">: "))
            }
        }

        @Test func thePageShowsHitsUnderTheirBodyAndRoundWithTheWordsMarked() async throws {
            try await withApp { app in
                let (ledger, _) = try await AuthorizationMatrixTests.build(app)
                _ = ledger
                for user in ["admin", "office", "leader", "supervisor", "reporterA"] {
                    let headers = try await PageTests.signIn(app, user, "password-\(user)")
                    let board = try await app.send(.GET, "/board", headers: headers)
                    #expect(board.body.string.contains(#"action="/search""#), "\(user): no search box")
                    let page = try await app.send(.GET, "/search?q=\(query("的措施"))", headers: headers)
                    #expect(page.status == .ok)
                    let html = page.body.string
                    #expect(html.contains("<mark>的措施</mark>") && html.contains("办公室"), "\(user)")
                    #expect(html.contains("市测试局党组 · 市委第三轮巡察"), "\(user)")
                    #expect(html.contains("交通局") == (user == "admin" || user == "supervisor"), "\(user)")
                    #expect(html.contains("财务科<mark>的措施</mark>") == (user != "reporterA"), "\(user)")
                    let empty = try await app.send(.GET, "/search", headers: headers)
                    #expect(empty.status == .ok && !empty.body.string.contains("条结果"))
                    let bad = try await app.send(.GET, "/search?q=\(query("资金"))&year=abc", headers: headers)
                    #expect(bad.status == .unprocessableEntity && bad.body.string.contains("年份应为四位年份") && !bad.body.string.contains("参数 year"))
                }
            }
        }
    }
}
