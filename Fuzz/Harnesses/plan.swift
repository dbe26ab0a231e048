// libFuzzer harness: the plan loader on an arbitrary plan file. Rosters the plan names are
// served from memory: a small valid contributors, assignments and YAML roster file under
// their usual names, nothing else (as if missing). Any plan must load or give located errors.
@testable import RuleEngine

private let rosters: [String: [UInt8]] = [
    "contributors.csv": Array("""
        id,role,status,birth_date,units,medical_valid_until,medical_fit
        spv-1,spv,volunteer,2005-05-21,cis-a,2027-05-03,true
        spv-2,spv,volunteer,2008-05-25,cis-a|cis-b,2027-07-18,false

        """.utf8),
    "assignments.csv": Array("""
        id,contributor,unit,position,start,end,kind
        a-1,spv-1,cis-a,chef_agres,2026-03-02T19:00,2026-03-03T07:00,garde
        a-2,spv-2,cis-b,conducteur,2026-03-02T19:00,2026-03-03T07:00,garde

        """.utf8),
    "roster.yaml": Array("""
        contributors:
          - {id: p-1, role: parent, units: [cis-a]}
        assignments:
          - {id: s-1, contributor: p-1, unit: cis-a, start: 2026-03-02T08:00, end: 2026-03-02T12:00, kind: shift_parent}

        """.utf8),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let loaded = try? PlanLoader.load(planBytes: bytes, planFile: "plan.yaml", read: { path in (path, rosters[path]) }) {
        // Expand every unit's opening hours over the period, as the rules do.
        for unit in loaded.plan.units { _ = loaded.expand(loaded.openingHours(of: unit)) }
    }
    return 0
}
