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
    static func scopeUnits(_ query: QueryBuilder<Organization>, _ access: AccessContext, on db: Database) async throws {
        guard let units = try await access.bodyUnits(on: db) else { return }
        query.filter(\.$id ~~ Array(units))
    }

    /// People the user may read: those of the user's body.
    static func scopePeople(_ query: QueryBuilder<Person>, _ access: AccessContext, on db: Database) async throws {
        guard let units = try await access.bodyUnits(on: db) else { return }
        query.filter(\.$organizationID ~~ units.map(Optional.some))
    }

    /// Whether the unit lies within the user's body.
    static func reaches(unit id: UUID?, _ access: AccessContext, on db: Database) async throws -> Bool {
        guard let units = try await access.bodyUnits(on: db) else { return true }
        guard let id else { return false }
        return units.contains(id)
    }

    // MARK: - References

    /// The body (top of the branch) a round's inspected unit lies in.
    static func body(of inspection: Inspection, on db: Database) async throws -> UUID {
        try await OrganizationTree.root(of: inspection.inspectedBodyID, on: db)
    }

    /// The units and people a write names, by the field that names them.
    struct References {
        fileprivate var units: [(field: String, ids: Set<UUID>)] = []
        fileprivate var people: [(field: String, ids: Set<UUID>)] = []

        mutating func units(_ ids: [UUID]?, field: String) {
            if let ids, !ids.isEmpty { units.append((field, Set(ids))) }
        }

        mutating func unit(_ id: UUID?, field: String) { units(id.map { [$0] }, field: field) }

        mutating func people(_ ids: [UUID]?, field: String) {
            if let ids, !ids.isEmpty { people.append((field, Set(ids))) }
        }

        mutating func person(_ id: UUID?, field: String) { people(id.map { [$0] }, field: field) }

        var isEmpty: Bool { units.isEmpty && people.isEmpty }
    }

    /// Refuses every unit and person `references` names that does not exist or lies outside the body of
    /// the round's inspected unit, one field error each: one query for the people's units and one walk
    /// up the tree for all of them and the round's unit together, while the write holds the ledger.
    static func require(_ references: References, withinBodyOf inspectedUnit: UUID, on db: Database) async throws {
        guard !references.isEmpty else { return }
        let personIDs = references.people.reduce(into: Set<UUID>()) { $0.formUnion($1.ids) }
        var unitOfPerson: [UUID: UUID] = [:]
        if !personIDs.isEmpty {
            for person in try await Person.query(on: db).filter(\.$id ~~ Array(personIDs)).field(\.$id).field(\.$organizationID).all() {
                if let id = person.id, let unit = person.organizationID { unitOfPerson[id] = unit }
            }
        }
        let units = references.units.reduce(into: Set(unitOfPerson.values)) { $0.formUnion($1.ids) }.union([inspectedUnit])
        let roots = try await OrganizationTree.roots(of: units, on: db)
        let body = roots[inspectedUnit]
        var issues: [FieldIssue] = []
        for (field, ids) in references.units where !ids.allSatisfy({ roots[$0] == body }) {
            issues.append(FieldIssue(field: field, code: "unknown_reference",
                                     message: ids.count == 1 ? "所选单位不存在或不属于本单位" : "所选单位中有不存在或不属于本单位的单位"))
        }
        for (field, ids) in references.people where !ids.allSatisfy({ unitOfPerson[$0].flatMap { roots[$0] } == body }) {
            issues.append(FieldIssue(field: field, code: "unknown_reference",
                                     message: ids.count == 1 ? "所选人员不存在或不属于本单位" : "所选人员中有不存在或不属于本单位的人员"))
        }
        if !issues.isEmpty { throw RectifyError.validation(issues) }
    }

    /// The same for a row of the round `inspectionID` (an update, which has the round's id only).
    static func require(_ references: References, withinBodyOfRound inspectionID: UUID, on db: Database) async throws {
        guard !references.isEmpty else { return }
        guard let round = try await Inspection.query(on: db).filter(\.$id == inspectionID).field(\.$id).field(\.$inspectedBodyID).first() else {
            throw RectifyError.notFound("巡察轮次")
        }
        try await require(references, withinBodyOf: round.inspectedBodyID, on: db)
    }

    /// Refuses a unit outside the caller's body, for writes that belong to no round (units, people).
    static func requireUnitOfCaller(_ id: UUID?, _ access: AccessContext, field: String, on db: Database) async throws {
        guard let id, try await !reaches(unit: id, access, on: db) else { return }
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
