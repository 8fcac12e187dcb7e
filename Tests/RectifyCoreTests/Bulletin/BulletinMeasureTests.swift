import Foundation
import Testing
@testable import RectifyCore

@Suite struct BulletinMeasureTests {
    typealias F = BulletinFixture
    let day = BulletinFixture.day

    @Test func statusAsOfUsesLastChangeOnOrBeforeTheDay() {
        let measure = F.measure("m", start: "2024-01-02",
                                history: [("2024-01-20", .pendingCloseOut), ("2024-01-10", .inProgress),
                                          ("2024-01-20", .closed)])
        #expect(measure.status(asOf: day("2024-01-01")) == nil)
        #expect(measure.status(asOf: day("2024-01-05")) == .notStarted)
        // Recorded out of day order: sorted by day, same-day changes keep their recorded order.
        #expect(measure.status(asOf: day("2024-01-19")) == .inProgress)
        #expect(measure.status(asOf: day("2024-01-20")) == .closed)
        #expect(measure.closedSince(asOf: day("2024-01-20")) == day("2024-01-20"))
        #expect(measure.closedSince(asOf: day("2024-01-19")) == nil)
    }

    @Test func progressAndLastReportAsOf() {
        let measure = F.measure("m", progress: [("2024-01-10", 20), ("2024-01-20", 50), ("2024-01-20", 45)],
                                reports: ["2024-01-20", "2024-01-10", "2024-02-01"])
        #expect(measure.progress(asOf: day("2024-01-09")) == 0)
        #expect(measure.progress(asOf: day("2024-01-19")) == 20)
        #expect(measure.progress(asOf: day("2024-01-20")) == 45)
        #expect(measure.lastReport(asOf: day("2024-01-31")) == day("2024-01-20"))
        #expect(measure.lastReport(asOf: day("2024-01-09")) == nil)
    }

    @Test func noticeAnsweredAsOf() {
        let replied = F.notice("1", issued: "2024-01-02", replyDue: "2024-01-09", state: .replied, replied: "2024-01-08")
        #expect(!replied.isAnswered(asOf: day("2024-01-07")))
        #expect(replied.isAnswered(asOf: day("2024-01-08")))
        let closedWithoutDate = F.notice("2", issued: "2024-01-02", replyDue: nil, state: .closed)
        #expect(closedWithoutDate.isAnswered(asOf: day("2024-01-02")))
        let read = F.notice("3", issued: "2024-01-02", replyDue: nil, state: .read, replied: "2024-01-03")
        #expect(!read.isAnswered(asOf: day("2024-01-31")))
    }
}
