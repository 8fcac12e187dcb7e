import Fluent
import Foundation
import RectifyCore

/// Who may be named a leader of a problem or measure: a person still serving. A leader who has since
/// left stays on the rows that already name them, so only newly named leaders are checked. Called
/// after `ScopeRule.require`, so the names it gives are of the row's own body.
enum LeaderRule {
    static func requireServing(_ ids: [UUID], keeping current: Set<UUID> = [], field: String, on db: Database) async throws {
        let added = Set(ids).subtracting(current)
        guard !added.isEmpty else { return }
        let left = try await Person.query(on: db).filter(\.$id ~~ Array(added)).filter(\.$leftOn != nil)
            .field(\.$id).field(\.$name).field(\.$leftOn).field(\.$departure).sort(\.$name).all()
        guard let first = left.first else { return }
        if left.count > 1 {
            let names = left.map { "“\($0.name)”" }.joined(separator: "、")
            throw RectifyError.invalid(field, "person_left", "\(names)已离任或调离，不能再担任责任领导")
        }
        let how = first.departure.flatMap(Departure.init(rawValue:))?.label ?? Departure.leftOffice.label
        let when = first.leftOn.flatMap(Day.init(iso:)).map { "已于\($0.chinese)" } ?? "已"
        throw RectifyError.invalid(field, "person_left", "“\(first.name)”\(when)\(how)，不能再担任责任领导")
    }
}
