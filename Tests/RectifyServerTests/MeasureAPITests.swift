import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import VaporTesting

extension ServerTests {
    @Suite struct MeasureAPITests {
        @Test func measureRoundTripWithAutoNumberCircledLabelSupportingUnitsUpdateStaleAndDelete() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection(feedbackDate: "2024-01-10")
                let problem = try await ledger.problem(inspection.id)
                let leader = try await ledger.person("陈志强")

                let first = try await ledger.measure(problem.id, extra: ["supportingUnitIds": [fx.unitB], "leaderId": leader.id,
                                                                        "kind": "time_bound"])
                #expect(first.number == 1)
                #expect(first.label == "①")
                #expect(first.problemId == problem.id)
                #expect(first.inspectionId == inspection.id)
                #expect(first.supportingUnitIds == [fx.unitB])
                #expect(first.leadUnitId == fx.unitA)
                #expect(first.leaderId == leader.id)
                #expect(first.status == .notStarted)
                #expect(first.progress == 0)
                #expect(first.deadline == Day(iso: "2024-05-31"))
                // The start date defaults to the inspection's feedback date.
                #expect(first.startDate == Day(iso: "2024-01-10"))
                let second = try await ledger.measure(problem.id, text: "开展招投标倒查")
                #expect(second.number == 2)
                #expect(second.label == "②")
                #expect(second.supportingUnitIds == [])

                let fetched = try await app.send(.GET, "/api/v1/measures/\(first.id)", token: fx.token("office"))
                #expect(fetched.etag == "\"1\"")
                #expect(try fetched.dto(MeasureDTO.self) == first)

                let listed = try await app.send(.GET, "/api/v1/measures?problemId=\(problem.id)&sort=-number", token: fx.token("leader"))
                #expect(listed.total == 2)
                #expect(try listed.items().compactMap { $0["label"] as? String } == ["②", "①"])
                let byLeader = try await app.send(.GET, "/api/v1/measures?leaderId=\(leader.id)", token: fx.token("office"))
                #expect(byLeader.total == 1)
                let dueBefore = try await app.send(.GET, "/api/v1/measures?deadlineBefore=2024-05-30", token: fx.token("office"))
                #expect(dueBefore.total == 0)

                let updated = try await app.send(.PATCH, "/api/v1/measures/\(first.id)", token: fx.token("office"),
                                                 body: ["text": "制定并印发招标文件审查规程", "supportingUnitIds": [fx.unitB, fx.body]],
                                                 headers: ifMatch(1))
                #expect(updated.status == .ok)
                let after = try updated.dto(MeasureDTO.self)
                #expect(after.text == "制定并印发招标文件审查规程")
                #expect(Set(after.supportingUnitIds) == [fx.unitB, fx.body])
                #expect(after.version == 2)

                // The version may travel in the body instead of If-Match.
                let byBody = try await app.send(.PATCH, "/api/v1/measures/\(first.id)", token: fx.token("office"),
                                                body: ["deadline": "2024-06-15", "version": 2])
                #expect(byBody.status == .ok)
                #expect(try byBody.dto(MeasureDTO.self).deadline == Day(iso: "2024-06-15"))

                let stale = try await app.send(.PATCH, "/api/v1/measures/\(first.id)", token: fx.token("office"),
                                               body: ["text": "x"], headers: ifMatch(2))
                #expect(stale.status == .conflict)
                #expect(stale.errorCode == "stale_version")

                let deleted = try await app.send(.DELETE, "/api/v1/measures/\(second.id)", token: fx.token("office"),
                                                 headers: ifMatch(1))
                #expect(deleted.status == .noContent)
                let remaining = try await app.send(.GET, "/api/v1/measures?problemId=\(problem.id)", token: fx.token("office"))
                #expect(remaining.total == 1)
            }
        }

        @Test func longTermMeasureNeedsNoDeadlineButOthersDo() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let missing = try await app.send(.POST, "/api/v1/measures", token: ledger.fx.token("office"),
                                                 body: ["problemId": problem.id, "text": "限期整改措施"])
                #expect(missing.status == .unprocessableEntity)
                #expect(missing.errorFields == ["deadline"])
                #expect(missing.errorFieldCodes == ["required"])

                let longTerm = try await app.send(.POST, "/api/v1/measures", token: ledger.fx.token("office"),
                                                  body: ["problemId": problem.id, "text": "长期坚持措施", "kind": "long_term"])
                #expect(longTerm.status == .created)
                let dto = try longTerm.dto(MeasureDTO.self)
                #expect(dto.kind == .longTerm)
                #expect(dto.deadline == nil)
            }
        }

        @Test func measureWithProgressReportsCannotBeDeleted() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                _ = try await ledger.report(measure.id, progress: 10)
                let res = try await app.send(.DELETE, "/api/v1/measures/\(measure.id)", token: ledger.fx.token("office"),
                                             headers: ifMatch(2))
                #expect(res.status == .conflict)
                #expect(res.errorCode == "in_use")
            }
        }

        @Test func measureStatusCannotJumpToClosedOrMoveIllegally() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)

                let toClosed = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: fx.token("office"),
                                                  body: ["status": "closed"], headers: ifMatch(1))
                #expect(toClosed.status == .conflict)
                #expect(toClosed.errorCode == "close_out_required")
                let toPending = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: fx.token("office"),
                                                   body: ["status": "pending_close_out"], headers: ifMatch(1))
                #expect(toPending.status == .conflict)
                #expect(toPending.errorCode == "close_out_required")

                let basically = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: fx.token("office"),
                                                   body: ["status": "basically_completed"], headers: ifMatch(1))
                #expect(basically.status == .ok)
                #expect(try basically.dto(MeasureDTO.self).status == .basicallyCompleted)

                let back = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: fx.token("office"),
                                              body: ["status": "not_started"], headers: ifMatch(2))
                #expect(back.status == .unprocessableEntity)
                #expect(back.errorCode == "illegal_transition")
                #expect(back.errorFields == ["status"])

                let unchanged = try await ledger.getMeasure(measure.id)
                #expect(unchanged.status == .basicallyCompleted)
                #expect(unchanged.version == 2)
            }
        }

        @Test func problemStatusCannotJumpToClosed() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let res = try await app.send(.PATCH, "/api/v1/problems/\(problem.id)", token: ledger.fx.token("office"),
                                             body: ["status": "closed"], headers: ifMatch(1))
                #expect(res.status == .conflict)
                #expect(res.errorCode == "close_out_required")
                let inProgress = try await app.send(.PATCH, "/api/v1/problems/\(problem.id)", token: ledger.fx.token("office"),
                                                    body: ["status": "in_progress"], headers: ifMatch(1))
                #expect(inProgress.status == .ok)
                #expect(try inProgress.dto(ProblemDTO.self).status == .inProgress)
            }
        }
    }
}
