import Fluent
import Foundation
import RectifyCore
import RectifyDocuments
import SQLKit

/// Composes a round's public progress report from the ledger: the narrative the office wrote (or a
/// plain default drawn from the round's dates and registers), figures from the statistics engine,
/// and every problem with its measures and their latest approved progress.
enum PublicReportComposer {
    static func compose(_ inspection: Inspection, asOf day: Day, on db: Database) async throws -> PublicReportContent {
        let inspectionID = try inspection.requireID()
        let body = try await Organization.find(inspection.inspectedBodyID, on: db)?.name ?? "被巡察单位"
        let narrative = inspection.narrative ?? RoundNarrative()
        let problems = try await Problem.query(on: db).filter(\.$inspectionID == inspectionID)
            .sort(\.$source).sort(\.$number).all()
        let measures = try await Measure.query(on: db).filter(\.$inspectionID == inspectionID).sort(\.$number).all()
        let latest = try await latestApprovedProgress(of: measures.compactMap(\.id), on: db)
        let measuresByProblem = Dictionary(grouping: measures, by: \.problemID)
        let statistics = StatisticsEngine.compute(
            try await StatisticsSource.items(inspectionID: inspectionID, measures: false, on: db), asOf: day)

        var sources: [PublicReportSource] = []
        var figures: [PublicReportFigure] = []
        for source in ProblemSource.allCases {
            let own = problems.filter { $0.source == source.rawValue }
            guard !own.isEmpty else { continue }
            let row = statistics.bySource.first { $0.label == source.label }
            let completed = row?.figures.completed ?? 0
            let items: (Problem) -> PublicReportProblem = { p in
                let texts = (p.id.flatMap { measuresByProblem[$0] } ?? []).map { m -> String in
                    let progress = m.id.flatMap { latest[$0] }.map { text in text.hasPrefix(m.text) ? text : "\(m.text)\(text)" }
                    return progress ?? m.text
                }
                return PublicReportProblem(title: p.title, measures: texts)
            }
            let done = own.filter { $0.status == RectificationStatus.closed.rawValue }
            let open = own.filter { $0.status != RectificationStatus.closed.rawValue }
            var groups: [PublicReportGroup] = []
            if source == .inspectionFeedback {
                if !done.isEmpty { groups.append(PublicReportGroup(label: "已完成整改的具体问题", statedCount: done.count, problems: done.map(items))) }
                if !open.isEmpty { groups.append(PublicReportGroup(label: "正在整改的具体问题", statedCount: open.count, problems: open.map(items))) }
            } else {
                groups.append(PublicReportGroup(problems: own.map(items)))
            }
            sources.append(PublicReportSource(heading: heading(source), statedCount: own.count, groups: groups))
            // The ledger's own grouping when it has one; an imported round keeps what its report stated.
            var categories = Set(own.compactMap(\.category)).count, aspects = Set(own.compactMap(\.aspect)).count
            if categories == 0, source == .inspectionFeedback, let claims = inspection.statedClaims {
                categories = claims.categories?.count ?? 0
                aspects = claims.aspects?.count ?? 0
            }
            let subject: String
            switch source {
            case .inspectionFeedback:
                let shape = (categories > 0 ? "\(ChineseOrdinal.chinese(categories))类" : "") + (aspects > 0 ? "\(aspects)方面" : "")
                subject = "巡察反馈的\(shape)\(own.count)个具体问题"
            case .secretaryAssigned: subject = "市委书记专题会交办事项\(own.count)个"
            case .selfFound: subject = "举一反三、自查自纠的\(own.count)个具体问题"
            case .other: subject = "其他\(own.count)个问题"
            }
            figures.append(PublicReportFigure(
                subject: subject, completed: completed, inProgress: own.count == completed ? nil : own.count - completed,
                completionRate: row?.figures.rate.percentText ?? "—",
                note: source == .inspectionFeedback ? try await accountabilitySentence(inspection, on: db) : nil))
        }
        return PublicReportContent(
            title: narrative.title ?? "\(inspection.issuer ?? "中共\(body)")关于巡察整改进展情况的通报",
            opening: narrative.opening ?? [opening(inspection, body: body)],
            organisation: try await organisation(narrative, inspection, body: body, on: db),
            summaryDate: day, figures: figures, sources: sources,
            nextSteps: narrative.nextSteps ?? defaultNextSteps,
            contacts: narrative.contacts,
            issuer: inspection.issuer ?? "中共\(body)", date: day)
    }

    /// Each measure's latest approved progress text. The database ranks each measure's reports and
    /// returns one row a measure, so the server decodes a tenth of the rows (decoding them was a quarter
    /// of the document's time on PostgreSQL). Approval ranks first inside the window instead of
    /// filtering the scan: with `review_state = ?` beside the measure list, SQLite walked the
    /// review-state index (most reports are approved) and took 0.5 s at province scale.
    private static func latestApprovedProgress(of measureIDs: [UUID], on db: Database) async throws -> [UUID: String] {
        guard !measureIDs.isEmpty else { return [:] }
        let approved = ReviewState.approved.rawValue
        let rows = try await db.sql.raw("""
            SELECT "measure_id", "text" FROM (SELECT "measure_id", "text", "review_state", ROW_NUMBER() OVER (\
            PARTITION BY "measure_id" ORDER BY CASE WHEN "review_state" = \(bind: approved) THEN 0 ELSE 1 END, \
            "report_date" DESC, CASE WHEN "created_at" IS NULL THEN 1 ELSE 0 END, "created_at" DESC) AS "n" \
            FROM "progress_reports" WHERE "measure_id" IN (\(binds: measureIDs))) AS "ranked" \
            WHERE "n" = 1 AND "review_state" = \(bind: approved)
            """).all()
        var latest: [UUID: String] = [:]
        for row in rows {
            latest[try row.decode(column: "measure_id", as: UUID.self)] = try row.decode(column: "text", as: String.self)
        }
        return latest
    }

    static func heading(_ source: ProblemSource) -> String {
        switch source {
        case .inspectionFeedback: "巡察反馈问题整改进展情况"
        case .secretaryAssigned: "市委书记专题会交办事项整改进展情况"
        case .selfFound: "举一反三、自查自纠具体问题整改进展情况"
        case .other: "其他问题整改进展情况"
        }
    }

    /// The opening paragraph, from the round's own dates when the office wrote none.
    static func opening(_ i: Inspection, body: String) -> String {
        var text = ""
        if let start = i.onsiteStart.flatMap(Day.init(iso:)), let end = i.onsiteEnd.flatMap(Day.init(iso:)) {
            text += "按照统一部署，\(start.chinese)至\(end.chinese)，\(i.inspectingGroup)对\(body)进行了巡察。"
        }
        if let feedback = i.feedbackDate.flatMap(Day.init(iso:)) {
            text += "\(feedback.chinese)，\(i.inspectingGroup)向\(body)反馈了巡察意见。"
        }
        return text + "根据巡察工作有关规定，现将巡察整改进展情况予以公布。"
    }

    /// 问责N人（其中：科级N人、一般干部N人）: from the accountability register, or else as the
    /// imported report stated it.
    static func accountabilitySentence(_ i: Inspection, on db: Database) async throws -> String? {
        let records = try await AccountabilityRecord.query(on: db).filter(\.$inspectionID == i.requireID())
            .filter(\.$superseded == false).all()
        if !records.isEmpty {
            let byRank = Dictionary(grouping: records, by: \.rank)
            let parts = CadreRank.allCases.compactMap { rank in byRank[rank.rawValue].map { "\(rank.label)\($0.count)人" } }
            return "内部问责\(records.count)人（其中：\(parts.joined(separator: "、"))）"
        }
        guard let claims = i.statedClaims, let total = claims.accountabilityTotal else { return nil }
        let parts = claims.accountabilityByRank.map { "\($0.rank)\($0.people)人" }
        return "内部问责\(total.count)人" + (parts.isEmpty ? "" : "（其中：\(parts.joined(separator: "、"))）")
    }

    static func organisation(_ narrative: RoundNarrative, _ i: Inspection, body: String, on db: Database) async throws
        -> [PublicReportSubsection] {
        if let written = narrative.organisation {
            return written.map { PublicReportSubsection(heading: $0.heading, paragraphs: $0.paragraphs) }
        }
        let id = try i.requireID()
        let meetings = try await Meeting.query(on: db).filter(\.$inspectionID == id).filter(\.$superseded == false).count()
        let regulations = try await Regulation.query(on: db).filter(\.$inspectionID == id).filter(\.$superseded == false).all()
        var paragraph = "\(body)把巡察整改作为重要政治任务，制定整改工作方案，细化分解整改任务，明确整改措施、责任领导、责任单位和整改期限。"
        if meetings > 0 { paragraph += "先后\(meetings)次召开党组会、专题会和调度会研究部署整改工作。" }
        if let first = regulations.first {
            paragraph += "坚持“当下改”与“长久立”相结合，制定完善了《\(first.title)》等制度文件\(regulations.count)项。"
        }
        return [PublicReportSubsection(heading: "党组履行巡察整改主体责任情况", paragraphs: [paragraph])]
    }

    static let defaultNextSteps = [
        "坚持力度不减，持续抓好整改后续工作。对已完成整改的问题，继续深化整改措施，巩固整改成效，防止反弹回潮；对需长期坚持和持续推进的整改事项，紧盯不放，持续抓好跟踪落实。",
        "坚持标准不降，不断巩固拓展整改成效。及时将整改工作中的好做法、好经验固化为制度机制，推动建立解决问题的长效机制。",
    ]
}
