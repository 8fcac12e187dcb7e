import Fluent
import Foundation
import RectifyCore
import SQLKit

/// What a problem's page shows, read in four statements whatever the problem holds: the problem
/// with its round, its measures with their names, their reports with evidence, and one statement for
/// everything else (close-out trail, linked register records, recovered funds, notices, audit). The
/// page used to read each of these, and each name list, on its own: nineteen statements a view.
/// Every statement carries the user's scope: the problem's and the measures' own conditions.
struct ProblemPageRows: Sendable {
    struct ProblemRow: Sendable {
        let id: UUID; let inspectionID: UUID; let inspectedBodyID: UUID; let source: String; let category: String?
        let aspect: String?; let label: String; let title: String; let description: String?; let status: String
        let closeOutStage: String?; let thresholds: WarningThresholds
    }

    struct MeasureRow: Sendable {
        let id: UUID; let label: String; let text: String; let kind: String; let leaderID: UUID?; let startDate: String?
        let deadline: String?; let status: String; let closeOutStage: String?; let progress: Int; let version: Int
        let leadUnitName: String?; let leaderName: String?
        /// The leader's label as the leader form offers someone who has left; nil while serving.
        let departedLeader: String?
        let supportingUnitNames: [String]
    }

    struct EvidenceRow: Sendable { let id: UUID; let name: String; let size: Int64 }

    struct ReportRow: Sendable {
        let id: UUID; let measureID: UUID; let reportDate: String; let text: String; let progress: Int; let reporterName: String
        let reviewState: String; let reviewOpinion: String?
        var evidence: [EvidenceRow]
    }

    struct CloseOutRow: Sendable {
        let problemID: UUID?; let measureID: UUID?; let stage: String; let decision: String; let opinion: String; let actor: String
        let at: Date?
    }

    enum Register: Sendable {
        case accountability(person: String, rank: String, form: String, decidedOn: String)
        case regulation(title: String, documentNumber: String?)
        case meeting(title: String, heldOn: String)
        case fund(amountFen: Int64, description: String)
    }

    struct NoticeRow: Sendable { let year: Int; let serial: Int; let title: String; let state: String; let issuedOn: String }
    struct AuditRow: Sendable { let seq: Int64; let atMillis: Int64; let actor: String; let action: String; let entity: String }

    let problem: ProblemRow
    let measures: [MeasureRow]
    let reports: [ReportRow]
    let closeOuts: [CloseOutRow]
    let registers: [Register]
    let notices: [NoticeRow]
    let audit: [AuditRow]

    /// Nil when the problem does not exist or lies outside the user's scope.
    static func load(problem id: UUID, access: AccessContext, on db: any Database) async throws -> ProblemPageRows? {
        let sql = try db.sql
        let postgres = sql.dialect.name == "postgresql"
        guard let problem = try await problemRow(id, access: access, on: sql) else { return nil }
        let measures = try await measureRows(problem: id, access: access, postgres: postgres, on: sql)
        let ids = measures.map(\.id)
        let reports = try await reportRows(measures: ids, on: sql)
        var closeOuts: [CloseOutRow] = []
        var registers: [(order: Int, date: String, entry: Register)] = []
        var notices: [NoticeRow] = []
        var audit: [AuditRow] = []
        for row in try await sql.hot(sidePartsStatement(problem: id, measures: ids)).all() {
            func text(_ column: String) throws -> String { try row.decode(column: column, as: String?.self) ?? "" }
            switch try row.decode(column: "part", as: String.self) {
            case "closeout":
                closeOuts.append(CloseOutRow(
                    problemID: try row.decode(column: "u1", as: UUID?.self), measureID: try row.decode(column: "u2", as: UUID?.self),
                    stage: try text("t1"), decision: try text("t2"), opinion: try text("t3"), actor: try text("t4"),
                    at: try row.decode(column: "at", as: Date?.self)))
            case "accountability":
                registers.append((0, try text("t4"), .accountability(person: try text("t1"), rank: try text("t2"), form: try text("t3"),
                                                                     decidedOn: try text("t4"))))
            case "regulation":
                registers.append((1, try text("t3"), .regulation(title: try text("t1"), documentNumber: try row.decode(column: "t2", as: String?.self))))
            case "meeting":
                registers.append((2, try text("t2"), .meeting(title: try text("t1"), heldOn: try text("t2"))))
            case "fund":
                registers.append((3, try text("t2"), .fund(amountFen: try row.decode(column: "n1", as: Int64.self), description: try text("t1"))))
            case "notice":
                notices.append(NoticeRow(year: try row.decode(column: "n1", as: Int.self), serial: try row.decode(column: "n2", as: Int.self),
                                         title: try text("t1"), state: try text("t2"), issuedOn: try text("t3")))
            case "audit":
                audit.append(AuditRow(seq: try row.decode(column: "n2", as: Int64.self), atMillis: try row.decode(column: "n1", as: Int64.self),
                                      actor: try text("t1"), action: try text("t2"), entity: try text("t3")))
            default: continue
            }
        }
        // A union has no order of its own: each part is put in the order the page shows it.
        closeOuts.sort { ($0.at ?? .distantPast) < ($1.at ?? .distantPast) }
        registers.sort { ($0.order, $0.date) < ($1.order, $1.date) }
        notices.sort { ($0.issuedOn, $0.year, $0.serial) < ($1.issuedOn, $1.year, $1.serial) }
        audit.sort { $0.seq > $1.seq }
        return ProblemPageRows(problem: problem, measures: measures, reports: reports, closeOuts: closeOuts,
                               registers: registers.map(\.entry), notices: notices, audit: audit)
    }

    private static func problemRow(_ id: UUID, access: AccessContext, on sql: any SQLDatabase) async throws -> ProblemRow? {
        var statement: SQLQueryString = """
            SELECT problems.id, problems.inspection_id, problems.source, problems.category, problems.aspect, problems.label, \
            problems.title, problems.description, problems.status, problems.close_out_stage, \
            inspections.inspected_body_id, inspections.warning_thresholds \
            FROM problems JOIN inspections ON inspections.id = problems.inspection_id WHERE problems.id = \(bind: id)
            """
        switch ProblemResource.scopeCondition(access) {
        case .nothing: return nil
        case .everything: break
        case .only(let condition): statement = statement + " AND " + condition
        }
        guard let row = try await sql.hot(statement).first() else { return nil }
        let thresholds = Inspection.warningThresholds(json: try row.decode(column: "warning_thresholds", as: String?.self))
        return ProblemRow(
            id: id, inspectionID: try row.decode(column: "inspection_id", as: UUID.self),
            inspectedBodyID: try row.decode(column: "inspected_body_id", as: UUID.self),
            source: try row.decode(column: "source", as: String.self), category: try row.decode(column: "category", as: String?.self),
            aspect: try row.decode(column: "aspect", as: String?.self), label: try row.decode(column: "label", as: String.self),
            title: try row.decode(column: "title", as: String.self), description: try row.decode(column: "description", as: String?.self),
            status: try row.decode(column: "status", as: String.self),
            closeOutStage: try row.decode(column: "close_out_stage", as: String?.self), thresholds: thresholds)
    }

    /// Unit names joined with the unit separator, which no name holds (names are one line of text).
    private static let separator = "\u{1F}"

    private static func measureRows(problem id: UUID, access: AccessContext, postgres: Bool,
                                    on sql: any SQLDatabase) async throws -> [MeasureRow] {
        let supporting = postgres
            ? "string_agg(o.name, chr(31) ORDER BY mu.position, mu.id)"
            : "group_concat(o.name, char(31) ORDER BY mu.position, mu.id)"
        var statement: SQLQueryString = """
            SELECT measures.id, measures.label, measures.text, measures.kind, measures.leader_id, measures.start_date, \
            measures.deadline, measures.status, measures.close_out_stage, measures.progress, measures.version, \
            lu.name AS lead_unit_name, lp.name AS leader_name, lp.left_on AS leader_left_on, lp.departure AS leader_departure, \
            (SELECT \(unsafeRaw: supporting) FROM measure_units mu JOIN organizations o ON o.id = mu.organization_id \
            WHERE mu.measure_id = measures.id) AS supporting_names \
            FROM measures LEFT JOIN organizations lu ON lu.id = measures.lead_unit_id \
            LEFT JOIN people lp ON lp.id = measures.leader_id \
            WHERE measures.problem_id = \(bind: id)
            """
        switch MeasureResource.scopeCondition(access) {
        case .nothing: return []
        case .everything: break
        case .only(let condition): statement = statement + " AND " + condition
        }
        statement = statement + " ORDER BY measures.number, measures.id"
        return try await sql.hot(statement).all().map { row in
            let leaderName = try row.decode(column: "leader_name", as: String?.self)
            let left = try row.decode(column: "leader_left_on", as: String?.self) != nil
            return MeasureRow(
                id: try row.decode(column: "id", as: UUID.self), label: try row.decode(column: "label", as: String.self),
                text: try row.decode(column: "text", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                leaderID: try row.decode(column: "leader_id", as: UUID?.self), startDate: try row.decode(column: "start_date", as: String?.self),
                deadline: try row.decode(column: "deadline", as: String?.self), status: try row.decode(column: "status", as: String.self),
                closeOutStage: try row.decode(column: "close_out_stage", as: String?.self),
                progress: try row.decode(column: "progress", as: Int.self), version: try row.decode(column: "version", as: Int.self),
                leadUnitName: try row.decode(column: "lead_unit_name", as: String?.self),
                leaderName: leaderName,
                departedLeader: left ? LeaderChoices.departedLabel(name: leaderName ?? "",
                                                                   departure: try row.decode(column: "leader_departure", as: String?.self)) : nil,
                supportingUnitNames: try row.decode(column: "supporting_names", as: String?.self)?
                    .components(separatedBy: separator) ?? [])
        }
    }

    /// Reports in date order with their evidence files joined (a report without files comes once).
    private static func reportRows(measures ids: [UUID], on sql: any SQLDatabase) async throws -> [ReportRow] {
        guard !ids.isEmpty else { return [] }
        let rows = try await sql.hot("""
            SELECT r.id, r.measure_id, r.report_date, r.text, r.progress, r.reporter_name, r.review_state, r.review_opinion, \
            e.id AS file_id, e.name AS file_name, e.size AS file_size \
            FROM progress_reports r LEFT JOIN evidence_files e ON e.progress_report_id = r.id \
            WHERE r.measure_id IN (\(binds: ids)) ORDER BY r.report_date, r.created_at, r.id, e.created_at, e.id
            """).all()
        var reports: [ReportRow] = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            if reports.last?.id != id {
                reports.append(ReportRow(
                    id: id, measureID: try row.decode(column: "measure_id", as: UUID.self),
                    reportDate: try row.decode(column: "report_date", as: String.self), text: try row.decode(column: "text", as: String.self),
                    progress: try row.decode(column: "progress", as: Int.self), reporterName: try row.decode(column: "reporter_name", as: String.self),
                    reviewState: try row.decode(column: "review_state", as: String.self),
                    reviewOpinion: try row.decode(column: "review_opinion", as: String?.self), evidence: []))
            }
            if let file = try row.decode(column: "file_id", as: UUID?.self) {
                reports[reports.count - 1].evidence.append(EvidenceRow(
                    id: file, name: try row.decode(column: "file_name", as: String.self), size: try row.decode(column: "file_size", as: Int64.self)))
            }
        }
        return reports
    }

    /// One statement for the page's smaller parts: each arm fills the same typed columns (part, two
    /// ids, four texts, two numbers, a time) and leaves the rest empty. The first arm types every
    /// column: PostgreSQL resolves a chain of unions pair by pair, and two untyped NULLs become text. The close-out trail is the
    /// problem's and its visible measures'; notices are those naming a visible measure; the audit
    /// history the latest thirty events of the problem and those measures.
    static func sidePartsStatement(problem id: UUID, measures ids: [UUID]) -> SQLQueryString {
        let measureCondition: SQLQueryString = ids.isEmpty ? "" : " OR measure_id IN (\(binds: ids))"
        func register(_ part: String, _ table: String, _ columns: String, key: String) -> SQLQueryString {
            """
             UNION ALL SELECT '\(unsafeRaw: part)', NULL, NULL, \(unsafeRaw: columns), NULL, NULL, NULL FROM register_links l \
            JOIN \(unsafeRaw: table) x ON x.id = l.record_id WHERE l.problem_id = \(bind: id) AND l.register = \(bind: key)
            """
        }
        var statement: SQLQueryString = """
            SELECT 'closeout' AS part, problem_id AS u1, measure_id AS u2, stage AS t1, decision AS t2, opinion AS t3, \
            actor_name AS t4, CAST(NULL AS BIGINT) AS n1, CAST(NULL AS BIGINT) AS n2, created_at AS at FROM close_out_records WHERE problem_id = \(bind: id)
            """ + measureCondition
        statement = statement
            + register("accountability", AccountabilityRecord.schema, "x.person_name, x.rank, x.form, x.decided_on",
                       key: AccountabilityRecordResource.register)
            + register("regulation", Regulation.schema, "x.title, x.document_number, x.issued_on, NULL", key: RegulationResource.register)
            + register("meeting", Meeting.schema, "x.title, x.held_on, NULL, NULL", key: MeetingResource.register)
            + """
             UNION ALL SELECT 'fund', NULL, NULL, description, recorded_on, NULL, NULL, amount_fen, NULL, NULL \
            FROM recovered_funds WHERE problem_id = \(bind: id)
            """
        if !ids.isEmpty {
            statement = statement + """
                 UNION ALL SELECT 'notice', NULL, NULL, title, state, issued_on, NULL, year, serial, NULL FROM reminder_notices \
                WHERE id IN (SELECT notice_id FROM notice_items WHERE measure_id IN (\(binds: ids)))
                """
        }
        let entities = [id.uuidString] + ids.map(\.uuidString)
        return statement + """
             UNION ALL SELECT 'audit', NULL, NULL, actor_name, action, entity, NULL, at_ms, seq, NULL FROM \
            (SELECT seq, at_ms, actor_name, action, entity FROM audit_events WHERE entity_id IN (\(binds: entities)) \
            ORDER BY seq DESC LIMIT 30) latest
            """
    }
}
