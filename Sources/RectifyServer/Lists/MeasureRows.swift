import Foundation
import RectifyCore
import SQLKit

/// The measure list as rows: the busiest list of the API (the due-date list across bodies, one
/// body's measures, the counts behind every dashboard that calls it with `per=1`). A measure's
/// supporting units come in the same row, aggregated in their order.
extension MeasureResource {
    static let rowList: RowList<MeasureResource>? = RowList(
        columns: { postgres in postgres ? columnsPostgres : columnsSQLite },
        scope: scopeCondition,
        decode: dto(row:))

    private static let fields = """
        measures.id, measures.problem_id, measures.inspection_id, measures.number, measures.label, measures.text, \
        measures.kind, measures.leader_id, measures.lead_unit_id, measures.start_date, measures.deadline, measures.status, \
        measures.close_out_stage, measures.progress, measures.last_reported_on, measures.version
        """
    private static let columnsSQLite = fields + """
        , (SELECT group_concat(mu.organization_id, ',' ORDER BY mu.position, mu.id) FROM measure_units mu \
        WHERE mu.measure_id = measures.id) AS supporting_unit_ids
        """
    private static let columnsPostgres = fields + """
        , (SELECT string_agg(mu.organization_id::text, ',' ORDER BY mu.position, mu.id) FROM measure_units mu \
        WHERE mu.measure_id = measures.id) AS supporting_unit_ids
        """

    /// `scope(_:_:on:)` as a condition: the user's rounds, and for a unit reporter the measures
    /// the units lead or support.
    static func scopeCondition(_ access: AccessContext) -> RowList<MeasureResource>.Scope {
        var conditions: [SQLQueryString] = []
        if let rounds = access.inspectionIDs {
            guard !rounds.isEmpty else { return .nothing }
            conditions.append("measures.inspection_id IN (\(binds: rounds.sorted { $0.uuidString < $1.uuidString }))")
        }
        if let units = access.unitIDs {
            guard !units.isEmpty else { return .nothing }
            let list = units.sorted { $0.uuidString < $1.uuidString }
            conditions.append("""
                (measures.lead_unit_id IN (\(binds: list)) OR measures.id IN \
                (SELECT measure_id FROM measure_units WHERE organization_id IN (\(binds: list))))
                """)
        }
        return conditions.isEmpty ? .everything : .only("(" + conditions.joined(separator: " AND ") + ")")
    }

    static func dto(row: any SQLRow) throws -> MeasureDTO {
        func day(_ column: String) throws -> Day? { try row.decode(column: column, as: String?.self).flatMap(Day.init(iso:)) }
        let status = RectificationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .notStarted
        let supporting = try row.decode(column: "supporting_unit_ids", as: String?.self)?
            .split(separator: ",").compactMap { UUID(uuidString: String($0)) } ?? []
        return MeasureDTO(
            id: try row.decode(column: "id", as: UUID.self), problemId: try row.decode(column: "problem_id", as: UUID.self),
            inspectionId: try row.decode(column: "inspection_id", as: UUID.self), number: try row.decode(column: "number", as: Int.self),
            label: try row.decode(column: "label", as: String.self), text: try row.decode(column: "text", as: String.self),
            kind: MeasureKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .timeBound,
            leaderId: try row.decode(column: "leader_id", as: UUID?.self), leadUnitId: try row.decode(column: "lead_unit_id", as: UUID?.self),
            supportingUnitIds: supporting, startDate: try day("start_date"), deadline: try day("deadline"),
            status: status, statusLabel: status.label,
            closeOutStage: try row.decode(column: "close_out_stage", as: String?.self).flatMap(CloseOutStage.init(rawValue:)),
            progress: try row.decode(column: "progress", as: Int.self), lastReportedOn: try day("last_reported_on"),
            version: try row.decode(column: "version", as: Int.self))
    }
}
