import Foundation
import Testing

/// `spp-check docs --format html DIR` on the standard packs: the site's pages, its article
/// index against the packs' own references, its links, and its rendering in headless Chromium.
@Suite struct CatalogueSiteTests {
    static func site() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-site-\(UUID().uuidString)")
        let run = try Binary.run(["docs", "--format", "html", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        return dir
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The rules of the standard packs and their references, read from `spp-check docs` JSON-free:
    /// from the rule files themselves, `- id:` then the quoted lines under `references:`.
    static func referencesByRule() throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        let folder = Binary.root.appendingPathComponent("Rules")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".yaml") && !name.hasSuffix(".test.yaml") {
            var rule: String?
            var inReferences = false
            for line in try read(folder.appendingPathComponent(name)).split(separator: "\n") {
                if line.hasPrefix("  - id: ") { rule = String(line.dropFirst("  - id: ".count)); inReferences = false; continue }
                if line.hasPrefix("    references:") { inReferences = true; continue }
                if inReferences, line.hasPrefix("      - "), let rule { out[rule, default: []].append(String(line.dropFirst(8))); continue }
                inReferences = false
            }
        }
        return out
    }

    @Test func thereIsAPagePerPackAndPerRuleAndTheIndexLinksThemAll() throws {
        let dir = try Self.site()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = try Self.referencesByRule().keys
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("rules").path)
        #expect(Set(pages) == Set(rules.map { "\($0).html" }))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("packs").path).count == 7)
        let index = try Self.read(dir.appendingPathComponent("index.html"))
        for rule in rules { #expect(index.contains("href=\"rules/\(rule).html\""), "\(rule)") }
    }

    @Test func theArticleIndexAnswersWhichRulesRestOnAnArticle() throws {
        let dir = try Self.site()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = try Self.read(dir.appendingPathComponent("articles.html"))
        let section = try #require(articles.components(separatedBy: "<section class=\"article\" id=\"CSP-R2324-43\">").dropFirst().first?
            .components(separatedBy: "</section>").first)
        let listed = Set(section.components(separatedBy: "href=\"rules/").dropFirst().compactMap { $0.components(separatedBy: ".html").first })
        // Expected from the packs: every rule with a reference starting "CSP R2324-43" followed
        // by a space, a comma or the end (R2324-43-1 is another article).
        let expected = Set(try Self.referencesByRule().filter { _, refs in
            refs.contains { ref in
                let text = ref.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return text == "CSP R2324-43" || text.hasPrefix("CSP R2324-43 ") || text.hasPrefix("CSP R2324-43,")
            }
        }.keys)
        #expect(!expected.isEmpty)
        #expect(listed == expected)
        #expect(section.contains("https://www.legifrance.gouv.fr/search/code?"))
    }

    @Test func theSiteNeedsNoNetworkNorScriptAndItsLinksResolve() throws {
        let dir = try Self.site()
        defer { try? FileManager.default.removeItem(at: dir) }
        let enumerator = try #require(FileManager.default.enumerator(atPath: dir.path))
        var pages = 0
        for case let path as String in enumerator where path.hasSuffix(".html") {
            pages += 1
            let page = dir.appendingPathComponent(path)
            let html = try Self.read(page)
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("src=\"http"), "\(path) loads nothing from the network")
            #expect(!html.contains("<link"), "\(path) has its style inline")
            for target in html.components(separatedBy: "href=\"").dropFirst().compactMap({ $0.components(separatedBy: "\"").first }) {
                if target.hasPrefix("https://www.legifrance.gouv.fr/") { continue }
                #expect(!target.hasPrefix("http"), "\(path): \(target)")
                let parts = target.components(separatedBy: "#")
                let file = parts[0].isEmpty ? page : page.deletingLastPathComponent().appendingPathComponent(parts[0]).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: file.path), "\(path): \(target)")
                if parts.count == 2, let text = try? Self.read(file) {
                    #expect(text.contains("id=\"\(parts[1])\""), "\(path): \(target)")
                }
            }
        }
        #expect(pages == 2 + 7 + (try Self.referencesByRule().count))
    }

    @Test func aRulePageShowsItsBoundsItsReferencesAndItsTests() throws {
        let dir = try Self.site()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try Self.read(dir.appendingPathComponent("rules/cl.driver-age.html"))
        #expect(page.contains("<td>≥ 17 <span class=\"note\">(Code de la route R221-5"))
        #expect(page.contains("search Code de la route R221-5 on Légifrance"))
        #expect(page.contains("href=\"../articles.html#Code-de-la-route-R221-5\""))
        // Its tests in Rules/covoiturage.test.yaml, with the expectations on this rule only.
        #expect(page.contains("<h3>drivers of age, licensed, insured, sharing costs without profit</h3>"))
        #expect(page.contains("<td><code>contributor:d2</code></td><td>pass</td>"))
        #expect(!page.contains("cl.driver-licence</code></td>"), "other rules' expectations are not shown")
        // Its dated versions: the B licence at 17 from 1 January 2024 (décret 2023-1214).
        #expect(page.contains("<h2>Dated versions</h2>"))
        #expect(page.contains("<td>2024-01-01</td><td>…</td><td>Décret n° 2023-1214"))
        #expect(page.contains("legal floor: a territory file, the plan or one of its units may raise it, never lower it"))
        let creche = try Self.read(dir.appendingPathComponent("rules/cp.management-continuity.html"))
        #expect(creche.contains("<h2>Lawful exceptions</h2>"))
        #expect(creche.contains("<li><code>parent-stand-in</code> — CSP R2324-50-1"))
        let bad = try Binary.run(["docs", "--format", "html"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--format html writes a site: name its folder"))
    }

    @Test(.enabled(if: HTMLBrowserTests.chromium != nil, "chromium is not installed (apt-get install chromium); skipping the browser check of the catalogue"))
    func theArticleIndexAndARulePageRenderInChromium() throws {
        let dir = try Self.site()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (page, expected) in [("articles.html", "id=\"CSP-R2324-43\""), ("rules/cp.staff-ratio.html", "Worked examples")] {
            let url = dir.appendingPathComponent(page)
            let dump = try HTMLBrowserTests.runChromium(["--dump-dom", url.absoluteString], in: dir)
            #expect(dump.status == 0)
            let problems = dump.stderr.split(separator: "\n").filter {
                $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("ERR_FILE") || $0.contains("net::ERR")
            }
            #expect(problems.isEmpty, "browser errors on \(page): \(problems.joined(separator: "\n"))")
            #expect(dump.stdout.contains(expected), "\(page)")
            #expect(dump.stdout.contains("<nav><a href=\"../index.html\">") || dump.stdout.contains("<nav><a href=\"index.html\">"))
        }
        let png = dir.appendingPathComponent("articles.png")
        let shot = try HTMLBrowserTests.runChromium(["--window-size=1024,1400", "--screenshot=\(png.path)", dir.appendingPathComponent("articles.html").absoluteString], in: dir)
        #expect(shot.status == 0)
        let bytes = [UInt8](try Data(contentsOf: png))
        #expect(bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(bytes.count > 10_000, "a page with text, not a blank")
    }
}
