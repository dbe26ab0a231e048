import Testing
@testable import RuleEngine

@Suite struct FallbackTests {
    static func run(_ rule: String, units: String, planFallback: String? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [RuleResult] {
        let body = units + (planFallback.map { "\nfallback: \($0)" } ?? "")
        return try KindTest.results(kind: "fallback", rule,
                                    plan: KindTest.plan(body, kind: "carpool_line", rosters: []), files: [:],
                                    sourceLocation: sourceLocation)
    }

    @Test func aTaxiWithinTheDelayAndANamedProviderPasses() throws {
        let results = try Self.run("modes: [taxi, vtc]\nmax_delay_minutes: 20\nrequire_provider: true", units: """
            units:
              - {id: l1, kind: line, fallback: {mode: taxi, max_delay_minutes: 10, provider: Taxis Nord}}
            """)
        #expect(results.map(\.outcome) == [.pass])
    }

    @Test func eachShortcomingIsItsOwnFinding() throws {
        let results = try Self.run("modes: [taxi, vtc]\nmax_delay_minutes: 20\nrequire_provider: true", units: """
            units:
              - {id: l1, kind: line, fallback: {mode: vtc, max_delay_minutes: 30}}
              - {id: l2, kind: line, fallback: {mode: bus, max_delay_minutes: 5, provider: Cars Isère}}
              - {id: l3, kind: line, fallback: {mode: taxi, provider: Taxis Nord}}
            """)
        #expect(results.messages == [
            "the fallback of unit l1 acts within 30 min, more than 20 min",
            "the fallback of unit l1 names no provider",
            "the fallback of unit l2 is 'bus', not 'taxi' or 'vtc'",
            "cannot decide whether the fallback of unit l3 acts within 20 min: it states no max_delay_minutes",
        ])
        #expect(results.map(\.outcome) == [.fail, .fail, .fail, .indeterminate])
        #expect(results.first?.path == "units[0].fallback")
        #expect(results.first?.location?.line == 10)
        #expect(results.last?.missing == ["fallback.max_delay_minutes"])
        #expect(results.map(\.key) == ["delay", "provider", "mode", "delay"])
    }

    @Test func thePlansFallbackServesUnitsWithoutOneAndNoneIsNotAFallback() throws {
        let units = "units:\n  - {id: l1, kind: line}\n  - {id: l2, kind: line, fallback: {mode: taxi}}"
        let results = try Self.run("", units: units, planFallback: "{mode: none}")
        #expect(results.messages == ["the plan's fallback, used by unit l1, is 'none': nobody takes over when contributors are missing"])
        #expect(results.failures.first?.path == "plan.fallback")
        #expect(results.passes.map(\.subject) == ["unit:l2"])
    }

    @Test func aUnitWithoutAnyFallbackFails() throws {
        let results = try Self.run("units: unit.kind == 'line'", units: "units:\n  - {id: l1, kind: line}\n  - {id: s1, kind: station}")
        #expect(results.messages == ["unit l1 has no fallback, neither its own nor the plan's"])
        #expect(results.count == 1)
    }

    @Test func aNeighbourClosedDuringPromisedHoursLeavesSpansUncovered() throws {
        // Period Monday; s1 open 24/7, s2 only 08:00–18:00.
        let results = try Self.run("units: unit.id == 's1'", units: """
            units:
              - {id: s1, kind: station, fallback: {mode: neighbour_unit, unit: s2, max_delay_minutes: 20}}
              - {id: s2, kind: station, opening_hours: "Mo-Fr 08:00-18:00"}
            """)
        #expect(results.messages == [
            "neighbour unit s2 is closed during 14 h of unit s1's promised hours: Mon 2026-03-02 00:00–08:00, Mon 2026-03-02 18:00–24:00",
        ])
        #expect(results.failures.first?.measured == "14 h uncovered")
    }

    @Test func aNeighbourOpenWheneverTheUnitIsPasses() throws {
        let results = try Self.run("units: unit.id == 's1'", units: """
            units:
              - {id: s1, kind: station, opening_hours: "Mo-Fr 08:00-18:00", fallback: {mode: neighbour_unit, unit: s2}}
              - {id: s2, kind: station}
            """)
        #expect(results.map(\.outcome) == [.pass])
    }

    @Test func aUnitCannotBeItsOwnNeighbour() throws {
        let results = try Self.run("", units: "units:\n  - {id: s1, kind: station, fallback: {mode: neighbour_unit, unit: s1}}")
        #expect(results.messages == ["the fallback of unit s1 is the unit itself"])
    }

    @Test(arguments: [
        ("max_delay_minutes: 7x", "rules.yaml:7:24: error: 'max_delay_minutes' must be a number or a parameter written params.NAME, found '7x'"),
        ("max_delay_minutes: -5", "rules.yaml:7:24: error: 'max_delay_minutes' must be at least 0, found -5"),
        ("modes: [taxi, none]", "rules.yaml:7:12: error: 'modes' lists the acceptable fallbacks; 'none' is not one"),
        ("require_provider: yes", "rules.yaml:7:23: error: 'require_provider' must be true or false, found 'yes'"),
        ("mode: taxi", "rules.yaml:7:5: error: unknown key 'mode' in rule 'T-1'; did you mean 'modes'?"),
    ])
    func badKeysAreLocatedErrors(body: String, expected: String) {
        let errors = KindTest.loadErrors(kind: "fallback", body)
        #expect(errors.contains(expected), "\(errors)")
    }
}
