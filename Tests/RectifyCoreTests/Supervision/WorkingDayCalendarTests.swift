import Foundation
import Testing
@testable import RectifyCore

@Suite struct WorkingDayCalendarTests {
    let calendar: WorkingDayCalendar

    init() throws {
        calendar = try WorkingDayCalendar.bundled()
    }

    @Test func bundledFileCoversFourYears() {
        #expect(calendar.knownYears == [2023, 2024, 2025, 2026])
        #expect(calendar.years.map(\.holidays.count) == [6, 7, 6, 7])
    }

    @Test func springFestival2024() {
        #expect(calendar.isWorkingDay(day("2024-02-04")).value)  // Sunday, 调休上班
        #expect(calendar.isWorkingDay(day("2024-02-09")).value)  // 除夕 was a working day
        for text in ["2024-02-10", "2024-02-12", "2024-02-16", "2024-02-17"] {
            #expect(!calendar.isWorkingDay(day(text)).value, "\(text)")
            #expect(calendar.holidayName(on: day(text)) == "春节")
        }
        #expect(calendar.isWorkingDay(day("2024-02-18")).value)  // Sunday, 调休上班
        // T+1 from the Friday before the holiday is the first working day after it.
        #expect(calendar.adding(workingDays: 1, to: day("2024-02-09")).value == day("2024-02-18"))
        #expect(calendar.adding(workingDays: -1, to: day("2024-02-18")).value == day("2024-02-09"))
        #expect(calendar.workingDays(from: day("2024-02-09"), to: day("2024-02-19")).value == 2)
    }

    @Test func nationalDay2025() {
        #expect(calendar.isWorkingDay(day("2025-09-28")).value)
        #expect(!calendar.isWorkingDay(day("2025-10-08")).value)
        #expect(calendar.isWorkingDay(day("2025-10-11")).value)
        #expect(!calendar.isWorkingDay(day("2025-10-12")).value)
        #expect(calendar.adding(workingDays: 1, to: day("2025-09-30")).value == day("2025-10-09"))
        #expect(calendar.adding(workingDays: 3, to: day("2025-09-30")).value == day("2025-10-11"))
        // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11.
        let count = calendar.workingDays(from: day("2025-09-26"), to: day("2025-10-12"))
        #expect(count == WorkingDayResult(value: 6, unknownYears: []))
        #expect(calendar.workingDays(from: day("2025-10-12"), to: day("2025-09-26")).value == -6)
    }

    @Test func springFestival2026() {
        #expect(calendar.isWorkingDay(day("2026-02-14")).value)
        #expect(!calendar.isWorkingDay(day("2026-02-23")).value)
        #expect(calendar.isWorkingDay(day("2026-02-28")).value)
        #expect(calendar.adding(workingDays: 1, to: day("2026-02-13")).value == day("2026-02-14"))
        #expect(calendar.adding(workingDays: 2, to: day("2026-02-13")).value == day("2026-02-24"))
        #expect(calendar.adding(workingDays: -1, to: day("2026-02-24")).value == day("2026-02-14"))
        #expect(calendar.workingDays(from: day("2026-02-13"), to: day("2026-02-28")).value == 6)
    }

    @Test func weekendDaysInsideHolidaysAreOff() {
        #expect(!calendar.isWorkingDay(day("2024-10-05")).value)
        #expect(calendar.holidayName(on: day("2024-10-05")) == "国庆节")
        #expect(calendar.holidayName(on: day("2024-10-12")) == nil)
        #expect(calendar.isWorkingDay(day("2024-10-12")).value)
    }

    @Test func newYearRangeStartingInThePreviousYear() {
        // 2023-12-30 is decided by the 2024 notice but applies to its own date.
        #expect(calendar.holidayName(on: day("2023-12-30")) == "元旦")
        #expect(calendar.isWorkingDay(day("2023-12-30")) == WorkingDayResult(value: false, unknownYears: []))
        // 2022-12-31 comes from the 2023 notice, but 2022 as a year has no data and says so.
        let eve = calendar.isWorkingDay(day("2022-12-31"))
        #expect(!eve.value)
        #expect(eve.unknownYears == [2022])
    }

    @Test func zeroWorkingDaysAndEqualEnds() {
        #expect(calendar.adding(workingDays: 0, to: day("2024-02-10")).value == day("2024-02-10"))
        #expect(calendar.workingDays(from: day("2024-05-06"), to: day("2024-05-06")).value == 0)
    }

    @Test func countingAndAddingAreInverse() {
        let start = day("2023-01-03")
        var target = start
        for _ in 0..<400 {
            target = target.adding(days: 3)
            guard calendar.isWorkingDay(target).value else { continue }
            let count = calendar.workingDays(from: start, to: target).value
            #expect(calendar.adding(workingDays: count, to: start).value == target)
            #expect(calendar.adding(workingDays: -count, to: target).value == start)
        }
    }

    @Test func yearWithoutDataIsReported() {
        let result = calendar.adding(workingDays: 1, to: day("2026-12-31"))
        #expect(result.value == day("2027-01-01"))  // a Friday, counted as a weekday
        #expect(result.unknownYears == [2027])
        #expect(!result.isComplete)
        #expect(result.warning == "2027年节假日安排尚未录入，按周一至周五计算")
        #expect(calendar.workingDays(from: day("2026-12-25"), to: day("2027-01-08")).unknownYears == [2027])
        #expect(calendar.unknownYears(in: day("2026-06-01")...day("2028-01-01")) == [2027, 2028])
        #expect(WorkingDayCalendar.warning(forUnknownYears: [2028, 2027])
            == "2027年、2028年节假日安排尚未录入，按周一至周五计算")
        #expect(calendar.adding(workingDays: 5, to: day("2026-03-02")).warning == nil)
    }

    @Test func operatorFileExtendsWithANewYear() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = try folder.file(named: "cn-workdays-2027.json", """
        { "version": 1, "years": [ { "year": 2027, "source": "test",
          "holidays": [ { "name": "元旦", "first": "2027-01-01", "last": "2027-01-03" } ],
          "adjustedWorkdays": [] } ] }
        """)
        let extended = try WorkingDayCalendar.load(extraFiles: [url])
        #expect(extended.knownYears == [2023, 2024, 2025, 2026, 2027])
        let result = extended.adding(workingDays: 1, to: day("2026-12-31"))
        #expect(result == WorkingDayResult(value: day("2027-01-04"), unknownYears: []))
    }

    @Test func laterFileWinsPerYear() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try folder.file(named: "a.json", """
        { "version": 1, "years": [ { "year": 2026, "holidays": [], "adjustedWorkdays": [] } ] }
        """)
        let second = try folder.file(named: "b.json", """
        { "version": 1, "years": [ { "year": 2026,
          "holidays": [ { "name": "测试假日", "first": "2026-03-02", "last": "2026-03-02" } ],
          "adjustedWorkdays": [] } ] }
        """)
        let replaced = try WorkingDayCalendar.load(extraFiles: [first])
        #expect(replaced.isWorkingDay(day("2026-02-16")).value)  // 春节 gone with the replaced entry
        #expect(!replaced.isWorkingDay(day("2024-02-16")).value)  // other years untouched
        let both = try WorkingDayCalendar.load(extraFiles: [first, second])
        #expect(!both.isWorkingDay(day("2026-03-02")).value)
        #expect(both.holidayName(on: day("2026-03-02")) == "测试假日")
    }

    @Test func malformedFilesAreRefusedWithTheProblemNamed() throws {
        let cases: [(String, String)] = [
            ("not json", "不是有效的JSON文件"),
            (#"{ "version": 1, "years": [ { "year": 2027, "holidays": [] } ] }"#, "缺少字段“adjustedWorkdays”"),
            (#"{ "version": 1, "years": [ { "year": 2027, "holidays": [], "adjustedWorkdays": ["2027-13-01"] } ] }"#,
             "日期格式应为 YYYY-MM-DD：2027-13-01"),
            (#"{ "version": 1, "years": [ { "year": 2027, "holidays": [], "adjustedWorkdays": ["2027-01-05"] } ] }"#,
             "2027年调休上班日2027-01-05不是周六或周日"),
            (#"{ "version": 1, "years": [ { "year": 2027, "holidays": [ { "name": "春节", "first": "2027-02-10", "last": "2027-02-05" } ], "adjustedWorkdays": [] } ] }"#,
             "起始日2027-02-10晚于结束日2027-02-05"),
            (#"{ "version": 1, "years": [ { "year": 2027, "holidays": [ { "name": "国庆节", "first": "2028-10-01", "last": "2028-10-07" } ], "adjustedWorkdays": [] } ] }"#,
             "不属于2027年的放假安排"),
            (#"{ "version": 2, "years": [] }"#, "不支持的文件版本2"),
            (#"{ "version": 1, "years": [ { "year": 2027, "holidays": [], "adjustedWorkdays": [] }, { "year": 2027, "holidays": [], "adjustedWorkdays": [] } ] }"#,
             "2027年在同一文件中出现了两次"),
        ]
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (text, expected) in cases {
            let url = try folder.file(named: "extra.json", text)
            do {
                _ = try calendar.merging(contentsOf: url)
                Issue.record("accepted malformed file: \(text)")
            } catch let error as CalendarDataError {
                #expect(error.file == "extra.json")
                #expect(error.problem.contains(expected), "\(error.problem)")
                #expect(error.description.hasPrefix("节假日数据文件“extra.json”有误："))
                #expect(!error.detail.isEmpty)
            }
        }
    }

    @Test func contradictionBetweenYearsIsRefused() throws {
        // The 2024 entry makes 2023-12-30 a holiday; a 2023 entry may not make it a working day.
        var entry = try #require(calendar.years.first { $0.year == 2023 })
        entry.adjustedWorkdays.append(day("2023-12-30"))
        #expect(throws: CalendarDataError.self) {
            try calendar.merging(HolidayCalendarData(years: [entry]))
        }
    }
}
