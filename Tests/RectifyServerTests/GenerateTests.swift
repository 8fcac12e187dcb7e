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
                // Each body carries its sector's key, in the order bodies cycle through the kinds; its units none.
                let organizations = try await Organization.query(on: app.db).all()
                let bodies = organizations.filter { $0.kind == OrganizationKind.body.rawValue }
                #expect(Set(bodies.compactMap(\.sector)) == Set((0..<3).map { SectorCatalog.all[SectorCatalog.kinds[$0].sector].key.rawValue }))
                #expect(bodies.count == 3 && bodies.allSatisfy { $0.sector.flatMap(BodySector.init(rawValue:)) != nil })
                #expect(organizations.filter { $0.kind != OrganizationKind.body.rawValue }.allSatisfy { $0.sector == nil })
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

        @Test func earlierRoundsAreClosedOutLookedBackAndTwoYearsApart() async throws {
            try await withApp { app in
                let result = try await LedgerGenerator(bodies: 2, seed: 3, day: Self.day, rounds: 3, append: false).run(app)
                #expect(result.bodies == 2)
                #expect(try await Organization.query(on: app.db).filter(\.$kind == OrganizationKind.body.rawValue).count() == 2)
                let rounds = try await Inspection.query(on: app.db).sort(\.$feedbackDate).all()
                #expect(rounds.count == 6)
                for (body, ofBody) in Dictionary(grouping: rounds, by: \.inspectedBodyID) {
                    #expect(ofBody.count == 3, "\(body)")
                    let days = ofBody.compactMap { $0.feedbackDate.flatMap(Day.init(iso:)) }
                    #expect(days.count == 3)
                    for (earlier, later) in zip(days, days.dropFirst()) {
                        #expect((670...790).contains(earlier.days(until: later)), "\(earlier) → \(later)")
                    }
                    #expect(days.last! < Self.day)
                    for (n, round) in ofBody.enumerated() {
                        let id = try round.requireID()
                        let measures = try await Measure.query(on: app.db).filter(\.$inspectionID == id).all()
                        let problems = try await Problem.query(on: app.db).filter(\.$inspectionID == id).all()
                        if n < 2 {
                            // Closed out: every measure and problem closed, each problem looked back on and found holding.
                            #expect((20...26).contains(problems.count))
                            #expect(measures.allSatisfy { $0.status == RectificationStatus.closed.rawValue })
                            #expect(problems.allSatisfy { $0.status == RectificationStatus.closed.rawValue })
                            let checks = try await LookBackCheck.query(on: app.db).filter(\.$problemID ~~ problems.map { $0.id! }).all()
                            #expect(Set(checks.map(\.problemID)).count == problems.count)
                            #expect(checks.allSatisfy { $0.result == LookBackResult.passed.rawValue && $0.performedOn != nil })
                            #expect(round.statusDate.flatMap(Day.init(iso:)).map { $0 < days.last! } ?? false)
                        } else {
                            #expect(problems.count == 34)
                            #expect(measures.contains { $0.status != RectificationStatus.closed.rawValue })
                            #expect(round.statusDate == Self.day.iso)
                        }
                    }
                }
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "generate").count() == 2)
                #expect(try await AuditVerifier.verify(on: app.db).fault == nil)
            }
        }

        /// The same seed, index, rounds and day give the same rows; the latest round of a body
        /// without planted repeats does not depend on how many rounds came before it.
        @Test func bodiesAreDeterministicInEveryRound() {
            func rows(_ body: SyntheticBody) -> [Int] { body.tables.map(\.count) }
            func wording(_ body: SyntheticBody) -> [String] { body.generated.map { "\($0.id) \($0.round) \($0.title) \($0.description)" } }
            for index in [0, 7, 45] {
                let a = SyntheticBody.make(index: index, seed: 11, today: Self.day, rounds: 3, passwordHash: "x")
                let b = SyntheticBody.make(index: index, seed: 11, today: Self.day, rounds: 3, passwordHash: "x")
                #expect(wording(a) == wording(b) && rows(a) == rows(b))
                let other = SyntheticBody.make(index: index, seed: 12, today: Self.day, rounds: 3, passwordHash: "x")
                #expect(wording(other) != wording(a))
            }
            let plain = (0..<60).first { !PlantedStructure.repeats(seed: 11, index: $0) }!
            let one = SyntheticBody.make(index: plain, seed: 11, today: Self.day, rounds: 1, passwordHash: "x")
            let three = SyntheticBody.make(index: plain, seed: 11, today: Self.day, rounds: 3, passwordHash: "x")
            #expect(wording(one) == three.generated.filter { $0.round == 2 }.map { "\($0.id) 0 \($0.title) \($0.description)" })
        }

        /// 200 bodies of three rounds, in memory: varied wording, and the planted repeats, common
        /// problems and duplicates where `PlantedStructure` says, as similar as it says.
        @Test func wordingIsVariedAndThePlantedStructureIsFound() {
            let bodies = (0..<200).map { SyntheticBody.make(index: $0, seed: 1, today: Self.day, rounds: 3, passwordHash: "x") }
            let problems = bodies.flatMap(\.generated)
            #expect(problems.count > 200 * (34 + 2 * 20))
            #expect(Set(problems.map(\.title)).count >= 300, "\(Set(problems.map(\.title)).count) distinct titles")
            #expect(Set(problems.map(\.description)).count >= 5_000, "\(Set(problems.map(\.description)).count) distinct descriptions")
            #expect(Set(bodies.map(\.sector)) == Set(BodySector.allCases))
            func text(_ p: PlantedStructure.Problem) -> String { p.title + p.description }

            // Repeats: about one body in ten, in each round after the first; the earlier problem is the
            // most similar of its round, and far more alike than two different problems.
            let repeatBodies = bodies.indices.filter { PlantedStructure.repeats(seed: 1, index: $0) }
            #expect((8...40).contains(repeatBodies.count), "\(repeatBodies.count) bodies with repeats")
            var pairs = 0
            for (index, body) in bodies.enumerated() {
                let byID = Dictionary(uniqueKeysWithValues: body.generated.map { ($0.id, $0) })
                let planted = body.generated.compactMap { p -> (PlantedStructure.Problem, PlantedStructure.Problem)? in
                    guard case .repeatOf(let earlier) = p.plant else { return nil }
                    return (byID[earlier]!, p)
                }
                #expect(planted.count == (repeatBodies.contains(index) ? 2 : 0), "body \(index)")
                for (earlier, later) in planted {
                    pairs += 1
                    #expect(earlier.round == later.round - 1 && earlier.theme == later.theme)
                    let similarity = TrigramSimilarity.jaccard(text(earlier), text(later))
                    #expect(similarity >= 0.45, "\(earlier.title) / \(later.title): \(similarity)")
                    let best = body.generated.filter { $0.round == earlier.round }
                        .max { TrigramSimilarity.jaccard(text($0), text(later)) < TrigramSimilarity.jaccard(text($1), text(later)) }
                    #expect(best?.id == earlier.id, "\(later.title) matches \(best?.title ?? "-")")
                }
            }
            #expect(pairs == repeatBodies.count * 2)

            // Common problems: each spans five or more bodies of one sector, worded alike.
            let latest = bodies.map { ($0, $0.generated.filter { $0.round == 2 }) }
            var groups: [String: [(sector: BodySector, problem: PlantedStructure.Problem)]] = [:]
            var copies: [String: [(sector: BodySector, problem: PlantedStructure.Problem)]] = [:]
            for (body, problems) in latest {
                for p in problems {
                    if case .common(let key) = p.plant { groups[key, default: []].append((body.sector, p)) }
                    if case .duplicate(let key) = p.plant { copies[key, default: []].append((body.sector, p)) }
                }
            }
            #expect(groups.count == SectorCatalog.all.count * 2)
            for (key, members) in groups {
                #expect(members.count >= 5, "\(key): \(members.count) bodies")
                #expect(Set(members.map(\.sector)).count == 1)
                let first = text(members[0].problem)
                for member in members.dropFirst() {
                    #expect(TrigramSimilarity.jaccard(first, text(member.problem)) >= 0.4, "\(key): \(member.problem.description)")
                }
            }
            // Duplicates: word for word across several bodies of one sector.
            #expect(copies.count == SectorCatalog.all.count)
            for (key, members) in copies {
                #expect(members.count >= 3, "\(key)")
                #expect(Set(members.map(\.sector)).count == 1)
                #expect(Set(members.map { text($0.problem) }).count == 1)
            }
            // Two problems that are neither: far less alike.
            let plain = latest[0].1.filter { $0.plant == nil }
            let unrelated = zip(plain, plain.dropFirst()).map { TrigramSimilarity.jaccard(text($0), text($1)) }
            #expect(unrelated.max()! < 0.3)
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
