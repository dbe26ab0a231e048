/// The `--format html` review report, for a council reviewing a service: one self-contained
/// file (inline CSS and SVG, no script, no network, no web font) that reads on screen and
/// printed. It holds the service and run facts, a summary per principle, a coverage map (see
/// `CoverageMap`), the findings grouped by principle and unit, the waivers in force and those
/// expired or unused, and the rules used with their references.
///
/// Every text that comes from data or rules is escaped: rosters are untrusted input.
public enum HTMLReporter {
    /// The most findings listed per principle × unit group, and per principle; the others are
    /// counted and left to JSON and SARIF, so that a printed review stays short and one noisy
    /// rule cannot hide the other principles.
    public static let maxFindingsPerGroup = 10
    public static let maxFindingsPerPrinciple = 150

    /// The report of `input`, with `coverage` drawn when given (it needs the service's data,
    /// which a bare `ReportInput` does not hold).
    public static func render(_ input: ReportInput, coverage: CoverageMap? = nil, territory: TerritoryMap? = nil) -> String {
        let h = HTMLLabels.for(input.labels.lang)
        let l = input.labels
        let report = input.report
        var out = "<!DOCTYPE html>\n<html lang=\"\(h.lang)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(esc(h.reportTitle))\(input.run.plan.map { " — " + esc(input.displayPath($0)) } ?? "")</title>\n"
        out += "<style>\n\(css)</style>\n</head>\n<body>\n"

        // The verdict first, tied to --fail-on as the exit status is; colours follow it.
        let verdict = ReviewVerdict(input)
        out += "<header>\n<h1>\(esc(h.reportTitle))</h1>\n"
        out += "<p class=\"verdict \(verdict.state.rawValue)\" data-state=\"\(verdict.state.rawValue)\">\(esc(verdict.headline(l).capitalizedFirst))</p>\n"
        out += "<p>\(esc(TextReporter.summaryLine(report, labels: l)))</p>\n"
        out += completeListLine(input, h) + "</header>\n"
        out += fixFirstSection(verdict, input, l, h)
        out += "<section id=\"facts\">\n<h2>\(esc(h.facts))</h2>\n<dl>\n"
        var facts: [(String, String)] = []
        if let plan = input.run.plan { facts.append((h.plan, input.displayPath(plan))) }
        if let asOf = input.run.asOf { facts.append((h.asOf, asOf.iso)) }
        if !input.run.packs.isEmpty { facts.append((h.packs, input.run.packs.joined(separator: ", "))) }
        facts.append((h.rulesEvaluated, "\(report.evaluated.count)"))
        facts.append((h.results, "\(Outcome.allCases.reduce(0) { $0 + (report.outcomes[$1] ?? 0) })"))
        facts.append((h.language, h.lang))
        facts.append((h.tool, "spp-check \(RunInfo.toolVersion)"))
        for (k, v) in facts { out += "<dt>\(esc(k.capitalizedFirst))</dt><dd>\(esc(v))</dd>\n" }
        out += "</dl>\n</section>\n"

        out += summary(input, l, h)
        out += coverageSection(coverage, h)
        out += territorySection(territory, h)
        out += findingsSection(input, l, h)
        out += waiversSection(report, l, h, input)
        out += catalogueSection(input, l, h)
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: Sections

    /// Where the complete list of findings is: a link to the JSON (or SARIF) report written by
    /// the same run, or how to get one.
    static func completeListLine(_ input: ReportInput, _ h: HTMLLabels) -> String {
        if let path = input.links[.json] ?? input.links[.sarif] {
            return "<p class=\"complete\">\(esc(h.completeList)) <a href=\"\(esc(path))\">\(esc(path))</a></p>\n"
        }
        // With no finding at all, there is no list to complete.
        guard input.report.findings.contains(where: \.isActive) else { return "" }
        return "<p class=\"complete\">\(esc(h.completeListHow))</p>\n"
    }

    /// The most rules the fix-first table lists; rules with a blocking finding are never left out.
    public static let maxFixFirstRows = 30

    /// One row per rule with findings, blocking rules first, then by severity and count: how
    /// many findings, principle and references, one example with its place and its fix.
    static func fixFirstSection(_ verdict: ReviewVerdict, _ input: ReportInput, _ l: Labels, _ h: HTMLLabels) -> String {
        guard !verdict.rows.isEmpty else { return "" }
        var out = "<section id=\"fix-first\">\n<h2>\(esc(verdict.state == .blocked ? h.fixFirst : h.reviewFirst))</h2>\n<table class=\"fix-first\">\n"
        out += "<thead><tr><th class=\"rank\">#</th><th>\(esc(l.rule.capitalizedFirst))</th><th class=\"n\">\(esc(l.findings.capitalizedFirst))</th>"
            + "<th>\(esc(h.example.capitalizedFirst))</th></tr></thead>\n<tbody>\n"
        let rows = verdict.rows.enumerated().filter { $0.offset < maxFixFirstRows || $0.element.blocking }
        for (i, row) in rows {
            let f = row.example
            out += "<tr class=\"sev-\(row.severity.rawValue)\(row.blocking ? " blocking" : "")\" data-rule=\"\(esc(row.rule))\">"
            out += "<td class=\"rank\">\(i + 1)</td>"
            out += "<td><code>\(esc(row.rule))</code><br><span class=\"title\">\(esc(row.title))</span>"
            out += "<div class=\"refs\">\(esc(l.principle.capitalizedFirst))\(h.lang == "fr" ? " :" : ":") \(esc(l.principleName(row.principle)))"
            if !row.references.isEmpty { out += " · " + row.references.map(esc).joined(separator: " ; ") }
            out += "</div></td>"
            let counted = row.severity == .info ? "\(row.count) info" : l.count(row.count, l.severityName(row.severity))
            var count = "<strong>\(esc(counted))</strong>"
            if row.blocking { count += "<br><span class=\"block\">\(esc(h.blocking))</span>" }
            if row.indeterminate > 0 { count += "<br><span class=\"title\">\(row.indeterminate) \(esc(l.indeterminate))</span>" }
            out += "<td class=\"n\">\(count)</td><td>"
            if let loc = f.location { out += "<code>\(esc(input.displayPath(loc.file))):\(loc.line):\(loc.column)</code><br>" }
            out += esc(f.message)
            var details: [String] = []
            let colon = h.lang == "fr" ? " :" : ":"
            if let m = f.measured { details.append("\(l.measured)\(colon) \(m)") }
            if let e = f.expected { details.append("\(l.expected)\(colon) \(e)") }
            if !f.missing.isEmpty { details.append("\(l.missing)\(colon) \(f.missing.joined(separator: ", "))") }
            if !details.isEmpty { out += "<div class=\"details\">" + details.map(esc).joined(separator: " · ") + "</div>" }
            if let fix = f.fix { out += "<div class=\"fix\">\(esc(l.fix.capitalizedFirst))\(h.lang == "fr" ? " :" : ":") \(esc(fix))</div>" }
            out += "</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if rows.count < verdict.rows.count {
            out += "<p class=\"note\">\(verdict.rows.count - rows.count) \(esc(h.moreRules)).</p>\n"
        }
        return out + "</section>\n"
    }

    static func summary(_ input: ReportInput, _ l: Labels, _ h: HTMLLabels) -> String {
        let report = input.report
        // A count is red only when it blocks (as the exit status), amber when it is to review.
        var blocking = Set<Principle>(), toReview = Set<Principle>()
        for f in report.findings where f.isActive {
            if input.blocks(f) { blocking.insert(f.principle) } else { toReview.insert(f.principle) }
        }
        var out = "<section id=\"summary\">\n<h2>\(esc(h.summary))</h2>\n<table>\n"
        out += "<thead><tr><th>\(esc(l.principle.capitalizedFirst))</th><th class=\"n\">\(esc(l.pass.capitalizedFirst))</th>"
            + "<th class=\"n\">\(esc(l.fail.capitalizedFirst))</th><th class=\"n\">\(esc(l.indeterminate.capitalizedFirst))</th></tr></thead>\n<tbody>\n"
        for principle in report.outcomesByPrinciple.keys.sorted() {
            let c = report.outcomesByPrinciple[principle] ?? [:]
            let mark = blocking.contains(principle) ? " bad" : (toReview.contains(principle) ? " warn" : "")
            out += "<tr data-principle=\"\(esc(principle.id))\"><td>\(esc(l.principleName(principle)))</td><td class=\"n\">\(c[.pass] ?? 0)</td>"
                + "<td class=\"n\(c[.fail] ?? 0 > 0 ? mark : "")\">\(c[.fail] ?? 0)</td><td class=\"n\">\(c[.indeterminate] ?? 0)</td></tr>\n"
        }
        let o = report.outcomes
        out += "</tbody>\n<tfoot><tr><th>\(esc(l.total.capitalizedFirst))</th><th class=\"n\">\(o[.pass] ?? 0)</th>"
            + "<th class=\"n\">\(o[.fail] ?? 0)</th><th class=\"n\">\(o[.indeterminate] ?? 0)</th></tr></tfoot>\n</table>\n"
        if !report.skipped.isEmpty {
            out += "<p>\(esc(l.notInForce.capitalizedFirst)): " + report.skipped.map { "<code>\(esc($0))</code>" }.joined(separator: ", ") + "</p>\n"
        }
        return out + "</section>\n"
    }

    static func coverageSection(_ map: CoverageMap?, _ h: HTMLLabels) -> String {
        guard let map else { return "" }
        var out = "<section id=\"coverage\">\n<h2>\(esc(h.coverage))</h2>\n"
        guard !map.units.isEmpty else { return out + "<p>\(esc(h.noCoverage))</p>\n</section>\n" }
        out += "<p>\(esc(h.coverageIntro))</p>\n"
        out += "<ul class=\"legend\">\n"
        for state in CoverageMap.State.allCases {
            out += "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect x=\"0.5\" y=\"0.5\" width=\"13\" height=\"13\" class=\"s-\(state.rawValue) swatch\"/></svg> \(esc(h.legend(state)))</li>\n"
        }
        out += "</ul>\n"
        if map.omitted > 0 { out += "<p class=\"note\">\(map.omitted) \(esc(h.omittedUnits)).</p>\n" }
        if map.withoutStaffing > 0 { out += "<p class=\"note\">\(map.withoutStaffing) \(esc(h.noStaffingUnits)).</p>\n" }
        out += "<div class=\"maps\">\n"
        for week in map.units { out += unitMap(week, h) }
        return out + "</div>\n</section>\n"
    }

    static let cellWidth = 16, cellHeight = 14, labelWidth = 34, headerHeight = 14

    /// One unit's week as an SVG grid, one `rect` per weekday × hour with its numbers in a
    /// `title` and its unit, weekday, hour and state in `data-` attributes.
    static func unitMap(_ week: CoverageMap.UnitWeek, _ h: HTMLLabels) -> String {
        let width = labelWidth + 24 * cellWidth + 1, height = headerHeight + 7 * cellHeight + 1
        let unit = esc(week.unit)
        var out = "<figure class=\"unit\" data-unit=\"\(unit)\">\n<figcaption><strong>\(unit)</strong>"
        if let name = week.name, !name.isEmpty { out += " — \(esc(name))" }
        out += " · \(KindTime.hours(week.gapSeconds)) \(esc(h.gapHours))</figcaption>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"week\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(esc(h.coverage)) \(unit)\">\n"
        for hour in stride(from: 0, to: 24, by: 3) {
            out += "<text x=\"\(labelWidth + hour * cellWidth + 1)\" y=\"10\" class=\"hl\">\(hour)h</text>"
        }
        out += "\n"
        for day in 0..<7 {
            let y = headerHeight + day * cellHeight
            out += "<text x=\"0\" y=\"\(y + 11)\" class=\"dl\">\(esc(h.weekdays[day]))</text>\n"
            for hour in 0..<24 {
                let cell = week.cell(weekday: day, hour: hour)
                let state = cell.state
                out += "<rect x=\"\(labelWidth + hour * cellWidth)\" y=\"\(y)\" width=\"\(cellWidth)\" height=\"\(cellHeight)\""
                    + " data-unit=\"\(unit)\" data-weekday=\"\(dayKeys[day])\" data-hour=\"\(hour)\" data-state=\"\(state.rawValue)\">"
                    + "<title>\(esc(title(week, cell, h)))</title></rect>\n"
            }
        }
        return out + "</svg>\n</figure>\n"
    }

    /// `data-weekday` values: stable English keys, whatever the language.
    public static let dayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `cis-x · Tue 14:00–15:00 · worst: 2 of 3 present (chef_agres) · below in 1 of 4 occurrences (1 h in all)`.
    static func title(_ week: CoverageMap.UnitWeek, _ cell: CoverageMap.Cell, _ h: HTMLLabels) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(week.unit) · \(h.weekdays[cell.weekday]) \(two(cell.hour)):00–\(two(cell.hour + 1)):00 · "
        guard cell.state != .notPromised, let p = cell.worstPresent, let r = cell.worstRequired else { return text + h.notPromised }
        let who = cell.worstPosition.map { " \($0)" } ?? ""
        text += h.lang == "fr" ? "pire : \(p) présent(s) sur \(r)\(who) requis" : "worst: \(p) of \(r)\(who) present"
        if cell.gapOccurrences > 0 {
            text += " · \(h.belowIn) \(cell.gapOccurrences) \(h.ofRequired) \(cell.promised) \(h.occurrences) (\(KindTime.hours(cell.gapSeconds)) h \(h.inAll))"
        } else {
            text += " · \(cell.promised) \(h.occurrences)"
        }
        return text
    }

    static func findingsSection(_ input: ReportInput, _ l: Labels, _ h: HTMLLabels) -> String {
        let findings = input.report.findings.filter { !$0.rule.hasPrefix("waiver.") }
        var out = "<section id=\"findings\">\n<h2>\(esc(h.findings))</h2>\n"
        guard !findings.isEmpty else { return out + "<p>\(esc(l.noFindings.capitalizedFirst)).</p>\n</section>\n" }
        // Findings come sorted by principle; within one, units in order of first appearance,
        // then the other subjects.
        var principles: [Principle] = []
        var groups: [Principle: [(key: String?, findings: [Finding])]] = [:]
        for f in findings {
            if groups[f.principle] == nil { principles.append(f.principle) }
            let key = f.subject.hasPrefix("unit:") ? String(f.subject.dropFirst(5)) : nil
            if let i = groups[f.principle, default: []].firstIndex(where: { $0.key == key }) {
                groups[f.principle]![i].findings.append(f)
            } else {
                groups[f.principle, default: []].append((key, [f]))
            }
        }
        var shown = 0
        for principle in principles {
            let inPrinciple = (groups[principle] ?? []).reduce(0) { $0 + min(maxFindingsPerGroup, $1.findings.count) }
            shown += min(inPrinciple, maxFindingsPerPrinciple)
        }
        if findings.count > shown {
            out += "<p class=\"note\">\(shown) \(esc(h.shownFindings[0])); \(findings.count - shown) \(esc(h.shownFindings[1])).</p>\n"
        }
        for principle in principles {
            var budget = maxFindingsPerPrinciple
            out += "<h3 data-principle=\"\(esc(principle.id))\">\(esc(l.principle.capitalizedFirst))\(h.lang == "fr" ? " :" : ":") \(esc(l.principleName(principle)))</h3>\n"
            // Errors before warnings wherever findings are chosen: the groups with the most
            // serious findings first (units before other subjects on a tie).
            let all = (groups[principle] ?? []).filter { $0.key != nil } + (groups[principle] ?? []).filter { $0.key == nil }
            let ordered = all.enumerated().sorted { a, b in
                let sa = worst(a.element.findings), sb = worst(b.element.findings)
                return sa != sb ? sa > sb : a.offset < b.offset
            }.map(\.element)
            for group in ordered {
                let heading = group.key.map { "\(h.unitGroup) \($0)" } ?? h.otherSubjects
                out += "<h4>\(esc(heading.capitalizedFirst)) (\(group.findings.count))</h4>\n"
                // Which rules the group's findings come from, before the first of them.
                var byRule: [(String, Int)] = []
                for f in group.findings {
                    if let i = byRule.firstIndex(where: { $0.0 == f.rule }) { byRule[i].1 += 1 } else { byRule.append((f.rule, 1)) }
                }
                if byRule.count > 1 || group.findings.count > maxFindingsPerGroup {
                    out += "<p class=\"note\">" + byRule.map { "<code>\(esc($0.0))</code> \($0.1)" }.joined(separator: " · ") + "</p>\n"
                }
                let rows = input.forDisplay(group.findings, min(maxFindingsPerGroup, budget))
                budget -= rows.count
                if rows.isEmpty {
                    out += "<p class=\"note\">… \(group.findings.count) \(esc(h.shownFindings[1])).</p>\n"
                    continue
                }
                out += "<table class=\"findings\">\n"
                out += "<thead><tr><th>\(esc(l.severity.capitalizedFirst))</th><th>\(esc(l.rule.capitalizedFirst))</th><th>\(esc(l.message.capitalizedFirst))</th></tr></thead>\n<tbody>\n"
                for f in rows { out += findingRow(f, input, l) }
                out += "</tbody>\n</table>\n"
                if group.findings.count > rows.count {
                    out += "<p class=\"note\">… \(group.findings.count - rows.count) \(esc(h.shownFindings[1])).</p>\n"
                }
            }
        }
        return out + "</section>\n"
    }

    /// The most serious severity among active findings (inactive ones rank last).
    static func worst(_ findings: [Finding]) -> Int {
        findings.map { $0.isActive ? $0.severity.rank + 1 : 0 }.max() ?? 0
    }

    static func findingRow(_ f: Finding, _ input: ReportInput, _ l: Labels) -> String {
        var severity = l.severityName(f.severity)
        if f.outcome == .indeterminate { severity += " (\(l.indeterminate))" }
        if let status = l.status(f) { severity += " (\(status))" }
        var out = "<tr class=\"sev-\(f.severity.rawValue)\(f.isActive ? "" : " inactive")\"><td>\(esc(severity))</td>"
        out += "<td><code>\(esc(f.rule))</code><br><span class=\"title\">\(esc(input.title(of: f.rule)))</span></td><td>\(esc(f.message))"
        var details: [String] = ["\(l.subject): \(f.subject)"]
        if let loc = f.location { details.append("\(l.location): \(input.displayPath(loc.file)):\(loc.line):\(loc.column)") }
        if let path = f.path { details.append("\(l.path): \(path)") }
        if let m = f.measured { details.append("\(l.measured): \(m)") }
        if let e = f.expected { details.append("\(l.expected): \(e)") }
        if !f.missing.isEmpty { details.append("\(l.missing): \(f.missing.joined(separator: ", "))") }
        out += "<div class=\"details\">" + details.map(esc).joined(separator: " · ") + "</div>"
        if let fix = f.fix { out += "<div class=\"fix\">\(esc(l.fix.capitalizedFirst)): \(esc(fix))</div>" }
        for line in input.explanations[f.fingerprint] ?? [] { out += "<div class=\"details\">\(esc(line))</div>" }
        if let w = f.waiver { out += "<div class=\"waiver\">\(esc(l.waiverLine(w)))</div>" }
        return out + "</td></tr>\n"
    }

    static func waiversSection(_ report: Report, _ l: Labels, _ h: HTMLLabels, _ input: ReportInput) -> String {
        var out = "<section id=\"waivers\">\n<h2>\(esc(h.waivers))</h2>\n"
        // One row per waiver, with the findings it covers counted.
        var inForce: [Waiver] = []
        var covered: [Waiver: Int] = [:]
        for f in report.findings {
            guard let w = f.waiver else { continue }
            if covered[w] == nil { inForce.append(w) }
            covered[w, default: 0] += 1
        }
        let notices = report.findings.filter { $0.rule == "waiver.expired" || $0.rule == "waiver.unused" }
        guard !inForce.isEmpty || !notices.isEmpty else { return out + "<p>\(esc(h.noWaivers))</p>\n</section>\n" }
        if !inForce.isEmpty {
            out += "<h3>\(esc(h.waiversInForce))</h3>\n<table>\n<thead><tr><th>\(esc(l.rule.capitalizedFirst))</th><th>\(esc(l.subject.capitalizedFirst))</th>"
                + "<th>\(esc(h.justification.capitalizedFirst))</th><th>\(esc(l.approvedBy.capitalizedFirst))</th><th>\(esc(h.expires.capitalizedFirst))</th>"
                + "<th class=\"n\">\(esc(l.findings.capitalizedFirst))</th><th>\(esc(l.location.capitalizedFirst))</th></tr></thead>\n<tbody>\n"
            for w in inForce {
                out += "<tr><td><code>\(esc(w.rule))</code></td><td><code>\(esc(w.subject))</code></td><td>\(esc(w.justification))</td>"
                    + "<td>\(esc(w.approvedBy))</td><td>\(w.expires.iso)</td><td class=\"n\">\(covered[w] ?? 0)</td>"
                    + "<td>\(esc("\(input.displayPath(w.location.file)):\(w.location.line)"))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        if !notices.isEmpty {
            out += "<h3>\(esc(h.expiredOrUnused))</h3>\n<ul>\n"
            for f in notices {
                let place = f.location.map { " [\(input.displayPath($0.file)):\($0.line)]" } ?? ""
                out += "<li data-rule=\"\(esc(f.rule))\">\(esc(f.message + place))</li>\n"
            }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    static func catalogueSection(_ input: ReportInput, _ l: Labels, _ h: HTMLLabels) -> String {
        let ids = input.report.evaluated + input.report.skipped
        var out = "<section id=\"rules\">\n<h2>\(esc(h.catalogue))</h2>\n"
        guard !ids.isEmpty else { return out + "</section>\n" }
        out += "<table class=\"rules\">\n<thead><tr><th>\(esc(l.rule.capitalizedFirst))</th><th>\(esc(l.principle.capitalizedFirst))</th>"
            + "<th>\(esc(l.severity.capitalizedFirst))</th><th>\(esc(l.title.capitalizedFirst))</th></tr></thead>\n<tbody>\n"
        let skipped = Set(input.report.skipped)
        for id in ids {
            guard let rule = input.rule(id) else {
                out += "<tr><td><code>\(esc(id))</code></td><td></td><td></td><td></td></tr>\n"
                continue
            }
            out += "<tr id=\"rule-\(esc(id))\"><td><code>\(esc(id))</code>\(skipped.contains(id) ? "<br><em>\(esc(l.notInForce))</em>" : "")</td>"
                + "<td>\(esc(l.principleName(rule.principle)))</td><td>\(esc(l.severityName(rule.severity)))</td><td>\(esc(input.title(of: id)))"
            let rationale = rule.rationale.text(input.lang)
            if !rationale.isEmpty { out += "<div class=\"details\">\(esc(rationale))</div>" }
            if !rule.references.isEmpty {
                out += "<div class=\"refs\">\(esc(l.references.capitalizedFirst)): " + rule.references.map(esc).joined(separator: " ; ") + "</div>"
            }
            if let params = input.params[id], !params.isEmpty {
                out += "<div class=\"details\">\(esc(l.params.capitalizedFirst)): " + params.map { "<code>\(esc($0.name)) = \(esc($0.value))</code>" }.joined(separator: ", ") + "</div>"
            }
            out += "</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    // MARK: Escaping and style

    /// Text safe in HTML content and in a quoted attribute.
    public static func esc(_ s: String) -> String { htmlEscapes(s) }

    private static let htmlEscapes = ScalarEscapes(
        ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"],
        // Control characters other than tab and line breaks are not allowed in HTML text.
        otherwise: { scalar -> String? in
            switch scalar {
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": "\u{FFFD}"
            default: nil
            }
        })

    /// Light colours only, so that a printout needs no dark background; gaps also get a dark
    /// outline, so that they stand out in grey print.
    static let css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin-bottom: .3rem; }
        h2 { border-bottom: 2px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
        h4 { margin: 1rem 0 .3rem; }
        .verdict { font-weight: bold; font-size: 1.1rem; padding: .4rem .6rem; border-left: 6px solid; }
        .verdict.clear { border-color: #2e7d32; background: #eef7ee; }
        .verdict.review { border-color: #b26a00; background: #fff4e0; }
        .verdict.blocked { border-color: #c62828; background: #fdecea; }
        .complete { font-size: .9rem; }
        table.fix-first td { font-size: .92rem; }
        th.rank, td.rank { text-align: right; width: 2rem; }
        tr.blocking td:first-child { border-left: 4px solid #c62828; }
        .block { color: #b71c1c; font-weight: bold; font-size: .8rem; text-transform: uppercase; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        dt { font-weight: bold; } dd { margin: 0; }
        table { border-collapse: collapse; margin: .4rem 0 1rem; width: 100%; }
        th, td { border: 1px solid #ccc; padding: .25rem .45rem; text-align: left; vertical-align: top; }
        thead th, tfoot th { background: #f2f2f2; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; width: 7rem; }
        td.bad { color: #b71c1c; font-weight: bold; }
        td.warn { color: #8a5a00; font-weight: bold; }
        tr.sev-error td:first-child { color: #b71c1c; font-weight: bold; }
        tr.sev-warning td:first-child { color: #8a5a00; font-weight: bold; }
        tr.inactive { color: #666; }
        .title, .details, .fix, .waiver, .refs, .note { font-size: .88rem; color: #444; }
        .waiver { font-style: italic; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88em; }
        .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; }
        .legend svg { vertical-align: middle; }
        .maps { display: grid; grid-template-columns: repeat(auto-fill, minmax(430px, 1fr)); gap: .8rem 1.2rem; }
        figure.unit { margin: 0; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-size: .9rem; margin-bottom: .2rem; }
        svg.week text { font-size: 9px; fill: #333; font-family: "DejaVu Sans", Arial, sans-serif; }
        rect { stroke: #fff; stroke-width: 1; }
        .s-met, rect[data-state=met] { fill: #a5d6a7; }
        .s-below, rect[data-state=below] { fill: #ffb74d; stroke: #8b1a1a; stroke-width: 1.5; }
        .s-none, rect[data-state=none] { fill: #e53935; stroke: #5a0000; stroke-width: 1.5; }
        .s-closed, rect[data-state=closed] { fill: #eeeeee; }
        rect.swatch { stroke: #777; stroke-width: 1; }
        @media print {
          body { max-width: none; margin: 0; font-size: 10pt; }
          section { break-before: page; page-break-before: always; }
          section#facts, section#fix-first { break-before: auto; page-break-before: auto; }
          .verdict.clear, .verdict.review, .verdict.blocked, thead th, tfoot th { background: none; }
          h3, h4 { break-after: avoid; page-break-after: avoid; }
          tr { break-inside: avoid; page-break-inside: avoid; }
          .maps { display: block; }
          table.findings, table.rules { font-size: 8.5pt; }
          .title, .details, .fix, .waiver, .refs, .note { font-size: 7.5pt; }
          figure.unit { display: inline-block; vertical-align: top; width: 48%; margin: 0 1% .5rem 0; }
          figure.unit svg { width: 100%; height: auto; }
          figcaption { font-size: 8pt; }
        }

        """
}
