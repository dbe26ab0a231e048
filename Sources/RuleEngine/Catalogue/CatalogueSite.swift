import Foundation

/// `spp-check docs --format html DIR`: the rule catalogue as a static site, readable without
/// network or JavaScript — an index, one page per pack and per rule (principle, rationale,
/// validity, references with Légifrance links, parameters with their bounds and who may set
/// them, the rule's tests as worked examples), and an index of the code articles the rules
/// rest on (`articles.html#CSP-R2324-43`: which rules rest on R2324-43?).
public enum CatalogueSite {
    /// One page: its path inside the site and its HTML.
    public struct Page: Sendable {
        public var path: String
        public var html: String
    }

    /// Every page of the site for `set`, with `tests` as worked examples.
    public static func pages(_ set: RuleSet, tests: [RuleTest] = [], lang: String? = nil) -> [Page] {
        let w = Words(lang)
        var pages = [Page(path: "index.html", html: index(set, w, lang)),
                     Page(path: "articles.html", html: articles(set, w, lang))]
        for id in packIDs(set) {
            pages.append(Page(path: "packs/\(fileName(id)).html", html: pack(id, set, w, lang)))
        }
        for rule in set.rules {
            let examples = tests.filter { $0.expectations.contains { $0.rule == rule.id } }
            pages.append(Page(path: "rules/\(fileName(rule.id)).html", html: RulePage.html(rule, examples: examples, w, lang)))
        }
        return pages
    }

    /// Writes the site into `folder` (created when missing), each page atomically.
    /// - Throws: `Diagnostic` when the folder cannot be made or a page written.
    public static func write(_ pages: [Page], to folder: String) throws {
        for sub in ["", "/packs", "/rules"] {
            do {
                try FileManager.default.createDirectory(atPath: folder + sub, withIntermediateDirectories: true)
            } catch {
                throw Diagnostic.error(at: .start(of: folder), "cannot create the catalogue folder: \(error.localizedDescription)")
            }
        }
        for page in pages { try ReportFile.write(page.html, to: (folder as NSString).appendingPathComponent(page.path)) }
    }

    /// The rule tests beside the packs' files (`*.test.yaml` in their folders), for examples.
    /// - Throws: `DiagnosticList` when a test file is not a valid rule test file.
    public static func tests(beside set: RuleSet) throws -> [RuleTest] {
        var folders: [String] = []
        for pack in set.packs {
            let folder = (pack.file as NSString).deletingLastPathComponent
            if !folders.contains(folder) { folders.append(folder) }
        }
        var out: [RuleTest] = []
        for folder in folders {
            let dir = folder.isEmpty ? "." : folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names.sorted() where name.hasSuffix(".test.yaml") || name.hasSuffix(".test.yml") {
                out += try RuleTests.load(file: folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name))
            }
        }
        return out
    }

    /// A rule's references and those its dated versions add, in order, once each.
    static func references(of rule: Rule) -> [String] {
        var out: [String] = []
        for text in rule.references + rule.versions.flatMap(\.rule.references) where !out.contains(text) { out.append(text) }
        return out
    }

    /// Pack ids in load order, then packs named only by rules.
    static func packIDs(_ set: RuleSet) -> [String] {
        var ids = set.packs.map(\.id)
        for rule in set.rules where !ids.contains(rule.pack) { ids.append(rule.pack) }
        return ids
    }

    /// A file name for an id: letters, digits, '.', '_' and '-' kept, anything else '_'.
    static func fileName(_ id: String) -> String {
        let safe = String(id.unicodeScalars.map { s -> Character in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || "._-".unicodeScalars.contains(s) ? Character(s) : "_"
        })
        return safe.hasPrefix(".") ? "_" + safe : safe
    }

    static func esc(_ s: String) -> String { HTMLReporter.esc(s) }

    /// A whole page: the site's style inline, a navigation line, the body.
    static func page(title: String, root: String, _ w: Words, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(w.lang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(title))</title>
        <style>
        \(css)</style>
        </head>
        <body>
        <nav><a href="\(root)index.html">\(w.catalogue)</a> · <a href="\(root)articles.html">\(w.byArticle)</a></nav>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    static func index(_ set: RuleSet, _ w: Words, _ lang: String?) -> String {
        var body = "<h1>\(w.catalogue)</h1>\n<p>\(w.intro(set.rules.count, packIDs(set).count))</p>\n"
        body += "<h2>\(w.packs)</h2>\n<table class=\"packs\">\n<thead><tr><th>\(w.l.pack.capitalizedFirst)</th><th>\(w.l.title.capitalizedFirst)</th><th class=\"n\">\(w.rules)</th></tr></thead>\n<tbody>\n"
        for id in packIDs(set) {
            let title = set.packs.first { $0.id == id }?.title.text(lang) ?? ""
            body += "<tr><td><a href=\"packs/\(fileName(id)).html\"><code>\(esc(id))</code></a></td><td>\(esc(title))</td><td class=\"n\">\(set.rules.filter { $0.pack == id }.count)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n<h2>\(w.rules)</h2>\n" + ruleTable(set.rules, root: "", w, lang)
        return page(title: w.catalogue, root: "", w, body: body)
    }

    static func ruleTable(_ rules: [Rule], root: String, _ w: Words, _ lang: String?) -> String {
        var out = "<table class=\"rules\">\n<thead><tr><th>\(w.l.rule.capitalizedFirst)</th><th>\(w.l.title.capitalizedFirst)</th><th>\(w.l.principle.capitalizedFirst)</th><th>\(w.l.severity.capitalizedFirst)</th><th>\(w.l.pack.capitalizedFirst)</th></tr></thead>\n<tbody>\n"
        for rule in rules {
            out += "<tr class=\"sev-\(rule.severity.rawValue)\"><td><a href=\"\(root)rules/\(fileName(rule.id)).html\"><code>\(esc(rule.id))</code></a></td><td>\(esc(rule.title.text(lang)))</td><td>\(esc(w.l.principleName(rule.principle)))</td><td>\(esc(w.l.severityName(rule.severity)))</td><td><a href=\"\(root)packs/\(fileName(rule.pack)).html\">\(esc(rule.pack))</a></td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func pack(_ id: String, _ set: RuleSet, _ w: Words, _ lang: String?) -> String {
        let info = set.packs.first { $0.id == id }
        let title = info?.title.text(lang) ?? ""
        var body = "<h1><code>\(esc(id))</code>\(title.isEmpty ? "" : " — " + esc(title))</h1>\n<dl>\n"
        if let info {
            body += "<dt>\(w.file)</dt><dd><code>\(esc(info.file))</code></dd>\n"
            if !info.serviceKinds.isEmpty {
                body += "<dt>\(w.l.serviceKinds.capitalizedFirst)</dt><dd>\(info.serviceKinds.map { "<code>\(esc($0))</code>" }.joined(separator: ", "))</dd>\n"
            }
        }
        body += "</dl>\n<h2>\(w.rules)</h2>\n" + ruleTable(set.rules.filter { $0.pack == id }, root: "../", w, lang)
        return page(title: "\(id) — \(w.catalogue)", root: "../", w, body: body)
    }

    /// The article index: each code article any rule cites, with the rules that cite it; then
    /// the references that name no code article (case law, decrees, notes), with theirs.
    static func articles(_ set: RuleSet, _ w: Words, _ lang: String?) -> String {
        var byArticle: [LegalReference.Article: [Rule]] = [:]
        var others: [String: [Rule]] = [:]
        for rule in set.rules {
            for text in references(of: rule) {
                let reference = LegalReference(text)
                if reference.articles.isEmpty {
                    if !(others[text]?.contains { $0.id == rule.id } ?? false) { others[text, default: []].append(rule) }
                }
                for article in reference.articles where !(byArticle[article]?.contains { $0.id == rule.id } ?? false) {
                    byArticle[article, default: []].append(rule)
                }
            }
        }
        var body = "<h1>\(w.byArticle)</h1>\n<p>\(w.articleIntro)</p>\n"
        let sorted = byArticle.keys.sorted()
        body += "<p class=\"toc\">" + sorted.map { "<a href=\"#\($0.anchor)\">\(esc($0.key))</a>" }.joined(separator: " · ") + "</p>\n"
        for article in sorted {
            body += "<section class=\"article\" id=\"\(article.anchor)\">\n<h2>\(esc(article.key))</h2>\n"
            body += "<p><a class=\"legifrance\" href=\"\(esc(LegalReference.searchURL(article)))\">\(w.searchLegifrance)</a></p>\n<ul>\n"
            for rule in byArticle[article] ?? [] {
                body += "<li><a href=\"rules/\(fileName(rule.id)).html\"><code>\(esc(rule.id))</code></a> — \(esc(rule.title.text(lang)))</li>\n"
            }
            body += "</ul>\n</section>\n"
        }
        if !others.isEmpty {
            body += "<h2 id=\"other-references\">\(w.otherReferences)</h2>\n<table class=\"references\">\n<thead><tr><th>\(w.l.references.capitalizedFirst)</th><th>\(w.rules)</th></tr></thead>\n<tbody>\n"
            for text in others.keys.sorted() {
                body += "<tr><td>\(esc(text))</td><td>" + (others[text] ?? []).map { "<a href=\"rules/\(fileName($0.id)).html\"><code>\(esc($0.id))</code></a>" }.joined(separator: ", ") + "</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        return page(title: "\(w.byArticle) — \(w.catalogue)", root: "", w, body: body)
    }

    static let css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 1.5rem auto; max-width: 64rem; padding: 0 1rem; line-height: 1.45; }
        nav { font-size: .9rem; margin-bottom: 1rem; }
        h1 { font-size: 1.5rem; } h2 { border-bottom: 2px solid #ccc; padding-bottom: .2rem; margin-top: 1.8rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        dt { font-weight: bold; } dd { margin: 0; }
        table { border-collapse: collapse; margin: .4rem 0 1rem; width: 100%; }
        th, td { border: 1px solid #ccc; padding: .25rem .45rem; text-align: left; vertical-align: top; }
        thead th { background: #f2f2f2; }
        td.n, th.n { text-align: right; width: 5rem; }
        tr.sev-error td:nth-child(4) { color: #b71c1c; font-weight: bold; }
        tr.sev-warning td:nth-child(4) { color: #8a5a00; font-weight: bold; }
        code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88em; }
        pre { background: #f6f6f6; border: 1px solid #ddd; padding: .5rem; overflow-x: auto; white-space: pre-wrap; }
        .note { font-size: .88rem; color: #444; }
        section.example { border-left: 4px solid #ddd; padding-left: .8rem; margin: 1rem 0; }
        @media print { nav { display: none; } body { max-width: none; margin: 0; } }

        """
}
