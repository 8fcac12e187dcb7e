import Foundation
@testable import RectifyCore

/// Shared test data for the bulletin tests: the bundled calendar and terse builders.
enum BulletinFixture {
    /// `day("2024-02-04")`; test dates are literals, so a typo should stop the test loudly.
    static func day(_ iso: String) -> Day {
        guard let value = Day(iso: iso) else { preconditionFailure("bad test date \(iso)") }
        return value
    }

    static func week(_ text: String) -> ISOWeek {
        guard let value = ISOWeek(text: text) else { preconditionFailure("bad test week \(text)") }
        return value
    }

    static func calendar() throws -> WorkingDayCalendar {
        try WorkingDayCalendar.bundled()
    }

    /// A time-bound measure created and started on `start`; `history` as `(iso day, status)`.
    static func measure(_ id: String, unit: String = "市教育局", label: String? = nil, text: String? = nil,
                        kind: MeasureKind = .timeBound, start: String = "2024-01-02", deadline: String? = "2024-06-28",
                        history: [(String, RectificationStatus)] = [(("2024-01-02"), .inProgress)],
                        progress: [(String, Int)] = [], reports: [String] = ["2024-02-02"],
                        createdOn: String? = nil) -> BulletinMeasure {
        BulletinMeasure(
            id: id, label: label ?? "(\(id))", text: text ?? "整改措施\(id)", unit: unit, leader: "张三",
            kind: kind, start: day(start), deadline: deadline.map(day),
            statusHistory: history.map { StatisticsItem.StatusChange(day: day($0.0), status: $0.1) },
            progressHistory: progress.map { BulletinProgressPoint(day: day($0.0), percent: $0.1) },
            reportDays: reports.map(day), createdOn: day(createdOn ?? start))
    }

    static func notice(_ number: String, title: String = "关于加快推进巡察整改工作的提示", issued: String,
                       replyDue: String?, state: NoticeState, replied: String? = nil) -> BulletinNotice {
        BulletinNotice(number: number, title: title, issuedOn: day(issued), replyDue: replyDue.map(day),
                       state: state, repliedOn: replied.map(day))
    }

    static func build(_ week: String, measures: [BulletinMeasure], notices: [BulletinNotice] = [],
                      settings: BulletinSettings = BulletinSettings()) throws -> WeeklyBulletin {
        WeeklyBulletinBuilder.build(week: Self.week(week), measures: measures, notices: notices,
                                    settings: settings, calendar: try calendar())
    }
}
