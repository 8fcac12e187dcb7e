import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import SQLKit
import Testing
import Vapor

extension ServerTests {
    /// `rectify generate`: deterministic synthetic bodies of a realistic shape, with a valid audit chain.
    @Suite struct GenerateTests {
        static let day = LedgerGenerator.defaultDay

        /// What must repeat exactly for the same seed: every generated measure, report, user and the audit head.
        func fingerprint(_ app: Application) async throws -> [String] {
            let measures = try await Measure.query(on: app.db).sort(\.$id).all()
                .map { "\($0.id!) \($0.problemID) \($0.status) \($0.deadline ?? "-") \($0.progress) \($0.text)" }
            let reports = try await ProgressReport.query(on: app.db).sort(\.$id).all()
                .map { "\($0.id!) \($0.reportDate) \($0.progress) \($0.reviewState)" }
            let users = try await User.query(on: app.db).sort(\.$username).all().map { "\($0.username) \($0.passwordHash)" }
            let head = try await (app.db as! any SQLDatabase).raw("SELECT seq, hash FROM audit_head WHERE id = 1")
                .first(decoding: AuditHead.self)
            return measures + reports + users + ["\(head?.seq ?? -1) \(head?.hash ?? "")"]
        }

        @Test func sameSeedGivesTheSameLedger() async throws {
            var first: [String] = []
            try await withApp { app in
                _ = try await LedgerGenerator(bodies: 2, seed: 7, day: Self.day, append: false).run(app)
                first = try await fingerprint(app)
            }
            try await withApp { app in
                _ = try await LedgerGenerator(bodies: 2, seed: 7, day: Self.day, append: false).run(app)
                #expect(try await fingerprint(app) == first)
            }
            try await withApp { app in
                _ = try await LedgerGenerator(bodies: 2, seed: 8, day: Self.day, append: false).run(app)
                #expect(try await fingerprint(app) != first)
            }
            #expect(first.count > 2_000)
        }

        @Test func bodiesHaveARealisticShapeAndTheAuditChainHolds() async throws {
            try await withApp { app in
                let result = try await LedgerGenerator(bodies: 3, seed: 1, day: Self.day, append: false).run(app)
                #expect(result.bodies == 3)
                #expect(try await Inspection.query(on: app.db).count() == 3)
                #expect(try await Problem.query(on: app.db).count() == 3 * 34)
                let sources = Set(try await Problem.query(on: app.db).all().map(\.source))
                #expect(sources == Set(ProblemSource.allCases.map(\.rawValue)))
                let measures = try await Measure.query(on: app.db).all()
                #expect((3 * 110...3 * 150).contains(measures.count))
                let reports = try await ProgressReport.query(on: app.db).count()
                #expect(Double(reports) / Double(measures.count) > 8 && Double(reports) / Double(measures.count) < 12)
                #expect(try await EvidenceFile.query(on: app.db).count() > measures.count)
                // Statuses spread: closed, in progress, overdue, awaiting close-out, long-term.
                let closed = measures.filter { $0.status == RectificationStatus.closed.rawValue }.count
                let overdue = measures.filter { $0.status != RectificationStatus.closed.rawValue
                    && ($0.deadline.map { $0 < Self.day.iso } ?? false) }.count
                let inProgress = measures.filter { $0.status == RectificationStatus.inProgress.rawValue }.count
                #expect(Double(closed) / Double(measures.count) > 0.2 && Double(closed) / Double(measures.count) < 0.5)
                #expect(overdue > 0 && inProgress > overdue)
                #expect(measures.contains { $0.status == RectificationStatus.pendingCloseOut.rawValue })
                #expect(measures.contains { $0.kind == MeasureKind.longTerm.rawValue && $0.deadline == nil })
                #expect(measures.allSatisfy { $0.leadUnitID != nil && $0.leaderID != nil })
                for table in ["accountability_records", "regulations", "meetings", "reminder_notices", "close_out_records",
                              "status_changes", "register_links", "look_back_checks"] {
                    let row = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
                    #expect(try row?.decode(column: "n", as: Int.self) ?? 0 > 0, "\(table) is empty")
                }
                // The office and a reporter per unit, able to sign in with the demo password.
                let users = try await User.query(on: app.db).all()
                #expect(users.filter { $0.role == .office }.count == 3)
                #expect(users.filter { $0.role == .unitReporter }.count >= 3 * 8)
                #expect(try Bcrypt.verify(DemoLedger.password, created: users[0].passwordHash))
                // One audit event per body, and the chain verifies.
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "generate").count() == 3)
                let verified = try await AuditVerifier.verify(on: app.db)
                #expect(verified.fault == nil)

                // A reporter sees its unit's measures through the API.
                let reporter = try #require(users.first { $0.username == "g0-u1" })
                let minted = Credentials.mintToken()
                try await app.db.ledgerWrite(actor: .system, now: fixedNow) { db, _ in
                    let token = APIToken()
                    token.userID = try reporter.requireID(); token.name = "test"; token.tokenHash = minted.hash
                    try await token.create(on: db)
                }
                let list = try await app.send(.GET, "/api/v1/measures?per=200", token: minted.token)
                #expect(list.status == .ok)
                let items = (try list.json()["items"] as? [[String: Any]]) ?? []
                #expect(!items.isEmpty && items.count < measures.count / 3)
            }
        }

        @Test func refusesADatabaseWithDataUnlessAppending() async throws {
            try await withApp { app in
                _ = try await LedgerGenerator(bodies: 1, seed: 1, day: Self.day, append: false).run(app)
                await #expect(throws: CLIError.self) {
                    _ = try await LedgerGenerator(bodies: 1, seed: 1, day: Self.day, append: false).run(app)
                }
                #expect(try await Inspection.query(on: app.db).count() == 1)
                _ = try await LedgerGenerator(bodies: 1, seed: 2, day: Self.day, append: true).run(app)
                #expect(try await Inspection.query(on: app.db).count() == 2)
                #expect(try await User.query(on: app.db).filter(\.$username == "g1-office").count() == 1)
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
            }
        }
    }
}
