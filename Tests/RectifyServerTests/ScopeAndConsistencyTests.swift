import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Cases where two rules meet: review during close-out, out-of-order corrections, users without a unit.
    @Suite struct ScopeAndConsistencyTests {
        @Test func officeCanReviewTheFinalReportWhileTheMeasureAwaitsCloseOut() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                let report = try await ledger.report(measure.id, progress: 100, text: "整改任务已全部完成")
                #expect(try await ledger.closeOut(measure: measure.id, stage: "self_check", token: "reporterA").status == .created)

                // The office reviews the report that supports the close-out request.
                let approve = try await app.send(.PATCH, "/api/v1/progress-reports/\(report.id)", token: ledger.fx.token("office"),
                                                 body: ["reviewState": "approved"], headers: ifMatch(1))
                #expect(approve.status == .ok, "review blocked: \(approve.body.string)")
                // The unit still may not change the report's content while close-out is pending.
                let edit = try await app.send(.PATCH, "/api/v1/progress-reports/\(report.id)", token: ledger.fx.token("reporterA"),
                                              body: ["text": "改写"], headers: ifMatch(approve.status == .ok ? 2 : 1))
                #expect(edit.status == .conflict)
            }
        }

        @Test func correctingAnOlderReportDoesNotOverwriteTheLatestProgress() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let measure = try await ledger.measure(problem.id)
                let older = try await app.send(.POST, "/api/v1/progress-reports", token: fx.token("reporterA"), body: [
                    "measureId": measure.id, "text": "第一次报送", "progress": 30, "reportDate": "2024-03-01",
                ]).dto(ProgressReportDTO.self)
                let returned = try await app.send(.PATCH, "/api/v1/progress-reports/\(older.id)", token: fx.token("office"),
                                                  body: ["reviewState": "returned", "reviewOpinion": "请补充材料"], headers: ifMatch(1))
                #expect(returned.status == .ok)
                _ = try await app.send(.POST, "/api/v1/progress-reports", token: fx.token("reporterA"), body: [
                    "measureId": measure.id, "text": "第二次报送", "progress": 50, "reportDate": "2024-03-10",
                ])
                #expect(try await ledger.getMeasure(measure.id).progress == 50)

                let corrected = try await app.send(.PATCH, "/api/v1/progress-reports/\(older.id)", token: fx.token("reporterA"),
                                                   body: ["text": "第一次报送（已补充材料）", "progress": 35], headers: ifMatch(2))
                #expect(corrected.status == .ok)
                let now = try await ledger.getMeasure(measure.id)
                #expect(now.lastReportedOn == Day(iso: "2024-03-10"))
                #expect(now.progress == 50, "the report of 2024-03-10 is the latest; correcting the 2024-03-01 one must not roll progress back")
            }
        }

        @Test func officeUserWithoutAUnitSeesNoBody() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let inspection = try await ledger.inspection()
                _ = try await ledger.problem(inspection.id)
                let unplaced = try await Fixture.makeUser(app, name: "office-unplaced", role: .office, organization: nil)
                // Read scope must fail closed: only supervisors and admins read every body.
                #expect(try await app.send(.GET, "/api/v1/inspections", token: unplaced).total == 0)
                #expect(try await app.send(.GET, "/api/v1/problems", token: unplaced).total == 0)
                #expect(try await app.send(.GET, "/api/v1/inspections/\(inspection.id)", token: unplaced).status == .notFound)
            }
        }

        @Test func reporterWithoutAUnitSeesNoMeasures() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                _ = try await ledger.measure(problem.id)
                let unplaced = try await Fixture.makeUser(app, name: "reporter-unplaced", role: .unitReporter, organization: nil)
                #expect(try await app.send(.GET, "/api/v1/measures", token: unplaced).total == 0)
                #expect(try await app.send(.GET, "/api/v1/problems", token: unplaced).total == 0)
            }
        }

        @Test func evidenceNamesCannotCarryPaths() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let problem = try await ledger.problem(try await ledger.inspection().id)
                let report = try await ledger.report(try await ledger.measure(problem.id).id, progress: 20)
                let res = try await app.sendBytes(.POST, "/api/v1/progress-reports/\(report.id)/evidence?name=\(query("../../etc/x.pdf"))",
                                                  token: ledger.fx.token("reporterA"), bytes: Data("%PDF-1.4".utf8))
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorFieldCodes == ["invalid_name"])
            }
        }

        @Test func usersRevokeOnlyTheirOwnTokens() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let mine = try await app.send(.GET, "/api/v1/tokens", token: fx.token("office"))
                #expect(mine.total == 1)
                let officeToken = try #require(try mine.items().first?["id"] as? String)
                let other = try await app.send(.DELETE, "/api/v1/tokens/\(officeToken)", token: fx.token("leader"))
                #expect(other.status == .notFound)
                #expect(try await app.send(.GET, "/api/v1/me", token: fx.token("office")).status == .ok)
                let own = try await app.send(.DELETE, "/api/v1/tokens/\(officeToken)", token: fx.token("office"))
                #expect(own.status == .noContent)
                #expect(try await app.send(.GET, "/api/v1/me", token: fx.token("office")).status == .unauthorized)
            }
        }
    }
}
