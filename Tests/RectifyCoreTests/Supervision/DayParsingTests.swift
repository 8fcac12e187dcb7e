import Testing
@testable import RectifyCore

/// Dates as users and files write them: the stored form, slashes and dots, and what is not a date.
@Suite struct DayParsingTests {
    @Test func theStoredFormAndItsVariantsParse() {
        #expect(Day(iso: "2024-04-30") == Day(year: 2024, month: 4, day: 30))
        #expect(Day(iso: "2024/4/30") == Day(year: 2024, month: 4, day: 30))
        #expect(Day(iso: " 2024.04.30 ") == Day(year: 2024, month: 4, day: 30))
        #expect(Day(iso: "2024-02-29") != nil)
    }

    /// Found by API fuzzing: `?asOf=-2024-01-01` read as 2024-01-01, because empty parts were dropped.
    @Test(arguments: ["-2024-01-01", "2024--01-01", "2024-01-01-", "2024-+1-01", "2024-01- 1", "2023-02-29", "0000-01-01",
                      "2024-13-01", "24-01-01", "2024-01", "", "二〇二四-01-01", "２０２４-01-01"])
    func whatIsNotADateIsRefused(text: String) {
        #expect(Day(iso: text) == nil)
    }
}
