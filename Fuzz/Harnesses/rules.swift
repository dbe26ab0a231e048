// libFuzzer harness: the rule-file loader (YAML → checked rules, every kind's parameters and
// expressions), then, for a file that loads, the engine running its rules on a small fixed
// service (one station, two contributors, three assignments). Loading must give rules or
// located errors; running must give a report — never a trap, a sanitizer report or a hang.
@testable import RuleEngine

private let service: ServiceData = {
    let plan = """
        id: fuzz
        name: Fuzz plan
        kind: fire_rescue
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-04}
        time_zone: Europe/Paris
        public_holidays: none
        territory:
          cog_vintage: 2024
          zones:
            - {id: z1, name: Zone, communes: [{insee: "38053", name: Bourgoin, population: 28000}]}
        units:
          - {id: cis-a, kind: station, zone: z1, opening_hours: "Mo-Fr 08:00-18:00"}
        rosters: [contributors.csv, assignments.csv]
        """
    let files: [String: String] = [
        "contributors.csv": """
            id,role,status,birth_date,units,medical_valid_until,medical_fit
            spv-1,spv,volunteer,2005-05-21,cis-a,2027-05-03,true
            spv-2,spv,volunteer,2010-05-25,cis-a,2026-03-03,false

            """,
        "assignments.csv": """
            id,contributor,unit,position,start,end,kind
            a-1,spv-1,cis-a,chef_agres,2026-03-02T19:00,2026-03-03T07:00,garde
            a-2,spv-2,cis-a,conducteur,2026-03-02T19:00,2026-03-03T07:00,garde
            a-3,spv-1,cis-a,chef_agres,2026-03-03T07:00,2026-03-03T19:00,garde

            """,
    ]
    do {
        return try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { path in
            (path, files[path].map { Array($0.utf8) })
        }
    } catch {
        fatalError("the fixed service of the rules harness does not load: \(error.diagnostics.map(\.description))")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let set = try? RuleLoader.load(sources: [(file: "rules.yaml", bytes: bytes)]) else { return 0 }
    let context = EvaluationContext(data: service, asOf: service.plan.period.start)
    _ = Engine.run(set.rules, on: context, parallel: false)
    return 0
}
