import Fluent
import RectifyCore
import Vapor

/// What the signed-in user may see: computed once per request from the user's role and unit.
struct AccessContext: Sendable {
    let userID: UUID
    let userName: String
    let role: Role
    /// Inspection rounds visible to the user; nil means every round.
    let inspectionIDs: Set<UUID>?
    /// For unit reporters: the units (their own and those below it) whose measures they handle.
    let unitIDs: Set<UUID>?
    /// Loads the units of the user's body (the top of its branch and everything below), nil for every
    /// body's; see `bodyUnits(on:)`.
    var loadBodyUnits: @Sendable (Database) async throws -> Set<UUID>? = { _ in nil }
    /// The top of the user's branch, nil for roles that read every body (and for a user without a unit).
    var bodyID: UUID? = nil
    /// The user's own unit (a unit reporter answers notices for it), nil without one.
    var unitID: UUID? = nil

    /// The request's time, from the application clock.
    var now: Date = Date(timeIntervalSince1970: 0)
    var today: Day { Day(now) }
    /// An unauthenticated member of the public (only routes open to anyone use this).
    var isGuest = false
    /// The working-day calendar and ledger rules of the installation.
    var rules = LedgerRules.default

    static func guest(now: Date) -> AccessContext {
        AccessContext(userID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), userName: "公众",
                      role: .unitReporter, inspectionIDs: [], unitIDs: [], loadBodyUnits: { _ in [] }, now: now, isGuest: true)
    }

    /// The operator at the command line, who reaches every body (the CLI runs on the server itself).
    static func commandLine(now: Date) -> AccessContext {
        AccessContext(userID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), userName: "命令行",
                      role: .admin, inspectionIDs: nil, unitIDs: nil, now: now)
    }

    var isUnitRestricted: Bool { unitIDs != nil }

    /// The units of the user's body, whose directory of units and people the user reads and writes;
    /// nil for roles that reach every body. Loaded when a request first asks (lists of units and
    /// people, writes naming a unit): most requests never do, and after every ledger write the next
    /// request would otherwise walk the body's tree again. See `ScopeRule`.
    func bodyUnits(on db: Database) async throws -> Set<UUID>? {
        try await loadBodyUnits(db)
    }

    func canSee(inspection id: UUID) -> Bool { inspectionIDs?.contains(id) ?? true }

    /// The rounds and units a user of a role in a unit sees.
    struct Scope: Sendable {
        let inspectionIDs: Set<UUID>
        let unitIDs: Set<UUID>?
        let bodyID: UUID
    }

    /// `scope` computes what the user's unit sees when the role does not read every body; the
    /// request passes one that keeps it for the ledger's revision.
    static func load(for user: User, now: Date,
                     scope: (_ role: Role, _ organization: UUID) async throws -> Scope) async throws -> AccessContext {
        let userID = try user.requireID()
        if user.role.readsAllBodies {
            return AccessContext(userID: userID, userName: user.displayName, role: user.role,
                                 inspectionIDs: nil, unitIDs: nil, now: now)
        }
        // Anyone else sees only what hangs under their unit: without one, nothing.
        guard let orgID = user.organizationID else {
            return AccessContext(userID: userID, userName: user.displayName, role: user.role,
                                 inspectionIDs: [], unitIDs: user.role == .unitReporter ? [] : nil,
                                 loadBodyUnits: { _ in [] }, now: now)
        }
        let seen = try await scope(user.role, orgID)
        return AccessContext(userID: userID, userName: user.displayName, role: user.role,
                             inspectionIDs: seen.inspectionIDs, unitIDs: seen.unitIDs, bodyID: seen.bodyID, unitID: orgID, now: now)
    }

    /// Walks only the user's branch (a few indexed lookups) instead of loading the whole tree,
    /// which at province scale is tens of thousands of units.
    static func scope(role: Role, organization orgID: UUID, on db: Database) async throws -> Scope {
        let body = try await OrganizationTree.root(of: orgID, on: db)
        let inspections = try await Inspection.query(on: db)
            .filter(\.$inspectedBodyID == body).field(\.$id).all()
            .compactMap(\.id)
        let units: Set<UUID>? = role == .unitReporter ? try await OrganizationTree.subtree(of: orgID, on: db) : nil
        return Scope(inspectionIDs: Set(inspections), unitIDs: units, bodyID: body)
    }
}

extension Request {
    private struct AccessKey: StorageKey { typealias Value = AccessContext }

    /// The access context of the signed-in user (401 when nobody is signed in). What a unit sees
    /// is kept per unit and role until the ledger's revision moves: every change to units, rounds
    /// and users is a ledger write, and the walk up and down the tree was four queries a request.
    func access() async throws -> AccessContext {
        if let cached = storage[AccessKey.self] { return cached }
        guard let user = auth.get(User.self) else { throw RectifyError.unauthenticated }
        let db = self.db
        let cache = application.ledgerCache
        var context = try await AccessContext.load(for: user, now: application.clock.now()) { role, organization in
            let revision = try await self.ledgerRevision()
            return try await cache.value("access|\(role.rawValue)|\(organization)", revision: revision) {
                try await AccessContext.scope(role: role, organization: organization, on: db)
            }
        }
        context.rules = application.ledgerRules
        if let body = context.bodyID {
            // Kept per ledger revision like the scope; the caller's database is the transaction of a write.
            // The request is held weakly: the context lives in the request's storage, and a strong capture
            // made a cycle that kept every request of a body's user (and its buffers) alive for good.
            context.loadBodyUnits = { [weak self] db in
                let revision: Int64
                if let request = self { revision = try await request.ledgerRevision() } else { revision = try await AuditHead.read(.revision, on: db) }
                return try await cache.value("body|\(body)", revision: revision) {
                    try await OrganizationTree.subtree(of: body, on: db)
                }
            }
        }
        storage[AccessKey.self] = context
        return context
    }
}
