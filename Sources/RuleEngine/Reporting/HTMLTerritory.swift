/// The HTML report's territory section (`TerritoryMap`): a sorted table of communes with their
/// first-engine time, target and gap, a bar chart of the time beyond target, and a commune × hour
/// heat table of the worst communes. Inline SVG and CSS, no script.
extension HTMLReporter {
    /// The section's own words, French or English.
    struct TerritoryLabels {
        var title, intro, commune, population, risk, measure, target, gap, beyond, chart, heat, heatIntro: String
        var noneStaffed, within, over, nobody, notPromised, more, unmeasured, allWithin: String

        static let en = TerritoryLabels(
            title: "Territory: response time per commune",
            intro: "For each commune, the worst time for the first engine to arrive over the promised hours (the fastest unit staffed at each instant, by the travel-time table), against the response-time target of its risk level (the SDACR), and the time spent beyond it. Worst communes first.",
            commune: "commune", population: "population", risk: "risk", measure: "worst first engine",
            target: "target", gap: "gap", beyond: "hours beyond target", chart: "Hours beyond target, by commune",
            heat: "Hour by hour: the worst communes",
            heatIntro: "Each cell is the worst first-engine time seen in that hour of the day over the period.",
            noneStaffed: "no unit staffed", within: "within target", over: "beyond target", nobody: "no unit of the table staffed",
            notPromised: "nothing promised", more: "more communes measured, all within target or further down",
            unmeasured: "communes could not be measured (no risk level, target or travel time): see the findings",
            allWithin: "Every measured commune is reached within its target at every promised hour.")

        static let fr = TerritoryLabels(
            title: "Territoire : délai d'arrivée des secours par commune",
            intro: "Pour chaque commune, le pire délai d'arrivée du premier engin sur les heures promises (l'unité armée la plus rapide à chaque instant, d'après le tableau des temps de trajet), face à l'objectif de son niveau de risque (le SDACR), et le temps passé au-delà. Les communes les moins bien couvertes d'abord.",
            commune: "commune", population: "population", risk: "risque", measure: "pire premier engin",
            target: "objectif", gap: "écart", beyond: "heures au-delà de l'objectif", chart: "Heures au-delà de l'objectif, par commune",
            heat: "Heure par heure : les communes les moins bien couvertes",
            heatIntro: "Chaque case donne le pire délai du premier engin observé à cette heure de la journée sur la période.",
            noneStaffed: "aucune unité armée", within: "dans l'objectif", over: "au-delà de l'objectif", nobody: "aucune unité du tableau armée",
            notPromised: "rien de promis", more: "autres communes mesurées, dans l'objectif ou moins en retard",
            unmeasured: "communes n'ont pu être mesurées (risque, objectif ou temps de trajet manquant) : voir les constats",
            allWithin: "Chaque commune mesurée est atteinte dans son objectif à chaque heure promise.")

        static func `for`(_ lang: String) -> TerritoryLabels { lang == "fr" ? fr : en }
    }

    /// Rows of the table and bars of the chart.
    static let territoryRows = 25

    static func territorySection(_ map: TerritoryMap?, _ h: HTMLLabels) -> String {
        guard let map else { return "" }
        let t = TerritoryLabels.for(h.lang)
        let colon = h.lang == "fr" ? " :" : ":"
        var out = "<section id=\"territory\" data-rule=\"\(esc(map.rule))\">\n<h2>\(esc(t.title))</h2>\n"
        out += "<style>\n#territory td.gap.over{color:#b00020;font-weight:600}#territory .bar{fill:#c62828}"
            + "#territory .tl{font:11px sans-serif;fill:#333}#territory table.heat td{width:1.6em;text-align:center;font-size:11px;padding:2px 0}"
            + "#territory .h-in{background:#c8e6c9}#territory .h-over{background:#ef9a9a}#territory .h-none{background:#b71c1c;color:#fff}"
            + "#territory .h-off{background:#eee;color:#999}#territory .sw{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}\n</style>\n"
        out += "<p>\(esc(t.intro))</p>\n"
        if map.unmeasured > 0 { out += "<p class=\"note\">\(map.unmeasured) \(esc(t.unmeasured)).</p>\n" }
        let shown = Array(map.rows.prefix(territoryRows))
        func minutes(_ m: Double?) -> String { m.map { minutesText($0) + " min" } ?? t.noneStaffed }
        out += "<table class=\"territory\">\n<thead><tr><th>\(esc(t.commune.capitalizedFirst))</th><th class=\"n\">\(esc(t.population.capitalizedFirst))</th>"
            + "<th>\(esc(t.risk.capitalizedFirst))</th><th class=\"n\">\(esc(t.measure.capitalizedFirst))</th><th class=\"n\">\(esc(t.target.capitalizedFirst))</th>"
            + "<th class=\"n\">\(esc(t.gap.capitalizedFirst))</th><th class=\"n\">\(esc(t.beyond.capitalizedFirst))</th></tr></thead>\n<tbody>\n"
        for r in shown {
            let over = r.beyondSeconds > 0
            let gap = r.worstMinutes == nil ? "—" : (r.gap > 0 ? "+" : "") + minutesText(r.gap) + " min"
            out += "<tr data-commune=\"\(esc(r.insee))\" data-beyond-seconds=\"\(r.beyondSeconds)\"><td><code>\(esc(r.insee))</code>\(r.name.map { " " + esc($0) } ?? "")</td>"
                + "<td class=\"n\">\(r.population.map(String.init) ?? "?")</td><td>\(esc(r.risk))</td><td class=\"n\">\(esc(minutes(r.worstMinutes)))</td>"
                + "<td class=\"n\">\(esc(minutesText(r.target))) min</td><td class=\"n gap\(over ? " over" : "")\">\(esc(gap))</td>"
                + "<td class=\"n\">\(KindTime.hours(r.beyondSeconds))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if map.rows.count > shown.count { out += "<p class=\"note\">\(map.rows.count - shown.count) \(esc(t.more)).</p>\n" }
        let bars = shown.filter { $0.beyondSeconds > 0 }
        guard !bars.isEmpty else { return out + "<p>\(esc(t.allWithin))</p>\n</section>\n" }

        // The bar chart: hours beyond target, one bar per commune, scaled to the longest.
        let longest = Double(bars.map(\.beyondSeconds).max() ?? 1)
        let label = 150, width = 640, row = 18
        let height = bars.count * row + 4
        out += "<figure class=\"territory-chart\">\n<figcaption>\(esc(t.chart))</figcaption>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(esc(t.chart))\">\n"
        for (i, r) in bars.enumerated() {
            let y = i * row + 2
            let w = max(1, Int(Double(width - label - 70) * Double(r.beyondSeconds) / longest))
            let name = r.insee + (r.name.map { " " + $0 } ?? "")
            out += "<text x=\"0\" y=\"\(y + 12)\" class=\"tl\">\(esc(String(name.prefix(22))))</text>"
            out += "<rect x=\"\(label)\" y=\"\(y)\" width=\"\(w)\" height=\"\(row - 4)\" class=\"bar\" data-commune=\"\(esc(r.insee))\"><title>\(esc(name))\(colon) \(KindTime.hours(r.beyondSeconds)) h</title></rect>"
            out += "<text x=\"\(label + w + 4)\" y=\"\(y + 12)\" class=\"tl\">\(KindTime.hours(r.beyondSeconds)) h</text>\n"
        }
        out += "</svg>\n</figure>\n"

        // The heat table: the worst communes × the 24 hours of the day.
        let heat = map.rows.filter { !$0.hours.isEmpty }
        guard !heat.isEmpty else { return out + "</section>\n" }
        out += "<h3>\(esc(t.heat))</h3>\n<p>\(esc(t.heatIntro))</p>\n"
        out += "<ul class=\"legend\"><li><span class=\"sw h-in\"></span>\(esc(t.within))</li><li><span class=\"sw h-over\"></span>\(esc(t.over))</li>"
            + "<li><span class=\"sw h-none\"></span>\(esc(t.nobody))</li><li><span class=\"sw h-off\"></span>\(esc(t.notPromised))</li></ul>\n"
        out += "<table class=\"heat\">\n<thead><tr><th>\(esc(t.commune.capitalizedFirst))</th>"
        for hour in 0..<24 { out += "<th>\(hour)</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for r in heat {
            out += "<tr data-commune=\"\(esc(r.insee))\"><th><code>\(esc(r.insee))</code> (\(esc(minutesText(r.target))) min)</th>"
            for (hour, cell) in r.hours.enumerated() {
                let state: String, text: String, title: String
                switch cell {
                case nil: (state, text, title) = ("off", "", t.notPromised)
                case .some(let m) where m.isInfinite: (state, text, title) = ("none", "×", t.nobody)
                case .some(let m): (state, text, title) = (m > r.target ? "over" : "in", minutesText(m), "\(minutesText(m)) min")
                }
                out += "<td class=\"h-\(state)\" data-hour=\"\(hour)\" data-state=\"\(state)\" title=\"\(esc(r.insee)) \(hour):00\(colon) \(esc(title))\">\(text)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }
}
