import Foundation

extension Evaluator {
    /// Runs a function on evaluated arguments (the receiver, if any, first). Dispatch is on the
    /// run-time values, so `dyn` arguments are safe: a wrong type is a defined error.
    mutating func call(_ f: Builtin, _ args: [Value]) throws(EvalFailure) -> Value {
        func bad() -> EvalFailure {
            .error("no such overload: \(f.rawValue)(\(args.map(\.typeName).joined(separator: ", ")))")
        }
        switch f {
        case .size:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .string(let s): try charge(s.utf8.count / 64); return .int(Int64(s.unicodeScalars.count))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            default: throw bad()
            }
        case .int:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .int: return args[0]
            case .uint(let u):
                guard u <= UInt64(Int64.max) else { throw .error("range error: \(u) does not fit an int") }
                return .int(Int64(u))
            case .double(let d):
                guard d.isFinite, d > -9223372036854775808.0, d < 9223372036854775808.0 else { throw .error("range error: \(Value.formatDouble(d)) does not fit an int") }
                return .int(Int64(d))
            case .string(let s):
                guard let i = Int64(s) else { throw .error("cannot convert '\(s)' to int") }
                return .int(i)
            case .timestamp(let t): return .int(t.seconds)
            default: throw bad()
            }
        case .uint:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .uint: return args[0]
            case .int(let i):
                guard i >= 0 else { throw .error("range error: \(i) does not fit a uint") }
                return .uint(UInt64(i))
            case .double(let d):
                guard d.isFinite, d > -1, d < 18446744073709551616.0 else { throw .error("range error: \(Value.formatDouble(d)) does not fit a uint") }
                return .uint(UInt64(d))
            case .string(let s):
                guard let u = UInt64(s) else { throw .error("cannot convert '\(s)' to uint") }
                return .uint(u)
            default: throw bad()
            }
        case .double:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .double: return args[0]
            case .int(let i): return .double(Double(i))
            case .uint(let u): return .double(Double(u))
            case .string(let s):
                guard let d = Double(s) else { throw .error("cannot convert '\(s)' to double") }
                return .double(d)
            default: throw bad()
            }
        case .string:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .string: return args[0]
            case .bytes(let b):
                guard let s = String(validating: b, as: UTF8.self) else { throw .error("invalid UTF-8 in bytes") }
                return .string(s)
            case .int, .uint, .double, .bool, .timestamp, .duration, .date: return .string(args[0].display)
            default: throw bad()
            }
        case .bytes:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .bytes: return args[0]
            case .string(let s): return .bytes(Array(s.utf8))
            default: throw bad()
            }
        case .bool:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .bool: return args[0]
            case .string(let s):
                switch s {
                case "1", "t", "true", "TRUE", "True": return .bool(true)
                case "0", "f", "false", "FALSE", "False": return .bool(false)
                default: throw .error("Type conversion error: cannot convert '\(s)' to bool")
                }
            default: throw bad()
            }
        case .type:
            guard args.count == 1 else { throw bad() }
            return .type(args[0].typeName)
        case .dyn:
            guard args.count == 1 else { throw bad() }
            return args[0]
        case .timestamp:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .timestamp: return args[0]
            case .string(let s):
                guard let t = Instant(rfc3339: s) else { throw .error("cannot parse timestamp '\(s)'") }
                guard t.isInRange else { throw .error("timestamp out of range") }
                return .timestamp(t)
            case .int(let i):
                let t = Instant(seconds: i)
                guard t.isInRange else { throw .error("timestamp out of range") }
                return .timestamp(t)
            default: throw bad()
            }
        case .duration:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .duration: return args[0]
            case .string(let s):
                guard let d = TimeSpan(celText: s) else { throw .error("cannot parse duration '\(s)'") }
                guard d.isInRange else { throw .error("duration out of range") }
                return .duration(d)
            default: throw bad()
            }
        case .date:
            switch (args.first, args.count) {
            case (.date?, 1): return args[0]
            case (.string(let s)?, 1):
                guard let d = CivilDate(iso: s) else { throw .error("cannot parse date '\(s)'; write it like 2026-03-31") }
                return .date(d)
            case (.timestamp(let t)?, _):
                var zone = "UTC"
                if args.count == 2 { guard case .string(let z) = args[1] else { throw bad() }; zone = z }
                return .date(try Self.local(t, zone).date)
            default: throw bad()
            }
        case .matches, .contains, .startsWith, .endsWith, .charAt, .indexOf, .lastIndexOf, .lowerAscii,
             .upperAscii, .trim, .reverse, .replace, .split, .substring, .join, .quote, .format:
            return try stringFunction(f, args, bad)
        case .getFullYear, .getMonth, .getDate, .getDayOfMonth, .getDayOfWeek, .getDayOfYear,
             .getHours, .getMinutes, .getSeconds, .getMilliseconds:
            return try accessor(f, args, bad)
        case .overlaps:
            guard args.count == 4 else { throw bad() }
            let inclusive: Bool
            if case .date = args[0] { inclusive = true } else { inclusive = false }
            guard let a = try Self.compare(args[0], args[3]), let b = try Self.compare(args[2], args[1]) else { return .bool(false) }
            // Date ranges name whole days, both ends included; other ranges are half-open.
            return .bool(inclusive ? (a <= 0 && b <= 0) : (a < 0 && b < 0))
        case .within:
            guard args.count == 3 else { throw bad() }
            let inclusive: Bool
            if case .date = args[0] { inclusive = true } else { inclusive = false }
            guard let a = try Self.compare(args[1], args[0]), let b = try Self.compare(args[0], args[2]) else { return .bool(false) }
            return .bool(a <= 0 && (inclusive ? b <= 0 : b < 0))
        case .ageAt:
            guard args.count == 2, case .date(let birth) = args[0], case .date(let on) = args[1] else { throw bad() }
            guard birth <= on else { throw .error("age_at: the birth date \(birth) is after \(on)") }
            var years = on.year - birth.year
            if (on.month, on.day) < (birth.month, birth.day) { years -= 1 }
            return .int(Int64(years))
        case .daysBetween:
            guard args.count == 2, case .date(let a) = args[0], case .date(let b) = args[1] else { throw bad() }
            return .int(b.dayNumber - a.dayNumber)
        case .days:
            guard args.count == 1, case .int(let n) = args[0] else { throw bad() }
            let (s, o) = n.multipliedReportingOverflow(by: 86400)
            let span = TimeSpan(seconds: s)
            guard !o, span.isInRange else { throw .error("duration out of range") }
            return .duration(span)
        case .ceil, .floor:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .int: return args[0]
            case .double(let d):
                let r = f == .ceil ? d.rounded(.up) : d.rounded(.down)
                guard r.isFinite, r >= -9223372036854775808.0, r < 9223372036854775808.0 else {
                    throw .error("range error: \(f.rawValue)(\(Value.formatDouble(d))) does not fit an int")
                }
                return .int(Int64(r))
            default: throw bad()
            }
        case .addMonths:
            guard args.count == 2, case .date(let d) = args[0], case .int(let n) = args[1] else { throw bad() }
            // Month arithmetic on the calendar: the day is kept, or clamped to the month's last
            // day (31 January + 1 month = 28 or 29 February; 29 February + 12 = 28 February).
            guard n > -120_000, n < 120_000 else { throw .error("add_months: \(n) months is out of range") }
            let total = Int64(d.year) * 12 + Int64(d.month - 1) + n
            let year = Int(total >= 0 ? total / 12 : (total - 11) / 12)
            let month = Int(total - Int64(year) * 12) + 1
            guard year >= 1, year <= 9999 else { throw .error("add_months: date out of range") }
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return .date(CivilDate(year: year, month: month, day: min(d.day, lengths[month - 1])))
        case .sum:
            guard args.count == 1, case .list(let items) = args[0] else { throw bad() }
            try charge(items.count / 16)
            guard let first = items.first else { return .int(0) }
            switch first {
            case .int:
                var total: Int64 = 0
                for item in items {
                    guard case .int(let i) = item else { throw .error("sum() needs a list of one numeric type, found \(item.typeName)") }
                    let (r, o) = total.addingReportingOverflow(i)
                    guard !o else { throw .error("integer overflow in sum()") }
                    total = r
                }
                return .int(total)
            case .double:
                var total = 0.0
                for item in items {
                    guard case .double(let x) = item else { throw .error("sum() needs a list of one numeric type, found \(item.typeName)") }
                    total += x
                }
                return .double(total)
            case .duration:
                var seconds: Int64 = 0
                var nanos: Int64 = 0
                for item in items {
                    guard case .duration(let span) = item else { throw .error("sum() needs a list of durations, found \(item.typeName)") }
                    let (r, o) = seconds.addingReportingOverflow(span.seconds)
                    guard !o else { throw .error("duration out of range in sum()") }
                    seconds = r
                    nanos += Int64(span.nanos)
                }
                let (r, o) = seconds.addingReportingOverflow(nanos / 1_000_000_000)
                let span = TimeSpan(seconds: r, nanos: Int32(nanos % 1_000_000_000))
                guard !o, span.isInRange else { throw .error("duration out of range in sum()") }
                return .duration(span)
            default:
                throw .error("sum() needs a list of numbers or durations, found \(first.typeName)")
            }
        case .max, .min:
            guard args.count == 2 else { throw bad() }
            let first: Bool
            switch (args[0], args[1]) {
            case (.int(let a), .int(let b)): first = f == .max ? a >= b : a <= b
            case (.uint(let a), .uint(let b)): first = f == .max ? a >= b : a <= b
            case (.double(let a), .double(let b)):
                // NaN is not a size: a maximum with NaN is NaN, as IEEE 754's maximum says.
                if a.isNaN || b.isNaN { return .double(.nan) }
                first = f == .max ? a >= b : a <= b
            default: throw bad()
            }
            return first ? args[0] : args[1]
        }
    }

    private func accessor(_ f: Builtin, _ args: [Value], _ bad: () -> EvalFailure) throws(EvalFailure) -> Value {
        switch args.first {
        case .duration(let d)?:
            guard args.count == 1 else { throw bad() }
            switch f {
            case .getHours: return .int(d.seconds / 3600)
            case .getMinutes: return .int(d.seconds / 60)
            case .getSeconds: return .int(d.seconds)
            case .getMilliseconds: return .int(Int64(d.nanos / 1_000_000))
            default: throw bad()
            }
        case .timestamp(let t)?:
            var zone = "UTC"
            if args.count == 2 { guard case .string(let z) = args[1] else { throw bad() }; zone = z }
            let local = try Self.local(t, zone)
            switch f {
            case .getHours: return .int(Int64(local.secondOfDay / 3600))
            case .getMinutes: return .int(Int64(local.secondOfDay / 60 % 60))
            case .getSeconds: return .int(Int64(local.secondOfDay % 60))
            case .getMilliseconds: return .int(Int64(t.nanos / 1_000_000))
            default: return try Self.dateAccessor(f, local.date, bad)
            }
        case .date(let d)?:
            guard args.count == 1 else { throw bad() }
            return try Self.dateAccessor(f, d, bad)
        default: throw bad()
        }
    }

    private static func dateAccessor(_ f: Builtin, _ d: CivilDate, _ bad: () -> EvalFailure) throws(EvalFailure) -> Value {
        switch f {
        case .getFullYear: return .int(Int64(d.year))
        case .getMonth: return .int(Int64(d.month - 1))
        case .getDate: return .int(Int64(d.day))
        case .getDayOfMonth: return .int(Int64(d.day - 1))
        case .getDayOfWeek: return .int(Int64(d.dayOfWeek))
        case .getDayOfYear: return .int(Int64(d.dayOfYear))
        default: throw bad()
        }
    }

    /// The civil date and second of day of an instant in a time zone.
    static func local(_ t: Instant, _ zone: String) throws(EvalFailure) -> (date: CivilDate, secondOfDay: Int) {
        guard let offset = TimeZones.offset(zone, at: t) else { throw .error("unknown time zone '\(zone)'") }
        let s = try checked(t.seconds, 1, Int64(offset))
        var days = s / 86400
        var second = s % 86400
        if second < 0 { second += 86400; days -= 1 }
        return (CivilDate(dayNumber: days), Int(second))
    }
}
