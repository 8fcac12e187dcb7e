import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Importing and checking published reports through the API.
    @Suite struct ReportImportAPITests {
        /// Whether the seed is beside the repository (a fresh clone has no `../shared`).
        static let seedIsPresent: Bool = (try? seedData()) != nil
        static let seedSkipped: Comment = "needs the seed report in ../shared/seed (or RECTIFY_SHARED_DIR); not run"

        static func seed() throws -> Data {
            guard let data = try? seedData() else {
                Issue.record("the seed report was not found beside the repository (../shared/seed) nor in RECTIFY_SHARED_DIR")
                throw CancellationError()
            }
            return data
        }

        private static func seedData() throws -> Data {
            var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            if let shared = ProcessInfo.processInfo.environment["RECTIFY_SHARED_DIR"] {
                return try Data(contentsOf: URL(fileURLWithPath: shared).appendingPathComponent("seed/000_4633325596bd120b.txt"))
            }
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent("shared/seed/000_4633325596bd120b.txt")
                if let data = FileManager.default.contents(atPath: candidate.path) { return data }
                directory.deleteLastPathComponent()
            }
            throw CocoaError(.fileNoSuchFile)
        }

        @Test(.enabled(if: seedIsPresent, seedSkipped)) func aDryRunReadsAndChecksWithoutWriting() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let before = try await AuditEvent.query(on: app.db).count()

                let res = try await app.sendBytes(.POST, "/api/v1/imports?dryRun=true&name=seed.txt", token: fx.token("office"),
                                                  bytes: try Self.seed())

                #expect(res.status == .ok)
                let body = try res.json()
                #expect(body["dryRun"] as? Bool == true)
                #expect(body["problemsRead"] as? Int == 34)
                #expect(body["problemsBySource"] as? [String: Int] == ["inspection_feedback": 30, "secretary_assigned": 2, "self_found": 2])
                let rules = (body["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
                #expect(rules.contains("numbering.repeat"))
                #expect(rules.contains("claim.accountability_total"))
                #expect(body["imported"] == nil || body["imported"] is NSNull)
                #expect(try await Inspection.query(on: app.db).count() == 0)
                #expect(try await AuditEvent.query(on: app.db).count() == before)
            }
        }

        @Test(.enabled(if: seedIsPresent, seedSkipped)) func anImportWritesTheRoundProblemsAndMeasuresWithTheirHistory() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)

                let res = try await app.sendMultipart("/api/v1/imports", token: fx.token("office"), filename: "城管局整改进展.txt",
                                                      bytes: try Self.seed())

                #expect(res.status == .ok)
                let imported = try #require(try res.json()["imported"] as? [String: Any])
                #expect(imported["problemsCreated"] as? Int == 34)
                #expect(imported["measuresCreated"] as? Int == 104)
                let inspection = try #require(try await Inspection.query(on: app.db).first())
                // An office user imports into its own body.
                #expect(inspection.inspectedBodyID == fx.body)
                #expect(inspection.onsiteStart == "2023-07-31")
                #expect(inspection.onsiteEnd == "2023-09-28")
                #expect(inspection.feedbackDate == "2023-11-02")
                #expect(inspection.statusDate == "2024-04-30")
                #expect(inspection.publishedOn == "2024-08-20")
                #expect(inspection.statedClaims?.accountabilityTotal?.count == 23)
                let closed = try await Problem.query(on: app.db).filter(\.$status == "closed").count()
                #expect(closed == 34)
                let first = try #require(try await Problem.query(on: app.db).filter(\.$number == 1)
                    .filter(\.$source == "inspection_feedback").first())
                #expect(first.title == "协调推动市城管委履职不到位")
                #expect(try await Measure.query(on: app.db).filter(\.$problemID == first.requireID()).count() == 4)
                let id = try inspection.requireID()
                let stats = try await app.send(.GET, "/api/v1/statistics?inspectionId=\(id)&asOf=2024-04-30", token: fx.token("supervisor"))
                let overall = try #require(try stats.json()["overall"] as? [String: Any])
                #expect((overall["rate"] as? [String: Any])?["percentText"] as? String == "100%")
                let earlier = try await app.send(.GET, "/api/v1/statistics?inspectionId=\(id)&asOf=2024-01-01", token: fx.token("supervisor"))
                #expect((try earlier.json()["overall"] as? [String: Any])?["completed"] as? Int == 0)
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
            }
        }

        @Test func aFileThatIsNotAReportIsRefusedWithItsLineAndNothingIsWritten() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)

                let res = try await app.sendBytes(.POST, "/api/v1/imports?name=note.txt", token: fx.token("office"),
                                                  bytes: Data("会议通知\n请各单位准时参加。\n".utf8))

                #expect(res.status == .unprocessableEntity)
                #expect(res.errorFields == ["file"])
                let message = (try res.json()["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains("第1行"))
                #expect(try await Inspection.query(on: app.db).count() == 0)
            }
        }

        @Test(.enabled(if: seedIsPresent, seedSkipped)) func onlyTheOfficeImportsButReadersMayCheck() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let seed = try Self.seed()

                let reporter = try await app.sendBytes(.POST, "/api/v1/imports?name=seed.txt", token: fx.token("reporterA"), bytes: seed)
                let supervisorImport = try await app.sendBytes(.POST, "/api/v1/imports?name=seed.txt", token: fx.token("supervisor"), bytes: seed)
                let check = try await app.sendBytes(.POST, "/api/v1/checks?name=seed.txt", token: fx.token("supervisor"), bytes: seed)

                #expect(reporter.status == .forbidden)
                #expect(supervisorImport.status == .forbidden)
                #expect(check.status == .ok)
                let findings = try check.json()["findings"] as? [[String: Any]] ?? []
                let ongoing = findings.filter { $0["rule"] as? String == "status.completed_but_ongoing" }
                    .compactMap { $0["problemNumber"] as? Int }
                #expect(Set([3, 7, 17, 28]).isSubset(of: Set(ongoing)))
            }
        }
    }
}
