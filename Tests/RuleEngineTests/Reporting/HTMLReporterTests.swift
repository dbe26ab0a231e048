import Foundation
import Testing
@testable import RuleEngine

/// A one-week plan (Mon 2026-03-02 → Mon 2026-03-09, Paris) with units given inline and an
/// assignments file; loaded in memory.
enum CoverageFixture {
    static func data(units: String, opening: String = "Mo-Fr 08:00-18:00", assignments: [String],
                     period: String = "{start: 2026-03-02, end: 2026-03-09}") throws -> ServiceData {
        let plan = """
            id: t
            name: Test
            kind: fire_rescue
            effective_from: 2026-01-01
            period: \(period)
            time_zone: Europe/Paris
            opening_hours: "\(opening)"
            units:
            \(units)
            rosters: [{path: contributors.csv, extra_columns: [name]}, assignments.csv]

            """
        let files = [
            "plan.yaml": plan,
            "contributors.csv": "id,role,name\nc1,spv,A\nc2,spv,B\nc3,spv,C\n",
            "assignments.csv": "id,contributor,unit,position,start,end,kind\n" + assignments.map { $0 + ",garde" }.joined(separator: "\n") + "\n",
        ]
        return try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { path in
            (path, files[path].map { Array($0.utf8) })
        }
    }

    /// `a-N,c1,u1,,2026-03-02T08:00,2026-03-02T18:00` for each weekday given, from 08:00 to 18:00.
    static func days(_ days: [Int], who: String = "c1", unit: String = "u1", position: String = "",
                     from: String = "08:00", to: String = "18:00", first: Int = 1) -> [String] {
        days.enumerated().map { k, d in
            let day = d < 10 ? "0\(d)" : "\(d)"
            return "a-\(first + k),\(who),\(unit),\(position),2026-03-\(day)T\(from),2026-03-\(day)T\(to)"
        }
    }
}

@Suite struct CoverageMapTests {
    @Test func aTuesdayAfternoonGapShowsExactlyThoseCellsAsGaps() throws {
        // Weekdays 08:00–18:00 covered by one person, except Tuesday 14:00–18:00.
        var rows = CoverageFixture.days([2, 4, 5, 6])
        rows.append("a-9,c1,u1,,2026-03-03T08:00,2026-03-03T14:00")
        let data = try CoverageFixture.data(units: "  - {id: u1, kind: station, staffing: [{min: 1}]}", assignments: rows)
        let map = CoverageMap(data)
        let week = try #require(map.units.first)
        #expect(map.units.count == 1 && map.omitted == 0 && map.withoutStaffing == 0)
        #expect(week.unit == "u1")
        #expect(week.gapSeconds == 4 * 3600)
        let gaps = week.cells.filter { $0.state.isGap }.map { "\($0.weekday):\($0.hour)" }
        #expect(gaps == ["1:14", "1:15", "1:16", "1:17"])
        let tue15 = week.cell(weekday: 1, hour: 15)
        #expect(tue15.state == .none)
        #expect(tue15.worstPresent == 0 && tue15.worstRequired == 1)
        #expect(tue15.promised == 1 && tue15.gapOccurrences == 1 && tue15.gapSeconds == 3600)
        #expect(week.cell(weekday: 1, hour: 13).state == .met)
        #expect(week.cell(weekday: 0, hour: 8).state == .met)
        #expect(week.cell(weekday: 4, hour: 17).state == .met)
        // Outside the promised hours: nothing promised.
        #expect(week.cell(weekday: 0, hour: 7).state == .notPromised)
        #expect(week.cell(weekday: 0, hour: 18).state == .notPromised)
        #expect(week.cell(weekday: 5, hour: 10).state == .notPromised)
        #expect(week.cells.filter { $0.state == .met }.count == 5 * 10 - 4)
    }

    @Test func theWorstOccurrenceOverThePeriodColoursTheCellAndTheTitleCountsOccurrences() throws {
        // Two weeks, two required; Wednesday 10:00–11:00 has one person in the second week only.
        let rows = CoverageFixture.days([2, 3, 4, 5, 6, 9, 10, 12, 13], who: "c1")
            + CoverageFixture.days([2, 3, 4, 5, 6, 9, 10, 12, 13], who: "c2", first: 20)
            + ["a-40,c1,u1,,2026-03-11T08:00,2026-03-11T18:00",
               "a-41,c2,u1,,2026-03-11T08:00,2026-03-11T10:00",
               "a-42,c2,u1,,2026-03-11T11:00,2026-03-11T18:00"]
        let data = try CoverageFixture.data(units: "  - {id: u1, kind: station, staffing: [{min: 2}]}", assignments: rows,
                                            period: "{start: 2026-03-02, end: 2026-03-16}")
        let week = try #require(CoverageMap(data).units.first)
        let wed10 = week.cell(weekday: 2, hour: 10)
        #expect(wed10.state == .below)
        #expect(wed10.worstPresent == 1 && wed10.worstRequired == 2)
        #expect(wed10.promised == 2 && wed10.gapOccurrences == 1)
        #expect(week.cells.filter { $0.state.isGap }.count == 1)
        let title = HTMLReporter.title(week, wed10, .en)
        #expect(title == "u1 · Wed 10:00–11:00 · worst: 1 of 2 present · below in 1 of 2 occurrences (1 h in all)")
        #expect(HTMLReporter.title(week, wed10, .fr) == "u1 · mer. 10:00–11:00 · pire : 1 présent(s) sur 2 requis · sous l'effectif 1 sur 2 occurrences (1 h en tout)")
    }

    @Test func aPositionRequirementCountsOnlyThatPositionAndTheWorstRatioWins() throws {
        // Two present all day Monday, but the chef only from 12:00: 08:00–12:00 has 2 of 2
        // people yet 0 of 1 chef, the worse ratio.
        let rows = ["a-1,c1,u1,equipier,2026-03-02T08:00,2026-03-02T18:00",
                    "a-2,c2,u1,equipier,2026-03-02T08:00,2026-03-02T12:00",
                    "a-3,c2,u1,chef,2026-03-02T12:00,2026-03-02T18:00"]
        let data = try CoverageFixture.data(units: "  - {id: u1, kind: station, staffing: [{min: 2}, {position: chef, min: 1}]}",
                                            opening: "Mo 08:00-18:00", assignments: rows)
        let week = try #require(CoverageMap(data).units.first)
        let mon9 = week.cell(weekday: 0, hour: 9)
        #expect(mon9.state == .none)
        #expect(mon9.worstPosition == "chef" && mon9.worstPresent == 0)
        #expect(week.cell(weekday: 0, hour: 12).state == .met)
        #expect(week.gapSeconds == 4 * 3600)
    }

    @Test func unitsAreRankedByGapHoursAndTheLimitSaysHowManyAreLeftOut() throws {
        let rows = CoverageFixture.days([2, 3, 4, 5, 6], unit: "a")
            + CoverageFixture.days([2, 3], unit: "b", first: 10)
            + CoverageFixture.days([2], unit: "c", first: 20)
        let units = """
              - {id: a, kind: station, staffing: [{min: 1}]}
              - {id: b, kind: station, staffing: [{min: 1}]}
              - {id: c, kind: station, staffing: [{min: 1}]}
              - {id: d, kind: station}
            """
        let data = try CoverageFixture.data(units: units, assignments: rows)
        let all = CoverageMap(data)
        #expect(all.units.map(\.unit) == ["c", "b", "a"])
        #expect(all.units.map(\.gapSeconds) == [40 * 3600, 30 * 3600, 0])
        #expect(all.withoutStaffing == 1)
        let two = CoverageMap(data, limit: 2)
        #expect(two.units.map(\.unit) == ["c", "b"] && two.omitted == 1)
        let html = HTMLReporter.render(Fixture.input([]), coverage: two)
        #expect(html.contains("1 more units with staffing requirements are not drawn"))
        #expect(html.contains("1 units without a staffing requirement are not drawn"))
    }

    @Test func theAutumnNightOfThirteenHoursStaysCovered() throws {
        // 2026-10-25: clocks go back at 03:00; a night 19:00 → 07:00 lasts 13 hours.
        let rows = ["a-1,c1,u1,,2026-10-24T19:00,2026-10-25T07:00"]
        let data = try CoverageFixture.data(units: "  - {id: u1, kind: station, staffing: [{min: 1}]}",
                                            opening: "Sa 19:00-24:00; Su 00:00-07:00", assignments: rows,
                                            period: "{start: 2026-10-19, end: 2026-10-26}")
        let week = try #require(CoverageMap(data).units.first)
        #expect(week.gapSeconds == 0)
        #expect(week.cells.filter { $0.state == .met }.count == 5 + 7)
        #expect(week.cell(weekday: 6, hour: 2).state == .met)
    }
}

@Suite struct HTMLReporterTests {
    @Test func theReportHoldsFactsSummaryFindingsAndTheRulesUsed() throws {
        let (_, input) = try Fixture.check(lang: "en")
        let html = HTMLReporter.render(input)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<h1>spp-check review report</h1>"))
        #expect(html.contains("<dt>Plan</dt><dd>plan.yaml</dd>"))
        #expect(html.contains("<tr data-principle=\"risk-coverage\"><td>risk-coverage</td><td class=\"n\">1</td><td class=\"n bad\">1</td><td class=\"n\">1</td></tr>"))
        #expect(html.contains("<tr data-principle=\"equality\"><td>equality</td><td class=\"n\">4</td><td class=\"n\">0</td><td class=\"n\">0</td></tr>"))
        #expect(html.contains("driver d-02 (Jean Dupont) is under 18"))
        #expect(html.contains("<h4>Other subjects (contributors, service) (2)</h4>"))
        #expect(html.contains("References: Code des transports L3132-1"))
        #expect(html.contains("<code>cl.old-rule</code><br><em>not in force</em>"))
        #expect(html.contains("No waiver applies to this run."))
        // No coverage map without the service's data.
        #expect(!html.contains("id=\"coverage\""))
    }

    @Test func theFileIsSelfContainedWithNoScriptAndNoNetwork() throws {
        let (result, input) = try Fixture.check(lang: "en")
        let html = HTMLReporter.render(input, coverage: CoverageMap(result.data))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        // The only URL is SVG's namespace name, which is never fetched.
        let urls = html.components(separatedBy: "http").count - 1
        #expect(urls == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
        #expect(html.contains("@media print"))
        #expect(html.contains("break-before: page"))
    }

    @Test func aScriptInARosterValueComesOutEscaped() throws {
        let roster = Fixture.contributors.replacingOccurrences(of: "Jean Dupont", with: "<script>alert('x')</script> & \"co\"")
        let dir = try Fixture.folder(["rules.yaml": Fixture.rules, "plan.yaml": Fixture.plan, "contributors.csv": roster])
        var options = CheckOptions(plan: dir.appendingPathComponent("plan.yaml").path)
        options.rulePaths = [dir.appendingPathComponent("rules.yaml").path]
        let result = try CheckRun.run(options)
        let html = HTMLReporter.render(ReportInput(result, workingDirectory: dir.path), coverage: CoverageMap(result.data))
        #expect(!html.contains("<script"))
        #expect(html.contains("driver d-02 (&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;) is under 18"))
    }

    @Test func escapingCoversTextAttributesAndControlCharacters() {
        #expect(HTMLReporter.esc("<a href=\"x\">'&'</a>\u{1}") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\u{FFFD}")
        let html = HTMLReporter.render(Fixture.input([Fixture.finding(rule: "R\"><x", subject: "unit:u<1>")]))
        #expect(!html.contains("<x"))
        #expect(html.contains("<h4>Unit u&lt;1&gt; (1)</h4>"))
    }

    @Test func labelsSpeakFrench() throws {
        let (result, input) = try Fixture.check(lang: "fr")
        let html = HTMLReporter.render(input, coverage: CoverageMap(result.data))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(html.contains("<h1>Rapport de revue spp-check</h1>"))
        #expect(html.contains("<h2>Synthèse par principe</h2>"))
        #expect(html.contains("<h2>Dérogations</h2>"))
        #expect(html.contains("le conducteur d-02 (Jean Dupont) a moins de 18 ans"))
        #expect(html.contains("Conducteur majeur"))
        // The carpool line has no staffing: the map says there is nothing to draw.
        #expect(html.contains("Aucune unité du plan n&#39;a d&#39;effectif requis"))
    }

    @Test func findingsAreGroupedByPrincipleThenUnitWithOtherSubjectsLast() {
        let findings = [Fixture.finding(rule: "A", principle: .continuity, subject: "plan"),
                        Fixture.finding(rule: "B", principle: .continuity, subject: "unit:u2"),
                        Fixture.finding(rule: "C", principle: .equality, subject: "unit:u1")]
        let whole = HTMLReporter.render(Fixture.input(findings))
        let html = String(whole[whole.range(of: "<section id=\"findings\">")!.lowerBound...])
        let order = ["Principle: continuity", "Unit u2 (1)", "Other subjects (contributors, service) (1)", "Principle: equality", "Unit u1 (1)"]
            .map { html.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
    }

    @Test func aNoisyGroupIsCutSoThatOtherPrinciplesStillShow() {
        let noisy = (0..<15).map { Fixture.finding(rule: "A", principle: .continuity, message: "noisy \($0)", subject: "unit:u1") }
        let html = HTMLReporter.render(Fixture.input(noisy + [Fixture.finding(rule: "B", principle: .equality, message: "quiet", subject: "unit:u2")]))
        #expect(html.contains("<p class=\"note\">11 shown; 5 more findings are in the complete list (JSON report).</p>"))
        #expect(html.contains("<h4>Unit u1 (15)</h4>"))
        #expect(html.contains("noisy 9<"))
        #expect(!html.contains("noisy 10<"))
        #expect(html.contains("<p class=\"note\">… 5 more findings are in the complete list (JSON report).</p>"))
        #expect(html.contains(">quiet<"))
        #expect(html.contains("<p class=\"note\"><code>A</code> 15</p>"))
    }

    @Test func eachPrincipleHasItsOwnBudgetOfFindings() {
        let units = (0..<20).flatMap { u in (0..<10).map { Fixture.finding(rule: "A", principle: .continuity, message: "c\(u)-\($0)", subject: "unit:u\(u)") } }
        let html = HTMLReporter.render(Fixture.input(units + [Fixture.finding(rule: "B", principle: .equality, message: "quiet", subject: "plan")]))
        #expect(html.contains("<p class=\"note\">151 shown; 50 more findings are in the complete list (JSON report).</p>"))
        #expect(html.contains(">c14-9<") && !html.contains(">c15-0<"))
        #expect(html.contains("<h4>Unit u15 (10)</h4>\n<p class=\"note\">… 10 more findings are in the complete list (JSON report).</p>"))
        #expect(html.contains(">quiet<"))
    }

    @Test func waiversInForceAndExpiredOrUnusedOnesAreListed() {
        let waiver = Waiver(rule: "R-1", subject: "unit:*", justification: "second crew in training",
                            approvedBy: "board <2026-14>", expires: CivilDate(iso: "2026-06-30")!,
                            location: Location(file: "waivers.yaml", line: 3, column: 5))
        var waived = Fixture.finding(subject: "unit:u1")
        waived.waiver = waiver
        var expired = Fixture.finding(rule: "waiver.expired", principle: Principle("waivers"), severity: .warning,
                                      message: "waiver for rule 'R-2' on 'unit:u9' expired on 2026-01-31; it no longer applies",
                                      location: Location(file: "waivers.yaml", line: 9, column: 5), subject: "waiver:R-2:unit:u9")
        expired.fingerprint = "ff"
        let html = HTMLReporter.render(Fixture.input([waived, expired]))
        #expect(html.contains("<h3>Waivers in force</h3>"))
        #expect(html.contains("<tr><td><code>R-1</code></td><td><code>unit:*</code></td><td>second crew in training</td><td>board &lt;2026-14&gt;</td><td>2026-06-30</td><td class=\"n\">1</td><td>waivers.yaml:3</td></tr>"))
        #expect(html.contains("<h3>Expired and unused waivers</h3>"))
        #expect(html.contains("<li data-rule=\"waiver.expired\">waiver for rule &#39;R-2&#39; on &#39;unit:u9&#39; expired on 2026-01-31; it no longer applies [waivers.yaml:9]</li>"))
        // The waived finding is still listed, marked waived; the notice is not a finding of the service.
        #expect(html.contains("error (waived)"))
        #expect(!html.contains("<h3 data-principle=\"waivers\">"))
    }

    @Test func theCoverageMapDrawsOneCellPerWeekdayAndHourWithItsNumbers() throws {
        var rows = CoverageFixture.days([2, 4, 5, 6])
        rows.append("a-9,c1,u1,,2026-03-03T08:00,2026-03-03T14:00")
        let data = try CoverageFixture.data(units: "  - {id: u1, kind: station, name: \"CIS <Un>\", staffing: [{min: 1}]}", assignments: rows)
        let html = HTMLReporter.render(Fixture.input([]), coverage: CoverageMap(data))
        #expect(html.components(separatedBy: "<rect x=").count - 1 == 168 + 4)
        #expect(html.contains("<figcaption><strong>u1</strong> — CIS &lt;Un&gt; · 4 hours below the requirement</figcaption>"))
        #expect(html.contains("data-unit=\"u1\" data-weekday=\"tue\" data-hour=\"14\" data-state=\"none\"><title>u1 · Tue 14:00–15:00 · worst: 0 of 1 present · below in 1 of 1 occurrences (1 h in all)</title>"))
        #expect(html.contains("data-unit=\"u1\" data-weekday=\"tue\" data-hour=\"13\" data-state=\"met\"><title>u1 · Tue 13:00–14:00 · worst: 1 of 1 present · 1 occurrences</title>"))
        #expect(html.contains("data-unit=\"u1\" data-weekday=\"sun\" data-hour=\"3\" data-state=\"closed\"><title>u1 · Sun 03:00–04:00 · nothing promised</title>"))
        for state in ["staffing met", "below the requirement", "nobody for a requirement", "nothing promised"] {
            #expect(html.contains("</svg> \(state)</li>"))
        }
    }

    @Test func theHTMLFormatIsOneOfTheFormats() {
        #expect(OutputFormat(rawValue: "html") == .html)
        #expect(OutputFormat.html.render(Fixture.input([])).hasPrefix("<!DOCTYPE html>"))
    }
}

/// Records progress events from any thread.
final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [ProgressEvent] = []
    func record(_ e: ProgressEvent) { lock.withLock { list.append(e) } }
    var events: [ProgressEvent] { lock.withLock { list } }
}

@Suite struct ProgressTests {
    @Test func aCheckReportsLoadingThenEachRuleEvaluated() throws {
        let dir = try Fixture.folder()
        var options = CheckOptions(plan: dir.appendingPathComponent("plan.yaml").path)
        options.rulePaths = [dir.appendingPathComponent("rules.yaml").path]
        let recorder = ProgressRecorder()
        options.progress = { recorder.record($0) }
        let result = try CheckRun.run(options)
        let events = recorder.events
        #expect(events.first == .loading(plan: options.plan))
        #expect(events.dropFirst().first == .loaded(files: 2, rows: 4))
        let evaluating = events.compactMap { e -> (Int, Int)? in
            if case .evaluating(let done, let total) = e { return (done, total) }
            return nil
        }
        // cl.old-rule is not in force: two rules evaluated, each reported once (any order).
        #expect(result.report.evaluated.count == 2)
        #expect(evaluating.map(\.1).allSatisfy { $0 == 2 })
        #expect(evaluating.map(\.0).sorted() == [0, 1, 2])
        #expect(events.count == 2 + 3)
    }

    @Test func eventsReadInBothLanguages() {
        #expect(ProgressEvent.loaded(files: 3, rows: 16132).text() == "loaded 3 files, 16132 rows")
        #expect(ProgressEvent.evaluating(done: 4, total: 23).text(lang: "fr") == "évaluation : 4/23 règles")
        #expect(ProgressEvent.writing(format: "html", path: "r.html").text() == "writing html → r.html…")
    }
}
