import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    @Suite struct DemoLedgerTests {
        @Test func demoLoadsAVariedLedgerOnceWithAnIntactAuditChain() async throws {
            try await withApp { app in
                let accounts = try #require(try await DemoLedger.loadIfEmpty(app))
                #expect(Set(accounts.map(\.username)).isSuperset(of: ["admin", "office", "leader", "supervisor"]))
                #expect(accounts.contains { $0.username.hasPrefix("reporter") })

                // The main body's round comes first, with its 20 problems.
                let round = try #require(try await Inspection.query(on: app.db).first())
                #expect(round.title == "十三届市委第五轮巡察")
                let problems = try await Problem.query(on: app.db).filter(\.$inspectionID == round.requireID()).all()
                #expect(problems.count == 20)
                #expect(Set(problems.map(\.source)) == ["inspection_feedback", "secretary_assigned", "self_found"])

                let measures = try await Measure.query(on: app.db).all()
                let statuses = Set(measures.map(\.status))
                for status in ["closed", "reopened", "pending_close_out", "in_progress", "not_started", "basically_completed"] {
                    #expect(statuses.contains(status), "a demo measure is \(status)")
                }
                #expect(measures.contains { $0.kind == MeasureKind.longTerm.rawValue })
                let today = Day(fixedNow).iso
                #expect(measures.contains { ($0.deadline ?? "9999") < today && $0.status != "closed" }, "an overdue open measure")
                // Every time-bound measure has a deadline.
                #expect(measures.allSatisfy { $0.deadline != nil || $0.kind == MeasureKind.longTerm.rawValue })

                #expect(try await AccountabilityRecord.query(on: app.db).count() > 0)
                #expect(try await Regulation.query(on: app.db).count() > 0)
                #expect(try await Meeting.query(on: app.db).count() > 0)
                #expect(try await RecoveredFund.query(on: app.db).count() > 0)
                #expect(try await ReminderNotice.query(on: app.db).count() > 0)
                #expect(try await LookBackCheck.query(on: app.db).count() > 0)

                let audit = try await AuditVerifier.verify(on: app.db)
                #expect(audit.fault == nil)
                #expect(audit.checked > 50)

                let total = try await Problem.query(on: app.db).count()
                #expect(try await DemoLedger.loadIfEmpty(app) == nil)
                #expect(try await Problem.query(on: app.db).count() == total)
            }
        }

        /// Something for cross-body supervision to find: a problem found again in the next round of
        /// the same body, and a problem shared by every body of the round, both worded alike.
        @Test func demoHasARepeatAcrossRoundsAndACommonProblemAcrossBodies() async throws {
            try await withApp { app in
                _ = try #require(try await DemoLedger.loadIfEmpty(app))
                let bodies = try await Organization.query(on: app.db).filter(\.$kind == OrganizationKind.body.rawValue).all()
                #expect(bodies.count == 1 + DemoScript.neighbours.count)
                #expect(Set(bodies.compactMap(\.sector)) == ["housing", "education", "health", "transport"])
                let rounds = try await Inspection.query(on: app.db).all()
                #expect(rounds.count == 5)
                #expect(try await User.query(on: app.db).filter(\.$username == "office-edu").count() == 1)
                func text(_ p: Problem) -> String { p.title + (p.problemDescription ?? "") }

                // 江川市教育局: the earlier round is closed out and looked back on; its problem comes back.
                let education = try #require(bodies.first { $0.name == "江川市教育局党组" })
                let ofEducation = rounds.filter { $0.inspectedBodyID == education.id }.sorted { ($0.feedbackDate ?? "") < ($1.feedbackDate ?? "") }
                #expect(ofEducation.count == 2)
                let earlier = try await Problem.query(on: app.db).filter(\.$inspectionID == ofEducation[0].requireID()).all()
                let later = try await Problem.query(on: app.db).filter(\.$inspectionID == ofEducation[1].requireID()).all()
                #expect(earlier.allSatisfy { $0.status == RectificationStatus.closed.rawValue })
                #expect(try await Measure.query(on: app.db).filter(\.$inspectionID == ofEducation[0].requireID()).all()
                    .allSatisfy { $0.status == RectificationStatus.closed.rawValue })
                let checks = try await LookBackCheck.query(on: app.db).filter(\.$problemID ~~ earlier.map { $0.id! }).all()
                #expect(checks.count == earlier.count && checks.allSatisfy { $0.result == LookBackResult.passed.rawValue })
                let repeated = try #require(later.first { $0.title == DemoScript.repeatedProblem.later })
                let best = try #require(earlier.max { TrigramSimilarity.jaccard(text($0), text(repeated)) < TrigramSimilarity.jaccard(text($1), text(repeated)) })
                #expect(best.title == DemoScript.repeatedProblem.earlier)
                #expect(TrigramSimilarity.jaccard(text(best), text(repeated)) >= 0.5)
                // The demo has already matched them: the pair waits on the 屡查屡犯 page for a decision.
                let suggested = try await RepeatMatch.query(on: app.db).filter(\.$newProblemID == repeated.requireID()).all()
                #expect(suggested.map(\.earlierProblemID).contains(try best.requireID()) && suggested.allSatisfy { $0.state == "suggested" })

                // The common problem: every body of the round has one like the main body's.
                let main = try #require(try await Problem.query(on: app.db).filter(\.$title == DemoScript.commonProblem[0]).first())
                let latestRounds = Dictionary(grouping: rounds, by: \.inspectedBodyID).compactMapValues { $0.max { ($0.feedbackDate ?? "") < ($1.feedbackDate ?? "") } }
                var sharing = 0
                for (_, round) in latestRounds {
                    let problems = try await Problem.query(on: app.db).filter(\.$inspectionID == round.requireID()).all()
                    if problems.contains(where: { TrigramSimilarity.jaccard(text($0), text(main)) >= 0.5 }) { sharing += 1 }
                }
                #expect(sharing == bodies.count)
                // And nothing else in the main round is that close to it.
                let others = try await Problem.query(on: app.db).filter(\.$inspectionID == main.inspectionID).filter(\.$id != main.requireID()).all()
                #expect(others.allSatisfy { TrigramSimilarity.jaccard(text($0), text(main)) < 0.3 })
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
            }
        }

        @Test func demoAccountsSignInAndSeeTheLedgerThroughTheAPI() async throws {
            try await withApp { app in
                _ = try #require(try await DemoLedger.loadIfEmpty(app))
                func login(_ name: String) async throws -> String {
                    let res = try await app.send(.POST, "/api/v1/auth/login", body: ["username": name, "password": DemoLedger.password])
                    try #require(res.status == .ok, "\(name) login: \(res.body.string)")
                    return try #require(try res.json()["token"] as? String)
                }
                let office = try await login("office")
                #expect(try await app.send(.GET, "/api/v1/problems", token: office).total == 20)
                let supervisor = try await login("supervisor")
                let verify = try await app.send(.GET, "/api/v1/audit/verify", token: supervisor)
                #expect(try verify.json()["intact"] as? Bool == true)
                // A unit reporter sees fewer measures than the office.
                let all = try await app.send(.GET, "/api/v1/measures", token: office).total ?? 0
                let reporter = try await login("reporter-office")
                let mine = try await app.send(.GET, "/api/v1/measures", token: reporter).total ?? 0
                #expect(mine > 0 && mine < all)
                // The warnings board computes over the demo data.
                let warnings = try await app.send(.GET, "/api/v1/warnings?per=200", token: office)
                #expect(warnings.status == .ok)
                #expect(warnings.total == all)
            }
        }
    }

    @Suite struct DatabaseLocationTests {
        @Test func theThrowawayDatabaseFileIsRemovedWhenTheAppStops() async throws {
            // Its own file only: other test runs on the machine create and remove theirs meanwhile.
            let app = try await Application.make(.testing)
            app.logger.logLevel = .error
            try await configure(app, ConfigureOverrides(config: AppConfig(database: .sqliteMemory), now: { fixedNow }, bcryptCost: 4))
            try await app.autoMigrate()
            let path = try #require(app.storage[TemporaryDatabaseFile.self])
            #expect(URL(fileURLWithPath: path).lastPathComponent.hasPrefix("rectify-memory-"))
            #expect(FileManager.default.fileExists(atPath: path))
            try await app.asyncShutdown()
            for suffix in ["", "-journal", "-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: path + suffix)) }
        }

        @Test func absentOrEmptyMeansTheDefaultSQLiteFile() throws {
            #expect(try DatabaseLocation.parse(nil) == .sqliteFile("rectify.sqlite"))
            #expect(try DatabaseLocation.parse("") == .sqliteFile("rectify.sqlite"))
            #expect(try DatabaseLocation.parse("   ") == .sqliteFile("rectify.sqlite"))
        }

        @Test func sqliteForms() throws {
            #expect(try DatabaseLocation.parse("sqlite::memory:") == .sqliteMemory)
            #expect(try DatabaseLocation.parse("sqlite:data/ledger.sqlite") == .sqliteFile("data/ledger.sqlite"))
            #expect(try DatabaseLocation.parse("sqlite:///var/lib/rectify.sqlite") == .sqliteFile("/var/lib/rectify.sqlite"))
        }

        @Test func postgresURLsAreAccepted() throws {
            for text in ["postgres://rectify:secret@localhost:5432/rectify", "postgresql://rectify@db.internal/ledger",
                         "postgres://u:p@127.0.0.1/rectify?sslmode=disable"] {
                let location = try DatabaseLocation.parse(text)
                #expect(location == .postgres(URL(string: text)!), "\(text)")
                #expect(location.isPostgres)
            }
        }

        @Test(arguments: ["postgres://", "mysql://x", "postgres://host/db", "postgres://u@h", "postgres://u@h/", "sqlite:",
                          "sqlite://", "http://u@h/db", "postgres://u@h:99999/db"])
        func malformedValuesAreRefusedNamingDATABASE_URL(_ text: String) throws {
            do {
                let location = try DatabaseLocation.parse(text)
                Issue.record("\(text) parsed as \(location)")
            } catch let error as DatabaseLocation.Malformed {
                #expect(error.description.contains("DATABASE_URL"))
            } catch {
                // Foundation may refuse the port itself; any error that stops the start is acceptable here,
                // but it must name the setting.
                #expect(String(describing: error).contains("DATABASE_URL"), "\(text): \(error)")
            }
        }

        @Test func malformedMessageHidesThePassword() throws {
            do {
                _ = try DatabaseLocation.parse("postgres://rectify:hunter2@db.internal")
                Issue.record("a URL without a database name should be refused")
            } catch let error as DatabaseLocation.Malformed {
                #expect(error.description.contains("DATABASE_URL"))
                #expect(error.description.contains("no database name"))
                #expect(!error.description.contains("hunter2"))
            }
        }

        @Test func environmentConfigurationReadsUploadLimit() throws {
            let config = try AppConfig.fromEnvironment(["DATABASE_URL": "sqlite::memory:", "RECTIFY_UPLOAD_LIMIT_MB": "5"])
            #expect(config.database == .sqliteMemory)
            #expect(config.uploadLimitBytes == 5 * 1_048_576)
            #expect(throws: AppConfig.Invalid.self) {
                try AppConfig.fromEnvironment(["RECTIFY_UPLOAD_LIMIT_MB": "0"])
            }
            #expect(throws: DatabaseLocation.Malformed.self) {
                try AppConfig.fromEnvironment(["DATABASE_URL": "mysql://x"])
            }
        }
    }
}
