import Testing
@testable import RuleEngine

/// Validity with a `require` that reads only the document and the contributor works out the
/// days a contributor is covered once, not per assignment: the findings stay those of
/// deciding each assignment, and a `require` that reads the assignment is still decided per
/// assignment.
@Suite struct ValiditySharedDaysTests {
    static func medical() throws -> ServiceData {
        try KindTest.data(plan: KindTest.plan(), contributors: """
            id,role,medical_valid_from,medical_valid_until,medical_fit
            m1,spv,2025-09-01,2026-03-25,true
            m2,spv,2025-09-01,2026-09-01,false
            m3,spv,2025-09-01,2026-09-01,
            m4,spv,2026-03-26,2026-09-01,true
            m5,driver,2025-09-01,2026-09-01,true
            m6,spv,2025-09-01,2026-09-01,true
            """, assignments: """
            id,contributor,unit,start,end,kind
            g1,m1,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            g2,m1,u1,2026-03-25T20:00,2026-03-26T08:00,garde
            g3,m1,u1,2026-03-27T08:00,2026-03-27T12:00,garde
            g4,m2,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            g5,m2,u1,2026-03-25T08:00,2026-03-25T12:00,garde
            g6,m3,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            g7,m4,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            g8,m4,u1,2026-03-27T08:00,2026-03-27T12:00,garde
            g9,m5,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            g10,m6,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            """)
    }

    static let fit = "document: medical\nrequire: document.fit == true"

    @Test func aDocumentValidUntilMidPeriodFailsAtTheFirstAssignmentAfterItAndCountsTheOthers() throws {
        let r = try KindTest.only(try KindTest.results("validity", Self.fit, on: Self.medical()), "contributor:m1")
        #expect(r.outcome == .fail)
        #expect(r.message == "the medical fitness of m1 is valid until 2026-03-25, not on 2026-03-26: assignment g2 (2026-03-25T20:00 to 2026-03-26T08:00) is not covered; 1 other assignment not covered either")
        #expect(r.measured == "not valid on 2026-03-26")
        #expect(r.expected == "valid from 2026-03-25 through 2026-03-26")
        #expect(r.fix == "renew the medical fitness of m1 before 2026-03-26")
        #expect(r.path == "assignments[1]")
    }

    @Test func aDocumentFailingRequireFailsEveryAssignmentNamingTheFirst() throws {
        let r = try KindTest.only(try KindTest.results("validity", Self.fit, on: Self.medical()), "contributor:m2")
        #expect(r.outcome == .fail)
        #expect(r.message == "the medical fitness of m2 does not meet 'document.fit == true': assignment g4 (2026-03-24T08:00 to 2026-03-24T12:00) is not covered; 1 other assignment not covered either")
        #expect(r.measured == "not valid on 2026-03-24")
        #expect(r.fix == "obtain and record a valid medical fitness of m2 before 2026-03-24")
    }

    @Test func aRequireLackingDataIsIndeterminateForTheFirstAssignment() throws {
        let r = try KindTest.only(try KindTest.results("validity", Self.fit, on: Self.medical()), "contributor:m3")
        #expect(r.outcome == .indeterminate)
        #expect(r.message.hasPrefix("cannot decide whether the medical fitness of m3 covers assignment g6: 'require' needs "))
        #expect(r.missing.contains { $0.contains("fit") })
    }

    @Test func aDocumentValidOnlyLaterNamesTheDayItStarts() throws {
        let r = try KindTest.only(try KindTest.results("validity", Self.fit, on: Self.medical()), "contributor:m4")
        #expect(r.outcome == .fail)
        #expect(r.message == "the medical fitness of m4 is valid only from 2026-03-26, not on 2026-03-24: assignment g7 (2026-03-24T08:00 to 2026-03-24T12:00) is not covered")
        #expect(r.fix == "obtain and record a valid medical fitness of m4 before 2026-03-24")
    }

    @Test func aRequireReadingTheContributorIsDecidedForEachContributor() throws {
        // m5 (a driver) sits between spv contributors: each must be judged as themself.
        let body = "document: medical\nrequire: document.fit == true && contributor.role == 'spv'"
        let results = try KindTest.results("validity", body, on: Self.medical())
        let m5 = try KindTest.only(results, "contributor:m5")
        #expect(m5.outcome == .fail)
        #expect(m5.message == "the medical fitness of m5 does not meet 'document.fit == true && contributor.role == 'spv'': assignment g9 (2026-03-24T08:00 to 2026-03-24T12:00) is not covered")
        #expect(try KindTest.only(results, "contributor:m6").outcome == .pass)
        #expect(try KindTest.only(results, "contributor:m1").outcome == .fail)
        #expect(results.map(\.outcome) == [.fail, .fail, .indeterminate, .fail, .fail, .pass])
    }

    static func backgroundChecks() throws -> ServiceData {
        try KindTest.data(plan: KindTest.plan(), contributors: """
            id,role,background_check_type,background_check_valid_from,background_check_valid_until
            b1,parent,honorabilite,2023-03-24,
            b2,parent,honorabilite,,2027-01-01
            b3,parent,autre,2025-01-01,
            """, assignments: """
            id,contributor,unit,start,end,kind
            p1,b1,u1,2026-03-24T08:00,2026-03-24T12:00,permanence_parent
            p2,b1,u1,2026-03-25T08:00,2026-03-25T12:00,permanence_parent
            p3,b2,u1,2026-03-24T08:00,2026-03-24T12:00,permanence_parent
            p4,b3,u1,2026-03-24T08:00,2026-03-24T12:00,permanence_parent
            """)
    }

    @Test func issuedWithinWithARequireCapsTheValidityAndAMissingIssueDateIsIndeterminate() throws {
        let body = "document: background_check\nissued_within: 3y\nrequire: document.type == 'honorabilite'"
        let results = try KindTest.results("validity", body, on: Self.backgroundChecks())
        let b1 = try KindTest.only(results, "contributor:b1")
        #expect(b1.outcome == .fail)
        #expect(b1.message == "the background check of b1 is valid until 2026-03-24 (issued on 2023-03-24, at most 3y old), not on 2026-03-25: assignment p2 (2026-03-25T08:00 to 2026-03-25T12:00) is not covered")
        #expect(b1.fix == "renew the background check of b1 before 2026-03-25")
        let b2 = try KindTest.only(results, "contributor:b2")
        #expect(b2.outcome == .indeterminate)
        #expect(b2.message == "cannot decide whether the background check of b2 covers assignment p3: its issue date is missing")
        #expect(b2.missing == ["contributor.background_check.valid_from"])
        let b3 = try KindTest.only(results, "contributor:b3")
        #expect(b3.outcome == .fail)
        #expect(b3.message.hasPrefix("the background check of b3 does not meet 'document.type == 'honorabilite'': assignment p4"))
    }

    static func licences() throws -> ServiceData {
        try KindTest.data(plan: KindTest.plan(), contributors: """
            id,role,licence_category,licence_valid_from,licence_valid_until
            l1,driver,B,2020-01-01,2030-01-01
            l2,driver,C,2020-01-01,2030-01-01
            """, assignments: """
            id,contributor,unit,start,end,kind,engine
            e1,l1,u1,2026-03-24T08:00,2026-03-24T12:00,garde,VL
            e2,l1,u1,2026-03-25T08:00,2026-03-25T12:00,garde,PL
            e3,l1,u1,2026-03-26T08:00,2026-03-26T12:00,garde,VL
            e4,l2,u1,2026-03-25T08:00,2026-03-25T12:00,garde,PL
            e5,l1,u1,2026-03-27T08:00,2026-03-27T12:00,garde,PL
            """)
    }

    @Test func aRequireReadingTheAssignmentIsDecidedForEachAssignment() throws {
        let body = "document: licence\nrequire: assignment.engine != 'PL' || document.category == 'C'"
        let results = try KindTest.results("validity", body, on: Self.licences())
        let l1 = try KindTest.only(results, "contributor:l1")
        #expect(l1.outcome == .fail)
        #expect(l1.message == "the licence of l1 does not meet 'assignment.engine != 'PL' || document.category == 'C'': assignment e2 (2026-03-25T08:00 to 2026-03-25T12:00) is not covered; 1 other assignment not covered either")
        #expect(l1.path == "assignments[1]")
        #expect(try KindTest.only(results, "contributor:l2").outcome == .pass)
    }

    @Test func aRequireReadingTheUnitIsDecidedForEachAssignment() throws {
        let data = try KindTest.data(plan: KindTest.plan(units: "  - {id: u1, kind: station}\n  - {id: u2, kind: station}"), contributors: """
            id,role,licence_category,licence_valid_from,licence_valid_until
            l1,driver,B,2020-01-01,2030-01-01
            """, assignments: """
            id,contributor,unit,start,end,kind
            e1,l1,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            e2,l1,u2,2026-03-25T08:00,2026-03-25T12:00,garde
            """)
        let results = try KindTest.results("validity", "document: licence\nrequire: unit.id == 'u1' || document.category == 'C'", on: data)
        let r = try KindTest.only(results, "contributor:l1")
        #expect(r.outcome == .fail)
        #expect(r.message.hasPrefix("the licence of l1 does not meet 'unit.id == 'u1' || document.category == 'C'': assignment e2 "))
    }

    /// A `require` that also reads the assignment (to no effect) is decided per assignment, as
    /// every `require` was before: the results must be the same, but for the quoted source.
    @Test(arguments: [
        ("medical", "document: medical\nrequire: {R}", "document.fit == true"),
        ("medical", "document: medical\nrequire: {R}", "document.fit == true && contributor.role == 'spv'"),
        ("medical", "document: medical\nissued_within: 200d\nrequire: {R}", "contributor.role == 'spv'"),
        ("background", "document: background_check\nissued_within: 3y\nrequire: {R}", "document.type == 'honorabilite'"),
        ("background", "document: background_check\nrequire: {R}", "int(document.type) > 0"),
        ("licence", "document: licence\nrequire: {R}", "document.category == 'C'"),
    ])
    func sharedDaysGiveTheResultsOfDecidingEachAssignment(_ data: String, _ body: String, _ require: String) throws {
        let service = try data == "medical" ? Self.medical() : data == "background" ? Self.backgroundChecks() : Self.licences()
        let perAssignment = "(\(require)) && assignment.id == assignment.id"
        let shared = try KindTest.results("validity", body.replacingOccurrences(of: "{R}", with: "\"\(require)\""), on: service)
        let reference = try KindTest.results("validity", body.replacingOccurrences(of: "{R}", with: "\"\(perAssignment)\""), on: service)
        func normalized(_ results: [RuleResult]) -> [RuleResult] {
            results.map { r in
                var r = r
                r.message = r.message.replacingOccurrences(of: perAssignment, with: require)
                return r
            }
        }
        #expect(shared == normalized(reference))
        #expect(!shared.isEmpty)
    }
}
