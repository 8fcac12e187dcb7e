import Fluent
import Foundation
import RectifyCore

/// A person's change history in words, read from the audit log: what each event changed (name,
/// rank, title, unit, leaving), not its JSON snapshots.
enum PersonTrail {
    struct Row: Encodable {
        let at: String
        let actor: String
        let action: String
        let detail: String
    }

    /// How many of the newest events the page shows.
    static let limit = 50

    static func load(_ id: UUID, units: [UUID: String], on db: Database) async throws -> [Row] {
        let events = try await AuditEvent.query(on: db).filter(\.$entityID == id.uuidString).filter(\.$entity == PersonResource.entity)
            .sort(\.$id, .descending).limit(limit)
            .field(\.$id).field(\.$atMillis).field(\.$actorName).field(\.$action).field(\.$before).field(\.$after).all()
        return events.map { event in
            let (action, detail) = describe(event.action, before: decode(event.before), after: decode(event.after), units: units)
            return Row(at: ProblemPagesController.timeText(Date(timeIntervalSince1970: Double(event.atMillis) / 1000)),
                       actor: event.actorName, action: action, detail: detail)
        }
    }

    private static func decode(_ json: String?) -> PersonDTO? {
        guard let json else { return nil }
        return try? JSONDecoder().decode(PersonDTO.self, from: Data(json.utf8))
    }

    /// The action's name and what it changed. Units are named from `units` (the person's body); a
    /// unit not in it is shown as a dash rather than looked up elsewhere.
    static func describe(_ action: String, before: PersonDTO?, after: PersonDTO?, units: [UUID: String]) -> (String, String) {
        func unit(_ id: UUID?) -> String { id.flatMap { units[$0] } ?? "—" }
        func rank(_ rank: CadreRank?) -> String { rank?.label ?? "未填" }
        func departure(_ dto: PersonDTO) -> String {
            "\(dto.leftOn?.chinese ?? "")\(dto.departure?.label ?? Departure.leftOffice.label)"
        }
        switch action {
        case "create", "import":
            let name = action == "create" ? "新增" : "导入时新增"
            guard let after else { return (name, "") }
            return (name, ["单位：\(unit(after.organizationId))", after.title.map { "职务：\($0)" }].compactMap { $0 }.joined(separator: "；"))
        case "delete":
            return ("删除", "")
        case "update":
            guard let before, let after else { return ("修改", "") }
            var changes: [String] = []
            if before.name != after.name { changes.append("姓名：\(before.name) → \(after.name)") }
            if before.rank != after.rank { changes.append("职级：\(rank(before.rank)) → \(rank(after.rank))") }
            if before.title != after.title { changes.append("职务：\(before.title ?? "未填") → \(after.title ?? "未填")") }
            if before.organizationId != after.organizationId {
                changes.append("单位：\(unit(before.organizationId)) → \(unit(after.organizationId))")
            }
            var name = before.organizationId != after.organizationId ? "调整单位" : "修改"
            if before.leftOn == nil, after.leftOn != nil {
                name = "标记\(after.departure?.label ?? Departure.leftOffice.label)"
                changes.append(departure(after))
            } else if before.leftOn != nil, after.leftOn == nil {
                name = "撤销离任（调离）标记"
            } else if before.leftOn != after.leftOn || before.departure != after.departure {
                changes.append("\(departure(before)) → \(departure(after))")
            }
            return (name, changes.joined(separator: "；"))
        default:
            return (action, "")
        }
    }
}
