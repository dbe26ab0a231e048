import Testing
@testable import RuleEngine

/// YAML rosters, extra roster files, events and the remaining reference checks.
@Suite struct RosterYAMLTests {
    @Test func wrongYAMLTypesAreLocatedAtTheValue() {
        let errs = loadErrors(withRosters(["roster.yaml": """
        contributors:
          - {id: p-1, role: parent, birth_date: 19900214, home_to_unit_minutes: "five", units: {a: 1}}
          - {id: p-2, role: parent, medical: {fit: "yes"}}
        """]))
        #expect(errs == [
            "roster.yaml:2:41: error: bad date '19900214' in key 'birth_date'; expected YYYY-MM-DD",
            "roster.yaml:2:73: error: bad integer 'five' in key 'home_to_unit_minutes'",
            "roster.yaml:2:88: error: expected a list in key 'units', found a mapping",
            "roster.yaml:3:44: error: bad boolean 'yes' in key 'medical.fit'; expected true or false",
        ])
    }

    @Test func anUnknownSectionOfARosterSuggestsTheKind() {
        let errs = loadErrors(withRosters(["roster.yaml": "contributor:\n  - {id: p-1, role: parent}\n"]))
        #expect(errs == ["roster.yaml:1:1: error: unknown key 'contributor' in a roster file; expected 'contributors', 'assignments', 'qualifications', 'attendance', 'carpool_requests'; did you mean 'contributors'?"])
    }

    @Test func aYAMLINSEECodeMustBeQuoted() {
        let errs = loadErrors(withRosters(["roster.yaml": "contributors:\n  - {id: p-1, role: parent, residence_insee: 1001}\n"]))
        #expect(errs == ["roster.yaml:2:46: error: INSEE code 1001 is a number; quote it: \"01001\""])
    }

    @Test func aContributorsUnitMustExist() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role,units\nc-1,spv,cis-a|cis-bourgion\n"]))
        #expect(errs == ["contributors.csv:2:1: error: unknown unit 'cis-bourgion' in contributor 'c-1'; did you mean 'cis-bourgoin'?"])
    }

    @Test func attendanceAndRequestsAreChecked() {
        let errs = loadErrors(withRosters([
            "attendance.csv": "unit,start,end,walking,non_walking\ncis-a,2026-03-02T08:00,2026-03-02T07:30,2,1\ncis-a,2026-03-02T08:00,2026-03-02T08:30,-1,\n",
            "carpool_requests.csv": "id,line,requested_at,picked_at\nr-1,cis-a,2026-03-02T07:10,2026-03-02T07:00\n",
        ]))
        #expect(errs == [
            "attendance.csv:2:3: error: attendance slot ends before it starts (start 2026-03-02T08:00, end 2026-03-02T07:30)",
            "attendance.csv:3:4: error: negative count -1 in column 'walking'",
            "attendance.csv:3:5: error: missing value in required column 'non_walking'",
            "carpool_requests.csv:2:4: error: carpool request 'r-1' is picked up before it is made (requested_at 2026-03-02T07:10, picked_at 2026-03-02T07:00)",
        ])
    }

    @Test func extraRostersAreReadBesideThePlansOwn() throws {
        // Extra rosters are paths as given (not relative to the plan); none exists here.
        do {
            _ = try PlanLoader.load(planBytes: Array(minimalPlan.utf8), planFile: "plan.yaml",
                                    extraRosters: ["/nonexistent/contributors.csv", "/nonexistent/people.csv"]) { _ in ("", nil) }
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "/nonexistent/contributors.csv:1:1: error: no such file: roster '/nonexistent/contributors.csv'",
                "/nonexistent/people.csv:1:1: error: no such file: roster '/nonexistent/people.csv'",
            ])
        }
    }

    @Test func contributorsCanBeFoundById() throws {
        let data = try loadFiles(withRosters(["contributors.csv": "id,role\nc-1,spv\nc-2,spv\n"]))
        #expect(data.index(ofContributor: "c-2") == 1)
        #expect(data.index(ofContributor: "c-3") == nil)
        #expect(data.contributorIndex == ["c-1": 0, "c-2": 1])
    }

    @Test func assignmentsBeforeTheirContributorsStillResolve() throws {
        let files = ["plan.yaml": minimalPlan + "\nrosters:\n  - assignments.csv\n  - contributors.csv\n",
                     "assignments.csv": "id,contributor,unit,start,end,kind\na-2,c-2,cis-a,2026-03-02T08:00,2026-03-02T09:00,garde\na-1,c-1,cis-bourgoin,2026-03-02T08:00,2026-03-02T09:00,garde\n",
                     "contributors.csv": "id,role\nc-1,spv\nc-2,spv\n"]
        let data = try loadFiles(files)
        #expect(data.assignments.map(\.contributorIndex) == [1, 0])
        #expect(data.assignments.map(\.unitIndex) == [0, 1])
        #expect(data.assignments.map(\.index) == [0, 1])
    }

    @Test func duplicateAssignmentIdsOutOfOrderAreFound() {
        let errs = loadErrors(withRosters([
            "contributors.csv": "id,role\nc-1,spv\n",
            "assignments.csv": "id,contributor,unit,start,end,kind\nb,c-1,cis-a,2026-03-02T08:00,2026-03-02T09:00,garde\na,c-1,cis-a,2026-03-02T08:00,2026-03-02T09:00,garde\nb,c-1,cis-a,2026-03-02T08:00,2026-03-02T09:00,garde\n",
        ]))
        #expect(errs == ["assignments.csv:4:1: error: duplicate assignment id 'b'\nassignments.csv:2:1: note: first defined here"])
    }

    @Test func planParamsKeepTheirValuesAndPlaces() throws {
        let data = try loadFiles(["plan.yaml": minimalPlan + "\nparams:\n  C-14: {max_wait_minutes: 10, mode: taxi}\n"])
        let p = try #require(data.plan.params["C-14"])
        #expect(p.values == ["max_wait_minutes": .int(10), "mode": .string("taxi")])
        #expect(p.locations["max_wait_minutes"] == Location(file: "plan.yaml", line: 10, column: 28))
    }

    @Test func staffingHoursDefaultToTheUnitsHours() throws {
        let plan = minimalPlan.replacingOccurrences(of: "  - {id: cis-a, kind: station}",
            with: "  - {id: cis-a, kind: station, opening_hours: \"Mo-Fr 08:00-18:00\", staffing: [{min: 2}, {min: 1, hours: \"Sa 08:00-12:00\"}]}")
        let data = try loadFiles(["plan.yaml": plan])
        let unit = data.plan.units[0]
        #expect(Interval.totalDuration(data.intervals(of: unit.staffing[0], in: unit)) == 5 * 10 * 3600)
        #expect(Interval.totalDuration(data.intervals(of: unit.staffing[1], in: unit)) == 4 * 3600)
    }
}

/// Arbitrary input never crashes, hangs or traps: it loads or gives located errors.
@Suite struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), shared by this target's seeded tests.
    struct Rng: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomCSVBytesGiveRecordsOrLocatedErrors() {
        var rng = Rng(state: 42)
        let alphabet = Array("id,role;\"\n\r c-1spv2026-02-30T:|\u{FEFF}".utf8)
        for _ in 0..<300 {
            let n = Int(rng.next() % 80)
            let body = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let text = "id,role,birth_date\n" + String(decoding: body, as: UTF8.self)
            do {
                _ = try loadFiles(withRosters(["contributors.csv": text]))
            } catch {
                #expect(!error.diagnostics.isEmpty)
                for d in error.diagnostics { #expect(d.location.line >= 1 && d.location.column >= 1) }
            }
        }
    }

    @Test func randomOpeningHoursParseOrFailInsideTheString() {
        var rng = Rng(state: 7)
        let pieces = ["Mo", "-", "Fr", " ", "08:00", "24:00", ",", ";", "PH", "off", "Dec", "25", "24/7", "Aug", "[", "+", "SH", "26:00", "00:00"]
        for _ in 0..<500 {
            let text = (0..<Int(rng.next() % 8)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            do {
                let oh = try OpeningHours(parsing: text)
                let iv = oh.expand(from: paris("2026-03-23T00:00"), to: paris("2026-04-06T00:00"), zone: .paris, holidays: .france)
                #expect(iv == Interval.merge(iv))
            } catch let e as OpeningHours.SyntaxError {
                #expect(e.offset >= 0 && e.offset <= text.unicodeScalars.count)
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
