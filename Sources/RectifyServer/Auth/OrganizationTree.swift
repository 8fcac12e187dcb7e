import Fluent
import Foundation

/// Walks of the organization tree that touch only the branch asked about, one indexed query per
/// level: a province holds tens of thousands of units, too many to load on every request.
enum OrganizationTree {
    /// The unit above `id`, nil at the top.
    private static func parent(of id: UUID, on db: Database) async throws -> UUID? {
        try await Organization.query(on: db).filter(\.$id == id).field(\.$id).field(\.$parentID).first()?.parentID
    }

    /// The top of `id`'s branch, one parent lookup per level.
    static func root(of id: UUID, on db: Database) async throws -> UUID {
        var current = id
        var seen: Set<UUID> = [id]
        while let parent = try await parent(of: current, on: db), seen.insert(parent).inserted {
            current = parent
        }
        return current
    }

    /// Whether `id` is `ancestor` or lies below it, one parent lookup per level.
    static func isWithin(_ id: UUID, _ ancestor: UUID, on db: Database) async throws -> Bool {
        var current: UUID? = id
        var steps = 0
        while let c = current, steps < 64 {
            if c == ancestor { return true }
            current = try await parent(of: c, on: db)
            steps += 1
        }
        return false
    }

    /// `id` and every unit below it, one query per level.
    static func subtree(of id: UUID, on db: Database) async throws -> Set<UUID> {
        var result: Set<UUID> = [id]
        var level = [id]
        while !level.isEmpty {
            let children = try await Organization.query(on: db).filter(\.$parentID ~~ level.map(Optional.some)).field(\.$id).all().compactMap(\.id)
            level = children.filter { result.insert($0).inserted }
        }
        return result
    }
}
