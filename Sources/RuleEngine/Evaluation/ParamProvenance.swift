/// Which layer set every parameter value a run used, once per rule rather than per finding:
/// a national report has ten thousand findings, most of them judged with the standard pack's
/// defaults, and repeating those on each would grow the report for nothing. The report's
/// `run.params` lists, for each rule evaluated, each parameter's value and its layer; a
/// finding's own `params` still details the values set above the standard pack.
public struct ParamUsed: Sendable, Hashable {
    public var name: String
    /// The value as the rule reads it (`Value.displayText`).
    public var value: String
    public var layer: ParamLayer
    /// For a standard value of a rule with dated versions: the version whose default it is
    /// (a rule judged in parts lists one value per version in force over the period).
    public var version: String?
    /// For a value of the unit layer: the unit it judges.
    public var unit: String? = nil
}

enum ParamProvenance {
    /// The values each evaluated rule ran with, by rule id, in the rules' order of parameters.
    ///
    /// - Parameters:
    ///   - rules: the rules evaluated (`report.evaluated` names them).
    ///   - settings: the values set above the standard pack (`ParamLayers.resolve`).
    ///   - judging: the versions of a rule that judged the run, with their ids (one, nil, for
    ///     a rule without versions).
    ///   - units: the unit layer's values, listed after the value the other units run with.
    static func used(_ rules: [Rule], evaluated: [String], settings: [String: [String: ParamSetting]],
                     units: UnitParamSettings = [:], judging: (Rule) -> [(id: String?, rule: Rule)]) -> [String: [ParamUsed]] {
        let wanted = Set(evaluated)
        var out: [String: [ParamUsed]] = [:]
        for rule in rules where wanted.contains(rule.id) {
            let set = settings[rule.id] ?? [:]
            var list: [ParamUsed] = []
            let versions = judging(rule)
            let byUnit = (units[rule.id] ?? [:]).sorted { $0.key < $1.key }
            for p in rule.params {
                defer {
                    for (unit, values) in byUnit {
                        if let s = values[p.name] { list.append(ParamUsed(name: p.name, value: s.value.displayText, layer: .unit, unit: unit)) }
                    }
                }
                if let s = set[p.name] {
                    list.append(ParamUsed(name: p.name, value: s.value.displayText, layer: s.layer))
                    continue
                }
                // The standard value: the version's own default where the rule has versions.
                var seen: Set<String> = []
                for v in versions {
                    let value = (v.rule.params.first { $0.name == p.name } ?? p).defaultValue.displayText
                    guard versions.count == 1 || seen.insert(value).inserted else { continue }
                    list.append(ParamUsed(name: p.name, value: value, layer: .standard, version: v.id))
                }
            }
            if !list.isEmpty { out[rule.id] = list }
        }
        return out
    }

    /// The versions of `rule` that judge a run over `period` (all in force over part of it,
    /// or the one in force at `asOf`), with their ids.
    static func judging(_ rule: Rule, period: Period, asOf: CivilDate?) -> [(id: String?, rule: Rule)] {
        guard !rule.versions.isEmpty else { return [(nil, rule)] }
        if let asOf { return [(rule.version(at: asOf)?.id, rule.inForce(at: asOf))] }
        let last = CivilDate(daysSinceEpoch: period.end.daysSinceEpoch - 1)
        return rule.versions.filter { v in
            (v.from.map { $0 <= last } ?? true) && (v.until.map { $0 >= period.start } ?? true)
        }.map { ($0.id, $0.rule) }
    }
}
