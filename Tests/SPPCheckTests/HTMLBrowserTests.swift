import Foundation
import Testing

/// The HTML review report of the firefighter violations example, rendered in a real headless
/// Chromium (Debian's `chromium` package). The test installs nothing: Chromium is about 125 MB
/// to download, too much for `make test` to install on every fresh machine, so the test skips
/// with a message when it is absent (`apt-get install chromium` to run it), in CI too.
@Suite struct HTMLBrowserTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let example = Binary.root.appendingPathComponent("Examples/sapeurs-pompiers/violations")

    /// Runs Chromium with its output in files; stopped after two minutes, so it cannot hang.
    static func runChromium(_ arguments: [String], in dir: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0",
                             "--user-data-dir=\(dir.appendingPathComponent("profile").path)"] + arguments
        process.currentDirectoryURL = dir
        let outURL = dir.appendingPathComponent("chromium.out"), errURL = dir.appendingPathComponent("chromium.err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// The seeded crew gaps of the example: unit, and the local date and hours of the slot
    /// (`cis-tranzault-d-arnon 2026-10-07T07:00–19:00: …`), from its expected.json.
    static func seededGaps() throws -> [(unit: String, date: String, from: Int, to: Int)] {
        let data = try Data(contentsOf: example.appendingPathComponent("expected.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let seeded = try #require(json["seeded"] as? [[String: Any]])
        let pattern = try NSRegularExpression(pattern: "^(cis-[a-z-]+) (\\d{4}-\\d{2}-\\d{2})T(\\d{2}):00–(\\d{2}):00:")
        return seeded.compactMap { entry in
            guard let what = entry["what"] as? String,
                  let m = pattern.firstMatch(in: what, range: NSRange(what.startIndex..., in: what)) else { return nil }
            func group(_ i: Int) -> String { String(what[Range(m.range(at: i), in: what)!]) }
            return (group(1), group(2), Int(group(3)) ?? 0, Int(group(4)) ?? 0)
        }
    }

    /// `mon` … `sun` of an ISO date.
    static func weekday(_ iso: String) throws -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        let date = try #require(f.date(from: iso))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][calendar.component(.weekday, from: date) - 1]
    }

    /// The cells of a DOM: unit → weekday-hour → state.
    static func cells(_ dom: String) throws -> [String: [String: String]] {
        let pattern = try NSRegularExpression(pattern: "data-unit=\"([^\"]+)\" data-weekday=\"([a-z]+)\" data-hour=\"(\\d+)\" data-state=\"([a-z]+)\"")
        var out: [String: [String: String]] = [:]
        for m in pattern.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)) {
            func group(_ i: Int) -> String { String(dom[Range(m.range(at: i), in: dom)!]) }
            out[group(1), default: [:]]["\(group(2))-\(group(3))"] = group(4)
        }
        return out
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed (apt-get install chromium); skipping the browser check of the HTML report"))
    func theFirefighterReportRendersInChromiumAndItsMapShowsTheSeededGaps() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("report.html")
        let check = try Binary.run(["check", "Examples/sapeurs-pompiers/violations/plan.yaml", "--format", "html=\(report.path)", "--lang", "fr"])
        #expect(check.status == 1, "the example has error findings: \(check.stderr)")
        #expect(check.stderr.isEmpty, "no progress or warning when standard error is not a terminal")

        let dump = try Self.runChromium(["--dump-dom", report.absoluteString], in: dir)
        #expect(dump.status == 0)
        // Chromium logs page errors and console messages as `CONSOLE(…)` and `Uncaught …`.
        let problems = dump.stderr.split(separator: "\n").filter {
            $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("ERR_FILE") || $0.contains("net::ERR")
        }
        #expect(problems.isEmpty, "browser errors: \(problems.joined(separator: "\n"))")
        let dom = dump.stdout
        #expect(dom.contains("<h2>Carte de couverture</h2>"))
        let cells = try Self.cells(dom)
        #expect(cells.count == 40, "the example's 40 centres all have staffing")
        #expect(cells.values.allSatisfy { $0.count == 168 })

        let seeded = try Self.seededGaps()
        #expect(seeded.count == 10, "expected.json seeds five crew gaps in each of two centres")
        var expected: [String: Set<String>] = [:]
        for gap in seeded {
            let day = try Self.weekday(gap.date)
            for hour in gap.from..<gap.to {
                let key = "\(day)-\(hour)"
                expected[gap.unit, default: []].insert(key)
                let state = cells[gap.unit]?[key]
                #expect(state == "below" || state == "none", "\(gap.unit) \(key) should be a gap, found \(state ?? "no cell")")
            }
        }
        // The two centres have no other gap: the map shows the seeds, not noise.
        for (unit, keys) in expected {
            let gaps = Set((cells[unit] ?? [:]).filter { $0.value == "below" || $0.value == "none" }.keys)
            #expect(gaps == keys, "\(unit)")
            #expect(cells[unit]?["sat-10"] == "met")
        }

        let png = dir.appendingPathComponent("report.png")
        let shot = try Self.runChromium(["--window-size=1280,2400", "--screenshot=\(png.path)", report.absoluteString], in: dir)
        #expect(shot.status == 0)
        let bytes = [UInt8](try Data(contentsOf: png))
        #expect(bytes.count > 10_000)
        #expect(bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        let be = { (i: Int) in bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        if bytes.count > 24 { #expect(be(16) == 1280 && be(20) == 2400) }
    }
}
