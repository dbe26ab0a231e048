// libFuzzer harness: the expression language end to end. The input (UTF-8, invalid bytes
// replaced) is compiled in a fixed environment shaped like a rule's (a contributor record,
// today, now, params), then evaluated on a fixed record with a missing field. Compiling must
// give an expression or a located diagnostic; evaluating must give a value, an error or
// "indeterminate" — never a trap, a sanitizer report or a hang (the cost limit bounds it).
@testable import RuleEngine

private struct Record: ObjectValue {
    var typeName: String { "contributor" }
    let fields: [String: Value?]
    func field(_ name: String) -> FieldLookup {
        guard let entry = fields[name] else { return .noSuchField }
        guard let value = entry else { return .missing }
        return .value(value)
    }
}

private let environment = ExpressionEnvironment(
    variables: ["contributor": .object("contributor"), "today": .date, "now": .timestamp,
                "params": .map(.string, .dyn), "hours": .list(.double)],
    objects: ["contributor": ObjectSchema(fields: [
        "id": .string, "name": .string, "birth_date": .date, "phone": .string,
        "skills": .list(.string), "hours_per_week": .int, "insured_until": .timestamp,
    ])])

private let activation: Activation = {
    var a = Activation(environment)
    a["contributor"] = .object(Record(fields: [
        "id": .string("SPV-0042"), "name": .string("Camille Martin"),
        "birth_date": .date(CivilDate(year: 2008, month: 4, day: 15)), "phone": nil,
        "skills": .list([.string("driver"), .string("first-aid")]), "hours_per_week": .int(35),
        "insured_until": .timestamp(Instant(seconds: 1_790_000_000)),
    ]))
    a["today"] = .date(CivilDate(year: 2026, month: 3, day: 31))
    a["now"] = .timestamp(Instant(seconds: 1_774_944_000))
    a["params"] = .map([MapEntry(key: .string("max_hours"), value: .int(48)),
                        MapEntry(key: .string("pattern"), value: .string("^SPV-[0-9]+$"))])
    a["hours"] = .list([.double(12.5), .double(-0.0), .double(.infinity)])
    return a
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let origin = Location(file: "rules.yaml", line: 3, column: 12)
    guard let compiled = try? environment.compile(source, at: origin, continuationColumn: 7) else { return 0 }
    _ = compiled.evaluate(activation)
    return 0
}
