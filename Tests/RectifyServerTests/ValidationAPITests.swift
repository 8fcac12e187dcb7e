import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import VaporTesting

extension ServerTests {
    /// 422 with field names, 400 for malformed JSON, 404 for unknown ids, 428 without a version.
    @Suite struct ValidationAPITests {
        @Test func measureFieldErrorsNameEachField() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let token = ledger.fx.token("office")

                let empty = try await app.send(.POST, "/api/v1/measures", token: token, body: [:])
                #expect(empty.status == .unprocessableEntity)
                #expect(empty.errorCode == "validation_failed")
                #expect(Set(empty.errorFields) == ["problemId", "text", "deadline"])

                let order = try await app.send(.POST, "/api/v1/measures", token: token, body: [
                    "problemId": problem.id, "text": "措施", "startDate": "2024-05-01", "deadline": "2024-04-30",
                ])
                #expect(order.status == .unprocessableEntity)
                #expect(order.errorFields == ["deadline"])
                #expect(order.errorFieldCodes == ["date_order"])

                let badDate = try await app.send(.POST, "/api/v1/measures", token: token, body: [
                    "problemId": problem.id, "text": "措施", "deadline": "30 April 2024",
                ])
                #expect(badDate.status == .unprocessableEntity)
                #expect(badDate.errorFields.contains("deadline"))
                #expect(badDate.errorFieldCodes.contains("invalid_date"))

                let impossible = try await app.send(.POST, "/api/v1/measures", token: token, body: [
                    "problemId": problem.id, "text": "措施", "deadline": "2024-02-30",
                ])
                #expect(impossible.status == .unprocessableEntity)
                #expect(impossible.errorFieldCodes.contains("invalid_date"))

                let unknownProblem = try await app.send(.POST, "/api/v1/measures", token: token, body: [
                    "problemId": UUID(), "text": "措施", "deadline": "2024-04-30",
                ])
                #expect(unknownProblem.status == .unprocessableEntity)
                #expect(unknownProblem.errorFields == ["problemId"])
                #expect(unknownProblem.errorFieldCodes == ["unknown_reference"])

                let unknownUnit = try await app.send(.POST, "/api/v1/measures", token: token, body: [
                    "problemId": problem.id, "text": "措施", "deadline": "2024-04-30", "supportingUnitIds": [UUID()],
                ])
                #expect(unknownUnit.errorFields == ["supportingUnitIds"])
                #expect(unknownUnit.errorFieldCodes == ["unknown_reference"])

                let badKind = try await app.send(.POST, "/api/v1/measures", token: token, body: [
                    "problemId": problem.id, "text": "措施", "deadline": "2024-04-30", "kind": "forever",
                ])
                #expect(badKind.status == .unprocessableEntity)
                #expect(badKind.errorFields == ["kind"])

                let wrongType = try await app.send(.POST, "/api/v1/measures", token: token, body: [
                    "problemId": problem.id, "text": "措施", "deadline": "2024-04-30", "number": "three",
                ])
                #expect(wrongType.status == .unprocessableEntity)
                #expect(wrongType.errorFields == ["number"])
                #expect(wrongType.errorFieldCodes == ["type_mismatch"])

                let badUUID = try await app.send(.POST, "/api/v1/measures", token: token, body: [
                    "problemId": "not-a-uuid", "text": "措施", "deadline": "2024-04-30",
                ])
                #expect(badUUID.status == .unprocessableEntity)
                #expect(badUUID.errorFields == ["problemId"])

                let none = try await app.send(.GET, "/api/v1/measures", token: token)
                #expect(none.total == 0)

                // Slashes are accepted, as Day(iso:) documents, and stored as ISO.
                let slashes = try await app.send(.POST, "/api/v1/measures", token: token, body: [
                    "problemId": problem.id, "text": "措施", "deadline": "2024/04/30",
                ])
                #expect(slashes.status == .created)
                #expect(try slashes.dto(MeasureDTO.self).deadline == Day(iso: "2024-04-30"))
            }
        }

        @Test func malformedDeadlineIsReportedOnceNotAlsoAsMissing() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let res = try await app.send(.POST, "/api/v1/measures", token: ledger.fx.token("office"), body: [
                    "problemId": problem.id, "text": "措施", "deadline": "2024-02-30",
                ])
                #expect(res.status == .unprocessableEntity)
                // The user did give a deadline; "整改期限不能为空" would be a wrong message.
                #expect(res.errorFieldCodes == ["invalid_date"])
            }
        }

        @Test func leadersAndSupportingUnitsKeepTheOrderGiven() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                var leaders: [UUID] = []
                for name in ["甲", "乙", "丙", "丁", "戊"] { leaders.append(try await ledger.person(name).id) }
                let problem = try await ledger.problem(try await ledger.inspection().id, extra: ["leaderIds": leaders])
                #expect(problem.leaderIds == leaders, "leaderIds come back in the order submitted")
                #expect(try await ledger.getProblem(problem.id).leaderIds == leaders)

                var units: [UUID] = [fx.unitB, fx.body]
                for name in ["法规科", "人事科", "机关党委"] {
                    let org = try await app.send(.POST, "/api/v1/organizations", token: fx.token("office"),
                                                 body: ["name": name, "kind": "department", "parentId": fx.body])
                    units.append(try #require(UUID(uuidString: try org.json()["id"] as? String ?? "")))
                }
                let measure = try await ledger.measure(problem.id, extra: ["supportingUnitIds": units])
                #expect(measure.supportingUnitIds == units, "supportingUnitIds come back in the order submitted")
            }
        }

        @Test func problemAndInspectionFieldErrors() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let token = ledger.fx.token("office")
                let problem = try await app.send(.POST, "/api/v1/problems", token: token, body: ["title": ""])
                #expect(problem.status == .unprocessableEntity)
                #expect(Set(problem.errorFields) == ["inspectionId", "source", "title"])

                let badSource = try await app.send(.POST, "/api/v1/problems", token: token,
                                                   body: ["inspectionId": UUID(), "source": "rumour", "title": "x"])
                #expect(badSource.status == .unprocessableEntity)
                #expect(badSource.errorFields == ["source"])

                let unknownInspection = try await app.send(.POST, "/api/v1/problems", token: token,
                                                           body: ["inspectionId": UUID(), "source": "self_found", "title": "x"])
                #expect(unknownInspection.errorFields == ["inspectionId"])
                #expect(unknownInspection.errorFieldCodes == ["unknown_reference"])

                let inspection = try await app.send(.POST, "/api/v1/inspections", token: token, body: ["kind": "raid"])
                #expect(inspection.status == .unprocessableEntity)
                #expect(Set(inspection.errorFields) == ["title", "inspectingGroup", "kind", "inspectedBodyId"])

                let longTitle = try await app.send(.POST, "/api/v1/problems", token: token, body: [
                    "inspectionId": UUID(), "source": "self_found", "title": String(repeating: "长", count: 301),
                ])
                #expect(longTitle.errorFieldCodes == ["too_long"])
            }
        }

        @Test func malformedJSONIs400() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let res = try await app.send(.POST, "/api/v1/problems", token: fx.token("office"), raw: "{\"title\": [")
                #expect(res.status == .badRequest)
                #expect(res.errorCode == "malformed_json")
                let notObject = try await app.send(.POST, "/api/v1/problems", token: fx.token("office"), raw: "\"text\"")
                #expect(notObject.status.code >= 400 && notObject.status.code < 500)
            }
        }

        @Test func unknownOrInvalidIdsAre404() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                for path in ["measures", "problems", "inspections", "progress-reports", "reminder-notices", "people"] {
                    let unknown = try await app.send(.GET, "/api/v1/\(path)/\(UUID())", token: fx.token("office"))
                    #expect(unknown.status == .notFound, "\(path) unknown id")
                    #expect(unknown.errorCode == "not_found")
                    let invalid = try await app.send(.GET, "/api/v1/\(path)/not-a-uuid", token: fx.token("office"))
                    #expect(invalid.status == .notFound, "\(path) invalid id")
                }
                let patch = try await app.send(.PATCH, "/api/v1/measures/\(UUID())", token: fx.token("office"),
                                               body: ["text": "x"], headers: ifMatch(1))
                #expect(patch.status == .notFound)
                let evidence = try await app.send(.GET, "/api/v1/evidence/\(UUID())", token: fx.token("office"))
                #expect(evidence.status == .notFound)
                let route = try await app.send(.GET, "/api/v1/no-such-thing", token: fx.token("office"))
                #expect(route.status == .notFound)
            }
        }

        @Test func listParametersAreChecked() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let token = ledger.fx.token("office")
                let problem = try await ledger.problem(try await ledger.inspection().id)
                for n in 1...3 { _ = try await ledger.measure(problem.id, text: "措施\(n)") }

                let status = try await app.send(.GET, "/api/v1/measures?status=bogus", token: token)
                #expect(status.status == .unprocessableEntity)
                #expect(status.errorFields == ["status"])
                let per = try await app.send(.GET, "/api/v1/measures?per=500", token: token)
                #expect(per.status == .unprocessableEntity)
                #expect(per.errorFields == ["per"])
                let page = try await app.send(.GET, "/api/v1/measures?page=0", token: token)
                #expect(page.errorFields == ["page"])
                let sort = try await app.send(.GET, "/api/v1/measures?sort=colour", token: token)
                #expect(sort.status == .unprocessableEntity)
                #expect(sort.errorFields == ["sort"])
                #expect(sort.errorFieldCodes == ["invalid_sort"])
                let uuid = try await app.send(.GET, "/api/v1/measures?problemId=nope", token: token)
                #expect(uuid.errorFields == ["problemId"])
                let date = try await app.send(.GET, "/api/v1/measures?deadlineBefore=May", token: token)
                #expect(date.errorFields == ["deadlineBefore"])

                let paged = try await app.send(.GET, "/api/v1/measures?per=2&page=2&sort=number", token: token)
                #expect(paged.status == .ok)
                let json = try paged.json()
                #expect(json["total"] as? Int == 3)
                #expect(json["page"] as? Int == 2)
                #expect(json["per"] as? Int == 2)
                #expect(try paged.items().compactMap { $0["text"] as? String } == ["措施3"])
                let max = try await app.send(.GET, "/api/v1/measures?per=200", token: token)
                #expect(max.status == .ok)
            }
        }

        @Test func patchWithoutVersionIs428AndBadIfMatchIs400() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                let token = ledger.fx.token("office")
                let res = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: token, body: ["text": "x"])
                #expect(res.status == .preconditionRequired)
                #expect(res.errorCode == "version_required")
                let delete = try await app.send(.DELETE, "/api/v1/measures/\(measure.id)", token: token)
                #expect(delete.status == .preconditionRequired)
                let garbage = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: token, body: ["text": "x"],
                                                 headers: ["If-Match": "latest"])
                #expect(garbage.status == .badRequest)
                #expect(garbage.errorCode == "invalid_if_match")
                let weak = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: token, body: ["text": "弱校验"],
                                              headers: ["If-Match": "W/\"1\""])
                #expect(weak.status == .ok)
                #expect(try await ledger.getMeasure(measure.id).text == "弱校验")
            }
        }

        @Test func failedWriteLeavesNoTrace() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let before = try await app.auditTotal(ledger.fx)
                let res = try await app.send(.POST, "/api/v1/measures", token: ledger.fx.token("office"), body: [
                    "problemId": problem.id, "text": "措施", "deadline": "2024-04-30", "supportingUnitIds": [UUID()],
                ])
                #expect(res.status == .unprocessableEntity)
                #expect(try await app.auditTotal(ledger.fx) == before)
                #expect(try await app.send(.GET, "/api/v1/measures", token: ledger.fx.token("office")).total == 0)
            }
        }
    }
}
