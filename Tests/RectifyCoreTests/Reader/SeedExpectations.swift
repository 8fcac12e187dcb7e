import Foundation
import Testing
@testable import RectifyCore

/// What every rendering of the seed report must read as, whatever its format.
enum SeedExpectations {
    static func verify(_ report: ReadReport, _ findings: [ReportFinding]) {
        let feedback = report.problems(from: .inspectionFeedback)
        #expect(feedback.count == 30)
        #expect(feedback.map(\.number) == Array(1...30))
        #expect(feedback.allSatisfy { $0.status == .completed })
        #expect(report.problems(from: .secretaryAssigned).map(\.number) == [1, 2])
        #expect(report.problems(from: .selfFound).map(\.number) == [1, 2])

        #expect(report.problem(.inspectionFeedback, 1)?.title == "协调推动市城管委履职不到位")
        #expect(report.problem(.inspectionFeedback, 1)?.label == "(1)")
        #expect(report.problem(.inspectionFeedback, 17)?.title == "'三资'管理较混乱")
        #expect(report.problem(.inspectionFeedback, 30)?.title == "整改的长效机制不健全")
        #expect(report.problem(.secretaryAssigned, 1)?.title == "要理顺中心城区城管体制机制")
        #expect(report.problem(.selfFound, 2)?.title == "持续巩固深化'厕所革命'成果有差距")

        #expect(report.problem(.inspectionFeedback, 1)?.measures.map(\.number) == [1, 2, 3, 4])
        #expect(report.problem(.inspectionFeedback, 2)?.measures.count == 5)
        let sixteen = report.problem(.inspectionFeedback, 16)?.measures
        #expect(sixteen?.count == 1)
        #expect(sixteen?.first?.number == nil)
        #expect(report.problem(.inspectionFeedback, 20)?.measures.map(\.number) == [1, 2, 3, 4, 4])

        let round = report.round
        #expect(round.inspectingGroup == "市委第三巡察组")
        #expect(round.inspectedBody == "市城管局党组")
        #expect(round.onSiteStart == Day(year: 2023, month: 7, day: 31))
        #expect(round.onSiteEnd == Day(year: 2023, month: 9, day: 28))
        #expect(round.feedbackDate == Day(year: 2023, month: 11, day: 2))
        #expect(round.statusDate == Day(year: 2024, month: 4, day: 30))
        #expect(round.publicationDate == Day(year: 2024, month: 8, day: 20))
        #expect(round.issuer == "中共赣州市城市管理局党组")

        let claims = report.claims
        #expect(claims.categories?.count == 4)
        #expect(claims.aspects?.count == 12)
        #expect(claims.problems?.count == 30)
        #expect(claims.completed?.count == 30)
        #expect(claims.completionRate?.value == 100)
        #expect(claims.claim(for: .secretaryAssigned)?.problems?.count == 2)
        #expect(claims.claim(for: .selfFound)?.completed?.count == 2)
        #expect(claims.accountabilityTotal?.count == 23)
        #expect(claims.accountabilityByRank == [ReportRankCount(rank: "科级", people: 15), ReportRankCount(rank: "一般干部", people: 8)])
        #expect(claims.regulations?.count == 25)
        #expect(claims.measuresPlanned?.count == 122)
        #expect(claims.meetings.map(\.count) == [4, 7])

        #expect(findings.contains { $0.rule == .numberingRepeat && $0.problemNumber == 20 && $0.measureNumber == 4 })
        let people = findings.filter { $0.rule == .accountabilityTotal }
        #expect(people.count == 1)
        #expect(people.first?.message.contains("合计18人") == true)
        #expect(people.first?.message.contains("23人") == true)
        #expect(people.first?.quote?.text.contains("内部问责23人") == true)
        #expect(numbers(of: .dateBeforeInspection, in: findings) == [19, 21, 25])
        let ongoing = numbers(of: .completedButOngoing, in: findings)
        #expect(ongoing.isSuperset(of: [3, 7, 17, 28]))
        // (12) also says 相关部门正在按照程序办理; (24)'s 正在发展的党员 is not unfinished work.
        #expect(ongoing == [3, 7, 12, 17, 28])
        #expect(findings.first { $0.rule == .completedButOngoing && $0.problemNumber == 7 }?.quote?.text.contains("暂时不能拆除") == true)
        #expect(findings.contains { $0.rule == .measureCount })
        #expect(!findings.contains { $0.rule == .problemCount || $0.rule == .completedCount || $0.rule == .completionRate })
    }

    static func numbers(of rule: ReportRule, in findings: [ReportFinding]) -> Set<Int> {
        Set(findings.filter { $0.rule == rule && $0.source == .inspectionFeedback }.compactMap(\.problemNumber))
    }
}
