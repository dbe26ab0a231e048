import Testing
@testable import RuleEngine

@Suite struct ValidityTests {
    let insurance = "document: insurance"

    func insured() throws -> ServiceData {
        try KindTest.data(plan: KindTest.plan(), contributors: """
            id,role,insurance_policy,insurance_valid_from,insurance_valid_until
            P-12,driver,MAIF-1,2025-04-01,2026-03-30
            P-13,driver,MAIF-2,2025-04-01,2026-03-31
            P-14,driver,,,
            P-15,driver,MAIF-3,,
            P-16,driver,MAIF-4,2025-04-01,2026-03-30
            """, assignments: """
            id,contributor,unit,start,end,kind
            a1,P-12,u1,2026-03-30T19:00,2026-03-31T07:00,garde
            a2,P-12,u1,2026-03-30T08:00,2026-03-31T00:00,garde
            a3,P-12,u1,2026-04-01T08:00,2026-04-01T12:00,garde
            a4,P-13,u1,2026-03-30T19:00,2026-03-31T07:00,garde
            a5,P-14,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            a6,P-15,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            a7,P-16,u1,2026-03-30T08:00,2026-03-31T00:00,garde
            """)
    }

    @Test func aValidityEndingMidShiftFailsAtTheFirstUncoveredAssignmentAndCountsTheOthers() throws {
        let results = try KindTest.results("validity", insurance, on: insured())
        let r = try KindTest.only(results, "contributor:P-12")
        #expect(r.outcome == .fail)
        #expect(r.message == "the insurance of P-12 is valid until 2026-03-30, not on 2026-03-31: assignment a1 (2026-03-30T19:00 to 2026-03-31T07:00) is not covered; 1 other assignment not covered either")
        #expect(r.fix == "renew the insurance of P-12 before 2026-03-31")
        #expect(r.measured == "not valid on 2026-03-31")
        #expect(r.expected == "valid from 2026-03-30 through 2026-03-31")
        #expect(r.path == "assignments[0]")
        #expect(r.location?.description == "assignments.csv:2:1")
    }

    @Test func theLastValidDayIsIncludedAndAShiftEndingAtMidnightDoesNotNeedTheNextDay() throws {
        let results = try KindTest.results("validity", insurance, on: insured())
        #expect(try KindTest.only(results, "contributor:P-13").outcome == .pass)
        // a7 runs 08:00 to 00:00 on the last valid day.
        #expect(try KindTest.only(results, "contributor:P-16").outcome == .pass)
    }

    @Test func aMissingDocumentIsAFailureNeverAPass() throws {
        let r = try KindTest.only(try KindTest.results("validity", insurance, on: insured()), "contributor:P-14")
        #expect(r.outcome == .fail)
        #expect(r.message.hasPrefix("no insurance of P-14 on record: assignment a5"))
        #expect(r.fix == "obtain and record a valid insurance of P-14 before 2026-03-24")
    }

    @Test func aDocumentWithoutDatesIsValidSinceEverAndForever() throws {
        #expect(try KindTest.only(try KindTest.results("validity", insurance, on: insured()), "contributor:P-15").outcome == .pass)
    }

    @Test func oneResultPerContributorWithAssignments() throws {
        let results = try KindTest.results("validity", insurance, on: insured())
        #expect(results.map(\.subject) == ["contributor:P-12", "contributor:P-13", "contributor:P-14", "contributor:P-15", "contributor:P-16"])
    }

    @Test func whereSelectsTheAssignmentsThatNeedTheDocument() throws {
        let data = try insured()
        for i in data.assignments.indices where data.assignments[i].id == "a1" || data.assignments[i].id == "a3" {
            data.assignments[i].kind = "astreinte"
        }
        let results = try KindTest.results("validity", "document: insurance\nwhere: assignment.kind == \"garde\"", on: data)
        #expect(try KindTest.only(results, "contributor:P-12").outcome == .pass)
    }

    @Test func aZeroLengthAssignmentNeedsItsStartDay() throws {
        let data = try insured()
        let i = try #require(data.assignments.firstIndex { $0.id == "a1" })
        // 2026-03-31T00:00 local, zero length: needs 2026-03-31, which P-12's insurance lacks.
        data.assignments[i].start = data.assignments[i].end - 7 * 3600
        data.assignments[i].end = data.assignments[i].start
        let r = try KindTest.only(try KindTest.results("validity", insurance, on: data), "contributor:P-12")
        #expect(r.outcome == .fail)
        #expect(r.measured == "not valid on 2026-03-31")
    }

    // Policies: two successive policies together cover a night over the spring DST change; an
    // assignment straddling the end of the checking period is checked whole.
    func policies(roles: String = "[spv]") throws -> ServiceData {
        try KindTest.data(plan: KindTest.plan(extra: """
            risk_cover:
              regimes: [spv_loi_91_1389]
              policies:
                - {id: pol-A, type: accident, covered_roles: \(roles), valid_from: 2026-01-01, valid_until: 2026-03-28}
                - {id: pol-B, type: accident, covered_roles: \(roles), valid_from: 2026-03-29, valid_until: 2026-04-05}
            """), contributors: """
            id,role
            c1,spv
            c2,spv
            c3,driver
            """, assignments: """
            id,contributor,unit,start,end,kind
            n1,c1,u1,2026-03-28T19:00,2026-03-29T07:00,garde
            n2,c2,u1,2026-04-05T19:00,2026-04-06T07:00,garde
            n3,c3,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            """)
    }

    @Test func successivePoliciesTogetherCoverADSTNight() throws {
        let results = try KindTest.results("validity", "document: policy", on: policies())
        #expect(try KindTest.only(results, "contributor:c1").outcome == .pass)
    }

    @Test func anAssignmentStraddlingThePeriodEndIsCheckedWhole() throws {
        let r = try KindTest.only(try KindTest.results("validity", "document: policy", on: policies()), "contributor:c2")
        #expect(r.outcome == .fail)
        #expect(r.message == "the insurance policy covering role 'spv' is valid until 2026-04-05, not on 2026-04-06: assignment n2 (2026-04-05T19:00 to 2026-04-06T07:00) is not covered")
        #expect(r.fix == "renew or extend an insurance policy covering role 'spv' before 2026-04-06")
    }

    @Test func onePolicyEndingForManyIsOneFindingAtThePolicy() throws {
        // pol-B (roles spv and driver) ends on 2026-04-05. c1 (spv) serves on 04-06 and 04-07,
        // c2 (driver) on the night 04-05 → 04-06: three assignments of two contributors
        // uncovered from 04-06 to 04-07, one cause, one finding located at pol-B.
        let data = try KindTest.data(plan: KindTest.plan(period: "{start: 2026-03-30, end: 2026-04-08}", extra: """
            risk_cover:
              regimes: [spv_loi_91_1389]
              policies:
                - {id: pol-B, type: accident, covered_roles: [spv, driver], valid_from: 2026-01-01, valid_until: 2026-04-05}
            """), contributors: """
            id,role
            c1,spv
            c2,driver
            c3,spv
            """, assignments: """
            id,contributor,unit,start,end,kind
            a1,c1,u1,2026-04-06T08:00,2026-04-06T12:00,garde
            a2,c1,u1,2026-04-07T08:00,2026-04-07T12:00,garde
            a3,c2,u1,2026-04-05T19:00,2026-04-06T07:00,garde
            a4,c3,u1,2026-04-01T08:00,2026-04-01T12:00,garde
            """)
        let results = try KindTest.results("validity", "document: policy", on: data)
        let failures = results.filter { $0.outcome == .fail }
        #expect(failures.count == 1)
        let r = try #require(failures.first)
        #expect(r.subject == "policy:pol-B")
        #expect(r.message == "the insurance policy is valid until 2026-04-05: 3 assignments of 2 contributors (role 'spv', 'driver') from 2026-04-06 to 2026-04-07 are not covered (c1, c2)")
        #expect(r.location?.line == 13)
        #expect(try KindTest.only(results, "contributor:c3").outcome == .pass)
    }

    @Test func untilGivesALastValidDayOfTheRulesOwn() throws {
        // Fitness valid until 2026-12-31 on file, but the rule's periodicity ends it two years
        // after the visit: c1's visit of 2024-03-25 → last day 2026-03-25 (an assignment on the
        // 26th fails); c2's of 2024-04-10 covers the whole period; c3 has no visit date: undecided.
        let data = try KindTest.data(plan: KindTest.plan(), contributors: """
            id,role,medical_valid_from,medical_valid_until,medical_fit
            c1,spv,2024-03-25,2026-12-31,true
            c2,spv,2024-04-10,2026-12-31,true
            c3,spv,,2026-12-31,true
            """, assignments: """
            id,contributor,unit,start,end,kind
            a1,c1,u1,2026-03-25T08:00,2026-03-25T20:00,garde
            a2,c1,u1,2026-03-26T08:00,2026-03-26T20:00,garde
            a3,c2,u1,2026-03-26T08:00,2026-03-26T20:00,garde
            a4,c3,u1,2026-03-26T08:00,2026-03-26T20:00,garde
            """)
        let results = try KindTest.results("validity", "document: medical\nuntil: add_months(document.valid_from, 24)", on: data)
        let c1 = try KindTest.only(results, "contributor:c1")
        #expect(c1.outcome == .fail)
        #expect(c1.message.hasPrefix("the medical fitness of c1 is valid until 2026-03-25, not on 2026-03-26: assignment a2"))
        #expect(try KindTest.only(results, "contributor:c2").outcome == .pass)
        #expect(try KindTest.only(results, "contributor:c3").outcome == .indeterminate)
    }

    @Test func severalCodesCoverEachOverItsOwnSpan() throws {
        // FMPA, or the initial training (FI) for its first year: c1's FI of 2025-04-01 covers to
        // 2026-03-31, then nothing (fails on 2026-04-01); c2's FI of 2024-01-01 covers nothing
        // now but its FMPA does (null: no last day of the rule's own).
        let data = try KindTest.data(plan: KindTest.plan(rosters: ["contributors.csv", "assignments.csv", "{path: qualifications.csv, kind: qualifications}"]),
                                        contributors: "id,role\nc1,spv\nc2,spv", assignments: """
            id,contributor,unit,start,end,kind
            a1,c1,u1,2026-03-31T08:00,2026-03-31T20:00,garde
            a2,c1,u1,2026-04-01T08:00,2026-04-01T20:00,garde
            a3,c2,u1,2026-04-01T08:00,2026-04-01T20:00,garde
            """, more: ["qualifications.csv": """
            contributor,code,hours,obtained,valid_until
            c1,FI,232,2025-04-01,
            c2,FI,232,2024-01-01,
            c2,FMPA,40,2025-10-01,2026-12-31
            """])
        let rule = "document: qualification\ncode: [FMPA, FI]\nuntil: \"document.code == 'FI' ? document.obtained + days(364) : null\""
        let results = try KindTest.results("validity", rule, on: data)
        let c1 = try KindTest.only(results, "contributor:c1")
        #expect(c1.outcome == .fail)
        #expect(c1.message.contains("not on 2026-04-01"))
        #expect(try KindTest.only(results, "contributor:c2").outcome == .pass)
    }

    @Test func untilMayNotReadTheAssignment() {
        let errors = KindTest.loadErrors(kind: "validity", "document: medical\nuntil: date(assignment.start, 'UTC')")
        #expect(errors.contains { $0.contains("'until' in rule 'T-1' reads the document and its contributor, not the assignment") }, "\(errors)")
    }

    @Test func aRoleNoPolicyCoversFails() throws {
        let r = try KindTest.only(try KindTest.results("validity", "document: policy", on: policies()), "contributor:c3")
        #expect(r.outcome == .fail)
        #expect(r.message.hasPrefix("no insurance policy covering role 'driver' on record"))
    }

    @Test func aPolicyWithoutCoveredRolesCoversEveryRole() throws {
        let data = try KindTest.data(plan: KindTest.plan(extra: """
            risk_cover:
              policies: [{id: pol, type: rc}]
            """), contributors: "id,role\nc3,driver", assignments: "id,contributor,unit,start,end,kind\nn3,c3,u1,2026-03-24T08:00,2026-03-24T12:00,garde")
        #expect(try KindTest.only(try KindTest.results("validity", "document: policy", on: data), "contributor:c3").outcome == .pass)
    }

    // Medical fitness with `require:`.
    func medical() throws -> ServiceData {
        try KindTest.data(plan: KindTest.plan(), contributors: """
            id,role,medical_valid_from,medical_valid_until,medical_fit
            m1,spv,2025-09-01,2026-09-01,true
            m2,spv,2025-09-01,2026-09-01,false
            m3,spv,2025-09-01,2026-09-01,
            """, assignments: """
            id,contributor,unit,start,end,kind
            g1,m1,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            g2,m2,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            g3,m3,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            """)
    }

    @Test func requireRejectsADocumentThatDoesNotMeetIt() throws {
        let results = try KindTest.results("validity", "document: medical\nrequire: document.fit == true", on: medical())
        #expect(try KindTest.only(results, "contributor:m1").outcome == .pass)
        let r = try KindTest.only(results, "contributor:m2")
        #expect(r.outcome == .fail)
        #expect(r.message.hasPrefix("the medical fitness of m2 does not meet 'document.fit == true': assignment g2"))
    }

    @Test func requireOnAMissingFieldIsIndeterminate() throws {
        let results = try KindTest.results("validity", "document: medical\nrequire: document.fit == true", on: medical())
        let r = try KindTest.only(results, "contributor:m3")
        #expect(r.outcome == .indeterminate)
        #expect(r.missing.contains { $0.contains("fit") })
        #expect(r.message.hasPrefix("cannot decide whether the medical fitness of m3 covers assignment g3"))
    }

    // Background checks not older than 3 years.
    @Test func issuedWithinCapsTheValidityAtTheIssueDatePlusTheDuration() throws {
        let data = try KindTest.data(plan: KindTest.plan(), contributors: """
            id,role,background_check_type,background_check_valid_from,background_check_valid_until
            b1,parent,honorabilite,2023-03-24,
            b2,parent,honorabilite,2023-03-24,
            b3,parent,honorabilite,,2027-01-01
            """, assignments: """
            id,contributor,unit,start,end,kind
            p1,b1,u1,2026-03-24T08:00,2026-03-24T12:00,permanence_parent
            p2,b2,u1,2026-03-25T08:00,2026-03-25T12:00,permanence_parent
            p3,b3,u1,2026-03-25T08:00,2026-03-25T12:00,permanence_parent
            """)
        for (key, within) in [("issued_within", "3y"), ("issued_within", "1096d"), ("issued_within_years", "3")] {
            let results = try KindTest.results("validity", "document: background_check\n\(key): \(within)", on: data)
            #expect(try KindTest.only(results, "contributor:b1").outcome == .pass)
            let r = try KindTest.only(results, "contributor:b2")
            #expect(r.outcome == .fail)
            #expect(r.message.hasPrefix("the background check of b2 is valid until 2026-03-24 (issued on 2023-03-24, at most \(key == "issued_within" ? within : within + "y") old), not on 2026-03-25"))
            let u = try KindTest.only(results, "contributor:b3")
            #expect(u.outcome == .indeterminate)
            #expect(u.missing == ["contributor.background_check.valid_from"])
        }
    }

    @Test func aQualificationIsFoundByCodeAndValidFromItsObtainedDate() throws {
        let data = try KindTest.data(plan: KindTest.plan(rosters: ["contributors.csv", "assignments.csv", "qualifications.csv"]),
            contributors: "id,role\nq1,spv\nq2,spv\nq3,spv", assignments: """
            id,contributor,unit,start,end,kind
            f1,q1,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            f2,q2,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            f3,q3,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            """, more: ["qualifications.csv": """
            contributor,code,hours,obtained,valid_until
            q1,FI,270,2020-01-01,
            q2,FI,270,2026-03-25,
            q3,PSC1,7,2020-01-01,
            """])
        let results = try KindTest.results("validity", "document: qualification\ncode: FI", on: data)
        #expect(try KindTest.only(results, "contributor:q1").outcome == .pass)
        let late = try KindTest.only(results, "contributor:q2")
        #expect(late.message.hasPrefix("the qualification FI of q2 is valid only from 2026-03-25, not on 2026-03-24"))
        #expect(late.fix == "obtain and record a valid qualification FI of q2 before 2026-03-24")
        #expect(try KindTest.only(results, "contributor:q3").message.hasPrefix("no qualification FI of q3 on record"))
    }

    @Test func aMessageTemplateSeesTheFirstUncoveredAssignmentAndTheMeasures() throws {
        let body = """
            document: insurance
            message: "{{contributor.id}}: {{assignment.id}} uncovered on {{first_uncovered_day}} (+{{others}})"
            fix: "renew {{document_name}} by {{needed_until}}"
            """
        let r = try KindTest.only(try KindTest.results("validity", body, on: insured()), "contributor:P-12")
        #expect(r.message == "P-12: a1 uncovered on 2026-03-31 (+1)")
        #expect(r.fix == "renew insurance of P-12 by 2026-03-31")
    }

    @Test func parameterErrorsAreLocated() {
        #expect(KindTest.errors("validity", "document: insurence") == [
            "rules.yaml:7:15: error: unknown document 'insurence' in 'document' of rule 'T-1'; did you mean 'insurance'?",
        ])
        #expect(KindTest.errors("validity", "document: insurance\nissued_within: 3x") == [
            "rules.yaml:8:20: error: bad duration '3x' in 'issued_within' of rule 'T-1'; write a whole number of days (1095d), weeks (156w) or years (3y)",
        ])
        #expect(KindTest.errors("validity", "document: insurance\nissued_within: 12h") == [
            "rules.yaml:8:20: error: bad duration '12h' in 'issued_within' of rule 'T-1'; write a whole number of days (1095d), weeks (156w) or years (3y)",
        ])
        #expect(KindTest.errors("validity", "document: qualification") == [
            "rules.yaml:2:5: error: missing key 'code' in rule 'T-1': 'document: qualification' needs the qualification's code, e.g. 'code: FI'",
        ])
        #expect(KindTest.errors("validity", "document: insurance\nrequires: document.fit") == [
            "rules.yaml:8:5: error: unknown key 'requires' in rule 'T-1'; did you mean 'require'?",
        ])
        #expect(KindTest.errors("validity", "document: medical\nrequire: document.fit + 1") .count == 1)
        #expect(KindTest.errors("validity", "document: background_check\nissued_within: 3y\nissued_within_years: 3") == [
            "rules.yaml:9:26: error: give either 'issued_within' or 'issued_within_years' in rule 'T-1', not both",
        ])
    }
}
