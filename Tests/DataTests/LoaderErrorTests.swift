import Testing
@testable import RuleEngine

/// Every mistake a user can make in a roster or plan gives a located error with its exact text,
/// and all of a run's errors come together.
@Suite struct LoaderErrorTests {
    let contributors = """
    id,role,birth_date,home_to_unit_minutes
    c-0001,spv,1988-04-12,5
    c-0003,spv,2001-07-30,4
    """

    @Test func aBadDateNamesTheColumnAndTheMonthLength() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role,birth_date\nc-1,spv,2026-02-30\n"]))
        #expect(errs == ["contributors.csv:2:3: error: bad date '2026-02-30' in column 'birth_date' (February 2026 has 28 days)"])
    }

    @Test func aDateInAnotherFormatSaysWhichFormatIsExpected() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role,birth_date\nc-1,spv,12/04/1988\n"]))
        #expect(errs == ["contributors.csv:2:3: error: bad date '12/04/1988' in column 'birth_date'; expected YYYY-MM-DD"])
    }

    @Test func anEndBeforeItsStartIsReportedAtTheEnd() {
        let errs = loadErrors(withRosters([
            "contributors.csv": contributors,
            "assignments.csv": "id,contributor,unit,start,end,kind\na-5,c-0001,cis-a,2026-03-02T19:00,2026-03-02T07:00,garde\n",
        ]))
        #expect(errs == ["assignments.csv:2:5: error: assignment 'a-5' ends before it starts (start 2026-03-02T19:00, end 2026-03-02T07:00)"])
    }

    @Test func anUnknownContributorSuggestsTheClosestId() {
        let errs = loadErrors(withRosters([
            "contributors.csv": contributors,
            "assignments.csv": "id,contributor,unit,start,end,kind\na-2,c-0002,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde\n",
        ]))
        #expect(errs == ["assignments.csv:2:1: error: unknown contributor 'c-0002' in assignment 'a-2'; did you mean 'c-0001'?"])
    }

    @Test func aDuplicateIdPointsBackAtTheFirst() {
        let errs = loadErrors(withRosters([
            "contributors.csv": contributors + "\nc-0001,spv,1990-01-01,3\n",
        ]))
        #expect(errs == ["contributors.csv:4:1: error: duplicate contributor id 'c-0001'\ncontributors.csv:2:1: note: first defined here"])
    }

    @Test func aBadNumberNamesTheColumn() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role,home_to_unit_minutes\nc-1,spv,6 min\n"]))
        #expect(errs == ["contributors.csv:2:3: error: bad integer '6 min' in column 'home_to_unit_minutes'"])
    }

    @Test func aDecimalCommaInACommaFileAsksForAPoint() {
        let errs = loadErrors(withRosters([
            "contributors.csv": "id,role\nc-1,spv\n",
            "qualifications.csv": "contributor,code,hours\nc-1,PSC1,\"7,5\"\n",
        ]))
        #expect(errs == ["qualifications.csv:2:3: error: bad number '7,5' in column 'hours'; write decimals with a point"])
    }

    @Test func aMissingRequiredColumnIsNamedWithAHint() {
        let errs = loadErrors(withRosters([
            "contributors.csv": contributors,
            "assignments.csv": "id,contributor,unit,start,end,knd\na-1,c-0001,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde\n",
        ]))
        #expect(errs == ["assignments.csv:1:1: error: missing required column 'kind' in the assignments file; did you mean 'knd'?"])
    }

    @Test func anEmptyRequiredCellIsReportedAtTheCell() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role\nc-1,\n"]))
        #expect(errs == ["contributors.csv:2:2: error: missing value in required column 'role'"])
    }

    @Test func aMissingRequiredKeyInYAMLIsNamed() {
        let errs = loadErrors(withRosters(["roster.yaml": "contributors:\n  - {id: p-1}\n"]))
        #expect(errs == ["roster.yaml:2:5: error: missing required key 'role' in contributor"])
    }

    @Test func anUnknownUnitSuggestsTheClosest() {
        let errs = loadErrors(withRosters([
            "contributors.csv": contributors,
            "assignments.csv": "id,contributor,unit,start,end,kind\na-6,c-0001,cis-borgoin,2026-03-02T19:00,2026-03-03T07:00,garde\n",
        ]))
        #expect(errs == ["assignments.csv:2:1: error: unknown unit 'cis-borgoin' in assignment 'a-6'; did you mean 'cis-bourgoin'?"])
    }

    @Test func everyErrorOfEveryFileComesInOneRun() {
        let errs = loadErrors(withRosters([
            "contributors.csv": "id,role,birth_date\nc-1,spv,2026-02-30\nc-1,spv,\n",
            "assignments.csv": """
            id,contributor,unit,start,end,kind
            a-1,c-1,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde
            a-1,c-9,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde
            a-3,c-1,cis-z,2026-03-02T19:00,2026-03-02T07:00,garde

            """,
        ]))
        #expect(errs.count == 5)
        #expect(errs.contains("contributors.csv:2:3: error: bad date '2026-02-30' in column 'birth_date' (February 2026 has 28 days)"))
        #expect(errs.contains { $0.hasPrefix("contributors.csv:3:1: error: duplicate contributor id 'c-1'") })
        #expect(errs.contains { $0.hasPrefix("assignments.csv:3:1: error: duplicate assignment id 'a-1'") })
        #expect(errs.contains("assignments.csv:3:1: error: unknown contributor 'c-9' in assignment 'a-1'; did you mean 'c-1'?"))
        #expect(errs.contains("assignments.csv:4:5: error: assignment 'a-3' ends before it starts (start 2026-03-02T19:00, end 2026-03-02T07:00)"))
    }

    @Test func anINSEECodeWrittenAsANumberMustBeQuoted() {
        let plan = minimalPlan + """

        territory:
          zones:
            - id: ain
              communes:
                - {insee: 1001, name: L'Abergement-Clémenciat}
                - {insee: "3805", name: Bad}
        """
        let errs = loadErrors(["plan.yaml": plan])
        #expect(errs == [
            "plan.yaml:13:19: error: INSEE code 1001 is a number; quote it: \"01001\"",
            "plan.yaml:14:19: error: bad INSEE code '3805'; expected 5 characters like \"38053\" or \"2A004\"",
        ])
    }

    @Test(arguments: [
        ("/etc/contributors.csv", "plan.yaml:10:5: error: roster path '/etc/contributors.csv' is absolute; write it relative to the plan's folder"),
        ("../other/contributors.csv", "plan.yaml:10:5: error: roster path '../other/contributors.csv' climbs out of the plan's folder; keep rosters beside the plan or below it"),
        ("data/../../contributors.csv", "plan.yaml:10:5: error: roster path 'data/../../contributors.csv' climbs out of the plan's folder; keep rosters beside the plan or below it"),
        ("people.csv", "plan.yaml:10:5: error: no such file: roster 'people.csv'"),
    ])
    func aRosterPathMustStayInThePlansFolder(path: String, message: String) {
        let errs = loadErrors(["plan.yaml": minimalPlan + "\nrosters:\n  - \(path)\n"])
        #expect(errs == [message])
    }

    @Test func aRosterPathBelowThePlanIsFine() throws {
        let files = ["plan.yaml": minimalPlan + "\nrosters:\n  - data/./contributors.csv\n",
                     "data/./contributors.csv": "id,role\nc-1,spv\n"]
        #expect(try loadFiles(files).contributors.count == 1)
    }

    @Test func aMissingRosterFileIsReportedAtItsReference() {
        let errs = loadErrors(["plan.yaml": minimalPlan + "\nrosters:\n  - contributors.csv\n"])
        #expect(errs == ["plan.yaml:10:5: error: no such file: roster 'contributors.csv'"])
    }

    @Test func aRosterWhoseKindNoNameTellsIsAskedForItsKindOnlyWhenItExists() {
        let errs = loadErrors(["plan.yaml": minimalPlan + "\nrosters:\n  - people.csv\n", "people.csv": "id,role\nc-1,spv\n"])
        #expect(errs == ["plan.yaml:10:5: error: cannot tell what roster 'people.csv' holds; write {path: people.csv, kind: …} with kind one of contributors, assignments, qualifications, attendance, carpool_requests, roster"])
    }

    @Test func anOpeningHoursErrorPointsInsideTheQuotedString() {
        let errs = loadErrors(["plan.yaml": minimalPlan + "\nopening_hours: \"Mo-Fr 08:00-18:00; SH off\"\n"])
        #expect(errs == ["plan.yaml:9:36: error: unsupported opening_hours syntax 'SH' (school holidays); use PH or dates"])
    }

    @Test func anOpeningHoursErrorPointsInsideAPlainString() {
        let errs = loadErrors(["plan.yaml": minimalPlan + "\nopening_hours: Mo-Fr 08:00-18:00 ; Mo[1] off\n"])
        #expect(errs == ["plan.yaml:9:38: error: unsupported opening_hours syntax '[' (nth weekday); list the dates"])
    }

    @Test func aNonexistentLocalTimeIsAnError() {
        let errs = loadErrors(withRosters([
            "contributors.csv": contributors,
            "assignments.csv": "id,contributor,unit,start,end,kind\na-1,c-0001,cis-a,2026-03-29T02:30,2026-03-29T07:00,garde\n",
        ]))
        #expect(errs == ["assignments.csv:2:4: error: local time '2026-03-29T02:30' in column 'start' does not exist in Europe/Paris (clocks jump from 02:00 to 03:00); give an offset or a time outside the gap"])
    }

    @Test func aRaggedRowIsReportedAtItsLine() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role,grade\nc-1,spv\nc-2,spv,sapeur,extra\n"]))
        #expect(errs == [
            "contributors.csv:2:1: error: row has 2 fields but the header has 3",
            "contributors.csv:3:1: error: row has 4 fields but the header has 3",
        ])
    }

    @Test func anUnknownPlanKeyIsAnErrorWithItsHint() {
        let errs = loadErrors(["plan.yaml": minimalPlan + "\nopening_hour: 24/7\n"])
        #expect(errs == ["plan.yaml:9:1: error: unknown key 'opening_hour' in the plan; did you mean 'opening_hours'?"])
    }

    @Test func aMisspeltUnitKeyNoLongerOpensTheUnitAllDay() {
        // `openning_hours` used to be kept as extra data, leaving the unit open 24/7.
        let plan = minimalPlan.replacingOccurrences(of: "  - {id: cis-a, kind: station}",
                                                    with: "  - {id: cis-a, kind: station, openning_hours: \"Mo-Fr 08:00-18:00\"}")
        #expect(plan != minimalPlan)
        let errs = loadErrors(["plan.yaml": plan])
        #expect(errs == ["plan.yaml:7:32: error: unknown key 'openning_hours' in unit 'cis-a'; did you mean 'opening_hours'?"])
    }

    @Test func anUnknownKeyInAnyPlanMappingIsAnError() {
        let errs = loadErrors(["plan.yaml": minimalPlan.replacingOccurrences(of: "end: 2026-03-09}", with: "end: 2026-03-09, ende: 2026-04-01}")
                               + "\nfallback: {mode: taxi, max_delay: 5}\n"])
        #expect(errs == [
            "plan.yaml:5:46: error: unknown key 'ende' in 'period'; did you mean 'end'?",
            "plan.yaml:9:24: error: unknown key 'max_delay' in the plan's fallback; expected one of mode, max_delay_minutes, unit, provider",
        ])
    }

    @Test func anUnknownColumnIsAnErrorWithItsHint() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role,birthdate\nc-1,spv,1990-01-01\n"]))
        #expect(errs == ["contributors.csv:1:3: error: unknown column 'birthdate' in the contributors file; did you mean 'birth_date'?"])
    }

    @Test func anUndeclaredColumnSaysHowToDeclareIt() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role,notes\nc-1,spv,x\n"]))
        #expect(errs == ["contributors.csv:1:3: error: unknown column 'notes' in the contributors file; declare columns of your own in the plan: {path: …, kind: contributors, extra_columns: [notes]}"])
    }

    @Test func extraColumnsOfAYAMLRosterAreAnError() {
        let errs = loadErrors(withRosters(["roster.yaml": "contributors:\n  - {id: c-1, role: spv}\n"],
                                          extraColumns: ["roster.yaml": ["notes"]]))
        #expect(errs == ["plan.yaml:11:12: error: 'extra_columns' is for CSV files; in a YAML roster write a record's own data under its 'extra:' key"])
    }

    @Test func aDeclaredExtraColumnIsKeptAsExtraData() throws {
        let data = try loadFiles(withRosters(["contributors.csv": "id,role,notes\nc-1,spv,x\n"],
                                             extraColumns: ["contributors.csv": ["notes"]]))
        #expect(data.contributors[0].extra["notes"] == .string("x"))
    }

    @Test func anUnknownKeyOfAYAMLRecordIsAnErrorAndExtraHoldsItsOwnData() throws {
        let roster = """
            contributors:
              - {id: c-1, role: spv, birthdate: 1990-01-01}
              - {id: c-2, role: spv, medical: {valid_untill: 2026-01-01}}
              - {id: c-3, role: spv, extra: {family: F1}}

            """
        let errs = loadErrors(withRosters(["roster.yaml": roster]))
        #expect(errs == [
            "roster.yaml:2:26: error: unknown key 'birthdate' in contributor; did you mean 'birth_date'?",
            "roster.yaml:3:36: error: unknown key 'valid_untill' in 'medical' of contributor; did you mean 'valid_until'?",
        ])
        let ok = try loadFiles(withRosters(["roster.yaml": "contributors:\n  - {id: c-3, role: spv, extra: {family: F1}}\n"]))
        #expect(ok.contributors[0].extra["family"] == .string("F1"))
    }

    @Test func planErrorsAreLocated() {
        let plan = """
        id: t
        name: T
        kind: fire_rescu
        effective_from: 2026-01-01
        period: {start: 2026-03-09, end: 2026-03-02}
        time_zone: Europe/Pariss
        units:
          - {id: a, kind: stationn, zone: nowhere}
          - {id: b, kind: station, capacity: ten}
          - {id: b, kind: station}
        """
        let errs = loadErrors(["plan.yaml": plan])
        #expect(errs == [
            "plan.yaml:3:7: error: unknown service kind 'fire_rescu'; expected one of fire_rescue, parental_creche, carpool_line, etp_programme; did you mean 'fire_rescue'?",
            "plan.yaml:5:34: error: period end 2026-03-02 must be after its start 2026-03-09 (the end day is excluded)",
            "plan.yaml:6:12: error: unknown time zone 'Europe/Pariss'; use an IANA name like Europe/Paris",
            "plan.yaml:8:19: error: unknown unit kind 'stationn' in unit 'a'; expected one of station, creche_section, line, programme; did you mean 'station'?",
            "plan.yaml:8:35: error: unknown zone 'nowhere' in unit 'a'",
            "plan.yaml:9:38: error: bad integer 'ten' for 'capacity' in unit 'b'",
            "plan.yaml:10:5: error: duplicate unit id 'b'\nplan.yaml:9:5: note: first defined here",
        ])
    }

    @Test func aPeriodLongerThanTenYearsIsRefused() {
        let plan = minimalPlan.replacingOccurrences(of: "end: 2026-03-09", with: "end: 9999-12-31")
        #expect(loadErrors(["plan.yaml": plan]) == ["plan.yaml:5:34: error: period of 2912382 days is longer than 10 years; check a shorter period"])
    }

    @Test func anUnterminatedQuoteIsReportedWhereItOpens() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role,grade\nc-1,spv,\"sapeur\nc-2,spv,x\n"]))
        #expect(errs == ["contributors.csv:2:3: error: quoted field is never closed; add the closing '\"'"])
    }

    @Test func aCarpoolDriverMustExist() {
        let errs = loadErrors(withRosters([
            "contributors.csv": "id,role\nd-1,driver\n",
            "carpool_requests.csv": "id,line,requested_at,driver\nr-1,cis-a,2026-03-02T07:00,d-2\n",
        ]))
        #expect(errs == ["carpool_requests.csv:2:1: error: unknown contributor 'd-2' as driver of carpool request 'r-1'; did you mean 'd-1'?"])
    }
}
