/// Turns a notice's items into the year's calendar entry, refusing what contradicts itself.
struct NoticeAssembly {
    let year: Int
    let source: String

    private struct Holiday {
        var range: HolidayRange
        var line: Int
        var excerpt: String
    }

    private struct Workday {
        var day: Day
        var line: Int
        var excerpt: String
    }

    func assemble(_ items: [NoticeItem]) throws -> HolidayCalendarYear {
        var holidays: [Holiday] = []
        var workdays: [Workday] = []
        var named: [String: Int] = [:]
        for item in items {
            if let earlier = named[item.name] {
                throw HolidayNoticeError(line: item.line, excerpt: item.excerpt, problem: "“\(item.name)”在第\(earlier)行已经出现")
            }
            named[item.name] = item.line
            let before = holidays.count
            try read(item, holidays: &holidays, workdays: &workdays)
            let own = holidays[before...]
            guard !own.isEmpty else {
                throw HolidayNoticeError(line: item.line, excerpt: item.excerpt, problem: "“\(item.name)”没有读出放假日期")
            }
            if let declared = item.declaredDays {
                let count = own.reduce(0) { $0 + $1.range.days.count }
                guard count == declared else {
                    throw HolidayNoticeError(line: item.line, excerpt: item.excerpt,
                                             problem: "“\(item.name)”的放假日期共\(count)天，与放假天数“\(declared)天”不符")
                }
            }
        }
        try check(holidays, workdays)
        let entry = HolidayCalendarYear(year: year, source: source,
                                        holidays: holidays.map(\.range).sorted { $0.first < $1.first },
                                        adjustedWorkdays: workdays.map(\.day).sorted())
        if let problem = entry.problem() { throw HolidayNoticeError(problem: problem.chinese) }
        return entry
    }

    /// One sentence after another, across the item's lines: dates gather until 放假 makes them a
    /// holiday or 上班 makes them working days; a sentence's end lets go of dates tied to neither.
    private func read(_ item: NoticeItem, holidays: inout [Holiday], workdays: inout [Workday]) throws {
        var pending: [(day: Day, date: NoticeDate, afterMark: Bool)] = []
        var mark = false
        var previous: Day?
        var lastHoliday: Int?
        for part in item.parts {
            func refuse(_ problem: String) -> HolidayNoticeError {
                HolidayNoticeError(line: part.line, excerpt: part.excerpt, problem: problem)
            }
            for token in part.tokens {
                switch token {
                case .date(let date):
                    let day = try resolve(date, after: previous, newYear: item.isNewYear, refuse)
                    pending.append((day, date, mark))
                    mark = false
                    previous = day
                case .to:
                    mark = true
                case .off(let declared):
                    guard let first = pending.first else { throw refuse("“放假”前没有读出日期") }
                    let last: Day
                    switch pending.count {
                    case 1: last = first.day
                    case 2 where pending[1].afterMark: last = pending[1].day
                    default: throw refuse("放假日期应写成“1月1日至3日”这样的时段或单独一天")
                    }
                    guard first.day <= last else {
                        throw refuse("“\(item.name)”的放假起始日\(first.day.chinese)晚于结束日\(last.chinese)")
                    }
                    guard first.day.days(until: last) < 31 else { throw refuse("“\(item.name)”的放假时段超过31天") }
                    holidays.append(Holiday(range: HolidayRange(name: item.name, first: first.day, last: last), line: part.line,
                                            excerpt: part.excerpt))
                    lastHoliday = holidays.count - 1
                    pending = []
                    if let declared { try checkCount(declared, holidays[holidays.count - 1], refuse) }
                case .total(let count):
                    if let index = lastHoliday { try checkCount(count, holidays[index], refuse) }
                case .work:
                    if pending.contains(where: \.afterMark) { throw refuse("调休上班日期应逐日列出，不能写成时段") }
                    workdays += pending.map { Workday(day: $0.day, line: part.line, excerpt: part.excerpt) }
                    pending = []
                case .end:
                    pending = []
                    mark = false
                    previous = nil
                    lastHoliday = nil
                }
            }
        }
    }

    private func checkCount(_ declared: Int, _ holiday: Holiday, _ refuse: (String) -> HolidayNoticeError) throws {
        let count = holiday.range.days.count
        guard count == declared else {
            throw refuse("“\(holiday.range.name)”\(Self.span(holiday.range))共\(count)天，与写明的“共\(declared)天”不符")
        }
    }

    /// The day a written date stands for. Without a year: the year of the date before it in the
    /// sentence (the next year when it is earlier in the calendar, as in `12月31日至1月2日`), else the
    /// notice's year, or December before it for 元旦.
    private func resolve(_ date: NoticeDate, after previous: Day?, newYear: Bool,
                         _ refuse: (String) -> HolidayNoticeError) throws -> Day {
        guard let month = date.month ?? previous?.month else { throw refuse("“\(date.text)”没有写明月份") }
        let resolvedYear: Int
        if let explicit = date.year {
            guard explicit == year || (explicit == year - 1 && month == 12) else {
                throw refuse("日期“\(date.text)”的年份与通知标题的\(year)年不符")
            }
            resolvedYear = explicit
        } else if let previous {
            resolvedYear = (month, date.day) < (previous.month, previous.day) ? previous.year + 1 : previous.year
        } else {
            resolvedYear = month == 12 && newYear ? year - 1 : year
        }
        guard let day = Day(year: resolvedYear, month: month, day: date.day) else {
            throw refuse("“\(date.text)”不是有效的日期")
        }
        guard day.year == year || (day.year == year - 1 && day.month == 12) else {
            throw refuse("“\(date.text)”（\(day.chinese)）超出\(year)年节假日安排的范围（应在\(year)年内，元旦可始于上一年12月）")
        }
        if let weekday = date.weekday, weekday != day.weekday {
            throw refuse("\(day.chinese)是\(day.weekdayName)，通知中写作\(NoticeNumeral.weekdayNames[weekday])，日期或年份有误")
        }
        return day
    }

    /// What no notice may say: overlapping holidays, a day both off and at work, a working weekday
    /// listed as 调休上班, a day listed twice, and a statutory holiday left out.
    private func check(_ holidays: [Holiday], _ workdays: [Workday]) throws {
        let sorted = holidays.sorted { $0.range.first < $1.range.first }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.range.first <= a.range.last {
            throw HolidayNoticeError(line: b.line, excerpt: b.excerpt,
                                     problem: "“\(b.range.name)”的放假日期与第\(a.line)行“\(a.range.name)”的放假日期重叠（\(b.range.first.chinese)）")
        }
        var seen: [Int: Int] = [:]
        for w in workdays {
            if let h = holidays.first(where: { $0.range.first <= w.day && w.day <= $0.range.last }) {
                throw HolidayNoticeError(line: w.line, excerpt: w.excerpt,
                                         problem: "\(w.day.chinese)既是第\(h.line)行“\(h.range.name)”的放假日，又列为上班")
            }
            guard w.day.isWeekend else {
                throw HolidayNoticeError(line: w.line, excerpt: w.excerpt,
                                         problem: "调休上班日\(w.day.chinese)是\(w.day.weekdayName)，调休上班日应为周六或周日")
            }
            if let earlier = seen[w.day.dayNumber] {
                throw HolidayNoticeError(line: w.line, excerpt: w.excerpt, problem: "调休上班日\(w.day.chinese)在第\(earlier)行已经列出")
            }
            seen[w.day.dayNumber] = w.line
        }
        for holiday in HolidayNoticeReader.statutoryHolidays where !holidays.contains(where: { $0.range.name.contains(holiday.key) }) {
            throw HolidayNoticeError(problem: "通知中没有读出“\(holiday.name)”的放假安排，请检查是否完整复制了通知")
        }
    }

    /// `2月15日至23日`, `12月31日至1月2日`, `5月1日`.
    static func span(_ range: HolidayRange) -> String {
        let first = "\(range.first.month)月\(range.first.day)日"
        if range.first == range.last { return first }
        let last = range.last.month == range.first.month ? "\(range.last.day)日" : "\(range.last.month)月\(range.last.day)日"
        return "\(first)至\(last)"
    }
}
