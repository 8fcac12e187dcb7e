/// A week as ISO 8601 numbers it: Monday to Sunday, week 1 being the week that contains the
/// year's first Thursday (equivalently, 4 January). The week's year is the year of its Thursday,
/// so 2021-01-03 lies in 2020-W53 and 2025-12-29 in 2026-W01. A year has 53 weeks when it starts
/// on a Thursday, or on a Wednesday in a leap year; otherwise 52.
///
/// Written as `2024-W05` in JSON and URLs.
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ISO week-numbering year, which differs from the calendar year for a few days around New Year.
    public let year: Int
    /// 1…52 or 1…53.
    public let week: Int

    /// Years whose every week lies within `Day`'s years 1…9999 (year 1's first week starts in
    /// year 0, year 9999's last ends in 10000; found by API fuzzing with 9999-W52).
    public static let years = 2...9998

    public init?(year: Int, week: Int) {
        guard ISOWeek.years.contains(year), (1...ISOWeek.weeksIn(year: year)).contains(week) else { return nil }
        self.year = year
        self.week = week
    }

    /// Parses `2024-W05`, `2024W05`, `2024-w5` (surrounding spaces ignored).
    public init?(text: String) {
        let trimmed = Array(text.trimmingCharacters(in: .whitespaces))
        guard trimmed.count >= 6, trimmed[0..<4].allSatisfy({ $0.isASCII && $0.isWholeNumber }) else { return nil }
        var rest = trimmed[4...]
        if rest.first == "-" { rest = rest.dropFirst() }
        guard rest.first == "W" || rest.first == "w" else { return nil }
        let digits = rest.dropFirst()
        guard (1...2).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isWholeNumber }),
              let year = Int(String(trimmed[0..<4])), let week = Int(String(digits)) else { return nil }
        self.init(year: year, week: week)
    }

    /// The week `day` falls in.
    public init(containing day: Day) {
        let thursday = day.adding(days: 4 - day.weekday)
        let firstOfYear = Day(year: thursday.year, month: 1, day: 1) ?? thursday
        self.year = thursday.year
        self.week = firstOfYear.days(until: thursday) / 7 + 1
    }

    /// 52 or 53.
    public static func weeksIn(year: Int) -> Int {
        guard let january1 = Day(year: year, month: 1, day: 1) else { return 52 }
        let leap = Day.daysIn(month: 2, year: year) == 29
        return january1.weekday == 4 || (leap && january1.weekday == 3) ? 53 : 52
    }

    /// The first day of the week.
    public var monday: Day {
        // 4 January always lies in week 1.
        let january4 = Day(year: year, month: 1, day: 4) ?? Day(dayNumber: 0)
        return january4.adding(days: 1 - january4.weekday + (week - 1) * 7)
    }

    /// The last day of the week.
    public var sunday: Day { monday.adding(days: 6) }

    /// Every day of the week, Monday first.
    public var days: [Day] { (0..<7).map { monday.adding(days: $0) } }

    public func contains(_ day: Day) -> Bool { monday <= day && day <= sunday }

    public var previous: ISOWeek { ISOWeek(containing: monday.adding(days: -7)) }

    public var next: ISOWeek { ISOWeek(containing: monday.adding(days: 7)) }

    /// `2024-W05`
    public var text: String {
        week < 10 ? "\(year)-W0\(week)" : "\(year)-W\(week)"
    }

    /// `2024年第5周（1月29日—2月4日）`; both ends carry their year when the week straddles New Year
    /// or lies in a calendar year other than its ISO year:
    /// `2020年第53周（2020年12月28日—2021年1月3日）`.
    public var chineseLabel: String {
        "\(year)年第\(week)周（\(chineseRange)）"
    }

    /// `1月29日—2月4日`, or with years as in `chineseLabel`.
    public var chineseRange: String {
        let first = monday
        let last = sunday
        if first.year == year, last.year == year {
            return "\(first.month)月\(first.day)日—\(last.month)月\(last.day)日"
        }
        return "\(first.chinese)—\(last.chinese)"
    }

    public var description: String { text }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }
}

extension ISOWeek: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ISOWeek(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "周次格式应为 YYYY-Www：\(text)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
