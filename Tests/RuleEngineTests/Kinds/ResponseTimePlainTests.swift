import Testing
@testable import RuleEngine

/// The response-time kind unites staffed spans per commune instead of walking instants; here it
/// is held against the plain evaluation, minute by minute, on seeded random days: a unit is
/// staffed in a minute when someone's duty or on-call assignment covers it (staffing `min: 1`),
/// and a commune is beyond target in a minute when no unit of its table within target is.
@Suite struct ResponseTimePlainTests {
    /// A small deterministic generator (no Foundation randomness: the same cases every run).
    struct LCG {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    @Test(arguments: 1...12)
    func theSpansBeyondTargetAreThoseOfTheMinuteByMinuteEvaluation(_ seed: Int) throws {
        var rng = LCG(state: UInt64(seed) * 7919)
        let units = ["u0", "u1", "u2", "u3"]
        let communes = ["38001", "38002", "38003", "38004", "38005"]
        var travel: [(unit: Int, commune: Int, minutes: Int)] = []
        for c in communes.indices {
            for u in units.indices where rng.next(3) > 0 { travel.append((u, c, 3 + rng.next(25))) }
        }
        // Assignments: a few per unit, on whole quarters of an hour over the day.
        var rows: [String] = []
        var spans: [[(Int, Int, String)]] = Array(repeating: [], count: units.count)
        var n = 0
        for u in units.indices {
            for _ in 0..<(1 + rng.next(4)) {
                let start = rng.next(90) * 15, length = 15 * (1 + rng.next(40))
                let end = min(start + length, 1440)
                let engagement = ["duty", "on_call", "availability"][rng.next(3)]
                n += 1
                rows.append("a\(n),c\(u),\(units[u]),,\(clock(start)),\(clock(end)),garde,\(engagement)")
                spans[u].append((start, end, engagement))
            }
        }
        let communeList = communes.map { "        - {insee: \"\($0)\", population: 100, risk: rural}" }.joined(separator: "\n")
        let plan = KindTest.plan("""
            territory:
              zones:
                - id: z
                  communes:
            \(communeList)
              response:
                targets: [{risk: rural, max_minutes: 15}]
                travel_times:
            \(travel.map { "      - {unit: \(units[$0.unit]), commune: \"\(communes[$0.commune])\", minutes: \($0.minutes)}" }.joined(separator: "\n"))
            units:
            \(units.map { "  - {id: \($0), kind: station, staffing: [{min: 1}]}" }.joined(separator: "\n"))
            """, rosters: ["contributors.csv", "assignments.csv"])
        let data = try KindTest.data(plan: plan, files: [
            "contributors.csv": KindTest.contributors(units.indices.map { ("c\($0)", units[$0]) }),
            "assignments.csv": KindTest.assignments(rows, header: "id,contributor,unit,position,start,end,kind,engagement"),
        ])
        let rule = try KindTest.rule(kind: "response_time", "")
        let kind = try #require(rule.check as? ResponseTimeRule)
        let analysis = try #require(kind.analysis(EvaluationContext(data: data, asOf: data.plan.period.start)))
        let midnight = data.plan.period.startInstant
        for (c, insee) in communes.enumerated() {
            let commune = try #require(data.plan.territory.zones[0].communes.first { $0.insee == insee })
            let inTime = travel.filter { $0.commune == c && $0.minutes <= 15 }.map(\.unit)
            var plain: [Int] = []
            for minute in 0..<1440 where !inTime.contains(where: { u in
                spans[u].contains { $0.0 <= minute && minute < $0.1 && $0.2 != "availability" }
            }) { plain.append(minute) }
            switch analysis.outcome(commune) {
            case .measured(_, _, let beyond, let undecided):
                #expect(undecided.isEmpty)
                var fast: [Int] = []
                for b in beyond {
                    fast += Array(Int((b.span.start - midnight) / 60)..<Int((b.span.end - midnight) / 60))
                }
                #expect(fast == plain, "seed \(seed), commune \(insee)")
            case .unsettled:
                #expect(!travel.contains { $0.commune == c }, "seed \(seed), commune \(insee) has travel times")
            }
        }
    }

    func clock(_ minute: Int) -> String {
        minute >= 1440 ? "2026-03-03T00:00" : "2026-03-02T\(minute / 60 < 10 ? "0" : "")\(minute / 60):\(minute % 60 < 10 ? "0" : "")\(minute % 60)"
    }
}
