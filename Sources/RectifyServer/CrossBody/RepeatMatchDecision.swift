import Fluent
import Foundation
import RectifyCore

/// The supervisor's decision on a suggested repeat: confirmed as a repeated problem (屡查屡犯) or
/// dismissed, checked against the version the decision was made on, and audited with it. A
/// decision may be changed later the same way; deciding what is already decided is a conflict.
enum RepeatMatchDecision {
    static func decide(_ id: UUID, to state: RepeatMatchState, version: Int, actor: AuditActor, now: Date,
                       on db: Database) async throws -> RepeatMatch {
        guard state != .suggested else {
            throw RectifyError.invalid("state", "invalid_value", "只能认定为屡查屡犯或予以排除")
        }
        return try await db.ledgerWrite(actor: actor, now: now) { tx, audit in
            guard let match = try await RepeatMatch.find(id, on: tx) else { throw RectifyError.notFound("屡查屡犯匹配") }
            guard match.version == version else { throw RectifyError.staleVersion(current: match.version) }
            guard match.state != state.rawValue else {
                throw RectifyError.conflict(code: "already_decided", message: "该匹配已是“\(state.label)”状态")
            }
            let before = ["state": match.state, "version": String(match.version)]
            match.state = state.rawValue
            match.decidedBy = actor.name
            match.decidedAt = now
            match.version += 1
            try await match.save(on: tx)
            try await audit.record(state == .confirmed ? "confirm" : "dismiss", entity: "repeat_match", id: id.uuidString,
                                   before: before, after: ["state": match.state, "version": String(match.version),
                                                           "newProblemId": match.newProblemID.uuidString,
                                                           "earlierProblemId": match.earlierProblemID.uuidString])
            return match
        }
    }
}
