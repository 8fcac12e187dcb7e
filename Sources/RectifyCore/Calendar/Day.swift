import Foundation

/// A calendar date without time of day or time zone, as deadlines and report dates are written
/// in Chinese official documents ("2024年4月30日"). Arithmetic uses the proleptic Gregorian
/// day number, so it needs no `Calendar` or time zone.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (also accepts `YYYY/MM/DD` and `YYYY.MM.DD`).
    public init?(iso text: String) {
        // Fast path for the stored form, read on every row of a scan.
        let utf8 = text.utf8
        if utf8.count == 10,
           let parsed = utf8.withContiguousStorageIfAvailable({ Day.parseISO($0) }) ?? Day.parseISO(Array(utf8)) {
            self = parsed
            return
        }
        // Empty parts are kept, so "-2024-01-01" or "2024--01-01" are three parts no more; each
        // part is digits only (Int would also take a sign).
        let parts = text.trimmingCharacters(in: .whitespaces)
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy({ $0.isASCII && $0.isNumber }) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    private static func parseISO<C: RandomAccessCollection>(_ b: C) -> Day? where C.Element == UInt8, C.Index == Int {
        let s = b.startIndex
        func digit(_ i: Int) -> Int? {
            let c = b[s + i]
            return (48...57).contains(c) ? Int(c - 48) : nil
        }
        guard b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-"),
              let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        return Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }

    /// Days since 1970-01-01 (negative before it).
    public init(dayNumber: Int) {
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = m <= 2 ? y + 1 : y
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday (index 3 from Monday).
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    /// `星期一` … `星期日`.
    public var weekdayName: String { ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][weekday - 1] }

    public func adding(days: Int) -> Day { Day(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.dayNumber - dayNumber }

    /// `2024-04-30`
    public var iso: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `2024年4月30日`, digits without leading zeros as GB/T 9704 requires for 成文日期.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    public var description: String { iso }

    /// The day a `Date` falls on in the given time zone (China Standard Time by default).
    public init(_ date: Date, timeZone: TimeZone = Day.chinaTimeZone) {
        let seconds = Int(floor(date.timeIntervalSince1970)) + timeZone.secondsFromGMT(for: date)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(dayNumber: days)
    }

    public static let chinaTimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Day: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "日期格式应为 YYYY-MM-DD：\(text)")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
