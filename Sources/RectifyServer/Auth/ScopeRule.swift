import Fluent
import Foundation
import RectifyCore

/// The one rule of reach between inspected bodies, used by every resource, page and document.
///
/// - A body is the top of a branch of the organization tree with everything below it. Supervisors
///   and administrators reach every body; everyone else reaches only the body their unit lies in.
/// - Nothing is shared across bodies: units and people are read only within the reader's body
///   (the directory a body's users pick from), ledger rows only within its rounds, and unit
///   reporters see only the items their units lead or support (`MeasureResource.scopeToUnits`).
/// - A write is authorized on the row as stored and again on the row as it will be (a unit cannot
///   be moved out of its body, a person cannot be moved into another).
/// - Every id a write names (parent unit, units, people, problems, rounds, measures) must lie within
///   the body of the row it is written to, whoever writes it: an administrator cannot make one
///   body's measure name another body's unit either. An id outside is refused exactly as an id
///   that does not exist, so the refusal tells nothing about other bodies.
enum ScopeRule {
    // MARK: - Reads

    /// Units the user may read: those of the user's body.
    static func scopeUnits(_ query: QueryBuilder<Organization>, _ access: AccessContext) {
        guard let units = access.bodyUnitIDs else { return }
        query.filter(\.$id ~~ Array(units))
    }

    /// People the user may read: those of the user's body.
    static func scopePeople(_ query: QueryBuilder<Person>, _ access: AccessContext) {
        guard let units = access.bodyUnitIDs else { return }
        query.filter(\.$organizationID ~~ units.map(Optional.some))
    }

    /// Whether the unit lies within the user's body.
    static func reaches(unit id: UUID?, _ access: AccessContext) -> Bool {
        guard let units = access.bodyUnitIDs else { return true }
        guard let id else { return false }
        return units.contains(id)
    }

    // MARK: - References

    /// The body (top of the branch) a round's inspected unit lies in.
    static func body(of inspection: Inspection, on db: Database) async throws -> UUID {
        try await OrganizationTree.root(of: inspection.inspectedBodyID, on: db)
    }

    static func body(ofInspection id: UUID, on db: Database) async throws -> UUID {
        guard let inspection = try await Inspection.find(id, on: db) else { throw RectifyError.notFound("巡察轮次") }
        return try await body(of: inspection, on: db)
    }

    /// Refuses units that do not exist or lie outside `body`, as one field error.
    static func requireUnits(_ ids: [UUID], within body: UUID, field: String, on db: Database) async throws {
        let unique = Set(ids)
        guard !unique.isEmpty else { return }
        let roots = try await OrganizationTree.roots(of: unique, on: db)
        guard unique.allSatisfy({ roots[$0] == body }) else {
            throw RectifyError.invalid(field, "unknown_reference",
                                       unique.count == 1 ? "所选单位不存在或不属于本单位" : "所选单位中有不存在或不属于本单位的单位")
        }
    }

    static func requireUnit(_ id: UUID?, within body: UUID, field: String, on db: Database) async throws {
        guard let id else { return }
        try await requireUnits([id], within: body, field: field, on: db)
    }

    /// Refuses people who do not exist or whose unit lies outside `body`.
    static func requirePeople(_ ids: [UUID], within body: UUID, field: String, on db: Database) async throws {
        let unique = Set(ids)
        guard !unique.isEmpty else { return }
        let people = try await Person.query(on: db).filter(\.$id ~~ Array(unique)).field(\.$id).field(\.$organizationID).all()
        let units = Set(people.compactMap(\.organizationID))
        let roots = try await OrganizationTree.roots(of: units, on: db)
        let inside = people.filter { person in person.organizationID.flatMap { roots[$0] } == body }
        guard inside.count == unique.count else {
            throw RectifyError.invalid(field, "unknown_reference",
                                       unique.count == 1 ? "所选人员不存在或不属于本单位" : "所选人员中有不存在或不属于本单位的人员")
        }
    }

    static func requirePerson(_ id: UUID?, within body: UUID, field: String, on db: Database) async throws {
        guard let id else { return }
        try await requirePeople([id], within: body, field: field, on: db)
    }

    /// Refuses a unit outside the caller's body, for writes that belong to no round (units, people).
    static func requireUnitOfCaller(_ id: UUID?, _ access: AccessContext, field: String) throws {
        guard let id, !reaches(unit: id, access) else { return }
        throw RectifyError.invalid(field, "unknown_reference", "所选单位不存在或不属于本单位")
    }
}

extension OrganizationTree {
    /// The top of each unit's branch, one query per level for all of them; unknown ids are absent.
    static func roots(of ids: Set<UUID>, on db: Database) async throws -> [UUID: UUID] {
        var parentOf: [UUID: UUID?] = [:]
        var pending = ids
        var levels = 0
        while !pending.isEmpty, levels < 64 {
            let rows = try await Organization.query(on: db).filter(\.$id ~~ Array(pending)).field(\.$id).field(\.$parentID).all()
            for row in rows { if let id = row.id { parentOf[id] = row.parentID } }
            pending = Set(rows.compactMap(\.parentID)).filter { parentOf[$0] == nil }
            levels += 1
        }
        var result: [UUID: UUID] = [:]
        for id in ids where parentOf[id] != nil {
            var current = id
            var seen: Set<UUID> = [id]
            while let next = parentOf[current] ?? nil, seen.insert(next).inserted { current = next }
            result[id] = current
        }
        return result
    }
}
