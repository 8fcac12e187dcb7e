import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Who may use what: 401 without a user, 403 for a wrong role, and unit / body scoping.
    @Suite struct RoleAccessTests {
        @Test func noTokenIs401AndBadTokenIs401() async throws {
            try await withApp { app in
                _ = try await Fixture.make(app)
                for path in ["/api/v1/measures", "/api/v1/problems", "/api/v1/inspections", "/api/v1/me", "/api/v1/audit",
                             "/api/v1/warnings", "/api/v1/users"] {
                    let res = try await app.send(.GET, path)
                    #expect(res.status == .unauthorized, "\(path)")
                    #expect(res.errorCode == "unauthenticated")
                }
                let forged = try await app.send(.GET, "/api/v1/measures", token: "rct_forged")
                #expect(forged.status == .unauthorized)
                let post = try await app.send(.POST, "/api/v1/problems", body: ["title": "x"])
                #expect(post.status == .unauthorized)
                // The API document and login are open.
                #expect(try await app.send(.GET, "/api/v1/openapi.json").status == .ok)
            }
        }

        @Test func writersAreLimitedByRole() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection()
                let problem = try await ledger.problem(inspection.id)

                let reporterProblem = try await app.send(.POST, "/api/v1/problems", token: fx.token("reporterA"),
                                                         body: ["inspectionId": inspection.id, "source": "self_found", "title": "x"])
                #expect(reporterProblem.status == .forbidden)
                #expect(reporterProblem.errorCode == "forbidden")
                let leaderMeasure = try await app.send(.POST, "/api/v1/measures", token: fx.token("leader"),
                                                       body: ["problemId": problem.id, "text": "x", "deadline": "2024-05-01"])
                #expect(leaderMeasure.status == .forbidden)
                let supervisorMeasure = try await app.send(.POST, "/api/v1/measures", token: fx.token("supervisor"),
                                                           body: ["problemId": problem.id, "text": "x", "deadline": "2024-05-01"])
                #expect(supervisorMeasure.status == .forbidden)
                let leaderReport = try await app.send(.POST, "/api/v1/progress-reports", token: fx.token("leader"),
                                                      body: ["measureId": UUID(), "text": "x", "progress": 1])
                #expect(leaderReport.status == .forbidden)
                let reporterOrg = try await app.send(.POST, "/api/v1/organizations", token: fx.token("reporterA"),
                                                     body: ["name": "x", "kind": "department"])
                #expect(reporterOrg.status == .forbidden)
                let officeRegister = try await app.send(.POST, "/api/v1/meetings", token: fx.token("leader"), body: [
                    "inspectionId": inspection.id, "kind": "special", "heldOn": "2024-01-01", "title": "x",
                ])
                #expect(officeRegister.status == .forbidden)

                // Admin may write everything the office may.
                let adminMeasure = try await app.send(.POST, "/api/v1/measures", token: fx.token("admin"),
                                                      body: ["problemId": problem.id, "text": "管理员录入", "deadline": "2024-05-01"])
                #expect(adminMeasure.status == .created)
            }
        }

        @Test func auditLogIsForSupervisorsAndAdmins() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                for (name, allowed) in [("supervisor", true), ("admin", true), ("office", false), ("leader", false), ("reporterA", false)] {
                    let list = try await app.send(.GET, "/api/v1/audit", token: fx.token(name))
                    #expect(list.status == (allowed ? .ok : .forbidden), "\(name) audit list")
                    let verify = try await app.send(.GET, "/api/v1/audit/verify", token: fx.token(name))
                    #expect(verify.status == (allowed ? .ok : .forbidden), "\(name) audit verify")
                }
            }
        }

        @Test func reporterSeesOnlyItsUnitsMeasures() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection()
                let p1 = try await ledger.problem(inspection.id)
                let p2 = try await ledger.problem(inspection.id, title: "财务问题", extra: ["leadUnitId": fx.unitB])
                let led = try await ledger.measure(p1.id, text: "办公室牵头")
                let supported = try await ledger.measure(p2.id, text: "财务科牵头、办公室配合", leadUnit: fx.unitB,
                                                        extra: ["supportingUnitIds": [fx.unitA]])
                let foreign = try await ledger.measure(p2.id, text: "财务科独办", leadUnit: fx.unitB)

                let listA = try await app.send(.GET, "/api/v1/measures", token: fx.token("reporterA"))
                #expect(listA.total == 2)
                let idsA = Set(try listA.items().compactMap { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) })
                #expect(idsA == [led.id, supported.id])
                let listB = try await app.send(.GET, "/api/v1/measures", token: fx.token("reporterB"))
                #expect(listB.total == 2)

                let hidden = try await app.send(.GET, "/api/v1/measures/\(foreign.id)", token: fx.token("reporterA"))
                #expect(hidden.status == .notFound)
                #expect(try await app.send(.GET, "/api/v1/measures/\(supported.id)", token: fx.token("reporterA")).status == .ok)

                let report = try await app.send(.POST, "/api/v1/progress-reports", token: fx.token("reporterA"),
                                                body: ["measureId": foreign.id, "text": "越权填报", "progress": 50])
                #expect(report.status == .unprocessableEntity)
                #expect(report.errorFields == ["measureId"])
                #expect(report.errorFieldCodes == ["unknown_reference"])
                // A supporting unit may report on the measure it supports.
                _ = try await ledger.report(supported.id, progress: 30)

                // Problems: only those with a measure of the unit.
                let problemsA = try await app.send(.GET, "/api/v1/problems", token: fx.token("reporterA"))
                #expect(problemsA.total == 2)
                let onlyForeign = try await ledger.problem(inspection.id, title: "只有财务科的问题")
                _ = try await ledger.measure(onlyForeign.id, leadUnit: fx.unitB)
                #expect(try await app.send(.GET, "/api/v1/problems/\(onlyForeign.id)", token: fx.token("reporterA")).status == .notFound)

                // Progress reports of other units are invisible too.
                let reportB = try await ledger.report(foreign.id, progress: 10, token: "reporterB")
                #expect(try await app.send(.GET, "/api/v1/progress-reports/\(reportB.id)", token: fx.token("reporterA")).status == .notFound)
                #expect(try await app.send(.GET, "/api/v1/progress-reports", token: fx.token("reporterA")).total == 1)
            }
        }

        @Test func reporterCannotReadRegistersOrLookBacks() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                for path in ["accountability-records", "regulations", "meetings", "recovered-funds", "look-back-checks",
                             "public-feedback"] {
                    let res = try await app.send(.GET, "/api/v1/\(path)", token: fx.token("reporterA"))
                    #expect(res.status == .forbidden, "\(path)")
                    let leader = try await app.send(.GET, "/api/v1/\(path)", token: fx.token("leader"))
                    #expect(leader.status == .ok, "leader reads \(path)")
                }
            }
        }

        @Test func officeOfAnotherBodySeesNothingOfTheFirstBody() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection()
                let problem = try await ledger.problem(inspection.id)
                let measure = try await ledger.measure(problem.id)
                let regulation = try await app.send(.POST, "/api/v1/regulations", token: fx.token("office"),
                                                    body: ["inspectionId": inspection.id, "title": "某制度"])
                #expect(regulation.status == .created)

                let org = try await app.send(.POST, "/api/v1/organizations", token: fx.token("admin"),
                                             body: ["name": "市交通局党组", "kind": "body"])
                let body2 = try #require(UUID(uuidString: try org.json()["id"] as? String ?? ""))
                let office2 = try await Fixture.makeUser(app, name: "office2", role: .office, organization: body2)
                let ownRound = try await ledger.inspection(title: "交通局轮次", body: body2, token: "admin")
                _ = ownRound

                let inspections = try await app.send(.GET, "/api/v1/inspections", token: office2)
                #expect(inspections.total == 1)
                #expect(try inspections.items().first?["title"] as? String == "交通局轮次")
                #expect(try await app.send(.GET, "/api/v1/inspections/\(inspection.id)", token: office2).status == .notFound)
                #expect(try await app.send(.GET, "/api/v1/problems", token: office2).total == 0)
                #expect(try await app.send(.GET, "/api/v1/problems/\(problem.id)", token: office2).status == .notFound)
                #expect(try await app.send(.GET, "/api/v1/measures", token: office2).total == 0)
                #expect(try await app.send(.GET, "/api/v1/measures/\(measure.id)", token: office2).status == .notFound)
                #expect(try await app.send(.GET, "/api/v1/regulations", token: office2).total == 0)

                let intrude = try await app.send(.POST, "/api/v1/problems", token: office2,
                                                 body: ["inspectionId": inspection.id, "source": "self_found", "title": "越权"])
                #expect(intrude.status == .unprocessableEntity)
                #expect(intrude.errorFieldCodes == ["unknown_reference"])
                let patch = try await app.send(.PATCH, "/api/v1/measures/\(measure.id)", token: office2,
                                               body: ["text": "越权修改"], headers: ifMatch(1))
                #expect(patch.status == .notFound)

                // Supervisors and admins read every body.
                #expect(try await app.send(.GET, "/api/v1/inspections", token: fx.token("supervisor")).total == 2)
                #expect(try await app.send(.GET, "/api/v1/inspections", token: fx.token("admin")).total == 2)
            }
        }
    }
}
