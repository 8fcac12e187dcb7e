import Fluent
import Foundation
import RectifyCore

/// The demo's open self-inspection task (举一反三): two neighbouring bureaus of the demo
/// (`DemoScript.neighbours`, loaded before this) are asked to check for a problem the housing bureau
/// was found to have. The transport bureau's office (`office-transport`) has answered, the health
/// commission's answer is late.
enum DemoSelfInspection {
    static let transportBody = "江川市交通运输局党组"
    static let healthBody = "江川市卫生健康委员会党组"
    static let sourceProblem = "形式主义官僚主义问题仍有发生"

    static func load(db: Database, audit: AuditTrail, today: Day, calendar: WorkingDayCalendar,
                     passwordHash: String) async throws -> [DemoLedger.Account] {
        func created(_ entity: String, _ id: UUID?, _ summary: [String: String]) async throws {
            try await audit.record("create", entity: entity, id: id?.uuidString ?? "", after: summary)
        }
        var bodies: [UUID] = []
        for name in [transportBody, healthBody] {
            guard let body = try await Organization.query(on: db).filter(\.$parentID == nil).filter(\.$name == name).first() else {
                throw RectifyError.notFound("demo: the neighbouring body \(name) is missing")
            }
            bodies.append(try body.requireID())
        }
        guard let user = try await User.query(on: db).filter(\.$username == "office-transport").first() else {
            throw RectifyError.notFound("demo: the transport bureau's office account is missing")
        }
        // The housing bureau's problem: the same title is common to the neighbours too.
        let housing = try await Organization.query(on: db).filter(\.$parentID == nil).filter(\.$name == DemoScript.body).first()
        let rounds = try await Inspection.query(on: db).filter(\.$inspectedBodyID == (try housing?.requireID() ?? UUID()))
            .field(\.$id).all().compactMap(\.id)
        let problem = try await Problem.query(on: db).filter(\.$title == sourceProblem).filter(\.$inspectionID ~~ rounds)
            .sort(\.$number).first()
        let issued = today.adding(days: -14)
        let task = SelfInspectionTask()
        task.title = "关于“\(sourceProblem)”问题的举一反三自查"
        task.requirement = problem.map(SelfInspectionService.defaultRequirement) ?? "对照形式主义官僚主义问题，举一反三、自查自纠。"
        task.sourceProblemID = try problem?.requireID()
        task.workingDays = 5
        task.issuedOn = issued.iso
        task.dueOn = SelfInspectionTiming.due(issuedOn: issued, workingDays: 5, calendar: calendar).value.iso
        task.issuedByName = "派驻纪检监察组 赵立新"
        task.version = 1
        try await task.create(on: db)
        try await created(SelfInspectionService.taskEntity, task.id, ["title": task.title])
        for (index, body) in bodies.enumerated() {
            let answer = SelfInspectionAnswer()
            answer.taskID = try task.requireID(); answer.bodyID = body; answer.dueOn = task.dueOn
            answer.state = SelfInspectionState.pending.rawValue; answer.version = 1
            if index == 0 {
                answer.state = SelfInspectionState.notFound.rawValue
                answer.explanation = "对照问题逐项检视近一年发文、会议和督查检查事项，未发现同类问题；已将精文减会要求纳入年度工作要点。"
                answer.answeredOn = issued.adding(days: 3).iso; answer.answeredByID = user.id; answer.answeredByName = user.displayName
                answer.version = 2
            }
            try await answer.create(on: db)
            try await created(SelfInspectionService.answerEntity, answer.id, ["state": answer.state])
        }
        return []
    }
}
