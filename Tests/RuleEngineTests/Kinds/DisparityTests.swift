import Testing
@testable import RuleEngine

@Suite struct DisparityTests {
    /// nord (20,000 inhabitants): 40 served hours; sud (5,000): 5; ouest (4,000): none; est:
    /// population unknown.
    func data() throws -> ServiceData {
        let territory = """
            territory:
              zones:
                - id: nord
                  communes: [{insee: "00001", population: 10000}, {insee: "00002", population: 10000}]
                - id: sud
                  communes: [{insee: "00003", population: 5000}]
                - id: est
                  communes: [{insee: "00004"}]
                - id: ouest
                  communes: [{insee: "00005", population: 4000}]
            """
        let units = """
              - {id: u-n, kind: station, zone: nord, commune: "00001", capacity: 50}
              - {id: u-s, kind: station, zone: sud, commune: "00003", capacity: 5, opening_hours: "Mo-Fr 08:00-18:00"}
              - {id: u-e, kind: station, zone: est, commune: "00004"}
            """
        return try KindTest.data(plan: KindTest.plan(units: units, extra: territory), contributors: "id,role\nc1,spv\nc2,spv", assignments: """
            id,contributor,unit,start,end,kind
            n1,c1,u-n,2026-03-28T19:00,2026-03-29T07:00,garde
            n2,c1,u-n,2026-03-24T08:00,2026-03-25T13:00,garde
            s1,c2,u-s,2026-03-24T08:00,2026-03-24T11:00,garde
            s2,c2,u-s,2026-04-05T22:00,2026-04-06T03:00,garde
            e1,c2,u-e,2026-03-25T08:00,2026-03-25T11:00,astreinte
            """)
    }

    @Test func aGroupFarBelowTheBestFailsNamingBothGroupsAndValues() throws {
        let results = try KindTest.results("disparity", "group: zones\nmeasure: served_hours_per_1000\nmax_ratio: 1.5", on: data())
        // nord: (11 h over the spring night + 29 h) × 1000 / 20,000 = 2; sud: (3 h + 2 h before
        // the period ends) × 1000 / 5,000 = 1.
        #expect(try KindTest.only(results, "zone:nord").outcome == .pass)
        let sud = try KindTest.only(results, "zone:sud")
        #expect(sud.outcome == .fail)
        #expect(sud.message == "zone sud has 1 served hours per 1,000 inhabitants, 2 times less than zone nord (2), more than the ratio 1.5 allowed")
        #expect(sud.fix == "raise the served hours per 1,000 inhabitants of zone sud to at least 1.33 (about 1.67 more served hours)")
        #expect(sud.measured == "1")
        #expect(sud.expected == "at least 1.33")
        #expect(sud.key == "max_ratio")
        let ouest = try KindTest.only(results, "zone:ouest")
        #expect(ouest.outcome == .fail)
        #expect(ouest.message.hasPrefix("zone ouest has 0 served hours per 1,000 inhabitants, infinitely less than zone nord (2)"))
    }

    @Test func aGroupWithMissingPopulationIsIndeterminateNotLeftOut() throws {
        let results = try KindTest.results("disparity", "group: zones\nmeasure: served_hours_per_1000\nmax_ratio: 1.5", on: data())
        let est = try KindTest.only(results, "zone:est")
        #expect(est.outcome == .indeterminate)
        #expect(est.missing == ["zone.population"])
        #expect(est.message == "cannot take the served hours per 1,000 inhabitants of zone est: its population is missing")
        #expect(results.count == 4)
    }

    @Test func aGroupExactlyAtTheRatioPasses() throws {
        let results = try KindTest.results("disparity", "group: zones\nmeasure: served_hours_per_1000\nmax_ratio: 2", on: data())
        #expect(try KindTest.only(results, "zone:sud").outcome == .pass)
    }

    @Test func aShareOfTheMeanComparesWithTheMeanOfTheMeasuredGroups() throws {
        let results = try KindTest.results("disparity", "group: zones\nmeasure: served_hours_per_1000\nmin_share_of_mean: 0.5", on: data())
        // Mean of 2, 1 and 0 = 1: at least 0.5 needed.
        #expect(try KindTest.only(results, "zone:sud").outcome == .pass)
        let ouest = try KindTest.only(results, "zone:ouest")
        #expect(ouest.outcome == .fail)
        #expect(ouest.message == "zone ouest has 0 served hours per 1,000 inhabitants, 0 of the mean of 3 groups (1), below the share 0.5")
        #expect(ouest.key == "min_share_of_mean")
    }

    @Test func whereSelectsTheAssignmentsServed() throws {
        // Counting only astreintes, nord and sud serve nothing: they are equal, nobody fails.
        let results = try KindTest.results("disparity", "group: zones\nmeasure: served_hours_per_1000\nwhere: assignment.kind == \"astreinte\"\nmax_ratio: 1.5", on: data())
        #expect(results.filter { $0.outcome == .fail }.isEmpty)
    }

    @Test func promisedHoursFollowOpeningHoursAndTheDSTChange() throws {
        let results = try KindTest.results("disparity", "group: units\nmeasure: promised_hours\nmax_ratio: 3", on: data())
        // u-n and u-e are open 24/7: 14 days less the hour lost on 29 March = 335 h; u-s is open
        // 10 weekdays × 10 h = 100 h.
        let s = try KindTest.only(results, "unit:u-s")
        #expect(s.outcome == .fail)
        #expect(s.message == "unit u-s has 100 promised hours, 3.35 times less than unit u-n (335), more than the ratio 3 allowed")
        #expect(try KindTest.only(results, "unit:u-e").outcome == .pass)
    }

    @Test func placesPerInhabitantOfUnitsUseTheirCommuneAndMissingCapacityIsIndeterminate() throws {
        let results = try KindTest.results("disparity", "group: units\nmeasure: places_per_100\nmax_ratio: 4", on: data())
        // u-n: 50 × 100 / 10,000 = 0.5; u-s: 5 × 100 / 5,000 = 0.1 (ratio 5).
        let s = try KindTest.only(results, "unit:u-s")
        #expect(s.outcome == .fail)
        #expect(s.measured == "0.1")
        let e = try KindTest.only(results, "unit:u-e")
        #expect(e.outcome == .indeterminate)
        // u-e has neither a capacity nor a commune population: both are named.
        #expect(e.missing == ["unit.capacity", "unit.population"])
        #expect(e.message == "cannot take the places per 100 inhabitants of unit u-e: unit u-e has no capacity")
    }

    @Test func anExpressionMeasureSeesTheGroupAndTheNamedMeasures() throws {
        let results = try KindTest.results("disparity", "group: zones\nmeasure: population / 1000.0\nmax_ratio: 4", on: data())
        // nord 20, sud 5 (exactly 4 times less: passes), ouest 4 (fails), est unknown.
        #expect(try KindTest.only(results, "zone:sud").outcome == .pass)
        #expect(try KindTest.only(results, "zone:ouest").outcome == .fail)
        #expect(try KindTest.only(results, "zone:est").outcome == .indeterminate)
    }

    @Test func fewerGroupsThanMinGroupsAreNotCompared() throws {
        let results = try KindTest.results("disparity", "group: zones\nmeasure: population\nmax_ratio: 2\nmin_groups: 5", on: data())
        #expect(results.isEmpty)
    }

    @Test func aPersonsOverlappingAssignmentsInAUnitServeOnce() throws {
        var data = try data()
        // A copy of n2 (29 h) for the same person: still 40 h in nord.
        let i = try #require(data.assignments.firstIndex { $0.id == "n2" })
        let copy = data.assignments[i].copy()
        copy.id = "n2-bis"
        data.assignments.append(copy)
        let results = try KindTest.results("disparity", "group: zones\nmeasure: served_hours\nmax_ratio: 7.9", on: data)
        // nord 40 h, sud 5 h: 8 times less, beyond 7.9; with the copy counted it would be 13.8.
        let sud = try KindTest.only(results, "zone:sud")
        #expect(sud.message.hasPrefix("zone sud has 5 served hours, 8 times less than zone nord (40)"))
    }

    @Test func aTemplateSeesTheValuesTheRatioTheBoundAndTheLowestAllowed() throws {
        let body = "group: zones\nmeasure: served_hours_per_1000\nmax_ratio: 1.5\nmessage: \"{{zone.id}} {{value}} vs {{reference_group}} {{reference}}: {{ratio}} > {{bound}}, needs {{lowest}}\""
        let sud = try KindTest.only(try KindTest.results("disparity", body, on: data()), "zone:sud")
        #expect(sud.message.hasPrefix("sud 1 vs zone nord 2: 2 > 1.5, needs 1.33"))
    }

    @Test func parameterErrorsAreLocated() {
        #expect(KindTest.errors("disparity", "group: zone\nmeasure: population\nmax_ratio: 2") == [
            "rules.yaml:7:12: error: unknown group 'zone' in 'group' of rule 'T-1'; did you mean 'zones'?",
        ])
        #expect(KindTest.errors("disparity", "group: zones\nmeasure: served_hours_per_100\nmax_ratio: 2").first?
            .hasPrefix("rules.yaml:8:14: error: unknown measure 'served_hours_per_100' in rule 'T-1'; did you mean 'served_hours_per_1000'?") == true)
        #expect(KindTest.errors("disparity", "group: zones\nmeasure: population") == [
            "rules.yaml:2:5: error: rule 'T-1' of kind 'disparity' sets no bound; give max_ratio, min_share_of_mean or both",
        ])
        #expect(KindTest.errors("disparity", "group: zones\nmeasure: population\nmax_ratio: 0.5") == [
            "rules.yaml:9:16: error: 'max_ratio' must be at least 1, found 0.5",
        ])
        #expect(KindTest.errors("disparity", "group: zones\nmeasure: zone.id\nmax_ratio: 2") == [
            "rules.yaml:8:14: error: 'measure' in rule 'T-1' must be a number, but this expression gives string",
        ])
    }
}
