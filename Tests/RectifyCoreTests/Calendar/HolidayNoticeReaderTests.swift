import Foundation
import Testing
@testable import RectifyCore

@Suite struct HolidayNoticeReaderTests {
    let reader = HolidayNoticeReader()

    /// Notices of 2024 (text, a paragraph broken over two lines, 元旦 from December), 2025 (text,
    /// Chinese numerals in the title and dates, full-width digits) and 2026 (the table as CSV) read
    /// to the bundled data, day for day.
    @Test(arguments: [(2024, "2024-text.txt"), (2025, "2025-text.txt"), (2026, "2026-table.csv")])
    func realYearsReadToTheBundledData(year: Int, file: String) throws {
        let bundled = try #require(try WorkingDayCalendar.bundled().years.first { $0.year == year })

        let read = try reader.read(HolidayNoticeFixtures.text(file))

        #expect(read.year == year)
        #expect(read.source?.hasPrefix("国务院办公厅关于") == true && read.source?.hasSuffix("年部分节假日安排的通知") == true)
        #expect(read.holidays == bundled.holidays)
        #expect(read.adjustedWorkdays == bundled.adjustedWorkdays)
    }

    @Test func fictional2027ReadsTheSameFromTextAndTable() throws {
        let text = try reader.read(HolidayNoticeFixtures.text("2027-text.txt"))
        let table = try reader.read(HolidayNoticeFixtures.text("2027-table.tsv"))

        #expect(text.year == 2027)
        #expect(text.source == "国务院办公厅关于2027年部分节假日安排的通知")
        #expect(text.holidays.map(\.name) == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"])
        #expect(text.holidays[1] == HolidayRange(name: "春节", first: day("2027-02-05"), last: day("2027-02-13")))
        #expect(text.holidays[4].first == day("2027-06-09") && text.holidays[4].last == day("2027-06-09"))
        #expect(text.adjustedWorkdays == ["2027-02-14", "2027-02-20", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09"].map(day))
        #expect(table.holidays == text.holidays)
        #expect(table.adjustedWorkdays == text.adjustedWorkdays)
    }

    /// The table pasted as space-separated text (an empty 调休上班 cell lost) and as Markdown.
    @Test func tablesSeparatedBySpacesOrPipesRead() throws {
        let tsv = try HolidayNoticeFixtures.text("2027-table.tsv")
        let spaced = tsv.replacingOccurrences(of: "\t无\t", with: "\t\t").replacingOccurrences(of: "\t", with: "  ")
        let markdown = tsv.components(separatedBy: "\n").enumerated().map { index, line in
            line.contains("\t") ? "| " + line.replacingOccurrences(of: "\t", with: " | ") + " |" + (index == 2 ? "\n|---|---|---|---|" : "") : line
        }.joined(separator: "\n")
        let expected = try reader.read(tsv)

        for variant in [spaced, markdown] {
            let read = try reader.read(variant)
            #expect(read.holidays == expected.holidays)
            #expect(read.adjustedWorkdays == expected.adjustedWorkdays)
        }
    }

    /// 元旦 from the last day of the year before, with the range running across the new year.
    @Test func aNewYearRangeCrossesIntoTheYear() throws {
        let text = try HolidayNoticeFixtures.text("2027-text.txt", replacingLine: 6,
                                                  with: "一、元旦：12月31日（周四）至1月2日（周六）放假调休，共3天。1月3日（周日）上班。")
        let read = try reader.read(text)
        #expect(read.holidays[0] == HolidayRange(name: "元旦", first: day("2026-12-31"), last: day("2027-01-02")))
        #expect(read.adjustedWorkdays.first == day("2027-01-03"))
    }

    @Test func numeralsAsNoticesWriteThem() {
        #expect(NoticeNumeral.value("23") == 23)
        #expect(NoticeNumeral.value("二十三") == 23)
        #expect(NoticeNumeral.value("廿八") == 28)
        #expect(NoticeNumeral.value("三十一") == 31)
        #expect(NoticeNumeral.value("十") == 10)
        #expect(NoticeNumeral.value("十一") == 11)
        #expect(NoticeNumeral.value("二〇二七") == 2027)
        #expect(NoticeNumeral.value("十十") == 20)
        #expect(NoticeNumeral.value("三三十") == nil)
        #expect(NoticeNumeral.value("") == nil)
    }

    /// Each contradiction is refused naming its line (or, for a missing holiday, the notice).
    @Test(arguments: [
        (7, "二、春节：2月5日（周五）至13日（周六）放假调休，共9天。2月13日（周六）、2月20日（周六）上班。", 7, "既是第7行“春节”的放假日，又列为上班"),
        (11, "六、中秋节：10月3日（周日）放假，共1天。", 11, "“中秋节”的放假日期与第12行“国庆节”的放假日期重叠（2027年10月3日）"),
        (9, "四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月26日（周一）上班。", 9, "调休上班日2027年4月26日是星期一，调休上班日应为周六或周日"),
        (12, "七、国庆节：12月31日至1月2日放假，共3天。", 12, "超出2027年节假日安排的范围"),
        (7, "二、春节：2月5日（周五）至13日（周六）放假调休，共8天。", 7, "“春节”2月5日至13日共9天，与写明的“共8天”不符"),
        (6, "一、元旦：2026年1月1日至3日放假，共3天。", 6, "日期“2026年1月1日”的年份与通知标题的2027年不符"),
        (6, "一、元旦：1月1日（周四）至3日（周日）放假，共3天。", 6, "2027年1月1日是星期五，通知中写作星期四，日期或年份有误"),
        (8, "三、春节：4月3日（周六）至5日（周一）放假，共3天。", 8, "“春节”在第7行已经出现"),
        (8, "三、清明节：4月放假，共3天。", 8, "“放假”前没有读出日期"),
    ])
    func contradictionsAreRefusedNamingTheLine(line: Int, replacement: String, reportedLine: Int, message: String) throws {
        let text = try HolidayNoticeFixtures.text("2027-text.txt", replacingLine: line, with: replacement)

        let error = #expect(throws: HolidayNoticeError.self) { try reader.read(text) }

        #expect(error?.line == reportedLine, "\(error?.description ?? "")")
        #expect(error?.problem.contains(message) == true, "\(error?.description ?? "")")
        #expect(error?.description.hasPrefix("第\(reportedLine)行“") == true)
    }

    @Test func aNoticeWithoutAStatutoryHolidayIsRefused() throws {
        let text = try HolidayNoticeFixtures.text("2027-text.txt", replacingLine: 8, with: nil)
        let error = #expect(throws: HolidayNoticeError.self) { try reader.read(text) }
        #expect(error?.line == nil)
        #expect(error?.problem == "通知中没有读出“清明节”的放假安排，请检查是否完整复制了通知")
    }

    @Test func aNoticeWithoutItsTitleIsRefused() throws {
        let text = try HolidayNoticeFixtures.text("2027-text.txt", replacingLine: 1, with: "")
        let error = #expect(throws: HolidayNoticeError.self) { try reader.read(text) }
        #expect(error?.problem.contains("没有找到通知标题") == true)
    }

    @Test func aTableRowWithACellMissingIsRefused() throws {
        let text = try HolidayNoticeFixtures.text("2027-table.tsv", replacingLine: 8, with: "端午节\t6月9日\t1天")
        let error = #expect(throws: HolidayNoticeError.self) { try reader.read(text) }
        #expect(error?.line == 8)
        #expect(error?.problem.contains("表格每行应有4栏") == true)
    }

    @Test func aTableDayCountThatDisagreesIsRefused() throws {
        let text = try HolidayNoticeFixtures.text("2027-table.tsv", replacingLine: 5, with: "春节\t2月5日至2月13日\t2月14日（周日）、2月20日（周六）\t8天")
        let error = #expect(throws: HolidayNoticeError.self) { try reader.read(text) }
        #expect(error?.line == 5)
        #expect(error?.problem == "“春节”的放假日期共9天，与放假天数“8天”不符")
    }

    @Test func bytesInGB18030Read() throws {
        let text = try HolidayNoticeFixtures.text("2027-text.txt")
        let data = try TestDocuments.gb18030(text)
        #expect(String(data: data, encoding: .utf8) == nil)
        #expect(try reader.read(data: data).holidays == (try reader.read(text)).holidays)
        #expect(throws: HolidayNoticeError.self) { try reader.read(data: Data()) }
    }
}
