import Foundation
import Testing

/// The territory section of the firefighter violations example's HTML report, rendered in
/// headless Chromium (skipped with a message when it is absent, as `HTMLBrowserTests`): the
/// communes whose home station has a seeded crew gap are in the table, the chart and the heat
/// table, beyond target in the gap's hours and within it outside them.
@Suite struct HTMLTerritoryBrowserTests {
    @Test(.enabled(if: HTMLBrowserTests.chromium != nil, "chromium is not installed (apt-get install chromium); skipping the browser check of the territory section"),
          arguments: ["en", "fr"])
    func theTerritorySectionRendersTheSeededCommunes(_ lang: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-territory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("report.html")
        let check = try Binary.run(["check", "Examples/sapeurs-pompiers/violations/plan.yaml", "--format", "html=\(report.path)", "--lang", lang])
        #expect(check.status == 1)

        let dump = try HTMLBrowserTests.runChromium(["--dump-dom", report.absoluteString], in: dir)
        #expect(dump.status == 0)
        let problems = dump.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(problems.isEmpty, "browser errors: \(problems.joined(separator: "\n"))")
        let dom = dump.stdout
        #expect(dom.contains(lang == "fr" ? "<h2>Territoire : délai d'arrivée des secours par commune</h2>" : "<h2>Territory: response time per commune</h2>"))

        // The seeded communes of expected.json (spv.response-time, "commune 36009 (…) … on 2026-10-07T07:00: …").
        let data = try Data(contentsOf: HTMLBrowserTests.example.appendingPathComponent("expected.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let seeded = try #require(json["seeded"] as? [[String: Any]])
        let communes = seeded.filter { $0["rule"] as? String == "spv.response-time" }
            .compactMap { ($0["what"] as? String)?.split(separator: " ").dropFirst().first.map(String.init) }
        #expect(communes.count == 18)
        let bars = try NSRegularExpression(pattern: "class=\"bar\" data-commune=\"(\\d+)\"")
        let barred = Set(bars.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).map {
            String(dom[Range($0.range(at: 1), in: dom)!])
        })
        #expect(barred == Set(communes), "the chart shows exactly the seeded communes")

        // A commune whose home station has weekday-day crew gaps: beyond target from 07:00 to
        // 19:00 in the heat table, within it at night.
        let cells = try NSRegularExpression(pattern: "<tr data-commune=\"(\\d+)\"><th>.*?</tr>")
        let rows = cells.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).map { String(dom[Range($0.range, in: dom)!]) }
        #expect(!rows.isEmpty)
        let dayGap = try #require(rows.first { $0.contains("data-hour=\"7\" data-state=\"over\"") })
        #expect(dayGap.contains("data-hour=\"3\" data-state=\"in\""))
        #expect(dayGap.contains("data-hour=\"18\" data-state=\"over\""))
        #expect(dayGap.contains("data-hour=\"20\" data-state=\"in\""))

        let png = dir.appendingPathComponent("territory.png")
        let shot = try HTMLBrowserTests.runChromium(["--window-size=1280,4000", "--screenshot=\(png.path)", report.absoluteString], in: dir)
        #expect(shot.status == 0)
        #expect(((try? Data(contentsOf: png))?.count ?? 0) > 10_000)
    }
}
