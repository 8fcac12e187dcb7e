import Fluent
import Foundation
import RectifyCore
import Vapor

/// Repeat matching without anyone asking: each escalation scan compares the problems entered since
/// its last pass (a new round, a look-back's findings, an import) with their bodies' earlier rounds,
/// so a body inspected again has its suggestions on `/repeats` by the next period. The mark trails
/// the pass's start by a margin, so a problem committed while a pass ran is read again by the next
/// one; a pair already stored, decided or not, is never stored again.
enum NewProblemRepeatScan {
    static let markName = "repeat-matches"
    static let margin: TimeInterval = 300
    /// Bodies compared together: three rounds of a large body stay well below the scan's cap.
    static let bodiesPerPass = 10

    struct Outcome: Sendable, Equatable {
        var bodies = 0
        var suggested = 0
    }

    static func run(_ app: Application, threshold: Double = SimilarityThreshold.default) async throws -> Outcome {
        let db = app.db
        // Fluent stamps `created_at` from the system clock, so the mark uses it too.
        let started = Date()
        let mark = try await JobMarks.read(markName, on: db)
        let rounds = try await Problem.query(on: db).filter(\.$createdAt > mark).unique().field(\.$inspectionID).all()
            .map(\.inspectionID)
        var outcome = Outcome()
        if !rounds.isEmpty {
            let bodies = try await Inspection.query(on: db).filter(\.$id ~~ Array(Set(rounds))).field(\.$inspectedBodyID).all()
                .map(\.inspectedBodyID)
            let pending = Array(Set(bodies)).sorted { $0.uuidString < $1.uuidString }
            let actor = AuditActor(id: nil, name: "屡查屡犯比对")
            var start = 0
            while start < pending.count {
                let chunk = Array(pending[start..<min(start + bodiesPerPass, pending.count)])
                start += bodiesPerPass
                let pass = try await RepeatMatchScan.run(bodies: chunk, threshold: threshold, actor: actor, now: app.clock.now(), on: db)
                outcome.suggested += pass.suggested
                outcome.bodies += pass.bodies
                guard pass.capped else { continue }
                // Bodies too large to go together: one at a time (pairs stored already are skipped).
                for body in chunk {
                    let alone = try await RepeatMatchScan.run(bodies: [body], threshold: threshold, actor: actor, now: app.clock.now(), on: db)
                    outcome.suggested += alone.suggested
                    if alone.capped { app.logger.warning("repeat matching: a body has more problems than one scan compares; scan it on /repeats") }
                }
            }
        }
        try await JobMarks.write(markName, started.addingTimeInterval(-margin), on: db)
        return outcome
    }
}
