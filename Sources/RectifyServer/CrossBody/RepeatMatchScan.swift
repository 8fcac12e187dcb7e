import Fluent
import Foundation
import NIOPosix
import RectifyCore
import SQLKit

/// Finds repeated problems (屡查屡犯) and stores new suggestions: one statement reads the problems
/// of the bodies in scope (up to a cap, whole bodies only), one reads the pairs already stored, one
/// batch inserts the new ones with an audit event each. A pair already stored, whatever its
/// state, is left as it is: computing again never undoes a decision.
enum RepeatMatchScan {
    /// Problems one scan reads.
    static let problemCap = 5000

    struct Outcome: Sendable {
        let bodies: Int
        let problems: Int
        let suggested: Int
        let capped: Bool

        var message: String {
            var text = "已比对\(bodies)个单位的\(problems)个问题，新增\(suggested)条疑似屡查屡犯。"
            if capped { text += "问题超过\(RepeatMatchScan.problemCap)个，只比对了前面的完整单位；其余单位请逐个比对。" }
            return text
        }
    }

    /// Whether `id` names an inspected body (top-level, of kind body) a scan may be narrowed to; the
    /// inspection office's own organization is top-level too, and is not one.
    static func isInspectedBody(_ id: UUID, on db: Database) async throws -> Bool {
        guard let org = try await Organization.find(id, on: db) else { return false }
        return org.parentID == nil && org.kind == OrganizationKind.body.rawValue
    }

    static func run(body: UUID?, threshold: Double, actor: AuditActor, now: Date, on db: Database) async throws -> Outcome {
        try await run(bodies: body.map { [$0] }, threshold: threshold, actor: actor, now: now, on: db)
    }

    /// The bodies of `bodies`, or every body when nil; only bodies inspected more than once have
    /// anything to compare, so only their problems count against the cap.
    static func run(bodies: [UUID]?, threshold: Double, actor: AuditActor, now: Date, on db: Database) async throws -> Outcome {
        let query = try db.sql.select()
            .column(SQLColumn("id", table: Problem.schema)).column(SQLColumn("inspection_id", table: Problem.schema))
            .column(SQLColumn("title", table: Problem.schema)).column(SQLColumn("description", table: Problem.schema))
            .column(SQLColumn("inspected_body_id", table: Inspection.schema))
            .column(SQLColumn("feedback_date", table: Inspection.schema))
            .from(Problem.schema)
            .join(SQLIdentifier(Inspection.schema), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: Inspection.schema), .equal, SQLColumn("inspection_id", table: Problem.schema))
        if let bodies { query.where(SQLColumn("inspected_body_id", table: Inspection.schema), .in, SQLBind.group(bodies)) }
        let inspectedAgain = try db.sql.select().column("inspected_body_id").from(Inspection.schema).groupBy("inspected_body_id")
            .having(SQLFunction("COUNT", args: SQLLiteral.all), .greaterThan, SQLLiteral.numeric("1")).query
        query.where(SQLColumn("inspected_body_id", table: Inspection.schema), .in, SQLGroupExpression(inspectedAgain))
        let rows = try await query.orderBy(SQLColumn("inspected_body_id", table: Inspection.schema))
            .orderBy(SQLColumn("id", table: Problem.schema)).limit(problemCap + 1).all()
        var candidates = try rows.map { row in
            RepeatCandidate(problemID: try row.decode(column: "id", as: UUID.self),
                            bodyID: try row.decode(column: "inspected_body_id", as: UUID.self),
                            roundID: try row.decode(column: "inspection_id", as: UUID.self),
                            roundDate: try row.decode(column: "feedback_date", as: String?.self) ?? "",
                            title: try row.decode(column: "title", as: String.self),
                            description: try row.decode(column: "description", as: String?.self))
        }
        let capped = candidates.count > problemCap
        if capped {
            // The last body read may be cut short: it is left for a scan of its own.
            let last = candidates[problemCap].bodyID
            candidates = candidates.prefix(problemCap).filter { $0.bodyID != last }
        }
        // Thousands of comparisons: on the thread pool, so the event loop keeps serving other requests.
        let compared = candidates
        let suggestions = try await NIOThreadPool.singleton.runIfActive { RepeatMatching.match(compared, threshold: threshold) }
        let comparedBodies = Set(candidates.map(\.bodyID)).count
        guard !suggestions.isEmpty else {
            return Outcome(bodies: comparedBodies, problems: candidates.count, suggested: 0, capped: capped)
        }
        let suggested = try await db.ledgerWrite(actor: actor, now: now) { tx, audit in
            let stored = try tx.sql.select().column("new_problem_id").column("earlier_problem_id").from(RepeatMatch.schema)
            if let bodies { stored.where("body_id", .in, SQLBind.group(bodies)) }
            var known: Set<String> = []
            for row in try await stored.all() {
                known.insert("\(try row.decode(column: "new_problem_id", as: UUID.self))|\(try row.decode(column: "earlier_problem_id", as: UUID.self))")
            }
            let fresh = suggestions.filter { !known.contains("\($0.newProblemID)|\($0.earlierProblemID)") }.map { s in
                let match = RepeatMatch()
                match.id = UUID()
                match.newProblemID = s.newProblemID
                match.earlierProblemID = s.earlierProblemID
                match.bodyID = s.bodyID
                match.newInspectionID = s.newRoundID
                match.earlierInspectionID = s.earlierRoundID
                match.similarity = (s.similarity * 1000).rounded() / 1000
                match.state = RepeatMatchState.suggested.rawValue
                match.version = 1
                return match
            }
            // Thirteen columns a row: batches stay below SQLite's limit on parameters.
            var start = 0
            while start < fresh.count {
                try await Array(fresh[start..<min(start + 500, fresh.count)]).create(on: tx)
                start += 500
            }
            for match in fresh {
                try await audit.record("suggest", entity: "repeat_match", id: try match.requireID().uuidString, after: [
                    "newProblemId": match.newProblemID.uuidString, "earlierProblemId": match.earlierProblemID.uuidString,
                    "bodyId": match.bodyID.uuidString, "similarity": String(match.similarity), "state": match.state,
                ])
            }
            return fresh.count
        }
        return Outcome(bodies: comparedBodies, problems: candidates.count, suggested: suggested, capped: capped)
    }
}
