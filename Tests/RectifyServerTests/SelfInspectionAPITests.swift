import Foundation
import RectifyCore
import RectifyDocuments
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Self-inspection tasks (举一反三): issued by the inspection office to bodies by sector or picked,
    /// answered once by each body's office, the found problem entering the body's ledger, late
    /// answers on the board and in the escalation scan's notices.
    @Suite struct SelfInspectionAPITests {
        /// The fixture's body (A, sector housing, with a round), body B (transport, with a round and its
        /// office "officeB") and body C (transport, no round, office "officeC").
        struct World {
            let ledger: Ledger
            let roundA: UUID
            let problemA: ProblemDTO
            let personA: PersonDTO
            let bodyB: UUID
            let unitB: UUID
            let bodyC: UUID
            var fx: Fixture { ledger.fx }
            var app: Application { ledger.app }
            let tokens: [String: String]

            func token(_ name: String) -> String { tokens[name] ?? fx.token(name) }

            static func make(_ app: Application) async throws -> World {
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let admin = fx.token("admin")
                let body = try await app.send(.GET, "/api/v1/organizations/\(fx.body)", token: admin)
                let patched = try await app.send(.PATCH, "/api/v1/organizations/\(fx.body)", token: admin,
                                                 body: ["sector": "housing", "version": try body.json()["version"] as? Int ?? 1])
                try #require(patched.status == .ok, "sector: \(patched.status) \(patched.body.string)")
                let round = try await ledger.inspection()
                let person = try await ledger.person("王敏", organization: fx.unitA)
                let problem = try await ledger.problem(round.id, title: "公务接待超标准", extra: ["description": "个别接待未按标准执行。"])
                func created(_ res: TestingHTTPResponse) throws -> UUID {
                    try #require(res.status == .created, "\(res.status) \(res.body.string)")
                    return try #require(UUID(uuidString: try res.json()["id"] as? String ?? ""))
                }
                let bodyB = try created(try await app.send(.POST, "/api/v1/organizations", token: admin,
                                                           body: ["name": "市交通局党组", "kind": "body", "sector": "transport"]))
                let unitB = try created(try await app.send(.POST, "/api/v1/organizations", token: admin,
                                                           body: ["name": "交通局办公室", "kind": "department", "parentId": bodyB]))
                _ = try await ledger.inspection(title: "交通局轮次", body: bodyB, token: "admin")
                let bodyC = try created(try await app.send(.POST, "/api/v1/organizations", token: admin,
                                                           body: ["name": "市公路局党组", "kind": "body", "sector": "transport"]))
                var tokens: [String: String] = [:]
                tokens["officeB"] = try await Fixture.makeUser(app, name: "officeB", role: .office, organization: bodyB)
                tokens["officeC"] = try await Fixture.makeUser(app, name: "officeC", role: .office, organization: bodyC)
                return World(ledger: ledger, roundA: round.id, problemA: problem, personA: person, bodyB: bodyB, unitB: unitB,
                             bodyC: bodyC, tokens: tokens)
            }

            func issue(_ body: [String: Any], token: String = "supervisor") async throws -> SelfInspectionTaskDTO {
                let res = try await app.send(.POST, "/api/v1/self-inspection-tasks", token: self.token(token), body: body)
                try #require(res.status == .created, "issue: \(res.status) \(res.body.string)")
                return try res.dto(SelfInspectionTaskDTO.self)
            }

            func answer(_ task: UUID, as user: String, _ body: [String: Any], version: Int? = 1) async throws -> TestingHTTPResponse {
                try await app.send(.POST, "/api/v1/self-inspection-tasks/\(task)/answer", token: token(user), body: body,
                                   headers: version.map(ifMatch) ?? [:])
            }
        }

        @Test func aBodyWithAnAnswerIsNotDeleted() async throws {
            try await withApp { app in
                let w = try await World.make(app)
                let admin = w.fx.token("admin")
                let created = try await app.send(.POST, "/api/v1/organizations", token: admin, body: ["name": "市航道局党组", "kind": "body"])
                let bodyD = try #require(UUID(uuidString: try created.json()["id"] as? String ?? ""))
                _ = try await w.issue(["title": "公车使用自查", "requirement": "自查", "bodyIds": [bodyD], "workingDays": 5])
                let deleted = try await app.send(.DELETE, "/api/v1/organizations/\(bodyD)", token: admin, headers: ["If-Match": "\"1\""])
                #expect(deleted.status == .conflict)
                #expect(deleted.errorCode == "in_use")
            }
        }

        @Test func theOfficeIssuesATaskFromAProblemBySectorAndPickedBodies() async throws {
            try await withApp { app in
                let w = try await World.make(app)
                let audit = try await app.auditTotal(w.fx)
                let task = try await w.issue(["sourceProblemId": w.problemA.id, "sectors": ["transport"], "bodyIds": [w.fx.body],
                                              "workingDays": 5])
                #expect(task.title == "关于“公务接待超标准”问题的举一反三自查")
                #expect(task.requirement.contains("公务接待超标准") && task.requirement.contains("个别接待未按标准执行。"))
                #expect(task.sourceProblemId == w.problemA.id)
                #expect(task.sectors == ["transport"])
                // Friday 15 March 2024 and five working days: Friday 22 March.
                #expect(task.issuedOn.iso == "2024-03-15" && task.dueOn.iso == "2024-03-22")
                #expect(Set(task.answers.map(\.bodyId)) == [w.fx.body, w.bodyB, w.bodyC])
                #expect(task.answers.allSatisfy { $0.state == .pending && $0.standing == "pending" && $0.version == 1 })
                #expect(task.counts == .init(bodies: 3, answered: 0, pending: 3, late: 0, found: 0))
                #expect(try await app.auditTotal(w.fx) == audit + 1)
                let events = try await app.send(.GET, "/api/v1/audit?entity=self_inspection_task", token: w.fx.token("supervisor"))
                #expect(events.body.string.contains(task.id.uuidString))

                // From text, to one picked body.
                let picked = try await w.issue(["title": "关于开展违规收送礼品礼金问题自查的通知", "requirement": "对照要求开展自查。",
                                                "bodyIds": [w.bodyB], "workingDays": 10], token: "admin")
                #expect(picked.answers.map(\.bodyId) == [w.bodyB] && picked.sourceProblemId == nil && picked.dueOn.iso == "2024-03-29")
                let list = try await app.send(.GET, "/api/v1/self-inspection-tasks", token: w.fx.token("supervisor"))
                #expect(list.total == 2)
                let filtered = try await app.send(.GET, "/api/v1/self-inspection-tasks?bodyId=\(w.fx.body)", token: w.fx.token("supervisor"))
                #expect(filtered.total == 1)
                let bySource = try await app.send(.GET, "/api/v1/self-inspection-tasks?problemId=\(w.problemA.id)", token: w.fx.token("supervisor"))
                #expect(try bySource.items().map { $0["id"] as? String } == [task.id.uuidString])
            }
        }

        @Test func badInputIsRefusedNamingTheFields() async throws {
            try await withApp { app in
                let w = try await World.make(app)
                let audit = try await app.auditTotal(w.fx)
                let empty = try await app.send(.POST, "/api/v1/self-inspection-tasks", token: w.fx.token("supervisor"), body: [:])
                #expect(empty.status == .unprocessableEntity)
                #expect(Set(empty.errorFields) == ["workingDays", "title", "requirement", "bodyIds"])
                let bad = try await app.send(.POST, "/api/v1/self-inspection-tasks", token: w.fx.token("supervisor"), body: [
                    "title": "自查", "requirement": "自查", "workingDays": 61, "sectors": ["roads"], "sourceProblemId": UUID()])
                // No valid sector and no body picked: nobody to send to either.
                #expect(Set(bad.errorFields) == ["workingDays", "sectors", "sourceProblemId", "bodyIds"])
                let message = try bad.json()["error"].flatMap { ($0 as? [String: Any])?["fields"] as? [[String: Any]] }?
                    .first { $0["field"] as? String == "workingDays" }?["message"] as? String
                #expect(message == "报送时限（工作日）应在1至60之间")
                let notBodies = try await app.send(.POST, "/api/v1/self-inspection-tasks", token: w.fx.token("supervisor"), body: [
                    "title": "自查", "requirement": "自查", "workingDays": 3, "bodyIds": [w.fx.unitA], "sectors": ["education"]])
                #expect(Set(notBodies.errorFields) == ["bodyIds", "sectors"])
                #expect(notBodies.errorFieldCodes.contains("empty_sector"))
                #expect(try await app.auditTotal(w.fx) == audit)
                for user in ["office", "leader", "reporterA"] {
                    let refused = try await app.send(.POST, "/api/v1/self-inspection-tasks", token: w.fx.token(user),
                                                     body: ["title": "自查", "requirement": "自查", "workingDays": 3, "bodyIds": [w.fx.body]])
                    #expect(refused.status == .forbidden, "\(user)")
                }
                let reporter = try await app.send(.GET, "/api/v1/self-inspection-tasks", token: w.fx.token("reporterA"))
                #expect(reporter.status == .forbidden)
            }
        }

        @Test func aBodySeesOnlyTasksSentToItAndOnlyItsOwnAnswer() async throws {
            try await withApp { app in
                let w = try await World.make(app)
                let both = try await w.issue(["title": "两单位自查", "requirement": "自查", "bodyIds": [w.fx.body, w.bodyB], "workingDays": 5])
                let onlyB = try await w.issue(["title": "交通局专项自查", "requirement": "自查", "bodyIds": [w.bodyB], "workingDays": 5])
                for user in ["office", "leader"] {
                    let list = try await app.send(.GET, "/api/v1/self-inspection-tasks", token: w.fx.token(user))
                    #expect(list.status == .ok && list.total == 1, "\(user)")
                    let text = list.body.string
                    #expect(!text.contains(w.bodyB.uuidString) && !text.contains("交通局") && !text.contains("counts"), "\(user): \(text)")
                    let items = try list.dto(Page<SelfInspectionTaskDTO>.self).items
                    #expect(items.map(\.id) == [both.id] && items[0].answers.map(\.bodyId) == [w.fx.body] && items[0].sourceProblemId == nil)
                    let detail = try await app.send(.GET, "/api/v1/self-inspection-tasks/\(both.id)", token: w.fx.token(user))
                    #expect(try detail.dto(SelfInspectionTaskDTO.self).answers.map(\.bodyId) == [w.fx.body])
                    #expect(!detail.body.string.contains(w.bodyB.uuidString))
                    let hidden = try await app.send(.GET, "/api/v1/self-inspection-tasks/\(onlyB.id)", token: w.fx.token(user))
                    #expect(hidden.status == .notFound)
                }
                let answered = try await w.answer(onlyB.id, as: "office", ["state": "not_found", "explanation": "未发现"])
                #expect(answered.status == .notFound)
                // Filtering by another body tells nothing of which tasks it received.
                let byB = try await app.send(.GET, "/api/v1/self-inspection-tasks?bodyId=\(w.bodyB)", token: w.fx.token("office"))
                #expect(byB.status == .ok && byB.total == 0)
                let byOwn = try await app.send(.GET, "/api/v1/self-inspection-tasks?bodyId=\(w.fx.body)", token: w.fx.token("office"))
                #expect(byOwn.total == 1)
                let bySource = try await app.send(.GET, "/api/v1/self-inspection-tasks?problemId=\(w.problemA.id)", token: w.fx.token("office"))
                #expect(bySource.status == .unprocessableEntity && bySource.errorFields == ["problemId"])
                let supervisor = try await app.send(.GET, "/api/v1/self-inspection-tasks", token: w.fx.token("supervisor"))
                #expect(supervisor.total == 2)
                let tasks = try supervisor.dto(Page<SelfInspectionTaskDTO>.self).items
                #expect(tasks.allSatisfy { $0.counts != nil && $0.answers.isEmpty })
                for user in ["reporterA", "reporterB"] {
                    #expect(try await app.send(.GET, "/api/v1/self-inspection-tasks/\(both.id)", token: w.fx.token(user)).status == .forbidden)
                }
            }
        }

        @Test func bodiesAnswerNotFoundOrFoundAndTheFoundProblemEntersTheLedger() async throws {
            try await withApp { app in
                let w = try await World.make(app)
                let task = try await w.issue(["title": "两单位自查", "requirement": "自查", "sectors": ["housing", "transport"], "workingDays": 5])
                #expect(task.answers.count == 3)

                // Not found: the explanation is required, the version too, and the answer is final.
                let noExplanation = try await w.answer(task.id, as: "officeB", ["state": "not_found"])
                #expect(noExplanation.status == .unprocessableEntity && noExplanation.errorFields == ["explanation"])
                let noVersion = try await w.answer(task.id, as: "officeB", ["state": "not_found", "explanation": "已自查"], version: nil)
                #expect(noVersion.status == .preconditionRequired)
                let stale = try await w.answer(task.id, as: "officeB", ["state": "not_found", "explanation": "已自查"], version: 4)
                #expect(stale.status == .conflict && stale.errorCode == "stale_version")
                let noState = try await w.answer(task.id, as: "officeB", ["state": "pending"])
                #expect(noState.errorFields.contains("state"))
                let notFound = try await w.answer(task.id, as: "officeB", ["state": "not_found", "explanation": "逐项对照，未发现同类问题。"])
                #expect(notFound.status == .ok, "\(notFound.body.string)")
                let b = try notFound.dto(SelfInspectionAnswerDTO.self)
                #expect(b.state == .notFound && b.standing == "answered" && b.answeredOn?.iso == "2024-03-15" && b.version == 2 && b.problemId == nil)
                let again = try await w.answer(task.id, as: "officeB", ["state": "not_found", "explanation": "再次报送"], version: 2)
                #expect(again.status == .conflict && again.errorCode == "already_answered")

                // Found: the measures are checked field by field, within the body and not in the past.
                let audit = try await app.auditTotal(w.fx)
                let refused = try await w.answer(task.id, as: "office", ["state": "found", "problemTitle": "公务接待不规范", "measures": [
                    ["text": "", "leadUnitId": w.fx.unitA, "deadline": "2024-05-31"],
                    ["text": "整改", "leadUnitId": w.unitB, "deadline": "2024-03-01"]]])
                #expect(refused.status == .unprocessableEntity)
                #expect(Set(refused.errorFields) == ["measures[0].text", "measures[1].deadline"])
                let foreign = try await w.answer(task.id, as: "office", ["state": "found", "problemTitle": "公务接待不规范", "measures": [
                    ["text": "整改", "leadUnitId": w.unitB, "deadline": "2024-05-31"]]])
                #expect(foreign.status == .unprocessableEntity && foreign.errorFields == ["measures[0].leadUnitId"])
                let noMeasures = try await w.answer(task.id, as: "office", ["state": "found", "problemTitle": "公务接待不规范"])
                #expect(noMeasures.errorFields == ["measures"])
                #expect(try await app.auditTotal(w.fx) == audit)

                let found = try await w.answer(task.id, as: "office", [
                    "state": "found", "problemTitle": "公务接待不规范", "problemDescription": "自查发现2次接待超出标准。",
                    "explanation": "对照检查了2023年以来的接待记录。",
                    "measures": [["text": "修订公务接待管理办法", "leadUnitId": w.fx.unitA, "leaderId": w.personA.id, "deadline": "2024-05-31"],
                                 ["text": "清退超标准费用", "kind": "immediate", "leadUnitId": w.fx.unitB, "deadline": "2024-04-15"]]])
                #expect(found.status == .ok, "\(found.body.string)")
                let a = try found.dto(SelfInspectionAnswerDTO.self)
                let problemID = try #require(a.problemId)
                #expect(a.state == .found && a.stateLabel == "查找到同类问题")
                // The problem, its two measures and the answer, in one transaction.
                #expect(try await app.auditTotal(w.fx) == audit + 4)
                let problem = try await w.ledger.getProblem(problemID)
                #expect(problem.source == .selfFound && problem.inspectionId == w.roundA && problem.title == "公务接待不规范")
                #expect(problem.deadline?.iso == "2024-05-31" && problem.leadUnitId == w.fx.unitA && problem.leaderIds == [w.personA.id])
                let measures = try await app.send(.GET, "/api/v1/measures?problemId=\(problemID)&sort=number", token: w.fx.token("office"))
                let items = try measures.dto(Page<MeasureDTO>.self).items
                #expect(items.map(\.text) == ["修订公务接待管理办法", "清退超标准费用"])
                #expect(items.map { $0.deadline?.iso } == ["2024-05-31", "2024-04-15"] && items[1].kind == .immediate)
                #expect(items.map(\.leadUnitId) == [w.fx.unitA, w.fx.unitB] && items[0].leaderId == w.personA.id)
                // Like any measure: on the warnings list, visible to its unit's reporter.
                let warnings = try await app.send(.GET, "/api/v1/warnings?inspectionId=\(w.roundA)", token: w.fx.token("office"))
                #expect(warnings.body.string.contains(items[0].id.uuidString))
                let reporter = try await app.send(.GET, "/api/v1/measures?problemId=\(problemID)", token: w.fx.token("reporterB"))
                #expect(reporter.total == 1)
                let bySource = try await app.send(.GET, "/api/v1/problems?inspectionId=\(w.roundA)&source=self_found", token: w.fx.token("office"))
                #expect(bySource.total == 1)

                // A body without an open round cannot enter what it found.
                let noRound = try await w.answer(task.id, as: "officeC", ["state": "found", "problemTitle": "同类问题", "measures": [
                    ["text": "整改", "leadUnitId": w.bodyC, "deadline": "2024-05-31"]]])
                #expect(noRound.status == .unprocessableEntity && noRound.errorFieldCodes == ["no_open_round"])

                let detail = try await app.send(.GET, "/api/v1/self-inspection-tasks/\(task.id)", token: w.fx.token("supervisor"))
                let seen = try detail.dto(SelfInspectionTaskDTO.self)
                #expect(seen.counts == .init(bodies: 3, answered: 2, pending: 1, late: 0, found: 1))
                let answers = try await app.send(.GET, "/api/v1/audit?entity=self_inspection_answer", token: w.fx.token("supervisor"))
                #expect(answers.total == 2)
                let foundFilter = try await app.send(.GET, "/api/v1/self-inspection-tasks?state=found", token: w.fx.token("office"))
                #expect(foundFilter.total == 1)
                let foundFilterB = try await app.send(.GET, "/api/v1/self-inspection-tasks?state=found", token: w.token("officeB"))
                #expect(foundFilterB.total == 0)
            }
        }

        @Test func theDemoHasAnOpenTaskOneBodyAnsweredAndOneLate() async throws {
            try await withApp { app in
                let accounts = try #require(try await DemoLedger.loadIfEmpty(app))
                #expect(accounts.contains { $0.username == "office-transport" })
                func login(_ name: String) async throws -> String {
                    let res = try await app.send(.POST, "/api/v1/auth/login", body: ["username": name, "password": DemoLedger.password])
                    return try #require(try res.json()["token"] as? String)
                }
                let tasks = try await app.send(.GET, "/api/v1/self-inspection-tasks", token: try await login("supervisor"))
                let task = try #require(try tasks.dto(Page<SelfInspectionTaskDTO>.self).items.first)
                #expect(tasks.total == 1 && task.sourceProblemId != nil)
                #expect(task.counts == .init(bodies: 2, answered: 1, pending: 1, late: 1, found: 0))
                let transport = try await app.send(.GET, "/api/v1/self-inspection-tasks/\(task.id)", token: try await login("office-transport"))
                let own = try transport.dto(SelfInspectionTaskDTO.self).answers
                #expect(own.count == 1 && own[0].state == .notFound && own[0].bodyName == DemoSelfInspection.transportBody)
                // The housing bureau's office was not asked.
                #expect(try await app.send(.GET, "/api/v1/self-inspection-tasks", token: try await login("office")).total == 0)
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
            }
        }

        final class Clock: @unchecked Sendable {
            var now = fixedNow
        }

        @Test func lateAnswersAreOnTheBoardAndInTheScansNoticesOnce() async throws {
            let clock = Clock()
            try await withApp(now: { clock.now }) { app in
                let w = try await World.make(app)
                let task = try await w.issue(["title": "公车使用自查", "requirement": "自查", "bodyIds": [w.fx.body, w.bodyB, w.bodyC],
                                              "workingDays": 1])
                #expect(task.dueOn.iso == "2024-03-18")
                #expect(try await EscalationScan(holder: "t").run(app).noticesIssued == 0)
                _ = try await w.answer(task.id, as: "officeB", ["state": "not_found", "explanation": "未发现"])
                // Thursday 21 March: three working days late.
                clock.now = fixedNow.addingTimeInterval(6 * 86_400)
                let supervisor = try await app.send(.GET, "/api/v1/self-inspection-tasks?late=true", token: w.fx.token("supervisor"))
                #expect(supervisor.total == 1)
                let counts = try supervisor.dto(Page<SelfInspectionTaskDTO>.self).items.first?.counts
                #expect(counts?.late == 2 && counts?.answered == 1)
                let own = try await app.send(.GET, "/api/v1/self-inspection-tasks/\(task.id)", token: w.fx.token("office"))
                #expect(try own.dto(SelfInspectionTaskDTO.self).answers.first?.standing == "late")

                let boardSupervisor = try await ServerTests.PageFlowTests.Browser.signIn(app, "supervisor", "password-supervisor").get("/board")
                #expect(boardSupervisor.body.string.contains("举一反三自查逾期未报送：<strong>2</strong>个单位次"))
                #expect(boardSupervisor.body.string.contains("/self-inspection-tasks?late=true"))
                let boardOffice = try await ServerTests.PageFlowTests.Browser.signIn(app, "office", "password-office").get("/board")
                #expect(boardOffice.body.string.contains("举一反三自查逾期未报送：<strong>1</strong>个单位次"))
                let boardB = try await ServerTests.PageFlowTests.Browser.signIn(app, "officeB", "password-officeB").get("/board")
                #expect(!boardB.body.string.contains("举一反三自查逾期未报送"))

                // Body A has a round to carry the notice; body C has none and is left to the board.
                let first = try await EscalationScan(holder: "t").run(app)
                #expect(first.noticesIssued == 1 && first.itemsNoticed == 1)
                let notices = try await app.send(.GET, "/api/v1/reminder-notices?inspectionId=\(w.roundA)", token: w.fx.token("office"))
                let notice = try #require(try notices.items().first { ($0["title"] as? String) == "关于逾期未报送举一反三自查情况的巡察整改督办单" })
                let body = notice["body"] as? String ?? ""
                #expect(body.contains("《公车使用自查》") && body.contains("已逾期3个工作日") && body.contains("市测试局党组"))
                #expect((notice["recipients"] as? [String])?.contains("市测试局党组主要负责人") == true)
                // Its Word copy keeps the numbered lines: with no measure items they are all it lists.
                let noticeID = try #require(notice["id"] as? String)
                let document = try await app.send(.GET, "/api/v1/reminder-notices/\(noticeID)/document", token: w.fx.token("office"))
                #expect(document.status == .ok)
                let text = try DocxTextExtractor.paragraphs(from: Data(buffer: document.body)).joined(separator: "\n")
                #expect(text.contains("1. 《公车使用自查》") && text.contains("已逾期3个工作日"))
                let second = try await EscalationScan(holder: "t").run(app)
                #expect(second.noticesIssued == 0)
                let events = try await app.send(.GET, "/api/v1/audit?entity=reminder_notice", token: w.fx.token("supervisor"))
                #expect(events.total == 1)

                // Answered late: no longer counted, shown as answered late.
                let late = try await w.answer(task.id, as: "office", ["state": "not_found", "explanation": "未发现同类问题"])
                #expect(try late.dto(SelfInspectionAnswerDTO.self).standing == "answeredLate")
                let after = try await app.send(.GET, "/api/v1/self-inspection-tasks/\(task.id)", token: w.fx.token("supervisor"))
                #expect(try after.dto(SelfInspectionTaskDTO.self).counts?.late == 1)
            }
        }
    }
}
