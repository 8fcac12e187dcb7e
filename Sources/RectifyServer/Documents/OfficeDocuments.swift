import Fluent
import Foundation
import RectifyCore
import RectifyDocuments
import SQLKit
import Vapor

/// Builds each official document Rectify writes from the ledger; shared by the API and the CLI.
enum OfficeDocuments {
    struct File: Sendable {
        let name: String
        let data: Data
    }

    static func publicReport(_ inspection: Inspection, asOf day: Day, on db: Database) async throws -> File {
        let content = try await PublicReportComposer.compose(inspection, asOf: day, on: db)
        return File(name: "\(inspection.title)整改进展情况.docx", data: try DocxWriter.write(content.makeDocument()))
    }

    static func bulletin(_ bulletin: Bulletin, on db: Database) async throws -> File {
        let dto = try await BulletinController.dto(bulletin, on: db)
        let inspection = try await Inspection.find(bulletin.inspectionID, on: db)
        let body = try await inspection.asyncMap { try await Organization.find($0.inspectedBodyID, on: db)?.name } ?? nil
        let content = BulletinContent(
            title: dto.paragraphs.first ?? "巡察整改进展情况通报", paragraphs: Array(dto.paragraphs.dropFirst()),
            issuer: "\(body ?? "")巡察整改办", date: dto.bulletin.weekEnd)
        return File(name: "整改进展通报\(bulletin.week).docx", data: try DocxWriter.write(content.makeDocument()))
    }

    /// A notice as `access` may see it: a unit's copy lists only its own items.
    static func notice(_ notice: ReminderNotice, access: AccessContext, on db: Database) async throws -> File {
        let items = try await NoticeItem.query(on: db).filter(\.$noticeID == notice.requireID()).all()
        let measureQuery = Measure.query(on: db).filter(\.$id ~~ items.map(\.measureID))
        try await MeasureResource.scope(measureQuery, access, on: db)
        let measures = try await measureQuery.all()
        let byID = Dictionary(uniqueKeysWithValues: measures.compactMap { m in m.id.map { ($0, m) } })
        let problems = try await Problem.query(on: db).filter(\.$id ~~ Array(Set(measures.map(\.problemID)))).all()
        let problemByID = Dictionary(uniqueKeysWithValues: problems.compactMap { p in p.id.map { ($0, p) } })
        let units = try await Lookup.names(Organization.self, Set(measures.compactMap(\.leadUnitID)), on: db, name: \.$name)
        let recipients = (try? JSONDecoder().decode([String].self, from: Data(notice.recipients.utf8))) ?? []
        let inspection = try await Inspection.find(notice.inspectionID, on: db)
        let body = try await inspection.asyncMap { try await Organization.find($0.inspectedBodyID, on: db)?.name } ?? nil
        let content = ReminderNoticeContent(
            number: "\(notice.year)年第\(notice.serial)期", title: notice.title, addressee: recipients.joined(separator: "、"),
            // The items table replaces the numbered lines of an escalation notice; a notice with no
            // measure items (a late 举一反三 answer) keeps its numbered lines, which are all it lists.
            paragraphs: (notice.body ?? "").split(separator: "\n").map(String.init)
                .filter { !$0.isEmpty && (items.isEmpty || !ReminderNoticeText.isItemLine($0)) },
            items: items.compactMap { item in
                guard let m = byID[item.measureID] else { return nil }
                let p = problemByID[m.problemID]
                let late = item.workingDaysLate.map { $0 > 0 ? "超期\($0)个工作日" : $0 == 0 ? "今日到期" : "距期限\(-$0)个工作日" } ?? ""
                return ReminderNoticeItem(problem: "\(p?.label ?? "")\(p?.title ?? "")", measure: "\(m.label)\(m.text)",
                                          leadUnit: m.leadUnitID.flatMap { units[$0] } ?? "", deadline: m.deadline.flatMap(Day.init(iso:)),
                                          overdue: late)
            },
            replyDue: notice.replyDue.flatMap(Day.init(iso:)), replyTo: "巡察整改办",
            issuer: "\(body ?? "")巡察整改办", date: Day(iso: notice.issuedOn) ?? Day(dayNumber: 0))
        return File(name: "督办提示\(notice.year)年第\(notice.serial)期.docx", data: try DocxWriter.write(content.makeDocument()))
    }

    /// The close-out slip (对账销号单) of a problem: its measures, evidence and the three stage decisions,
    /// as `access` may see them (a unit's slip holds only its own measures, as the problem page does).
    static func slip(_ problem: Problem, access: AccessContext, on db: Database) async throws -> File {
        let problemID = try problem.requireID()
        let today = access.today
        let measureQuery = Measure.query(on: db).filter(\.$problemID == problemID)
        try await MeasureResource.scope(measureQuery, access, on: db)
        let measures = try await measureQuery.sort(\.$number).all()
        let reports = try await ProgressReport.query(on: db).filter(\.$measureID ~~ measures.compactMap(\.id)).all()
        let files = try await EvidenceFile.query(on: db).filter(\.$progressReportID ~~ reports.compactMap(\.id))
            .field(\.$id).field(\.$name).all()
        let recordQuery = CloseOutRecord.query(on: db).filter(\.$problemID == problemID)
        try await CloseOutRecordResource.scope(recordQuery, access, on: db)
        let records = try await recordQuery.sort(\.$createdAt).all()
        let inspection = try await Inspection.find(problem.inspectionID, on: db)
        let body = try await inspection.asyncMap { try await Organization.find($0.inspectedBodyID, on: db)?.name } ?? nil
        let unit = try await problem.leadUnitID.asyncMap { try await Organization.find($0, on: db)?.name } ?? nil
        let content = CloseOutSlipContent(
            round: inspection?.title ?? "", problemLabel: problem.label, problemTitle: problem.title, responsibleUnit: unit ?? "",
            measures: measures.map { CloseOutSlipMeasure(text: "\($0.label)\($0.text)",
                                                         completion: (RectificationStatus(rawValue: $0.status) ?? .notStarted).label) },
            evidence: files.map(\.name),
            stages: records.map { r in
                CloseOutSlipStage(label: (CloseOutStage(rawValue: r.stage) ?? .selfCheck).label,
                                  decision: (CloseOutDecision(rawValue: r.decision) ?? .approve).label, opinion: r.opinion,
                                  signedBy: r.actorName, date: r.createdAt.map { Day($0) })
            },
            issuer: "\(body ?? "")巡察整改办", date: records.last?.createdAt.map { Day($0) } ?? today)
        return File(name: "对账销号单\(problem.label).docx", data: try DocxWriter.write(content.makeDocument()))
    }

    /// The problem, task and responsibility lists (三张清单).
    static func lists(_ inspection: Inspection, today: Day, on db: Database) async throws -> File {
        let id = try inspection.requireID()
        let problems = try await Problem.query(on: db).filter(\.$inspectionID == id).sort(\.$source).sort(\.$number).all()
        let measures = try await Measure.query(on: db).filter(\.$inspectionID == id).sort(\.$number).all()
        let support = try await MeasureUnit.query(on: db).filter(\.$measureID ~~ measures.compactMap(\.id)).sort(\.$position).all()
        let units = try await Lookup.names(Organization.self, Set(measures.compactMap(\.leadUnitID) + support.map(\.organizationID)),
                                           on: db, name: \.$name)
        let people = try await Lookup.names(Person.self, Set(measures.compactMap(\.leaderID)), on: db, name: \.$name)
        let body = try await Organization.find(inspection.inspectedBodyID, on: db)?.name ?? ""
        let content = ListsContent(
            title: "\(inspection.title)整改问题清单、任务清单、责任清单",
            problems: problems.map { p in
                ListsProblem(category: p.category ?? (ProblemSource(rawValue: p.source) ?? .other).label, aspect: p.aspect ?? "",
                             title: "\(p.label)\(p.title)",
                             measures: measures.filter { $0.problemID == p.id }.map { m in
                                 ListsMeasure(text: "\(m.label)\(m.text)", leader: m.leaderID.flatMap { people[$0] } ?? "",
                                              leadUnit: m.leadUnitID.flatMap { units[$0] } ?? "",
                                              supportingUnits: support.filter { $0.measureID == m.id }.compactMap { units[$0.organizationID] },
                                              deadline: m.deadline.flatMap(Day.init(iso:)))
                             })
            },
            issuer: "\(body)巡察整改办", date: today)
        return File(name: "\(inspection.title)三张清单.docx", data: try DocxWriter.write(content.makeDocument()))
    }

    /// Streams the ledger (整改台账) to an .xlsx file, one problem at a time, so memory stays flat. Only
    /// the columns the workbook shows are read: Fluent decodes every selected column of every model
    /// through its property wrappers, which cost more than reading them.
    static func ledger(_ inspection: Inspection, to url: URL, on db: Database) async throws -> Int {
        let id = try inspection.requireID()
        let writer = try LedgerWorkbookWriter(url: url)
        var after: UUID?
        var sequence = 0
        while true {
            let query = Problem.query(on: db).filter(\.$inspectionID == id).sort(\.$id).limit(200)
                .field(\.$id).field(\.$source).field(\.$category).field(\.$aspect).field(\.$label).field(\.$title)
            if let after { query.filter(\.$id > after) }
            let page = try await query.all()
            guard let last = page.last else { break }
            after = last.id
            let measures = try await Measure.query(on: db).filter(\.$problemID ~~ page.compactMap(\.id)).sort(\.$number)
                .field(\.$id).field(\.$problemID).field(\.$label).field(\.$text).field(\.$kind).field(\.$leaderID)
                .field(\.$leadUnitID).field(\.$deadline).field(\.$status).field(\.$progress).all()
            let support = try await MeasureUnit.query(on: db).filter(\.$measureID ~~ measures.compactMap(\.id)).sort(\.$position)
                .field(\.$measureID).field(\.$organizationID).all()
            let units = try await Lookup.names(Organization.self, Set(measures.compactMap(\.leadUnitID) + support.map(\.organizationID)),
                                               on: db, name: \.$name)
            let people = try await Lookup.names(Person.self, Set(measures.compactMap(\.leaderID)), on: db, name: \.$name)
            let evidence = try await evidenceNames(of: measures.compactMap(\.id), on: db)
            let measuresByProblem = Dictionary(grouping: measures, by: \.problemID)
            var supportByMeasure: [UUID: [UUID]] = [:]
            for link in support { supportByMeasure[link.measureID, default: []].append(link.organizationID) }
            for p in page {
                sequence += 1
                let own = p.id.flatMap { measuresByProblem[$0] } ?? []
                try writer.append(
                    problem: LedgerProblem(sequence: String(sequence), source: (ProblemSource(rawValue: p.source) ?? .other).label,
                                           category: [p.category, p.aspect].compactMap { $0 }.joined(separator: "／"),
                                           title: "\(p.label)\(p.title)"),
                    measures: own.map { m in
                        LedgerMeasure(text: "\(m.label)\(m.text)", leader: m.leaderID.flatMap { people[$0] } ?? "",
                                      leadUnit: m.leadUnitID.flatMap { units[$0] } ?? "",
                                      supportingUnits: (m.id.flatMap { supportByMeasure[$0] } ?? []).compactMap { units[$0] }
                                        .joined(separator: "、"),
                                      deadline: m.deadline.flatMap(Day.init(iso:)),
                                      deadlineNote: m.kind == MeasureKind.longTerm.rawValue && m.deadline == nil ? "长期坚持" : "",
                                      completion: "\((RectificationStatus(rawValue: m.status) ?? .notStarted).label)（进度\(m.progress)%）",
                                      evidence: (m.id.flatMap { evidence[$0] } ?? []).joined(separator: "、"),
                                      kind: (MeasureKind(rawValue: m.kind) ?? .timeBound).label)
                    })
            }
        }
        try writer.finish()
        return sequence
    }

    /// The names of each measure's evidence files, in the order they were attached: one join read as
    /// plain rows instead of every progress report decoded as a model to find its measure.
    private static func evidenceNames(of measureIDs: [UUID], on db: Database) async throws -> [UUID: [String]] {
        guard !measureIDs.isEmpty else { return [:] }
        let rows = try await db.sql.select()
            .column(SQLColumn("measure_id", table: "r")).column(SQLColumn("name", table: "e"))
            .from(SQLAlias(SQLIdentifier(EvidenceFile.schema), as: SQLIdentifier("e")))
            .join(SQLAlias(SQLIdentifier(ProgressReport.schema), as: SQLIdentifier("r")), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: "r"), .equal, SQLColumn("progress_report_id", table: "e"))
            .where(SQLColumn("measure_id", table: "r"), .in, SQLBind.group(measureIDs))
            .orderBy(SQLColumn("created_at", table: "e")).orderBy(SQLColumn("id", table: "e"))
            .all()
        var names: [UUID: [String]] = [:]
        for row in rows {
            names[try row.decode(column: "measure_id", as: UUID.self), default: []].append(try row.decode(column: "name", as: String.self))
        }
        return names
    }
}
