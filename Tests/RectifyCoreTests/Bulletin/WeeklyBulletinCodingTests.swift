import Foundation
import Testing
@testable import RectifyCore

@Suite struct WeeklyBulletinCodingTests {
    typealias F = BulletinFixture

    func sample() throws -> WeeklyBulletin {
        try F.build("2024-W05", measures: [
            F.measure("done", history: [("2024-01-02", .inProgress), ("2024-02-01", .closed)]),
            F.measure("red", unit: "市财政局", deadline: "2024-02-01", progress: [("2024-01-26", 80)],
                      reports: ["2024-01-05"]),
        ], notices: [
            F.notice("2024年第1期", issued: "2024-01-30", replyDue: "2024-02-02", state: .read),
        ])
    }

    @Test func jsonUsesStableCamelCaseKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(sample()), as: UTF8.self)
        for fragment in [#""week":"2024-W05""#, #""weekStart":"2024-01-29""#, #""weekEnd":"2024-02-04""#,
                         #""completedThisWeek":[{"#, #""closedOn":"2024-02-01""#, #""newlyRed":[{"#,
                         #""previousLevel":"yellow""#, #""reason":"已超期2个工作日""#, #""newlyYellow":[]"#,
                         #""noticesUnanswered":[{"#, #""replyOverdue":true"#, #""workingDaysPastReplyDue":1"#,
                         #""unitsByOverdue":[{"open":1,"overdue":1,"unit":"市财政局"}]"#,
                         #""staleWorkingDays":10"#, #""workingDaysSinceReport":21"#, #""unknownYears":[]"#,
                         #""percentText":"50%""#, #""pendingCloseOut":0"#] {
            #expect(json.contains(fragment), "\(fragment)")
        }
    }

    @Test func jsonRoundTrips() throws {
        let bulletin = try sample()
        let decoded = try JSONDecoder().decode(WeeklyBulletin.self, from: JSONEncoder().encode(bulletin))
        #expect(decoded == bulletin)
    }

    @Test func settingsDecodeMissingKeysToDefaults() throws {
        let settings = try JSONDecoder().decode(BulletinSettings.self, from: Data(#"{"topUnits":5}"#.utf8))
        #expect(settings == BulletinSettings(thresholds: .default, staleWorkingDays: 10, topUnits: 5))
        #expect(settings.problems.isEmpty)
    }

    @Test func settingsReportUnusableValues() {
        let settings = BulletinSettings(thresholds: WarningThresholds(dueSoonWorkingDays: 5, behindSchedulePoints: 120),
                                        staleWorkingDays: 0, topUnits: 0)
        #expect(settings.problems == ["进度落后阈值应在0至100个百分点之间", "未报送进展提示天数应在1至250个工作日之间",
                                      "单位排名列示数应在1至100之间"])
    }
}
