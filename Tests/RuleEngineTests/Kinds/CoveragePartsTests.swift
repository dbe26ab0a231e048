import Testing
@testable import RuleEngine

/// Coverage and resilience split into ranges of units on large rosters: the parts' results,
/// one after the other, are the rule's.
@Suite struct CoveragePartsTests {
    static let rules = """
        rules:
          - id: C-1
            principle: continuity
            severity: error
            title: two on guard
            kind: coverage
            units: unit.kind == 'station'
            where: assignment.kind == 'garde'
            min: 2
          - id: C-2
            principle: continuity
            severity: error
            title: staffing
            kind: coverage
          - id: R-1
            principle: continuity
            severity: warning
            title: one may be absent
            kind: resilience
            min: 1

        """

    static func data() throws -> ServiceData {
        let plan = KindTest.plan("""
            units:
              - {id: u1, kind: station, opening_hours: "Mo-Fr 08:00-18:00", staffing: [{position: chef, min: 1}]}
              - {id: u2, kind: station, opening_hours: "Mo-Fr 08:00-18:00"}
              - {id: u3, kind: station, opening_hours: "Mo-Fr 08:00-12:00", staffing: [{min: 1}]}
            """, start: "2026-03-02", end: "2026-03-04", rosters: ["contributors.csv", "assignments.csv"])
        return try KindTest.data(plan: plan, files: [
            "contributors.csv": "id,role,units\nA,spv,u1\nB,spv,u1\nC,spv,u2\nD,spv,u3\nE,spv,u1|u3\n",
            "assignments.csv": KindTest.assignments([
                "a1,A,u1,chef,2026-03-02T08:00,2026-03-02T18:00,garde",
                "a2,B,u1,equipier,2026-03-02T08:00,2026-03-02T12:00,garde",
                "a3,C,u2,,2026-03-02T08:00,2026-03-03T18:00,garde",
                "a4,D,u3,,2026-03-02T08:00,2026-03-02T10:00,astreinte",
                "a5,E,u3,,2026-03-03T08:00,2026-03-03T12:00,garde",
            ], header: "id,contributor,unit,position,start,end,kind"),
        ])
    }

    @Test func unitRangesGiveTheRuleResultsInOrder() throws {
        let data = try Self.data()
        let rules = try RuleLoader.load(sources: [("rules.yaml", Array(Self.rules.utf8))]).rules
        let context = EvaluationContext(data: data, asOf: data.plan.period.start)
        for rule in rules {
            let whole = rule.check.evaluate(context)
            #expect(!whole.filter { $0.outcome != .pass }.isEmpty, "\(rule.id) finds something")
            for cuts in [[0, 3], [0, 1, 3], [0, 1, 2, 3], [0, 0, 2, 3]] {
                var joined: [RuleResult] = []
                for k in 0..<(cuts.count - 1) {
                    let units = cuts[k]..<cuts[k + 1]
                    if let coverage = rule.check as? CoverageRule {
                        joined += coverage.evaluate(context, units: units)
                    } else if let resilience = rule.check as? ResilienceRule {
                        joined += resilience.evaluate(context, units: units)
                    }
                }
                #expect(joined == whole, "\(rule.id) cut at \(cuts)")
            }
        }
    }

    @Test func aSmallRosterIsOnePart() throws {
        let data = try Self.data()
        let rules = try RuleLoader.load(sources: [("rules.yaml", Array(Self.rules.utf8))]).rules
        let context = EvaluationContext(data: data, asOf: data.plan.period.start)
        #expect(rules.map { RecordParts.count($0.check.workload(context)) } == [1, 1, 1])
        // The parts API with one part is the whole rule; parts cut in two add up to it.
        for rule in rules {
            var sink = ResultSink(keepPasses: true)
            rule.check.evaluate(context, part: .whole, into: &sink)
            var halves = ResultSink(keepPasses: true)
            rule.check.evaluate(context, part: RulePart(0, of: 2), into: &halves)
            rule.check.evaluate(context, part: RulePart(1, of: 2), into: &halves)
            #expect(sink.results == rule.check.evaluate(context))
            #expect(halves.results == sink.results)
        }
    }

    @Test func aParameterThatDoesNotEvaluateKeepsTheRuleWhole() throws {
        // 400,000 assignments make several parts; a bad `min` keeps one, so that the rule's
        // one "cannot evaluate" result is given once.
        var data = try Self.data()
        let template = data.assignments[0]
        data.assignments = (0..<400_000).map { _ in template }
        let rules = try RuleLoader.load(sources: [("rules.yaml", Array("""
            rules:
              - id: C-1
                principle: continuity
                severity: error
                title: two on guard
                params:
                  crew: {default: 2, description: crew}
                kind: coverage
                min: params.crew

            """.utf8))]).rules
        let rule = try #require(rules.first)
        var good = EvaluationContext(data: data, asOf: data.plan.period.start)
        good.params = ["crew": .int(2)]
        #expect(RecordParts.count(rule.check.workload(good)) == RecordParts.maximumParts)
        var bad = good
        bad.params = ["crew": .string("two")]
        #expect(RecordParts.count(rule.check.workload(bad)) == 1)
    }
}
