import Foundation
import Testing
@testable import RectifyCore

@Suite struct ISOWeekTests {
    let day = BulletinFixture.day

    @Test func parsesAcceptedSpellings() {
        for text in ["2024-W05", "2024W05", "2024-w5", "2024w5", " 2024-W05 "] {
            let week = ISOWeek(text: text)
            #expect(week?.year == 2024, "\(text)")
            #expect(week?.week == 5, "\(text)")
        }
    }

    @Test func rejectsMalformedOrOutOfRangeText() {
        for text in ["", "2024", "2024-05", "24-W05", "2024-W", "2024-W005", "2024-W00", "2024-W53",
                     "2021-W53", "2024-X05", "2024--W05", "２０２４-W05", "2024-W5a"] {
            #expect(ISOWeek(text: text) == nil, "\(text)")
        }
        #expect(ISOWeek(text: "2020-W53") != nil)
        #expect(ISOWeek(text: "2026-W53") != nil)
        // Weeks whose days would leave Day's years 1…9999 (found by API fuzzing with 9999-W52).
        #expect(ISOWeek(text: "9999-W52") == nil)
        #expect(ISOWeek(text: "0001-W01") == nil)
        #expect(ISOWeek(text: "9998-W52")?.sunday.year == 9998)
    }

    @Test func weekOfDayFollowsFirstThursdayRule() {
        #expect(ISOWeek(containing: day("2024-02-04")).text == "2024-W05")
        #expect(ISOWeek(containing: day("2024-01-29")).text == "2024-W05")
        #expect(ISOWeek(containing: day("2024-01-01")).text == "2024-W01")
        // 2021-01-01 to 01-03 (Friday to Sunday) belong to 2020's last week.
        #expect(ISOWeek(containing: day("2021-01-03")).text == "2020-W53")
        #expect(ISOWeek(containing: day("2021-01-04")).text == "2021-W01")
        // 2024-12-30 (Monday) already belongs to 2025.
        #expect(ISOWeek(containing: day("2024-12-30")).text == "2025-W01")
        #expect(ISOWeek(containing: day("2024-12-29")).text == "2024-W52")
        #expect(ISOWeek(containing: day("2025-12-29")).text == "2026-W01")
        #expect(ISOWeek(containing: day("2027-01-03")).text == "2026-W53")
    }

    @Test func mondayAndSundayAtYearBoundaries() {
        let w2024 = BulletinFixture.week("2024-W01")
        #expect(w2024.monday == day("2024-01-01"))
        #expect(w2024.sunday == day("2024-01-07"))
        let w2020 = BulletinFixture.week("2020-W53")
        #expect(w2020.monday == day("2020-12-28"))
        #expect(w2020.sunday == day("2021-01-03"))
        let w2026 = BulletinFixture.week("2026-W01")
        #expect(w2026.monday == day("2025-12-29"))
        #expect(w2026.sunday == day("2026-01-04"))
        #expect(BulletinFixture.week("2024-W05").monday == day("2024-01-29"))
        #expect(w2026.days.count == 7)
        #expect(w2026.contains(day("2025-12-31")))
        #expect(!w2026.contains(day("2026-01-05")))
    }

    @Test func yearsWith53Weeks() {
        #expect(ISOWeek.weeksIn(year: 2020) == 53)  // leap year starting on Wednesday
        #expect(ISOWeek.weeksIn(year: 2015) == 53)  // starts on Thursday
        #expect(ISOWeek.weeksIn(year: 2026) == 53)
        #expect(ISOWeek.weeksIn(year: 2024) == 52)
        #expect(ISOWeek.weeksIn(year: 2021) == 52)
    }

    @Test func previousAndNextCrossYears() {
        #expect(BulletinFixture.week("2021-W01").previous.text == "2020-W53")
        #expect(BulletinFixture.week("2020-W53").next.text == "2021-W01")
        #expect(BulletinFixture.week("2024-W52").next.text == "2025-W01")
        #expect(BulletinFixture.week("2025-W01").previous.text == "2024-W52")
        #expect(BulletinFixture.week("2024-W05").next.text == "2024-W06")
        #expect(BulletinFixture.week("2024-W05").previous < BulletinFixture.week("2024-W05"))
    }

    @Test func chineseLabel() {
        #expect(BulletinFixture.week("2024-W05").chineseLabel == "2024年第5周（1月29日—2月4日）")
        #expect(BulletinFixture.week("2020-W53").chineseLabel == "2020年第53周（2020年12月28日—2021年1月3日）")
        #expect(BulletinFixture.week("2026-W01").chineseLabel == "2026年第1周（2025年12月29日—2026年1月4日）")
    }

    @Test func codableAsText() throws {
        let week = BulletinFixture.week("2024-w5")
        let data = try JSONEncoder().encode([week])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-W05"]"#)
        #expect(try JSONDecoder().decode([ISOWeek].self, from: data) == [week])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ISOWeek].self, from: Data(#"["2024-W60"]"#.utf8))
        }
    }
}
