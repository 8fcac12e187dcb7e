import Fluent
import RectifyCore
import SQLKit
import Vapor

/// A list read straight from rows into its DTOs: the page and its total in one statement (the count
/// is an uncorrelated subquery, evaluated once), written as SQL text with binds, no models. On the
/// hot lists Fluent's path cost more than the database: serializing every aliased, quoted column
/// of its query tree, a model per row and a second statement for the total (issue 21's profile).
/// Prepared on PostgreSQL (`HotSQL`): a list's text depends only on which filters are given.
/// The filters, sorts and scope are the resource's own (`ResourceFilter.condition`,
/// `ResourceSort.columns`), so both paths answer the same; `RowListTests` compares them.
struct RowList<R: LedgerResource>: Sendable {
    /// What of the table the user may see.
    enum Scope {
        case everything
        case nothing
        case only(SQLQueryString)
    }

    /// The select list, against the resource's table; may differ by database (aggregates).
    let columns: @Sendable (_ postgres: Bool) -> String
    let scope: @Sendable (AccessContext) -> Scope
    let decode: @Sendable (any SQLRow) throws -> R.DTO
    /// What the rows could not carry, read for the page at once (a report's evidence files).
    var finish: (@Sendable ([R.DTO], [any SQLRow], any Database) async throws -> [R.DTO])? = nil

    var table: String { R.M.schema }

    func page(_ req: Request, access: AccessContext, params: ListParameters, on sql: any SQLDatabase) async throws -> Page<R.DTO> {
        let postgres = sql.dialect.name == "postgresql"
        let visible: SQLQueryString?
        switch scope(access) {
        case .nothing:
            if params.after != nil { throw ListParameters.unknownCursor }
            return Page(items: [], page: params.page, per: params.per, total: 0)
        case .everything: visible = nil
        case .only(let condition): visible = condition
        }
        var conditions = visible.map { [$0] } ?? []
        for filter in R.filters {
            guard let value = req.queryValue(filter.name), !value.isEmpty else { continue }
            guard let condition = filter.condition else {
                throw RectifyError.invalid(filter.name, "invalid_parameter", "参数 \(filter.name) 不能用于此列表")
            }
            conditions.append("(" + (try condition(value, postgres)) + ")")
        }
        let sort = try ListParameters.sort(params, sorts: R.sorts, default: R.defaultSort)
        let id = "\(table).id"
        let keys = sort.columns + [id]
        let direction = params.descending ? " DESC" : " ASC"
        let order = keys.map { $0 + direction }.joined(separator: ", ")
        let total: SQLQueryString = "(SELECT COUNT(*) FROM \(unsafeRaw: table)" + Self.where(conditions) + ") AS row_list_total"

        var pageConditions = conditions
        if let after = params.after {
            guard !sort.nullable else {
                throw RectifyError.invalid("after", "invalid_parameter", "按可为空的字段排序时不能使用 after，请改用 page")
            }
            let row = keys.joined(separator: ", ")
            pageConditions.append("(\(unsafeRaw: row)) \(unsafeRaw: params.descending ? "<" : ">") (SELECT \(unsafeRaw: row) FROM \(unsafeRaw: table)"
                                  + cursor(after, visible) + ")")
        }
        let statement: SQLQueryString = "SELECT " + total + ", \(unsafeRaw: columns(postgres)) FROM \(unsafeRaw: table)"
            + Self.where(pageConditions)
            + " ORDER BY \(unsafeRaw: order) LIMIT \(bind: params.per) OFFSET \(bind: (params.page - 1) * params.per)"
        let rows = try await sql.hot(statement).all()
        var count = try rows.first?.decode(column: "row_list_total", as: Int.self) ?? 0
        if rows.isEmpty {
            // Past the last row the page statement returns no total: count alone, and see the cursor exists.
            var counts: SQLQueryString = "SELECT " + total
            if let after = params.after {
                counts = counts + ", (SELECT COUNT(*) FROM \(unsafeRaw: table)" + cursor(after, visible) + ") AS row_list_cursor"
            }
            guard let row = try await sql.hot(counts).first() else { return Page(items: [], page: params.page, per: params.per, total: 0) }
            count = try row.decode(column: "row_list_total", as: Int.self)
            if params.after != nil, try row.decode(column: "row_list_cursor", as: Int.self) == 0 { throw ListParameters.unknownCursor }
        }
        var items = try rows.map(decode)
        if let finish { items = try await finish(items, rows, req.db) }
        items = try await R.redact(items, access, on: req.db)
        return Page(items: items, page: params.page, per: params.per, total: count, params: params,
                    last: try rows.last?.decode(column: "id", as: UUID.self))
    }

    /// The cursor row, read within the user's scope: an invisible row's place in the order is not told.
    private func cursor(_ after: UUID, _ visible: SQLQueryString?) -> SQLQueryString {
        Self.where(["\(unsafeRaw: table).id = \(bind: after)"] + (visible.map { [$0] } ?? []))
    }

    private static func `where`(_ conditions: [SQLQueryString]) -> SQLQueryString {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }
}
