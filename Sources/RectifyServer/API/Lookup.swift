import Fluent
import RectifyCore
import Vapor

/// Checks that ids named in input exist (and are visible), reporting a field error otherwise.
enum Lookup {
    static func organization(_ id: UUID?, field: String, on db: Database) async throws -> Organization? {
        guard let id else { return nil }
        guard let org = try await Organization.find(id, on: db) else {
            throw RectifyError.invalid(field, "unknown_reference", "所选单位不存在")
        }
        return org
    }

    static func organizations(_ ids: [UUID], field: String, on db: Database) async throws {
        let unique = Set(ids)
        guard !unique.isEmpty else { return }
        let found = try await Organization.query(on: db).filter(\.$id ~~ Array(unique)).count()
        if found != unique.count { throw RectifyError.invalid(field, "unknown_reference", "所选单位中有不存在的单位") }
    }

    static func person(_ id: UUID?, field: String, on db: Database) async throws -> Person? {
        guard let id else { return nil }
        guard let person = try await Person.find(id, on: db) else {
            throw RectifyError.invalid(field, "unknown_reference", "所选人员不存在")
        }
        return person
    }

    static func people(_ ids: [UUID], field: String, on db: Database) async throws {
        let unique = Set(ids)
        guard !unique.isEmpty else { return }
        let found = try await Person.query(on: db).filter(\.$id ~~ Array(unique)).count()
        if found != unique.count { throw RectifyError.invalid(field, "unknown_reference", "所选人员中有不存在的人员") }
    }

    static func inspection(_ id: UUID, field: String, access: AccessContext, on db: Database) async throws -> Inspection {
        guard access.canSee(inspection: id), let inspection = try await Inspection.find(id, on: db) else {
            throw RectifyError.invalid(field, "unknown_reference", "所选巡察轮次不存在")
        }
        return inspection
    }

    static func problem(_ id: UUID, field: String, access: AccessContext, on db: Database) async throws -> Problem {
        guard let problem = try await Problem.find(id, on: db), access.canSee(inspection: problem.inspectionID) else {
            throw RectifyError.invalid(field, "unknown_reference", "所选问题不存在")
        }
        return problem
    }

    static func problems(_ ids: [UUID], inspectionID: UUID, field: String, on db: Database) async throws {
        let unique = Set(ids)
        guard !unique.isEmpty else { return }
        let found = try await Problem.query(on: db).filter(\.$id ~~ Array(unique))
            .filter(\.$inspectionID == inspectionID).count()
        if found != unique.count {
            throw RectifyError.invalid(field, "unknown_reference", "所关联的问题不存在或不属于该巡察轮次")
        }
    }

    static func names<M: Model>(_ type: M.Type, _ ids: Set<UUID>, on db: Database, name: KeyPath<M, FieldProperty<M, String>>)
        async throws -> [UUID: String] where M.IDValue == UUID {
        guard !ids.isEmpty else { return [:] }
        // Two columns only: a problem's or a round's long text is not decoded to show its name.
        let rows = try await M.query(on: db).filter(\._$id ~~ Array(ids)).field(\._$id).field(name).all()
        var map: [UUID: String] = [:]
        for row in rows { if let id = row.id { map[id] = row[keyPath: name].value } }
        return map
    }
}

extension Optional where Wrapped == String {
    /// Blank text counts as absent.
    var nonBlank: String? {
        guard let value = self?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}

extension FieldValidator {
    /// Throws the collected issues as a 422.
    func check() throws {
        if !isValid { throw RectifyError.validation(issues) }
    }
}
