import Foundation
import Testing
@testable import RectifyCore

@Suite struct StatisticsEngineTests {
    typealias Change = StatisticsItem.StatusChange

    static func item(_ id: String, _ source: ProblemSource, category: String?, aspect: String?, unit: String,
                     leader: String?, kind: MeasureKind = .timeBound, created: String = "2023-11-01",
                     _ history: [(String, RectificationStatus)]) -> StatisticsItem {
        StatisticsItem(id: id, source: source, category: category, aspect: aspect, unitName: unit,
                       leaderName: leader, kind: kind, createdOn: day(created),
                       history: history.map { Change(day: day($0.0), status: $0.1) })
    }

    /// A: closed. B: closed, then reopened by a look-back and still open. C: long-term, closed.
    /// D: long-term, open, no category. E: basically completed. F: created in March, awaiting
    /// close-out. G: reopened and closed again.
    static let ledger: [StatisticsItem] = [
        item("A", .inspectionFeedback, category: "类别一", aspect: "方面甲", unit: "市政处", leader: "张某",
             [("2023-11-10", .inProgress), ("2024-01-20", .closed)]),
        item("B", .inspectionFeedback, category: "类别一", aspect: "方面乙", unit: "执法支队", leader: "李某",
             kind: .immediate,
             [("2023-11-05", .closed), ("2024-03-01", .reopened), ("2024-03-05", .inProgress)]),
        item("C", .secretaryAssigned, category: "类别二", aspect: "方面甲", unit: "市政处", leader: nil,
             kind: .longTerm, [("2023-11-10", .inProgress), ("2024-02-01", .closed)]),
        item("D", .selfFound, category: nil, aspect: nil, unit: "执法支队", leader: "李某", kind: .longTerm,
             created: "2023-12-01", [("2023-12-05", .inProgress)]),
        item("E", .inspectionFeedback, category: "类别一", aspect: "方面甲", unit: "市政处", leader: "张某",
             [("2024-02-10", .basicallyCompleted)]),
        item("F", .inspectionFeedback, category: "类别二", aspect: "方面丙", unit: " 市政处 ", leader: "张某",
             created: "2024-03-10", [("2024-03-20", .pendingCloseOut)]),
        item("G", .inspectionFeedback, category: "类别一", aspect: "方面乙", unit: "执法支队", leader: "李某",
             [("2023-12-01", .closed), ("2024-03-01", .reopened), ("2024-03-15", .closed)]),
    ]

    @Test func pastDateDiffersFromToday() {
        let past = StatisticsEngine.compute(Self.ledger, asOf: day("2024-02-15"))
        let now = StatisticsEngine.compute(Self.ledger, asOf: day("2024-04-01"))
        #expect(past.overall.total == 6)
        #expect(past.excludedCreatedLater == 1)
        #expect(past.overall.completed == 4)  // A, B, C, G
        #expect(past.overall.rate.percentText == "66.7%")
        #expect(past.overall.reopenedEver == 0)
        #expect(now.overall.total == 7)
        #expect(now.excludedCreatedLater == 0)
        #expect(now.overall.completed == 3)  // A, C, G
        #expect(now.overall.rate.fractionText == "3/7")
        #expect(now.overall.rate.percentText == "42.9%")
    }

    @Test func statusIsTheLastChangeOnOrBeforeTheDay() {
        let before = StatisticsEngine.compute(Self.ledger, asOf: day("2023-11-04"))
        #expect(before.overall.total == 5)  // D created in December, F in March
        #expect(before.overall.notStarted == 5)  // none of A, B, C, E, G has a change yet
        #expect(before.overall.inProgress == 0)
        let onTheDay = StatisticsEngine.compute(Self.ledger, asOf: day("2023-11-05"))
        #expect(onTheDay.overall.completed == 1)  // B's change on the day counts
    }

    @Test func sameDayChangesKeepTheirRecordedOrder() {
        let item = Self.item("X", .selfFound, category: nil, aspect: nil, unit: "市政处", leader: nil,
                             [("2024-01-05", .pendingCloseOut), ("2024-01-05", .closed)])
        #expect(item.status(asOf: day("2024-01-05")) == .closed)
        #expect(item.status(asOf: day("2023-10-31")) == nil)
    }

    @Test func basicallyCompletedAndPendingCloseOutAreNotCompleted() {
        let now = StatisticsEngine.compute(Self.ledger, asOf: day("2024-04-01")).overall
        #expect(now.basicallyCompleted == 1)
        #expect(now.pendingCloseOut == 1)
        #expect(now.completed + now.notCompleted == now.total)
        #expect(now.byStatus.values.reduce(0, +) == now.total)
    }

    @Test func reopenedItemsCountUntilClosedAgain() {
        let now = StatisticsEngine.compute(Self.ledger, asOf: day("2024-04-01")).overall
        #expect(now.reopenedEver == 2)  // B and G
        #expect(now.reopenedOpen == 1)  // B only; G was closed again
        let midway = StatisticsEngine.compute(Self.ledger, asOf: day("2024-03-10")).overall
        #expect(midway.reopenedOpen == 2)
        #expect(midway.count(.reopened) == 1)  // G; B had moved on to 正在整改
    }

    @Test func reopeningIsDerivedWithoutAnExplicitReopenedEntry() {
        let imported = Self.item("Y", .selfFound, category: nil, aspect: nil, unit: "市政处", leader: nil,
                                 [("2024-01-05", .closed), ("2024-02-05", .inProgress)])
        #expect(!imported.wasReopened(asOf: day("2024-02-04")))
        #expect(imported.wasReopened(asOf: day("2024-02-05")))
    }

    @Test func longTermItemsCompleteOnlyWhenClosedAndAreCountedApart() {
        let past = StatisticsEngine.compute(Self.ledger, asOf: day("2024-01-31")).overall
        #expect(past.longTerm == 2)
        #expect(past.longTermClosed == 0)
        #expect(past.completed == 3)  // A, B, G; C not yet closed
        let now = StatisticsEngine.compute(Self.ledger, asOf: day("2024-04-01")).overall
        #expect(now.longTerm == 2)
        #expect(now.longTermClosed == 1)
    }

    @Test func breakdownTotalsAddUp() {
        let report = StatisticsEngine.compute(Self.ledger, asOf: day("2024-04-01"))
        for rows in [report.bySource, report.byCategory, report.byAspect, report.byUnit, report.byLeader] {
            #expect(rows.map(\.figures.total).reduce(0, +) == report.overall.total)
            #expect(rows.map(\.figures.completed).reduce(0, +) == report.overall.completed)
            #expect(rows.map(\.figures.longTerm).reduce(0, +) == report.overall.longTerm)
        }
    }

    @Test func breakdownRows() {
        let report = StatisticsEngine.compute(Self.ledger, asOf: day("2024-04-01"))
        #expect(report.bySource.map(\.label) == ["巡察反馈问题", "书记专题会交办事项", "举一反三、自查自纠问题"])
        #expect(report.bySource.map(\.figures.rate.percentText) == ["40%", "100%", "0%"])
        #expect(report.byCategory.map(\.label) == ["类别一", "类别二", "未分类"])
        #expect(report.byCategory.last?.isUnassigned == true)
        // The same aspect name under two categories stays two rows.
        #expect(report.byAspect.map { "\($0.parentLabel ?? "")/\($0.label)" }
            == ["类别一/方面甲", "类别一/方面乙", "类别二/方面甲", "未分类/未分方面", "类别二/方面丙"])
        // Surrounding spaces do not split a unit.
        #expect(report.byUnit.map(\.label) == ["市政处", "执法支队"])
        #expect(report.byUnit.map(\.figures.total) == [4, 3])
        #expect(report.byLeader.map(\.label) == ["张某", "李某", "未明确责任领导"])
        #expect(report.byLeader.map(\.figures.completed) == [1, 1, 1])
    }

    @Test func placeholderNamedGroupStaysApartFromMissingValues() {
        let items = [
            Self.item("P", .selfFound, category: "未分类", aspect: nil, unit: "市政处", leader: nil, []),
            Self.item("Q", .selfFound, category: nil, aspect: nil, unit: "市政处", leader: nil, []),
        ]
        let rows = StatisticsEngine.compute(items, asOf: day("2024-01-01")).byCategory
        #expect(rows.map(\.isUnassigned) == [false, true])
    }

    @Test func emptyLedger() {
        let report = StatisticsEngine.compute([], asOf: day("2024-01-01"))
        #expect(report.overall.total == 0)
        #expect(report.overall.rate.percentText == "—")
        #expect(report.bySource.isEmpty)
    }

    @Test func completionRateText() {
        func text(_ completed: Int, _ total: Int) -> String {
            CompletionRate(completed: completed, total: total).percentText
        }
        #expect(text(30, 30) == "100%")
        #expect(text(28, 30) == "93.3%")
        #expect(text(2, 3) == "66.7%")
        #expect(text(1, 2) == "50%")
        #expect(text(0, 5) == "0%")
        #expect(text(1999, 2000) == "99.9%")  // 99.95 must not print as 100%
        #expect(text(1, 3000) == "0.1%")  // 0.03 must not print as 0%
        #expect(CompletionRate(completed: 28, total: 30).description == "28/30 (93.3%)")
    }

    @Test func rulesArePublishedWithTheReport() {
        let report = StatisticsEngine.compute(Self.ledger, asOf: day("2024-04-01"))
        #expect(report.rules == StatisticsEngine.rules)
        #expect(StatisticsEngine.rules.count == 6)
        #expect(StatisticsEngine.rules.allSatisfy { $0.hasSuffix("。") })
    }

    @Test func reportEncodesAsJSON() throws {
        let report = StatisticsEngine.compute(Self.ledger, asOf: day("2024-04-01"))
        let data = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(StatisticsReport.self, from: data)
        #expect(decoded == report)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let overall = object?["overall"] as? [String: Any]
        let byStatus = overall?["byStatus"] as? [String: Int]
        #expect(byStatus?["closed"] == 3)
        #expect(byStatus?["basically_completed"] == 1)
    }
}
