import Testing
@testable import RuleEngine

@Suite struct UniformTests {
    func data() throws -> ServiceData {
        let extra = """
            tariffs:
              - {category: resident, amount_eur: 2, per: trip, income_based: false}
              - {category: student, amount_eur: 2.0, per: trip, income_based: false}
              - {category: senior, amount_eur: 1, per: trip, income_based: false}
              - {category: non_resident, amount_eur: 5, per: trip, income_based: false}
              - {category: resident, amount_eur: 40, per: month, income_based: false}
              - {category: student, amount_eur: 40, per: month, income_based: false}
              - {category: caf, amount_eur: 1.5, per: hour, income_based: true}
            """
        let units = """
              - {id: u1, kind: station, opening_hours: "24/7"}
              - {id: u2, kind: station, opening_hours: "24/7"}
              - {id: u3, kind: station, opening_hours: "Mo-Fr 08:00-18:00"}
              - {id: u4, kind: station}
            """
        return try KindTest.data(plan: KindTest.plan(units: units, extra: extra), contributors: "id,role")
    }

    let tariffRule = """
        value: amount_eur
        group: category
        per: per
        where: tariff.income_based == false
        except:
          - {group: non_resident, justification: "CE 1974 Denoyez: users from outside the commune"}
        """

    @Test func aGroupThatDiffersFromTheReferenceFailsNamingItsValueAndTheReference() throws {
        let results = try KindTest.results("uniform", tariffRule, on: data())
        let senior = results.filter { $0.subject == "tariff:senior" }
        #expect(senior.count == 1)
        let r = try #require(senior.first)
        #expect(r.outcome == .fail)
        #expect(r.message == "tariff 'senior' (trip) has amount_eur 1, not the reference 2 shared by 2 groups (resident, student)")
        #expect(r.fix == "set amount_eur of 'senior' to 2, or list 'senior' under 'except' with its justification")
        #expect(r.measured == "1")
        #expect(r.expected == "2")
        #expect(r.path == "tariffs[2]")
        #expect(r.key == "per=trip")
    }

    @Test func listedJustifiedGroupsAndEqualValuesPass() throws {
        let results = try KindTest.results("uniform", tariffRule, on: data())
        // trip: resident, student, senior, non_resident; month: resident, student; caf is not counted.
        #expect(results.count == 6)
        #expect(results.filter { $0.outcome == .fail }.map(\.subject) == ["tariff:senior"])
    }

    @Test func ignoreWhereLeavesRecordsOut() throws {
        let body = tariffRule.replacingOccurrences(of: "where: tariff.income_based == false", with: "ignore_where: tariff.income_based == true")
        let results = try KindTest.results("uniform", body, on: data())
        #expect(results.count == 6)
        #expect(results.filter { $0.outcome == .fail }.map(\.subject) == ["tariff:senior"])
    }

    @Test func withoutTheExceptionTheDifferingGroupFails() throws {
        let body = "value: amount_eur\ngroup: category\nper: per\nwhere: tariff.income_based == false"
        let fails = try KindTest.results("uniform", body, on: data()).filter { $0.outcome == .fail }.map(\.subject)
        #expect(fails == ["tariff:senior", "tariff:non_resident"])
    }

    @Test func withoutPerEveryRecordIsComparedAndTheFirstValueWinsATie() throws {
        // 2 and 40 are each shared by two groups: 2, written first, is the reference.
        let body = "value: amount_eur\ngroup: category\nwhere: tariff.income_based == false"
        let results = try KindTest.results("uniform", body, on: data())
        let resident = try KindTest.only(results, "tariff:resident")
        #expect(resident.outcome == .fail)
        #expect(resident.message.hasPrefix("tariff 'resident' has amount_eur 40, not the reference 2"))
    }

    @Test func aMissingValueIsIndeterminate() throws {
        let results = try KindTest.results("uniform", "for_each: units\nvalue: opening_hours\ngroup: id", on: data())
        let u3 = try KindTest.only(results, "unit:u3")
        #expect(u3.outcome == .fail)
        #expect(u3.message == "unit 'u3' has opening_hours Mo-Fr 08:00-18:00, not the reference 24/7 shared by 2 groups (u1, u2)")
        let u4 = try KindTest.only(results, "unit:u4")
        #expect(u4.outcome == .indeterminate)
        #expect(u4.missing == ["unit.opening_hours"])
    }

    @Test func anyCollectionMayBeComparedWithAnExpressionAsValue() throws {
        let data = try KindTest.data(plan: KindTest.plan(extra: """
            access_channels:
              - {kind: phone, cost_eur: 0, hours: "24/7"}
              - {kind: desk, cost_eur: 0, hours: "Mo-Fr 08:00-18:00"}
              - {kind: app, cost_eur: 0.5, hours: "24/7"}
            """), contributors: "id,role")
        let results = try KindTest.results("uniform", "for_each: access_channels\nvalue: access_channel.cost_eur > 0.0\ngroup: kind", on: data)
        let app = try KindTest.only(results, "access_channel:app")
        #expect(app.outcome == .fail)
        #expect(app.message == "access_channel 'app' has access_channel.cost_eur > 0.0 true, not the reference false shared by 2 groups (phone, desk)")
    }

    @Test func parameterErrorsAreLocated() {
        #expect(KindTest.errors("uniform", "value: amount_euro\ngroup: category") == [
            "rules.yaml:7:12: error: 'amount_euro' in 'value' of rule 'T-1' is not a field of tariff; did you mean 'amount_eur'?",
        ])
        #expect(KindTest.errors("uniform", "for_each: tarifs\nvalue: amount_eur\ngroup: category") == [
            "rules.yaml:7:15: error: unknown collection 'tarifs' in 'for_each' of rule 'T-1'; did you mean 'tariffs'?",
        ])
        #expect(KindTest.errors("uniform", "value: amount_eur\ngroup: category\nexcept: [{group: senior}]") == [
            "rules.yaml:9:14: error: missing key 'justification' in exception 1 of rule 'T-1'",
        ])
        #expect(KindTest.errors("uniform", "value: amount_eur\ngroup: category\nexcept: [{group: senior, justification: \" \"}]") == [
            "rules.yaml:9:45: error: the justification of exception 1 of rule 'T-1' is empty; say why this group may differ",
        ])
    }
}
