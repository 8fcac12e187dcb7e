import Foundation

/// The Chinese working-day calendar: Monday–Friday, minus statutory holidays (法定节假日),
/// plus adjusted working days (调休上班).
///
/// Holiday data comes from files: the bundled `cn-workdays.json` and any files the operator adds
/// when a new State Council notice comes out. A later file replaces an earlier one year by year.
/// Days in a year without data count as Monday–Friday only, and every computation reports such
/// years (`WorkingDayResult.unknownYears`) so the caller can log and display the warning.
///
/// Counting convention: `workingDays(from:to:)` counts the working days in `(from, to]`, i.e. the
/// working days remaining after `from` up to and including `to`. `adding(workingDays: n, to: d)`
/// is its inverse: the n-th working day after `d`, so "T+1" from a Friday before a holiday is
/// the first working day after the holiday.
public struct WorkingDayCalendar: Sendable {
    /// Bundled data file name, in the module's `Resources` folder.
    public static let bundledFileName = "cn-workdays.json"

    /// The entries in use, one per year, ascending.
    public let years: [HolidayCalendarYear]
    private let known: Set<Int>
    private let holidayNames: [Int: String]
    private let adjustedWorkdays: Set<Int>
    /// Day numbers, ascending, of holidays on weekdays and of adjusted working days on weekends:
    /// with them a count is arithmetic on weeks plus two binary searches, not a walk day by day.
    private let weekdayHolidays: [Int]
    private let weekendWorkdays: [Int]

    /// Builds a calendar from year entries; a later entry for the same year replaces an earlier one.
    public init(years entries: [HolidayCalendarYear]) throws {
        var byYear: [Int: HolidayCalendarYear] = [:]
        for entry in entries {
            if let problem = entry.problem() {
                throw CalendarDataError(file: nil, problem: problem.chinese, detail: problem.detail)
            }
            byYear[entry.year] = entry
        }
        let sorted = byYear.values.sorted { $0.year < $1.year }
        var names: [Int: String] = [:]
        var workdays = Set<Int>()
        for entry in sorted {
            for range in entry.holidays {
                for day in range.days { names[day.dayNumber] = range.name }
            }
            workdays.formUnion(entry.adjustedWorkdays.map(\.dayNumber))
        }
        // Entries are checked one by one above; this catches two years' notices contradicting
        // each other around New Year.
        if let clash = workdays.intersection(names.keys).min() {
            let day = Day(dayNumber: clash)
            throw CalendarDataError(file: nil, problem: "\(day.iso)在一年中列为放假、在另一年中列为调休上班",
                                    detail: "day is a holiday in one entry and a working day in another")
        }
        self.years = sorted
        self.known = Set(byYear.keys)
        self.holidayNames = names
        self.adjustedWorkdays = workdays
        self.weekdayHolidays = names.keys.filter { !Day(dayNumber: $0).isWeekend }.sorted()
        self.weekendWorkdays = workdays.filter { Day(dayNumber: $0).isWeekend }.sorted()
    }

    public init(data: HolidayCalendarData) throws {
        try data.validate(fileName: nil)
        try self.init(years: data.years)
    }

    /// The calendar from the bundled file alone.
    public static func bundled() throws -> WorkingDayCalendar {
        guard let url = Bundle.module.url(forResource: "cn-workdays", withExtension: "json", subdirectory: "Resources")
        else {
            throw CalendarDataError(file: bundledFileName, problem: "程序包中缺少内置节假日数据文件",
                                    detail: "resource missing from Bundle.module")
        }
        return try WorkingDayCalendar(data: HolidayCalendarData.load(contentsOf: url))
    }

    /// The bundled calendar merged with the operator's files, in order (later files win per year).
    public static func load(extraFiles: [URL]) throws -> WorkingDayCalendar {
        try extraFiles.reduce(bundled()) { calendar, url in try calendar.merging(contentsOf: url) }
    }

    /// This calendar with `data`'s years added or replaced.
    public func merging(_ data: HolidayCalendarData) throws -> WorkingDayCalendar {
        try WorkingDayCalendar(years: years + data.years)
    }

    public func merging(contentsOf url: URL) throws -> WorkingDayCalendar {
        let data = try HolidayCalendarData.load(contentsOf: url)
        do {
            return try merging(data)
        } catch var error as CalendarDataError {
            error.file = url.lastPathComponent
            throw error
        }
    }

    /// Years with holiday data, ascending.
    public var knownYears: [Int] { known.sorted() }

    public func isKnown(year: Int) -> Bool { known.contains(year) }

    /// The holiday a day belongs to, if it is a day off under a notice.
    public func holidayName(on day: Day) -> String? { holidayNames[day.dayNumber] }

    public func isWorkingDay(_ day: Day) -> WorkingDayResult<Bool> {
        WorkingDayResult(value: rawIsWorkingDay(day), unknownYears: known.contains(day.year) ? [] : [day.year])
    }

    /// The `workingDays`-th working day after `day` (before it when negative); `day` itself when 0.
    public func adding(workingDays count: Int, to day: Day) -> WorkingDayResult<Day> {
        let step = count < 0 ? -1 : 1
        var remaining = abs(count)
        var current = day
        var years = Set<Int>()
        while remaining > 0 {
            current = current.adding(days: step)
            years.insert(current.year)
            if rawIsWorkingDay(current) { remaining -= 1 }
        }
        return WorkingDayResult(value: current, unknownYears: unknown(in: years))
    }

    /// Working days in `(from, to]`; negative (the count in `(to, from]`) when `to` is earlier.
    public func workingDays(from: Day, to: Day) -> WorkingDayResult<Int> {
        guard from != to else { return WorkingDayResult(value: 0, unknownYears: []) }
        let (low, high, sign) = from < to ? (from, to, 1) : (to, from, -1)
        let count = Self.weekdaysBefore(high.dayNumber + 1) - Self.weekdaysBefore(low.dayNumber + 1)
            - Self.count(weekdayHolidays, in: low.dayNumber, high.dayNumber)
            + Self.count(weekendWorkdays, in: low.dayNumber, high.dayNumber)
        return WorkingDayResult(value: sign * count, unknownYears: unknown(from: low.adding(days: 1).year, to: high.year))
    }

    /// Years in the range (both ends included) without holiday data, ascending.
    public func unknownYears(in range: ClosedRange<Day>) -> [Int] {
        unknown(in: Set(range.lowerBound.year...range.upperBound.year))
    }

    /// `2027年节假日安排尚未录入，按周一至周五计算`; `nil` when nothing is missing.
    public static func warning(forUnknownYears years: [Int]) -> String? {
        guard !years.isEmpty else { return nil }
        let list = years.sorted().map { "\($0)年" }.joined(separator: "、")
        return "\(list)节假日安排尚未录入，按周一至周五计算"
    }

    /// Monday–Friday days with a day number below `n`, counted from Monday 1969-12-29 (day −3).
    private static func weekdaysBefore(_ n: Int) -> Int {
        let k = n + 3
        let weeks = k >= 0 ? k / 7 : (k - 6) / 7
        return weeks * 5 + min(k - weeks * 7, 5)
    }

    /// How many of the sorted day numbers lie in `(low, high]`.
    private static func count(_ sorted: [Int], in low: Int, _ high: Int) -> Int {
        func firstIndex(after value: Int) -> Int {
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] <= value { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return firstIndex(after: high) - firstIndex(after: low)
    }

    private func rawIsWorkingDay(_ day: Day) -> Bool {
        if adjustedWorkdays.contains(day.dayNumber) { return true }
        if holidayNames[day.dayNumber] != nil { return false }
        return !day.isWeekend
    }

    private func unknown(in years: Set<Int>) -> [Int] {
        years.subtracting(known).sorted()
    }

    /// Years from `first` to `last` without data, ascending; allocates nothing in the common case.
    private func unknown(from first: Int, to last: Int) -> [Int] {
        guard first <= last else { return [] }
        var missing: [Int] = []
        for year in first...last where !known.contains(year) { missing.append(year) }
        return missing
    }
}
