import RectifyCore
import Vapor

/// What the route table and the API document need to know of one resource.
struct ResourceEntry: Sendable {
    let collection: any RouteCollection & Sendable
    let path: String
    let label: String
    let schema: ResourceSchema
    let updatable: Bool
    let deletable: Bool
    let filters: [(name: String, summary: String)]
    let sorts: [String]
    let readAccess: Set<Role>
    let writeAccess: Set<Role>
    let createAccess: Set<Role>
    let publicCreate: Bool
    /// Whether the list steps by cursor (`after=`, `next`): read as rows (`RowList`).
    let keyset: Bool

    static func of<R: LedgerResource>(_ resource: R.Type) -> ResourceEntry {
        ResourceEntry(collection: ResourceController<R>(), path: R.path, label: R.label, schema: R.schema,
                      updatable: R.updatable, deletable: R.deletable,
                      filters: R.filters.map { ($0.name, $0.summary) }, sorts: R.sorts.keys.sorted(),
                      readAccess: R.readAccess, writeAccess: R.writeAccess,
                      createAccess: R.createAccess, publicCreate: R.publicCreate, keyset: R.rowList != nil)
    }
}
