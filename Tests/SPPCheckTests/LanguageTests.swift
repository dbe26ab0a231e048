import Foundation
import Testing

/// `--lang fr` is French all the way and `--lang en` English all the way, in every format: the
/// labels, the principle names, the weekdays in dates, the measured and expected values and the
/// reasons a result is indeterminate (which the rule kinds write). No `--lang` is English.
@Suite struct LanguageTests {
    /// Words that only English text holds (none is an id, a key or a severity keyword).
    static let english = ["missing", "cannot decide", " present", "at least", "at most", "depend on", "subject:",
                          "measured", "expected", "fix:", "rule:", "findings", "blocked", "blocking", "whether",
                          "Mon 2", "Tue 2", "Wed 2", "Thu 2", "Fri 2", "Sat 2", "Sun 2", "valid from", "not valid",
                          "worst:", "Summary", "Waivers", "to review", "no subject", "not in force", "Fix first"]
    /// Words that only French text holds (weekdays with the space before them: "proven. " is English).
    static let french = ["constat", "règle ", "règles", "sujet", "chemin", "mesuré", "attendu", "correction",
                         "manquant", "indéterminé", "présent", "affectation", "unité", "il manque", "bloqué", "bloquant",
                         " lun. ", " mar. 2", " mer. 2", " jeu. ", " ven. ", " sam. ", " dim. ", "n'est", "à examiner",
                         "Synthèse", "conforme", "aucun"]

    static let formats = ["json", "sarif", "junit", "github", "markdown", "html", "summary"]

    /// What a reader of each format sees: string values of JSON (not keys), text and attribute
    /// values of XML, the text of HTML (not tags, styles or `data-` attributes), the rest whole.
    /// References (legal citations, French in both languages) are left out.
    static func visibleText(_ format: String, _ content: String) throws -> String {
        switch format {
        case "json", "sarif":
            var out: [String] = []
            func walk(_ v: Any, key: String?) {
                if key == "references" { return }
                if let s = v as? String { out.append(s) }
                if let a = v as? [Any] { a.forEach { walk($0, key: key) } }
                if let d = v as? [String: Any] { d.forEach { walk($1, key: $0) } }
            }
            walk(try JSONSerialization.jsonObject(with: Data(content.utf8)), key: nil)
            return out.map(withoutReferences).joined(separator: "\n")
        case "html":
            var s = content.replacingOccurrences(of: #"(?s)<style>.*?</style>"#, with: "", options: .regularExpression)
            s = s.replacingOccurrences(of: #"<div class="refs">[^<]*</div>"#, with: "", options: .regularExpression)
            return s.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        default:
            return withoutReferences(content)
        }
    }

    /// Text without its references: `references: …` lines and the items under a
    /// `References:` heading (SARIF help, Markdown details).
    static func withoutReferences(_ s: String) -> String {
        var out: [Substring] = []
        var inList = false
        for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = line.lowercased()
            if l.contains("references") || l.contains("références") { inList = true; continue }
            if inList && line.hasPrefix("- ") { continue }
            inList = false
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    @Test(arguments: ["sapeurs-pompiers", "creche-parentale", "covoiturage", "patients-experts"], ["fr", "en", nil] as [String?])
    func everyFormatSpeaksOneLanguage(_ example: String, _ lang: String?) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var arguments = ["check", "Examples/\(example)/violations/plan.yaml", "--format", "text"]
        for format in Self.formats { arguments += ["--format", "\(format)=\(dir.path)/report.\(format)"] }
        if let lang { arguments += ["--lang", lang] }
        let run = try Binary.run(arguments)
        #expect(run.status == 1, "\(run.stderr)")
        let other = lang == "fr" ? Self.english : Self.french
        var outputs = ["text": run.stdout]
        for format in Self.formats {
            outputs[format] = try String(contentsOf: dir.appendingPathComponent("report.\(format)"), encoding: .utf8)
        }
        for (format, content) in outputs.sorted(by: { $0.key < $1.key }) {
            let text = try Self.visibleText(format, content)
            #expect(!text.isEmpty)
            for word in other {
                let hits = text.split(separator: "\n").filter { $0.contains(word) }
                #expect(hits.isEmpty, "\(format) --lang \(lang ?? "(none)") holds '\(word)': \(hits.first.map { String($0.prefix(300)) } ?? "")")
            }
        }
    }

    @Test func helpStatesTheOneDefaultLanguage() throws {
        let run = try Binary.run(["check", "--help"])
        #expect(run.stdout.contains("Default: en."))
        #expect(!run.stdout.contains("each rule's first language"))
    }
}
