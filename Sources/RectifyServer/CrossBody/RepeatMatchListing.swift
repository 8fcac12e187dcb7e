import Fluent
import Foundation
import RectifyCore
import SQLKit

/// Turns stored matches into what the API and the page show, in a fixed number of statements
/// whatever their number: both sides' problems, their rounds, the bodies, and the earlier
/// problems' close-out records, each read once for the whole page.
enum RepeatMatchListing {
    static func dtos(_ matches: [RepeatMatch], on db: Database) async throws -> [RepeatMatchDTO] {
        guard !matches.isEmpty else { return [] }
        let problemIDs = Set(matches.flatMap { [$0.newProblemID, $0.earlierProblemID] })
        let problems = try await Problem.query(on: db).filter(\.$id ~~ Array(problemIDs))
            .field(\.$id).field(\.$inspectionID).field(\.$label).field(\.$title).field(\.$problemDescription).field(\.$status).all()
        let problemByID = Dictionary(uniqueKeysWithValues: problems.compactMap { p in p.id.map { ($0, p) } })
        let rounds = try await Inspection.query(on: db).filter(\.$id ~~ Array(Set(problems.map(\.inspectionID))))
            .field(\.$id).field(\.$title).field(\.$feedbackDate).all()
        let roundByID = Dictionary(uniqueKeysWithValues: rounds.compactMap { r in r.id.map { ($0, r) } })
        let bodies = try await Lookup.names(Organization.self, Set(matches.map(\.bodyID)), on: db, name: \.$name)
        let closeOuts = try await self.closeOuts(of: Set(matches.map(\.earlierProblemID)), on: db)

        func side(_ id: UUID, closeOut: Bool) -> RepeatMatchDTO.Side? {
            guard let p = problemByID[id] else { return nil }
            let status = RectificationStatus(rawValue: p.status) ?? .notStarted
            let round = roundByID[p.inspectionID]
            return .init(problemId: id, inspectionId: p.inspectionID, roundTitle: round?.title ?? "", feedbackDate: round?.feedbackDate,
                         label: p.label, title: p.title, description: p.problemDescription, status: status, statusLabel: status.label,
                         closeOut: closeOut ? closeOuts[id] : nil)
        }
        return matches.compactMap { m in
            guard let id = m.id, let new = side(m.newProblemID, closeOut: false), let earlier = side(m.earlierProblemID, closeOut: true) else {
                return nil
            }
            let state = RepeatMatchState(rawValue: m.state) ?? .suggested
            return RepeatMatchDTO(id: id, bodyId: m.bodyID, bodyName: bodies[m.bodyID] ?? "",
                                  similarityPercent: Int((m.similarity * 100).rounded()), state: state, stateLabel: state.label,
                                  decidedBy: m.decidedBy, decidedAt: m.decidedAt, version: m.version, newProblem: new, earlierProblem: earlier)
        }
    }

    /// Each problem's close-out as signed: the last approval of the leader's sign-off (领导签批销号),
    /// or, for a problem closed otherwise, its last approval of any stage.
    static func closeOuts(of problems: Set<UUID>, on db: Database) async throws -> [UUID: RepeatMatchDTO.CloseOut] {
        guard !problems.isEmpty else { return [:] }
        let records = try await CloseOutRecord.query(on: db).filter(\.$problemID ~~ Array(problems))
            .filter(\.$decision == CloseOutDecision.approve.rawValue).sort(\.$createdAt).sort(\.$id).all()
        var chosen: [UUID: CloseOutRecord] = [:]
        for record in records {
            guard let problem = record.problemID else { continue }
            let isSignOff = record.stage == CloseOutStage.leaderSignOff.rawValue
            if let kept = chosen[problem], kept.stage == CloseOutStage.leaderSignOff.rawValue, !isSignOff { continue }
            chosen[problem] = record
        }
        return chosen.compactMapValues { r in
            guard let stage = CloseOutStage(rawValue: r.stage) else { return nil }
            return .init(stage: stage, stageLabel: stage.label, signedBy: r.actorName, signedAt: r.createdAt, signedOn: r.createdAt.map { Day($0).iso }, opinion: r.opinion)
        }
    }

    /// Distinct problems with a confirmed or a suggested match, by a grouping column (the body or
    /// the later round), in one statement.
    static func counts(by column: String, within ids: [UUID]? = nil, on db: Database) async throws -> [UUID: RepeatCounts] {
        let query = try db.sql.select().column(column).column("state")
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLIdentifier("new_problem_id"))), as: "problems")
            .from(RepeatMatch.schema)
            .where("state", .in, SQLBind.group([RepeatMatchState.confirmed.rawValue, RepeatMatchState.suggested.rawValue]))
        if let ids { query.where(column, .in, SQLBind.group(ids)) }
        var counts: [UUID: RepeatCounts] = [:]
        for row in try await query.groupBy(column).groupBy("state").all() {
            let id = try row.decode(column: column, as: UUID.self)
            let number = try row.decode(column: "problems", as: Int.self)
            if try row.decode(column: "state", as: String.self) == RepeatMatchState.confirmed.rawValue {
                counts[id, default: RepeatCounts()].confirmed = number
            } else {
                counts[id, default: RepeatCounts()].suggested = number
            }
        }
        return counts
    }
}
