import Foundation
import Testing

/// The review report's verdict and first error as a reader sees them in headless Chromium:
/// colours follow the verdict, and the first blocking rule of the fix-first table, with its
/// example, is in the first screen (1280 × 900) without scrolling. Skips without Chromium.
@Suite struct HTMLVerdictBrowserTests {
    /// Where the elements are, measured by a script appended to a copy of the report (the
    /// report itself holds no script): the verdict's state and background colour, and the
    /// bottom of the first blocking row of the fix-first table (-1 when there is none).
    static func layout(_ example: String, lang: String, failOn: String = "error") throws -> (status: Int32, state: String, background: String, firstBlockingBottom: Double, viewport: Double) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-verdict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("report.html")
        let check = try Binary.run(["check", "Examples/\(example)/plan.yaml", "--format", "html=\(report.path)",
                                    "--format", "json=\(dir.path)/report.json", "--lang", lang, "--fail-on", failOn])
        let probe = """
            <script>
            const v = document.querySelector('.verdict');
            const row = document.querySelector('#fix-first tr.blocking');
            document.body.setAttribute('data-probe', [v.dataset.state, getComputedStyle(v).backgroundColor,
              row ? row.getBoundingClientRect().bottom : -1, window.innerHeight].join('|'));
            </script>
            """
        let html = try String(contentsOf: report, encoding: .utf8).replacingOccurrences(of: "</body>", with: probe + "</body>")
        let probed = dir.appendingPathComponent("probed.html")
        try Data(html.utf8).write(to: probed)
        let dump = try HTMLBrowserTests.runChromium(["--window-size=1280,900", "--dump-dom", probed.absoluteString], in: dir)
        let dom = dump.stdout
        let start = try #require(dom.range(of: "data-probe=\""))
        let value = dom[start.upperBound...].prefix { $0 != "\"" }.split(separator: "|").map(String.init)
        try #require(value.count == 4, "probe: \(value)")
        return (check.status, value[0], value[1], Double(value[2]) ?? -2, Double(value[3]) ?? 0)
    }

    @Test(.enabled(if: HTMLBrowserTests.chromium != nil, "chromium is not installed (apt-get install chromium)"),
          arguments: ["fr", "en"])
    func aCompliantPlanThatExitsZeroGetsNoRedBanner(_ lang: String) throws {
        let seen = try Self.layout("creche-parentale/compliant", lang: lang)
        #expect(seen.status == 0)
        #expect(seen.state == "clear", "no finding at warning or error: clear")
        #expect(seen.background == "rgb(238, 247, 238)", "green, not red: \(seen.background)")
        #expect(seen.firstBlockingBottom == -1)
        // The same colours follow --fail-on: findings that do not block are to review, in amber.
        let review = try Self.layout("creche-parentale/violations", lang: lang, failOn: "never")
        #expect(review.status == 0)
        #expect(review.state == "review", "nothing blocks under --fail-on never: to review, not blocked")
        #expect(review.background == "rgb(255, 244, 224)", "amber, not red: \(review.background)")
        #expect(review.firstBlockingBottom == -1)
    }

    @Test(.enabled(if: HTMLBrowserTests.chromium != nil, "chromium is not installed (apt-get install chromium)"),
          arguments: ["fr", "en"])
    func theFirstErrorToFixIsOnTheFirstScreen(_ lang: String) throws {
        let seen = try Self.layout("sapeurs-pompiers/violations", lang: lang)
        #expect(seen.status == 1)
        #expect(seen.state == "blocked")
        #expect(seen.background == "rgb(253, 236, 234)", "red for a blocked launch: \(seen.background)")
        #expect(seen.firstBlockingBottom > 0 && seen.firstBlockingBottom <= seen.viewport,
                "first blocking row ends at \(seen.firstBlockingBottom) px, screen is \(seen.viewport) px")
    }
}

/// `make demo`: the summary and the fix-first list, not every finding, and the JSON the HTML
/// report links to written beside it. Runs the Makefile's own `check` line.
@Suite struct DemoTests {
    @Test func theDemoPrintsAShortSummaryAndWritesTheCompleteListBesideTheReport() throws {
        let makefile = try String(contentsOf: Binary.root.appendingPathComponent("Makefile"), encoding: .utf8)
        func variable(_ name: String) throws -> String {
            let line = try #require(makefile.split(separator: "\n").first { $0.hasPrefix(name + " ") })
            return String(line.split(separator: "=", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces)
        }
        let command = try #require(makefile.split(separator: "\n").first { $0.contains("$(BIN) check $(DEMO_PLAN)") })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("report.html").path, json = dir.appendingPathComponent("report.json").path
        #expect(try variable("DEMO_JSON").hasSuffix("/report.json") && variable("DEMO_HTML").hasSuffix("/report.html"),
                "the JSON report is written beside the HTML report")
        let arguments = command.split(separator: ";")[0].split(separator: " ").map(String.init)
            .drop { $0 != "check" }
            .map { $0.replacingOccurrences(of: "$(DEMO_PLAN)", with: (try? variable("DEMO_PLAN")) ?? "")
                     .replacingOccurrences(of: "$(DEMO_HTML)", with: html).replacingOccurrences(of: "$(DEMO_JSON)", with: json) }
        let run = try Binary.run(Array(arguments))
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        // make adds 5 lines (the command, the exit status, the report's path): at most ~60 in all.
        #expect(lines.count <= 55, "\(lines.count) lines")
        #expect(run.stdout.hasPrefix("Lancement bloqué : "))
        #expect(run.stdout.contains("\nÀ corriger en premier ("))
        #expect(run.stdout.hasSuffix("Liste complète des constats : \(json)\n"))
        #expect(FileManager.default.fileExists(atPath: json))
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<a href=\"report.json\">report.json</a>"))
    }
}
