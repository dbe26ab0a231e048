import Foundation

/// What `spp-check explain` adds about a rule's governance: each parameter's nature and the
/// derogations the law allows, the exceptions, every dated version, and — with a plan — which
/// layer set each parameter value.
enum RuleGovernanceText {
    /// ` · legal floor` / ` · local choice of …`, and ` · derogations: art-19 ≤ 26 (…)`.
    static func nature(_ p: RuleParam) -> String {
        var out = ""
        switch p.nature {
        case .legalFloor?: out += " · legal floor"
        case .legalCeiling?: out += " · legal ceiling"
        case .local?: out += " · local choice" + (p.authority.map { " of \($0)" } ?? "")
        case nil: break
        }
        for d in p.derogations {
            let bound = [d.minimum.map { "≥ \(numberText($0))" }, d.maximum.map { "≤ \(numberText($0))" }].compactMap { $0 }.joined(separator: ", ")
            out += " · derogation '\(d.id)' \(bound) (\(d.basis))"
        }
        return out
    }

    /// The versions and exceptions sections; empty for a rule with neither.
    static func sections(_ rule: Rule) -> String {
        var out = ""
        if !rule.exceptions.isEmpty {
            out += "\nExceptions the law allows:\n"
            for e in rule.exceptions { out += "  \(e.id) — \(e.basis)\n" }
        }
        if !rule.versions.isEmpty {
            out += "\nVersions:\n"
            for v in rule.versions {
                out += "  \(v.id): \(v.datesText)"
                out += v.changes.isEmpty ? "" : " — changes \(v.changes.joined(separator: ", "))"
                out += "\n"
                if let source = v.source { out += "      \(source)\n" }
                for p in v.rule.params where v.changes.contains("params") {
                    if let base = rule.params.first(where: { $0.name == p.name }), base.defaultValue.displayText == p.defaultValue.displayText,
                       base.boundsText == p.boundsText { continue }
                    out += "      \(p.name) = \(p.defaultValue.displayText)\(p.boundsText.map { " [\($0)\(p.basis.map { ", \($0)" } ?? "")]" } ?? "")\n"
                }
            }
        }
        return out
    }

    /// `Parameters for this plan:` — each parameter's value and the layer that set it.
    static func planSection(_ rule: Rule, settings: [String: ParamSetting]) -> String {
        var out = "\nParameters for this plan:\n"
        if rule.params.isEmpty { out += "  none\n" }
        for p in rule.params {
            if let s = settings[p.name] {
                out += "  \(s.text)\n"
            } else {
                out += "  \(p.name) = \(p.defaultValue.displayText) (standard, \(rule.pack))\n"
            }
        }
        // The unit layer (keyed `name@unit` by `settings(plan:rules:)`): for those units only.
        let units = settings.values.filter { $0.layer == .unit }.sorted { ($0.unit ?? "", $0.name) < ($1.unit ?? "", $1.name) }
        if !units.isEmpty { out += "  for some units only:\n" }
        for s in units { out += "    \(s.text)\n" }
        return out
    }
}

extension RuleExplanation {
    /// `text(rule)` and, for a plan, which layer set each parameter (`explain --plan`).
    public static func text(_ rule: Rule, lang: String? = nil, examples: [Location] = [],
                            settings: [String: ParamSetting]) -> String {
        text(rule, lang: lang, examples: examples) + RuleGovernanceText.planSection(rule, settings: settings)
    }

    /// The settings a plan's layers give, for `explain --plan`.
    /// - Throws: `DiagnosticList` for a bad plan or override.
    public static func settings(plan path: String, rules: RuleSet) throws -> [String: [String: ParamSetting]] {
        let data = try PlanLoader.load(planPath: path, extraRosters: [], csvSeparator: nil)
        let folder = (path as NSString).deletingLastPathComponent
        var claims: [ExceptionClaim] = []
        var warnings: [Diagnostic] = []
        var units: UnitParamSettings = [:]
        var out = try ParamLayers.resolve(data.plan, rules: rules, at: data.plan.period.start,
            inForce: { VersionParts.judging($0, period: data.plan.period, asOf: nil) },
            read: { p in
                let file = p.hasPrefix("/") || folder.isEmpty ? p : (folder as NSString).appendingPathComponent(p)
                return (file, try YAMLLoader.readFile(file, limits: YAMLLoader.Limits()))
            }, claims: &claims, warnings: &warnings, units: &units)
        // The unit layer's values join their rule's, keyed `name@unit` (`planSection` lists them).
        for (rule, byUnit) in units {
            for (unit, values) in byUnit {
                for (name, s) in values { out[rule, default: [:]]["\(name)@\(unit)"] = s }
            }
        }
        return out
    }
}
