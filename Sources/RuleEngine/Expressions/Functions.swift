/// The functions of the language, by the name authors write.
enum Builtin: String, Sendable, CaseIterable {
    case size, int, uint, double, string, bytes, bool, type, dyn, timestamp, duration, date
    case matches, contains, startsWith, endsWith, charAt, indexOf, lastIndexOf, lowerAscii, upperAscii
    case replace, split, substring, trim, reverse, join, quote = "strings.quote", format
    case getFullYear, getMonth, getDate, getDayOfMonth, getDayOfWeek, getDayOfYear
    case getHours, getMinutes, getSeconds, getMilliseconds
    case overlaps, within, ageAt = "age_at", daysBetween = "days_between", days
    case ceil, floor, max, min
    case addMonths = "add_months", sum
}

/// One accepted shape of a call: receiver type (for `x.f()` style), argument types, result.
struct Signature: Sendable {
    var receiver: ExprType?
    var params: [ExprType]
    var result: ExprType

    func describe(_ name: String) -> String {
        let args = params.map(\.description).joined(separator: ", ")
        if let receiver { return "\(receiver).\(name)(\(args))" }
        return "\(name)(\(args))"
    }
}

enum Signatures {
    static let anyList = ExprType.list(.dyn)
    static let anyMap = ExprType.map(.dyn, .dyn)

    private static func global(_ params: [ExprType], _ result: ExprType) -> Signature {
        Signature(receiver: nil, params: params, result: result)
    }
    private static func member(_ receiver: ExprType, _ params: [ExprType], _ result: ExprType) -> Signature {
        Signature(receiver: receiver, params: params, result: result)
    }

    static let table: [Builtin: [Signature]] = {
        var t: [Builtin: [Signature]] = [:]
        let sized: [ExprType] = [.string, .bytes, anyList, anyMap]
        t[.size] = sized.map { global([$0], .int) } + sized.map { member($0, [], .int) }
        t[.int] = [ExprType.int, .uint, .double, .string, .timestamp].map { global([$0], .int) }
        t[.uint] = [ExprType.int, .uint, .double, .string].map { global([$0], .uint) }
        t[.double] = [ExprType.int, .uint, .double, .string].map { global([$0], .double) }
        t[.string] = [ExprType.int, .uint, .double, .string, .bytes, .bool, .timestamp, .duration, .date].map { global([$0], .string) }
        t[.bytes] = [global([.bytes], .bytes), global([.string], .bytes)]
        t[.bool] = [global([.bool], .bool), global([.string], .bool)]
        t[.type] = [global([.dyn], .type)]
        t[.dyn] = [global([.dyn], .dyn)]
        t[.timestamp] = [global([.string], .timestamp), global([.int], .timestamp), global([.timestamp], .timestamp)]
        t[.duration] = [global([.string], .duration), global([.duration], .duration)]
        t[.date] = [global([.string], .date), global([.date], .date), global([.timestamp], .date), global([.timestamp, .string], .date)]
        t[.matches] = [global([.string, .string], .bool), member(.string, [.string], .bool)]
        for f in [Builtin.contains, .startsWith, .endsWith] { t[f] = [member(.string, [.string], .bool)] }
        t[.charAt] = [member(.string, [.int], .string)]
        for f in [Builtin.indexOf, .lastIndexOf] { t[f] = [member(.string, [.string], .int), member(.string, [.string, .int], .int)] }
        for f in [Builtin.lowerAscii, .upperAscii, .trim, .reverse] { t[f] = [member(.string, [], .string)] }
        t[.replace] = [member(.string, [.string, .string], .string), member(.string, [.string, .string, .int], .string)]
        t[.split] = [member(.string, [.string], .list(.string)), member(.string, [.string, .int], .list(.string))]
        t[.substring] = [member(.string, [.int], .string), member(.string, [.int, .int], .string)]
        t[.join] = [member(.list(.string), [], .string), member(.list(.string), [.string], .string)]
        t[.quote] = [global([.string], .string)]
        t[.format] = [member(.string, [anyList], .string)]
        for f in [Builtin.getFullYear, .getMonth, .getDate, .getDayOfMonth, .getDayOfWeek, .getDayOfYear] {
            t[f] = [member(.timestamp, [], .int), member(.timestamp, [.string], .int), member(.date, [], .int)]
        }
        for f in [Builtin.getHours, .getMinutes, .getSeconds, .getMilliseconds] {
            t[f] = [member(.timestamp, [], .int), member(.timestamp, [.string], .int), member(.duration, [], .int)]
        }
        let ordered: [ExprType] = [.date, .timestamp, .int, .double]
        t[.overlaps] = ordered.map { global([$0, $0, $0, $0], .bool) }
        t[.within] = ordered.map { global([$0, $0, $0], .bool) }
        t[.ageAt] = [global([.date, .date], .int)]
        t[.daysBetween] = [global([.date, .date], .int)]
        t[.days] = [global([.int], .duration)]
        // Staffing ratios round a fraction of people up to whole people: ceil gives an int.
        t[.ceil] = [global([.double], .int), global([.int], .int)]
        t[.floor] = [global([.double], .int), global([.int], .int)]
        for f in [Builtin.max, .min] {
            t[f] = [ExprType.int, .uint, .double].map { global([$0, $0], $0) }
        }
        // A date some calendar months (or 12 × years) later or earlier: anniversaries of visits,
        // certificates, engagements.
        t[.addMonths] = [global([.date, .int], .date)]
        // The total of a list of numbers or durations (hours served, required staff-hours).
        t[.sum] = [global([.list(.int)], .int), global([.list(.double)], .double), global([.list(.duration)], .duration)]
        return t
    }()

    /// Names that are functions, for "did you mean" on unknown names.
    static let names: [String] = Builtin.allCases.map(\.rawValue)
        + ["all", "exists", "exists_one", "existsOne", "filter", "map", "has", "transformList", "transformMap"]
}

/// Whether a value of type `actual` may be passed where `expected` is declared.
func isAssignable(_ actual: ExprType, to expected: ExprType) -> Bool {
    switch (actual, expected) {
    case (.dyn, _), (_, .dyn): return true
    case (.list(let a), .list(let e)): return isAssignable(a, to: e)
    case (.map(let ak, let av), .map(let ek, let ev)): return isAssignable(ak, to: ek) && isAssignable(av, to: ev)
    default: return actual == expected
    }
}
