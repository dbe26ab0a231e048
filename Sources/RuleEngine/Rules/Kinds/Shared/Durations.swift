import Foundation

/// A length of time written in a rule: `7d`, `48h`, `90m`, `1h30m`, `2w`, `30s`.
public enum RuleDuration {
    /// Parses `text`; nil if it is not a duration.
    public static func seconds(_ text: String) -> Int64? {
        var total: Int64 = 0
        var digits = ""
        var sawUnit = false
        for c in text {
            if c.isASCII, c.isNumber {
                digits.append(c)
                guard digits.count <= 9 else { return nil }
                continue
            }
            let unit: Int64
            switch c {
            case "w": unit = 604_800
            case "d": unit = 86_400
            case "h": unit = 3_600
            case "m": unit = 60
            case "s": unit = 1
            default: return nil
            }
            guard let n = Int64(digits) else { return nil }
            let (product, o1) = n.multipliedReportingOverflow(by: unit)
            let (sum, o2) = total.addingReportingOverflow(product)
            guard !o1, !o2 else { return nil }
            total = sum
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit else { return nil }
        return total
    }

    /// Reads `key` as a duration; records a located error for `7x`.
    static func read(_ r: inout MappingReader, _ key: String, required: Bool = false, positive: Bool = true) -> Int64? {
        guard let node = required ? r.required(key) : r.optional(key) else { return nil }
        guard let text = node.string ?? node.keyText, let s = seconds(text) else {
            r.report(.error(at: node.textStart, "bad duration '\(node.keyText ?? node.kindName)' in '\(key)'; write it like 7d, 48h, 90m or 1h30m"))
            return nil
        }
        if positive && s <= 0 {
            r.report(.error(at: node.textStart, "'\(key)' must be longer than zero, found '\(text)'"))
            return nil
        }
        return s
    }
}

/// How old a document may be (`issued_within`): days or weeks (`1095d`, `156w`) or calendar
/// years (`3y`), which a count of seconds cannot express. Windows of time use `RuleDuration`.
enum DocumentAge: Sendable, Hashable {
    case days(Int64)
    case years(Int64)

    /// Parses `text`; nil when it is not one of the forms above.
    static func parse(_ text: String) -> DocumentAge? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let unit = t.last, t.count >= 2 else { return nil }
        let digits = t.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 6, let n = Int64(digits), n > 0 else { return nil }
        switch unit {
        case "w": return .days(n * 7)
        case "d": return .days(n)
        case "y": return .years(n)
        default: return nil
        }
    }

    /// Reads a document age under `key`; records a located error for anything else.
    static func read(_ key: String, _ r: inout MappingReader) -> DocumentAge? {
        guard let node = r.optional(key) else { return nil }
        guard let text = node.string ?? (node.int != nil ? node.keyText : nil), let age = parse(text) else {
            r.report(.error(at: node.textStart, "bad duration '\(node.keyText ?? node.kindName)' in '\(key)' of \(r.what); write a whole number of days (1095d), weeks (156w) or years (3y)"))
            return nil
        }
        return age
    }

    /// The last day a thing issued on `date` is still within this age.
    func lastDay(from date: CivilDate) -> CivilDate {
        switch self {
        case .days(let d): CivilDate(dayNumber: date.dayNumber + d)
        case .years(let y): date.addingYears(Int(y))
        }
    }

    var text: String {
        switch self {
        case .days(let d): "\(d)d"
        case .years(let y): "\(y)y"
        }
    }
}

extension CivilDate {
    /// The same day `n` years later; 29 February becomes 28 February in a common year.
    func addingYears(_ n: Int) -> CivilDate {
        let y = year + n
        let d = min(day, CivilDate.daysIn(month: month, year: y))
        return CivilDate(year: y, month: month, day: d)
    }

    /// Completed years from `self` (a birth date) to `date`; the birthday of someone born on
    /// 29 February is 28 February in a common year (the same day `addingYears` gives).
    func completedYears(at date: CivilDate) -> Int {
        var years = date.year - year
        if date < addingYears(years) { years -= 1 }
        return years
    }
}
