import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import SQLKit
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// The hash-chained audit log: every write appends, and tampering is detected.
    @Suite struct AuditTrailTests {
        /// Five audited writes (inspection, problem, measure, report + its effect on the measure).
        func fiveEvents(_ app: Application) async throws -> Ledger {
            let ledger = try await Ledger.make(app)
            let problem = try await ledger.problem(try await ledger.inspection().id)
            _ = try await ledger.report(try await ledger.measure(problem.id).id, progress: 10)
            #expect(try await app.auditTotal(ledger.fx) == 5)
            return ledger
        }

        func sql(_ app: Application, _ text: String) async throws {
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(text)).run()
        }

        func verifyViaAPI(_ app: Application, _ fx: Fixture) async throws -> [String: Any] {
            let res = try await app.send(.GET, "/api/v1/audit/verify", token: fx.token("supervisor"))
            #expect(res.status == .ok)
            return try res.json()
        }

        @Test func everyWriteAppendsOneEventNamingActorEntityAndChange() async throws {
            try await withApp { app in
                let ledger = try await Ledger.make(app)
                let fx = ledger.fx
                let inspection = try await ledger.inspection()
                let before = try await app.auditTotal(fx)
                let problem = try await ledger.problem(inspection.id)
                #expect(try await app.auditTotal(fx) == before + 1)

                let me = try await app.send(.GET, "/api/v1/me", token: fx.token("office"))
                let officeID = try #require(try me.json()["id"] as? String)
                let created = try await app.send(.GET, "/api/v1/audit?entity=problem&entityId=\(problem.id)", token: fx.token("supervisor"))
                let event = try #require(try created.items().first)
                #expect(event["action"] as? String == "create")
                #expect(event["actorId"] as? String == officeID)
                #expect(event["actorName"] as? String == "office（office）")
                #expect(event["before"] == nil || event["before"] is NSNull)
                #expect((event["after"] as? String)?.contains("工程招投标监管存在漏洞") == true)

                let patched = try await app.send(.PATCH, "/api/v1/problems/\(problem.id)", token: fx.token("office"),
                                                 body: ["title": "新标题"], headers: ifMatch(1))
                #expect(patched.status == .ok)
                #expect(try await app.auditTotal(fx) == before + 2)
                let deleted = try await app.send(.DELETE, "/api/v1/problems/\(problem.id)", token: fx.token("office"), headers: ifMatch(2))
                #expect(deleted.status == .noContent)
                #expect(try await app.auditTotal(fx) == before + 3)

                let history = try await app.send(.GET, "/api/v1/audit?entityId=\(problem.id)&order=asc", token: fx.token("supervisor"))
                #expect(try history.items().compactMap { $0["action"] as? String } == ["create", "update", "delete"])
                let update = try history.items()[1]
                #expect((update["before"] as? String)?.contains("工程招投标监管存在漏洞") == true)
                #expect((update["after"] as? String)?.contains("新标题") == true)
                let delete = try history.items()[2]
                #expect(delete["after"] == nil || delete["after"] is NSNull)

                // Each event links to the one before it.
                let all = try await app.send(.GET, "/api/v1/audit?order=asc", token: fx.token("supervisor")).items()
                #expect(all.first?["previousHash"] as? String == AuditChain.genesis)
                for (previous, next) in zip(all, all.dropFirst()) {
                    #expect(next["previousHash"] as? String == previous["hash"] as? String)
                    #expect((next["sequence"] as? Int ?? 0) == (previous["sequence"] as? Int ?? 0) + 1)
                }

                let verify = try await verifyViaAPI(app, fx)
                #expect(verify["intact"] as? Bool == true)
                #expect(verify["checked"] as? Int == before + 3)
            }
        }

        @Test func alteredRowIsReportedAtItsSequence() async throws {
            try await withApp { app in
                let ledger = try await fiveEvents(app)
                let intact = try await verifyViaAPI(app, ledger.fx)
                #expect(intact["intact"] as? Bool == true)
                #expect(intact["checked"] as? Int == 5)

                try await sql(app, #"UPDATE audit_events SET "after" = 'x' WHERE seq = 3"#)

                let broken = try await verifyViaAPI(app, ledger.fx)
                #expect(broken["intact"] as? Bool == false)
                #expect(broken["firstBrokenSequence"] as? Int == 3)
                let result = try await AuditVerifier.verify(on: app.db)
                #expect(result.fault == .alteredContent(sequence: 3))
                #expect(result.checked == 0)
                // Paging does not hide the fault.
                #expect(try await AuditVerifier.verify(on: app.db, pageSize: 2).fault == .alteredContent(sequence: 3))
            }
        }

        @Test func deletedMiddleRowIsDetected() async throws {
            try await withApp { app in
                let ledger = try await fiveEvents(app)
                try await sql(app, "DELETE FROM audit_events WHERE seq = 3")
                let broken = try await verifyViaAPI(app, ledger.fx)
                #expect(broken["intact"] as? Bool == false)
                #expect(broken["firstBrokenSequence"] as? Int == 3)
                #expect(try await AuditVerifier.verify(on: app.db).fault == .gap(expected: 3, found: 4))
            }
        }

        @Test func deletedLastRowIsDetectedByTheHead() async throws {
            try await withApp { app in
                let ledger = try await fiveEvents(app)
                try await sql(app, "DELETE FROM audit_events WHERE seq = 5")
                let broken = try await verifyViaAPI(app, ledger.fx)
                #expect(broken["intact"] as? Bool == false)
                #expect(try await AuditVerifier.verify(on: app.db).fault == .headMismatch(expected: 5, found: 4))
            }
        }

        @Test func rewrittenRowWithRecomputedOwnHashBreaksTheNextLink() async throws {
            try await withApp { app in
                let ledger = try await fiveEvents(app)
                // A tamperer who recomputes the altered row's own hash still breaks the link to row 4.
                let row = try #require(try await AuditEvent.query(on: app.db).filter(\.$id == 3).first())
                var record = row.record
                record.after = "{\"forged\":true}"
                let resealed = AuditChain.seal(record, after: record.previousHash)
                try await sql(app, "UPDATE audit_events SET \"after\" = '{\"forged\":true}', hash = '\(resealed.hash)' WHERE seq = 3")
                let result = try await AuditVerifier.verify(on: app.db)
                #expect(result.fault == .brokenLink(sequence: 4))
                #expect(try await verifyViaAPI(app, ledger.fx)["firstBrokenSequence"] as? Int == 4)
            }
        }

        @Test func cliAuditVerifySucceedsOnIntactChainAndFailsOnTamperedOne() async throws {
            try await withApp { app in
                _ = try await fiveEvents(app)
                var ok = CommandContext(console: Terminal(), input: CommandInput(arguments: ["rectify", "audit", "verify"]))
                ok.application = app
                try await app.asyncCommands.group().run(using: &ok)

                try await sql(app, #"UPDATE audit_events SET "after" = 'x' WHERE seq = 3"#)
                var broken = CommandContext(console: Terminal(), input: CommandInput(arguments: ["rectify", "audit", "verify"]))
                broken.application = app
                do {
                    try await app.asyncCommands.group().run(using: &broken)
                    Issue.record("rectify audit verify should fail on a tampered chain")
                } catch let error as CLIError {
                    #expect(error.description.contains("event 3"))
                }
            }
        }

        @Test func cliUserCreateWritesAnAuditedUserWhoCanSignIn() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                var context = CommandContext(console: Terminal(), input: CommandInput(arguments: [
                    "rectify", "user", "create", "--name", "cli.reporter", "--role", "unit_reporter", "--unit", fx.unitA.uuidString,
                    "--no-token",
                ]))
                context.application = app
                try await app.asyncCommands.group().run(using: &context)
                let user = try #require(try await User.query(on: app.db).filter(\.$username == "cli.reporter").first())
                #expect(user.role == .unitReporter)
                #expect(user.organizationID == fx.unitA)
                #expect(user.mustChangePassword)
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
                #expect(try await app.send(.GET, "/api/v1/audit?entity=user", token: fx.token("supervisor")).total == 1)

                var missingUnit = CommandContext(console: Terminal(), input: CommandInput(arguments: [
                    "rectify", "user", "create", "--name", "nounit", "--role", "unit_reporter",
                ]))
                missingUnit.application = app
                do {
                    try await app.asyncCommands.group().run(using: &missingUnit)
                    Issue.record("a unit_reporter without --unit should be refused")
                } catch let error as CLIError {
                    #expect(error.description.contains("--unit"))
                }
                #expect(try await User.query(on: app.db).filter(\.$username == "nounit").count() == 0)
            }
        }
    }
}
