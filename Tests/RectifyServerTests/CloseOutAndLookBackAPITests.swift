import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import VaporTesting

extension ServerTests {
    @Suite struct CloseOutAPITests {
        @Test func threeStagesCloseAMeasure() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                _ = try await ledger.report(measure.id, progress: 100)

                let selfCheck = try await ledger.closeOut(measure: measure.id, stage: "self_check", token: "reporterA")
                #expect(selfCheck.status == .created)
                let record = try selfCheck.dto(CloseOutRecordDTO.self)
                #expect(record.stage == .selfCheck)
                #expect(record.decision == .approve)
                #expect(record.measureId == measure.id)
                #expect(record.actorName == "reporterA")
                var now = try await ledger.getMeasure(measure.id)
                #expect(now.status == .pendingCloseOut)
                #expect(now.closeOutStage == .officeReview)

                let review = try await ledger.closeOut(measure: measure.id, stage: "office_review", opinion: "材料齐全", token: "office")
                #expect(review.status == .created)
                now = try await ledger.getMeasure(measure.id)
                #expect(now.status == .pendingCloseOut)
                #expect(now.closeOutStage == .leaderSignOff)

                let signOff = try await ledger.closeOut(measure: measure.id, stage: "leader_sign_off", token: "leader")
                #expect(signOff.status == .created)
                now = try await ledger.getMeasure(measure.id)
                #expect(now.status == .closed)
                #expect(now.closeOutStage == nil)

                let trail = try await app.send(.GET, "/api/v1/close-out-records?measureId=\(measure.id)", token: ledger.fx.token("supervisor"))
                #expect(trail.total == 3)
                #expect(try trail.items().compactMap { $0["stage"] as? String } == ["self_check", "office_review", "leader_sign_off"])

                // Close-out records are append-only: no PATCH or DELETE route.
                let patch = try await app.send(.PATCH, "/api/v1/close-out-records/\(record.id)", token: ledger.fx.token("admin"),
                                               body: ["opinion": "x"], headers: ifMatch(1))
                #expect(patch.status == .notFound)
                let delete = try await app.send(.DELETE, "/api/v1/close-out-records/\(record.id)", token: ledger.fx.token("admin"),
                                                headers: ifMatch(1))
                #expect(delete.status == .notFound)

                // Once closed: no edits, no new reports, no further close-out.
                let edit = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: ledger.fx.token("office"),
                                              body: ["text": "改写已销号措施"], headers: ifMatch(now.version))
                #expect(edit.status == .conflict)
                #expect(edit.errorCode == "closed_read_only")
                let report = try await app.send(.POST, "/api/v1/progress-reports", token: ledger.fx.token("reporterA"),
                                                body: ["measureId": measure.id, "text": "再报", "progress": 100])
                #expect(report.status == .conflict)
                #expect(report.errorCode == "closed_read_only")
                let again = try await ledger.closeOut(measure: measure.id, stage: "self_check", token: "reporterA")
                #expect(again.status == .conflict)
                #expect(again.errorCode == "closed_read_only")
            }
        }

        @Test func wrongRoleForAStageIs403AndWrongStageIs409() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                _ = try await ledger.report(measure.id, progress: 100)

                let leaderSelfCheck = try await ledger.closeOut(measure: measure.id, stage: "self_check", token: "leader")
                #expect(leaderSelfCheck.status == .forbidden)
                let reporterSignOff = try await ledger.closeOut(measure: measure.id, stage: "leader_sign_off", token: "reporterA")
                #expect(reporterSignOff.status == .forbidden)
                let supervisor = try await ledger.closeOut(measure: measure.id, stage: "self_check", token: "supervisor")
                #expect(supervisor.status == .forbidden)

                let early = try await ledger.closeOut(measure: measure.id, stage: "office_review", token: "office")
                #expect(early.status == .conflict)
                #expect(early.errorCode == "wrong_stage")

                #expect(try await ledger.closeOut(measure: measure.id, stage: "self_check", token: "reporterA").status == .created)
                let skip = try await ledger.closeOut(measure: measure.id, stage: "leader_sign_off", token: "leader")
                #expect(skip.status == .conflict)
                #expect(skip.errorCode == "wrong_stage")
                let leaderReview = try await ledger.closeOut(measure: measure.id, stage: "office_review", token: "leader")
                #expect(leaderReview.status == .forbidden)

                let records = try await app.send(.GET, "/api/v1/close-out-records?measureId=\(measure.id)", token: ledger.fx.token("office"))
                #expect(records.total == 1)
                #expect(try await ledger.getMeasure(measure.id).status == .pendingCloseOut)
            }
        }

        @Test func returnSendsBackToInProgressAndNeedsAnOpinion() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                _ = try await ledger.report(measure.id, progress: 100)
                #expect(try await ledger.closeOut(measure: measure.id, stage: "self_check", token: "reporterA").status == .created)

                let silent = try await ledger.closeOut(measure: measure.id, stage: "office_review", decision: "return", token: "office")
                #expect(silent.status == .unprocessableEntity)
                #expect(silent.errorFields == ["opinion"])

                let returned = try await ledger.closeOut(measure: measure.id, stage: "office_review", decision: "return",
                                                         opinion: "佐证材料不足", token: "office")
                #expect(returned.status == .created)
                let now = try await ledger.getMeasure(measure.id)
                #expect(now.status == .inProgress)
                #expect(now.closeOutStage == nil)

                // The unit may report again and restart close-out from self-check.
                _ = try await ledger.report(measure.id, progress: 100, text: "已补充材料")
                #expect(try await ledger.closeOut(measure: measure.id, stage: "self_check", token: "reporterA").status == .created)
            }
        }

        @Test func selfCheckNeedsFullProgressUnlessLongTerm() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                _ = try await ledger.report(measure.id, progress: 90)
                let early = try await ledger.closeOut(measure: measure.id, stage: "self_check", token: "reporterA")
                #expect(early.status == .conflict)
                #expect(early.errorCode == "progress_incomplete")
                #expect(try await ledger.getMeasure(measure.id).status == .inProgress)

                let longTerm = try await ledger.measure(problem.id, text: "长期坚持", extra: ["kind": "long_term"])
                _ = try await ledger.report(longTerm.id, progress: 80)
                let ok = try await ledger.closeOut(measure: longTerm.id, stage: "self_check", token: "reporterA")
                #expect(ok.status == .created)
            }
        }

        @Test func problemCloseOutWaitsForItsMeasures() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                let open = try await app.send(.POST, "/api/v1/close-out-records", token: ledger.fx.token("office"),
                                              body: ["problemId": problem.id, "stage": "self_check", "decision": "approve"])
                #expect(open.status == .conflict)
                #expect(open.errorCode == "measures_open")

                _ = try await ledger.report(measure.id, progress: 100)
                for (stage, token) in [("self_check", "reporterA"), ("office_review", "office"), ("leader_sign_off", "leader")] {
                    #expect(try await ledger.closeOut(measure: measure.id, stage: stage, token: token).status == .created)
                }
                for (stage, token) in [("self_check", "office"), ("office_review", "office"), ("leader_sign_off", "leader")] {
                    let res = try await app.send(.POST, "/api/v1/close-out-records", token: ledger.fx.token(token),
                                                 body: ["problemId": problem.id, "stage": stage, "decision": "approve"])
                    #expect(res.status == .created, "\(stage): \(res.body.string)")
                }
                let closed = try await ledger.getProblem(problem.id)
                #expect(closed.status == .closed)
                let edit = try await app.send(.PATCH, "/api/v1/problems/\(problem.id)", token: ledger.fx.token("office"),
                                              body: ["title": "x"], headers: ifMatch(closed.version))
                #expect(edit.status == .conflict)
                #expect(edit.errorCode == "closed_read_only")
            }
        }

        @Test func closeOutNamesExactlyOneItem() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let res = try await app.send(.POST, "/api/v1/close-out-records", token: ledger.fx.token("office"),
                                             body: ["stage": "self_check", "decision": "approve"])
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorFields == ["measureId"])
                #expect(res.errorFieldCodes == ["one_of"])
            }
        }
    }

    @Suite struct LookBackAPITests {
        @Test func failedLookBackWithFindingReopensAClosedMeasure() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.closedMeasure(problem.id)

                let scheduled = try await app.send(.POST, "/api/v1/look-back-checks", token: fx.token("supervisor"),
                                                   body: ["problemId": problem.id, "measureId": measure.id, "scheduledOn": "2024-04-15"])
                #expect(scheduled.status == .created)
                let check = try scheduled.dto(LookBackCheckDTO.self)
                #expect(check.result == .scheduled)

                let listed = try await app.send(.GET, "/api/v1/look-back-checks?problemId=\(problem.id)&result=scheduled",
                                                token: fx.token("leader"))
                #expect(listed.total == 1)

                let noFinding = try await app.send(.PATCH, "/api/v1/look-back-checks/\(check.id)", token: fx.token("supervisor"),
                                                   body: ["result": "failed"], headers: ifMatch(1))
                #expect(noFinding.status == .unprocessableEntity)
                #expect(noFinding.errorFields == ["finding"])
                #expect(try await ledger.getMeasure(measure.id).status == .closed)

                let failed = try await app.send(.PATCH, "/api/v1/look-back-checks/\(check.id)", token: fx.token("supervisor"),
                                                body: ["result": "failed", "finding": "双人复核制度执行不到位"], headers: ifMatch(1))
                #expect(failed.status == .ok)
                let recorded = try failed.dto(LookBackCheckDTO.self)
                #expect(recorded.result == .failed)
                #expect(recorded.performedOn == Day(iso: "2024-03-15"))
                #expect(recorded.finding == "双人复核制度执行不到位")

                let reopened = try await ledger.getMeasure(measure.id)
                #expect(reopened.status == .reopened)
                #expect(reopened.statusLabel == "回头看重新整改")

                // A recorded look-back is final.
                let change = try await app.send(.PATCH, "/api/v1/look-back-checks/\(check.id)", token: fx.token("supervisor"),
                                                body: ["result": "passed"], headers: ifMatch(2))
                #expect(change.status == .conflict)
                #expect(change.errorCode == "look_back_recorded")

                // The reopened measure is editable and reportable again.
                let edit = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: fx.token("office"),
                                              body: ["deadline": "2024-06-30"], headers: ifMatch(reopened.version))
                #expect(edit.status == .ok)
                _ = try await ledger.report(measure.id, progress: 100, text: "重新整改完成")
            }
        }

        @Test func passedLookBackLeavesTheMeasureClosed() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.closedMeasure(problem.id)
                let scheduled = try await app.send(.POST, "/api/v1/look-back-checks", token: ledger.fx.token("office"),
                                                   body: ["problemId": problem.id, "measureId": measure.id, "scheduledOn": "2024-03-15"])
                let check = try scheduled.dto(LookBackCheckDTO.self)
                let passed = try await app.send(.PATCH, "/api/v1/look-back-checks/\(check.id)", token: ledger.fx.token("office"),
                                                body: ["result": "passed"], headers: ifMatch(1))
                #expect(passed.status == .ok)
                #expect(try await ledger.getMeasure(measure.id).status == .closed)
            }
        }

        @Test func lookBackIsForSupervisorsNotReporters() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let byReporter = try await app.send(.POST, "/api/v1/look-back-checks", token: ledger.fx.token("reporterA"),
                                                    body: ["problemId": problem.id, "scheduledOn": "2024-04-15"])
                #expect(byReporter.status == .forbidden)
                let byLeader = try await app.send(.POST, "/api/v1/look-back-checks", token: ledger.fx.token("leader"),
                                                  body: ["problemId": problem.id, "scheduledOn": "2024-04-15"])
                #expect(byLeader.status == .forbidden)
                let list = try await app.send(.GET, "/api/v1/look-back-checks", token: ledger.fx.token("reporterA"))
                #expect(list.status == .forbidden)
                let missingDate = try await app.send(.POST, "/api/v1/look-back-checks", token: ledger.fx.token("supervisor"),
                                                     body: ["problemId": problem.id])
                #expect(missingDate.status == .unprocessableEntity)
                #expect(missingDate.errorFields == ["scheduledOn"])
            }
        }
    }
}
