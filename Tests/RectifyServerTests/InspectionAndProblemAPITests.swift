import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import VaporTesting

extension ServerTests {
    @Suite struct InspectionAPITests {
        @Test func inspectionRoundTripCreateGetListUpdateAndStaleUpdate() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx

                let created = try await ledger.inspection()
                #expect(created.title == "市委第三轮巡察")
                #expect(created.kind == "inspection")
                #expect(created.inspectedBodyId == fx.body)
                #expect(created.feedbackDate == Day(iso: "2024-01-10"))
                #expect(created.version == 1)

                let fetched = try await app.send(.GET, "/api/v1/inspections/\(created.id)", token: fx.token("reporterA"))
                #expect(fetched.status == .ok)
                #expect(fetched.etag == "\"1\"")
                #expect(try fetched.dto(InspectionDTO.self) == created)

                let inspections = try await app.send(.GET, "/api/v1/inspections?kind=inspection", token: fx.token("office"))
                #expect(inspections.total == 1)
                let tours = try await app.send(.GET, "/api/v1/inspections?kind=tour", token: fx.token("office"))
                #expect(tours.status == .ok)
                #expect(tours.total == 0)

                let updated = try await app.send(.PATCH, "/api/v1/inspections/\(created.id)", token: fx.token("office"),
                                                 body: ["title": "市委第三轮巡察（更正）"], headers: ifMatch(1))
                #expect(updated.status == .ok)
                #expect(updated.etag == "\"2\"")
                let after = try updated.dto(InspectionDTO.self)
                #expect(after.title == "市委第三轮巡察（更正）")
                #expect(after.version == 2)

                let stale = try await app.send(.PATCH, "/api/v1/inspections/\(created.id)", token: fx.token("office"),
                                               body: ["title": "旧版本上的修改"], headers: ifMatch(1))
                #expect(stale.status == .conflict)
                #expect(stale.errorCode == "stale_version")

                // Inspections are not deletable: no DELETE route.
                let delete = try await app.send(.DELETE, "/api/v1/inspections/\(created.id)", token: fx.token("admin"),
                                                headers: ifMatch(2))
                #expect(delete.status == .notFound)
                let still = try await app.send(.GET, "/api/v1/inspections/\(created.id)", token: fx.token("office"))
                #expect(still.status == .ok)
            }
        }

        @Test func inspectionDatesMustBeInOrder() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let res = try await app.send(.POST, "/api/v1/inspections", token: fx.token("office"), body: [
                    "title": "市委第四轮巡察", "inspectingGroup": "市委第四巡察组", "inspectedBodyId": fx.body,
                    "onsiteStart": "2024-03-01", "onsiteEnd": "2024-02-01", "feedbackDate": "2024-02-15",
                    "rectificationDeadline": "2024-02-10",
                ])
                #expect(res.status == .unprocessableEntity)
                #expect(Set(res.errorFields) == ["onsiteEnd", "rectificationDeadline"])
            }
        }

        @Test func officeOfAnotherBodyCannotMaintainThisBodysInspection() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let org = try await app.send(.POST, "/api/v1/organizations", token: ledger.fx.token("admin"),
                                             body: ["name": "市交通局党组", "kind": "body"])
                let body2 = try #require(UUID(uuidString: try org.json()["id"] as? String ?? ""))
                let office2 = try await Fixture.makeUser(app, name: "office2", role: .office, organization: body2)
                let res = try await app.send(.POST, "/api/v1/inspections", token: office2, body: [
                    "title": "越权轮次", "inspectingGroup": "市委第一巡察组", "inspectedBodyId": ledger.fx.body,
                ])
                // Another body's unit is refused exactly as one that does not exist.
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorFieldCodes == ["unknown_reference"])
            }
        }
    }

    @Suite struct ProblemAPITests {
        @Test func problemRoundTripWithLeadersNumbersFiltersUpdateStaleAndDelete() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection()
                let leader1 = try await ledger.person("李建国")
                let leader2 = try await ledger.person("陈志强")

                let first = try await ledger.problem(inspection.id, extra: ["leaderIds": [leader1.id, leader2.id],
                                                                            "category": "党的领导", "description": "招标文件审核把关不严"])
                #expect(first.number == 1)
                #expect(first.label == "(1)")
                #expect(Set(first.leaderIds) == [leader1.id, leader2.id])
                #expect(first.status == .notStarted)
                #expect(first.statusLabel == "未启动")
                #expect(first.deadline == Day(iso: "2024-06-30"))
                let second = try await ledger.problem(inspection.id, title: "专项资金使用管理不规范")
                #expect(second.number == 2)
                #expect(second.label == "(2)")
                let assigned = try await ledger.problem(inspection.id, title: "城中村改造推进缓慢", source: "secretary_assigned")
                #expect(assigned.number == 1)
                #expect(assigned.label == "1.")

                let fetched = try await app.send(.GET, "/api/v1/problems/\(first.id)", token: fx.token("leader"))
                #expect(try fetched.dto(ProblemDTO.self) == first)

                let feedback = try await app.send(.GET, "/api/v1/problems?source=inspection_feedback&sort=-number",
                                                  token: fx.token("office"))
                #expect(feedback.total == 2)
                #expect(try feedback.items().compactMap { $0["title"] as? String } == ["专项资金使用管理不规范", "工程招投标监管存在漏洞"])
                let byCategory = try await app.send(.GET, "/api/v1/problems?category=\(query("党的领导"))", token: fx.token("office"))
                #expect(byCategory.total == 1)
                let byInspection = try await app.send(.GET, "/api/v1/problems?inspectionId=\(inspection.id)", token: fx.token("office"))
                #expect(byInspection.total == 3)

                let updated = try await app.send(.PATCH, "/api/v1/problems/\(first.id)", token: fx.token("office"),
                                                 body: ["leaderIds": [leader2.id], "title": "工程招投标监管存在明显漏洞"],
                                                 headers: ifMatch(1))
                #expect(updated.status == .ok)
                let after = try updated.dto(ProblemDTO.self)
                #expect(after.leaderIds == [leader2.id])
                #expect(after.title == "工程招投标监管存在明显漏洞")
                #expect(after.version == 2)

                let stale = try await app.send(.PATCH, "/api/v1/problems/\(first.id)", token: fx.token("office"),
                                               body: ["title": "x"], headers: ifMatch(1))
                #expect(stale.status == .conflict)
                #expect(stale.errorCode == "stale_version")

                let staleDelete = try await app.send(.DELETE, "/api/v1/problems/\(first.id)", token: fx.token("office"),
                                                     headers: ifMatch(1))
                #expect(staleDelete.status == .conflict)
                let deleted = try await app.send(.DELETE, "/api/v1/problems/\(first.id)", token: fx.token("office"),
                                                 headers: ifMatch(2))
                #expect(deleted.status == .noContent)
                let gone = try await app.send(.GET, "/api/v1/problems/\(first.id)", token: fx.token("office"))
                #expect(gone.status == .notFound)
            }
        }

        @Test func duplicateProblemNumberWithinASourceIsRefused() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                _ = try await ledger.problem(inspection.id, extra: ["number": 3])
                let duplicate = try await app.send(.POST, "/api/v1/problems", token: ledger.fx.token("office"), body: [
                    "inspectionId": inspection.id, "source": "inspection_feedback", "title": "另一个问题", "number": 3,
                ])
                #expect(duplicate.status == .unprocessableEntity)
                #expect(duplicate.errorFields == ["number"])
                #expect(duplicate.errorFieldCodes == ["duplicate"])
            }
        }

        @Test func problemWithMeasuresCannotBeDeleted() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                let problem = try await ledger.problem(inspection.id)
                _ = try await ledger.measure(problem.id)
                let res = try await app.send(.DELETE, "/api/v1/problems/\(problem.id)", token: ledger.fx.token("office"),
                                             headers: ifMatch(1))
                #expect(res.status == .conflict)
                #expect(res.errorCode == "in_use")
            }
        }
    }
}
