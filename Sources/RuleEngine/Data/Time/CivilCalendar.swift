/// Proleptic Gregorian calendar arithmetic on plain integers, fast enough for a million rows.
///
/// Days are counted from 1970-01-01 (day 0); weekdays are 0 = Monday … 6 = Sunday, the order
/// OpenStreetMap's opening hours use.
public enum CivilCalendar {
    /// Days since 1970-01-01 of a (valid) civil date. Howard Hinnant's `days_from_civil`, written
    /// once here (`CivilDate.dayNumber` and `init(dayNumber:)` use it).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count (inverse of `days`).
    @inlinable
    public static func civil(days z0: Int64) -> CivilDate {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return CivilDate(year: Int(m <= 2 ? y + 1 : y), month: Int(m), day: Int(d))
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeap(year) ? 29 : 28
        default: 0
        }
    }

    /// 0 = Monday … 6 = Sunday.
    @inlinable
    public static func weekday(days: Int64) -> Int {
        // 1970-01-01 was a Thursday (3).
        let r = (days + 3) % 7
        return Int(r < 0 ? r + 7 : r)
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                     "Oct", "Nov", "Dec"]
    static let weekdayAbbreviations = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]

    /// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm).
    public static func easter(year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)
    }

    /// The eleven French public holidays (jours fériés, Code du travail L3133-1) of a year.
    public static func frenchPublicHolidays(year: Int) -> [CivilDate] {
        let easter = days(year: year, month: easter(year: year).month, day: easter(year: year).day)
        let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
        var all = fixed.map { days(year: year, month: $0.0, day: $0.1) }
        all += [easter + 1, easter + 39, easter + 50]  // Easter Monday, Ascension, Whit Monday
        return all.sorted().map { civil(days: $0) }
    }
}

extension CivilDate {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int64 { CivilCalendar.days(year: year, month: month, day: day) }

    public init(daysSinceEpoch: Int64) { self = CivilCalendar.civil(days: daysSinceEpoch) }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { CivilCalendar.weekday(days: daysSinceEpoch) }
}
