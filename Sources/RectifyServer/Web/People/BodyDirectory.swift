import Fluent
import Foundation

/// The units of one inspected body in tree order, with their names: the choices of the people pages'
/// and the measure form's unit selectors, and the names their lists show. Built from the body's
/// subtree only, so nothing of another body is ever offered.
struct BodyDirectory: Sendable {
    struct Unit: Sendable {
        let id: UUID
        let name: String
        let depth: Int
    }

    let bodyID: UUID?
    let units: [Unit]
    let names: [UUID: String]

    var ids: Set<UUID> { Set(names.keys) }

    static let empty = BodyDirectory(bodyID: nil, units: [], names: [:])

    /// `subtree`: the body's units when the caller already holds them (`AccessContext.bodyUnits`).
    static func load(body: UUID, subtree: Set<UUID>? = nil, on db: Database) async throws -> BodyDirectory {
        var ids = subtree ?? []
        if subtree == nil { ids = try await OrganizationTree.subtree(of: body, on: db) }
        guard !ids.isEmpty else { return .empty }
        let orgs = try await Organization.query(on: db).filter(\.$id ~~ Array(ids))
            .field(\.$id).field(\.$parentID).field(\.$name).field(\.$sortOrder).sort(\.$sortOrder).sort(\.$name).all()
        var children: [UUID?: [Organization]] = [:]
        for org in orgs { children[org.id == body ? nil : org.parentID, default: []].append(org) }
        var units: [Unit] = []
        // Depth-bounded like the tree walks elsewhere: a cycle written into the table cannot loop here.
        func walk(_ parent: UUID?, _ depth: Int) {
            for org in children[parent] ?? [] where depth < 12 {
                guard let id = org.id else { continue }
                units.append(Unit(id: id, name: org.name, depth: depth))
                walk(id, depth + 1)
            }
        }
        walk(nil, 0)
        return BodyDirectory(bodyID: body, units: units, names: Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.name) }))
    }

    /// The units as choices, indented by level, with `selected` marked.
    func options(selected: UUID?) -> [BoardController.Option] {
        units.map { unit in
            BoardController.Option(value: unit.id.uuidString, label: String(repeating: "　", count: unit.depth) + unit.name,
                                   selected: unit.id == selected)
        }
    }
}
