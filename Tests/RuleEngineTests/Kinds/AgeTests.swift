import Testing
@testable import RuleEngine

@Suite struct AgeTests {
    let bands = """
        bands:
          - {when: "contributor.extra.specialty == 'sssm_medecin'", max: 70}
          - {min: 16, max: 60}
        """

    func data() throws -> ServiceData {
        try KindTest.data(plan: KindTest.plan(rosters: ["{path: contributors.csv, extra_columns: [specialty]}", "assignments.csv"]),
                             contributors: """
            id,role,birth_date,specialty
            y1,spv,2010-03-25,none
            y2,spv,2010-03-29,none
            o1,spv,1966-03-30,none
            d1,spv,1960-01-01,sssm_medecin
            n1,spv,,none
            """, assignments: """
            id,contributor,unit,start,end,kind
            a1,y1,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            a2,y1,u1,2026-03-25T08:00,2026-03-25T12:00,garde
            a3,y1,u1,2026-03-23T08:00,2026-03-23T12:00,garde
            b1,y2,u1,2026-03-29T00:30,2026-03-29T07:00,garde
            o-a,o1,u1,2026-03-29T19:00,2026-03-30T07:00,garde
            o-b,o1,u1,2026-03-30T08:00,2026-03-30T12:00,garde
            d-a,d1,u1,2026-03-30T08:00,2026-03-30T12:00,garde
            n-a,n1,u1,2026-03-30T08:00,2026-03-30T12:00,garde
            """)
    }

    @Test func underTheMinimumFailsAtTheFirstAssignmentAndCountsTheOthers() throws {
        let r = try KindTest.only(try KindTest.results("age", bands, on: data()), "contributor:y1")
        #expect(r.outcome == .fail)
        // a3 (23 March) starts first; a1 (24 March) is the other; on 25 March y1 is 16.
        #expect(r.message == "y1 is 15 on 2026-03-23 (assignment a3), under the minimum age 16 of band 2; 1 other assignment out of bounds too")
        #expect(r.fix == "assign y1 only from 2026-03-25 (16th birthday) on, or give assignment a3 to someone else")
        #expect(r.measured == "15 on 2026-03-23")
        #expect(r.expected == "at least 16 and under 60")
    }

    @Test func theAgeIsTakenAtTheLocalDateOfTheStartNotTheUTCDate() throws {
        // 2026-03-29T00:30 in Paris is 23:30 UTC on the 28th, the day before the 16th birthday.
        #expect(try KindTest.only(try KindTest.results("age", bands, on: data()), "contributor:y2").outcome == .pass)
    }

    @Test func theUpperLimitIsReachedOnTheBirthdayItself() throws {
        let r = try KindTest.only(try KindTest.results("age", bands, on: data()), "contributor:o1")
        #expect(r.outcome == .fail)
        // The night starting on the 29th is allowed (59); the 30th is the 60th birthday.
        #expect(r.message == "o1 is 60 on 2026-03-30 (assignment o-b): the age limit 60 of band 2 was reached on 2026-03-30")
        #expect(r.fix == "give the assignments of o1 from 2026-03-30 on to someone else")
        #expect(r.path == "assignments[5]")
    }

    @Test func theFirstMatchingBandWins() throws {
        #expect(try KindTest.only(try KindTest.results("age", bands, on: data()), "contributor:d1").outcome == .pass)
    }

    @Test func aMissingBirthDateIsIndeterminate() throws {
        let r = try KindTest.only(try KindTest.results("age", bands, on: data()), "contributor:n1")
        #expect(r.outcome == .indeterminate)
        #expect(r.missing == ["contributor.birth_date"])
    }

    @Test func noBandApplyingIsIndeterminateNotAPass() throws {
        let results = try KindTest.results("age", "bands: [{when: \"contributor.role == 'driver'\", min: 18}]", on: data())
        let r = try KindTest.only(results, "contributor:y1")
        #expect(r.outcome == .indeterminate)
        #expect(r.message.hasSuffix("no band applies; add a last band without 'when'"))
    }

    @Test func bornOn29FebruaryCompletesYearsOn28FebruaryInACommonYear() {
        let birth = CivilDate(year: 2008, month: 2, day: 29)
        #expect(birth.completedYears(at: CivilDate(year: 2026, month: 2, day: 27)) == 17)
        #expect(birth.completedYears(at: CivilDate(year: 2026, month: 2, day: 28)) == 18)
        #expect(birth.completedYears(at: CivilDate(year: 2028, month: 2, day: 28)) == 19)
        #expect(birth.completedYears(at: CivilDate(year: 2028, month: 2, day: 29)) == 20)
    }

    @Test func whereSelectsTheAssignmentsChecked() throws {
        let results = try KindTest.results("age", "where: assignment.id != \"o-b\"\n" + bands, on: data())
        #expect(try KindTest.only(results, "contributor:o1").outcome == .pass)
    }

    @Test func boundsMayBeParameters() throws {
        let body = "bands: [{min: params.min_age, max: 60}]"
        let results = try KindTest.results("age", body, params: "{min_age: 16}", overrides: ["min_age": .int(15)], on: data())
        #expect(try KindTest.only(results, "contributor:y1").outcome == .pass)
    }

    @Test func parameterErrorsAreLocated() {
        #expect(KindTest.errors("age", "bands: [{min: 60, max: 16}]") == [
            "rules.yaml:7:28: error: band 1 of rule 'T-1' allows no age: min 60 is not below max 16 (max is reached on the max-th birthday)",
        ])
        #expect(KindTest.errors("age", "bands: [{maxi: 60}]") == [
            "rules.yaml:7:13: error: band 1 of rule 'T-1' has no bound; give min, max or both",
            "rules.yaml:7:14: error: unknown key 'maxi' in band 1 of rule 'T-1'; did you mean 'max'?",
        ])
        #expect(KindTest.errors("age", "bands: []") == [
            "rules.yaml:7:12: error: 'bands' in rule 'T-1' must be a non-empty list of {when, min, max}",
        ])
        #expect(KindTest.errors("age", "bands: [{min: -1}]") == [
            "rules.yaml:7:19: error: 'min' must be at least 0, found -1",
        ])
    }
}
