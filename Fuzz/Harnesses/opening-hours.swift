// libFuzzer harness: the opening-hours parser (a unit's `opening_hours:`), then the expansion
// of what it parsed over the days around a daylight-saving change and a public holiday. Any text must parse or throw a
// SyntaxError whose offset lies within the text.
@testable import RuleEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpeningHours(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let hours = try OpeningHours(parsing: text)
        _ = hours.description
        // The week around the spring daylight-saving change, with France's public holidays.
        let zone = ZoneRules.paris
        let from = zone.startOfDay(CivilDate(year: 2026, month: 3, day: 26))
        let to = zone.startOfDay(CivilDate(year: 2026, month: 4, day: 7))
        _ = hours.expand(from: from, to: to, zone: zone, holidays: .france)
    } catch let error as OpeningHours.SyntaxError {
        let length = text.unicodeScalars.count
        if error.offset < 0 || error.offset > length {
            fatalError("syntax error offset \(error.offset) outside the text (\(length) scalars)")
        }
    } catch {
        fatalError("unexpected error type \(error)")
    }
    return 0
}
