import Fluent
import Foundation
import RectifyCore

/// The people a measure form offers as leader: the serving people of the round's body, by name. A
/// leader a measure already names stays offered (and selected) on that measure's form after they
/// left, marked so, and is offered nowhere else.
struct LeaderChoices: Sendable {
    struct Choice: Sendable { let id: UUID; let label: String }

    let serving: [Choice]
    /// Leaders the measures name who have left, labelled with how.
    let departed: [UUID: String]

    /// The serving people of `units`, by name.
    static func serving(units: Set<UUID>, on db: Database) async throws -> [Choice] {
        let people = units.isEmpty ? [] : try await Person.query(on: db).filter(\.$organizationID ~~ units.map(Optional.some))
            .filter(\.$leftOn == nil).field(\.$id).field(\.$name).field(\.$title).sort(\.$name).sort(\.$id).all()
        return people.compactMap { p in p.id.map { Choice(id: $0, label: p.title.map { "\(p.name)（\($0)）" } ?? p.name) } }
    }

    /// A departed leader's label: name and how they left.
    static func departedLabel(name: String, departure: String?) -> String {
        "\(name)（已\(departure.flatMap(Departure.init(rawValue:))?.label ?? Departure.leftOffice.label)）"
    }

    static func load(units: Set<UUID>, current: Set<UUID>, on db: Database) async throws -> LeaderChoices {
        let serving = try await serving(units: units, on: db)
        let others = current.subtracting(serving.map(\.id))
        var departed: [UUID: String] = [:]
        if !others.isEmpty {
            for p in try await Person.query(on: db).filter(\.$id ~~ Array(others)).filter(\.$leftOn != nil)
                .field(\.$id).field(\.$name).field(\.$departure).all() {
                guard let id = p.id else { continue }
                departed[id] = departedLabel(name: p.name, departure: p.departure)
            }
        }
        return LeaderChoices(serving: serving, departed: departed)
    }

    /// The choices of one form, `selected` first when it is a leader who has left.
    func options(selected: UUID?) -> [BoardController.Option] {
        var options: [BoardController.Option] = []
        if let selected, let label = departed[selected] {
            options.append(.init(value: selected.uuidString, label: label, selected: true))
        }
        options += serving.map { .init(value: $0.id.uuidString, label: $0.label, selected: $0.id == selected) }
        return options
    }
}
