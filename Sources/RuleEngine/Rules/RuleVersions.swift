/// Reading a rule's dated versions (`versions:`): each version names the keys it changes, and
/// is read as the whole rule with those keys replaced, so a version may change anything a rule
/// says — parameters, severity, message, references, even the expression — and is checked as
/// thoroughly as a rule.
///
/// ```yaml
/// versions:
///   - {id: before-reform, until: 2021-08-31, source: "CSP R2324-43 avant le décret 2021-1131",
///      params: {walking_per_adult: 8}}
///   - {id: reform, from: 2021-09-01, source: "décret n° 2021-1131 du 30 août 2021"}
/// ```
extension RuleLoader {
    /// The keys of a version besides the rule keys it changes.
    static let versionKeys = ["id", "from", "until", "source"]
    /// Rule keys a version may not change: what the rule is, and its own dates.
    static let fixedKeys: Set<String> = ["id", "kind", "versions", "valid_from", "valid_until", "service_kinds", "exceptions"]

    /// The versions of the rule read from `base` (whose other keys are already checked), in
    /// date order. A version without `until` lasts until the day before the next one's `from`.
    static func readVersions(_ node: YAMLNode, base: YAMLNode, ruleID: String, kindKeys: [String],
                             pack: PackInfo, _ r: inout MappingReader) -> [RuleVersion] {
        guard let items = node.items, !items.isEmpty else {
            r.report(.error(at: node.location, "'versions' of rule '\(ruleID)' must be a non-empty list of versions ({from: DATE, until: DATE, source: …, and the keys the version changes})"))
            return []
        }
        let changeable = (commonKeys + kindKeys).filter { !fixedKeys.contains($0) }
        var versions: [RuleVersion] = []
        for item in items {
            var vr = MappingReader(item, what: "a version of rule '\(ruleID)'")
            guard let pairs = item.pairs else {
                r.report(.error(at: item.location, "a version of rule '\(ruleID)' is a mapping ({from: DATE, …}), found a \(item.kindName)"))
                continue
            }
            let from = vr.optional("from").flatMap { date($0, "from", &vr) }
            let until = vr.optional("until").flatMap { date($0, "until", &vr) }
            let source = vr.string("source")
            let label = vr.string("id")
            vr.allow(changeable)
            for pair in pairs {
                if let key = pair.key.keyText, fixedKeys.contains(key), !versionKeys.contains(key) {
                    vr.report(.error(at: pair.key.location, "a version of rule '\(ruleID)' may not change '\(key)'; make a new rule instead"))
                }
            }
            if from == nil && until == nil && vr.diagnostics.isEmpty {
                vr.report(.error(at: item.location, "a version of rule '\(ruleID)' needs 'from' or 'until' (its first or last day)"))
            }
            if let from, let until, until < from, let at = item["until"] {
                vr.report(.error(at: at.location, "'until' is before 'from' in a version of rule '\(ruleID)'"))
            }
            let changes = pairs.compactMap(\.key.keyText).filter { !versionKeys.contains($0) }
            let errors = vr.finish()
            r.report(contentsOf: errors)
            guard errors.isEmpty else { continue }
            var merged = base
            merged.value = .mapping(patched(base, with: pairs.filter { !versionKeys.contains($0.key.keyText ?? "") }))
            var mr = MappingReader(merged, what: "a rule")
            let rule = readRule(&mr, pack: pack)
            let ruleErrors = mr.finish()
            r.report(contentsOf: ruleErrors)
            guard var rule, ruleErrors.isEmpty else { continue }
            rule.location = item.location
            let id = label ?? from?.iso ?? "until-\(until?.iso ?? "?")"
            versions.append(RuleVersion(id: id, from: from, until: until, source: source, changes: changes,
                                        location: item.location, rule: rule))
        }
        // Versions are written in date order; an open end runs to the next version's start.
        for i in versions.indices.dropFirst() {
            let (prev, next) = (versions[i - 1], versions[i])
            guard let nextFrom = next.from, let prevStart = prev.from ?? prev.until, prevStart < nextFrom else {
                r.report(.error(at: next.location, "versions of rule '\(ruleID)' must be in date order, each with a 'from' after the previous version's"))
                return []
            }
            if prev.until == nil { versions[i - 1].until = CivilDate(daysSinceEpoch: nextFrom.daysSinceEpoch - 1) }
        }
        for (a, b) in zip(versions, versions.dropFirst()) {
            if let until = a.until, let from = b.from, from <= until {
                r.report(.error(at: b.location, "version '\(b.id)' of rule '\(ruleID)' starts on \(from.iso), before version '\(a.id)' ends (\(until.iso)): two versions would be in force at once"))
            }
        }
        return versions
    }

    /// `base`'s pairs with the version's replacing those of the same key (and `params`
    /// replaced parameter by parameter), without `versions`.
    static func patched(_ base: YAMLNode, with changes: [YAMLPair]) -> [YAMLPair] {
        var pairs = (base.pairs ?? []).filter { $0.key.keyText != "versions" }
        for change in changes {
            let key = change.key.keyText
            guard let i = pairs.firstIndex(where: { $0.key.keyText == key }) else {
                pairs.append(change)
                continue
            }
            if key == "params", let old = pairs[i].value.pairs, let new = change.value.pairs {
                var params = old
                for p in new {
                    if let j = params.firstIndex(where: { $0.key.keyText == p.key.keyText }) { params[j] = p } else { params.append(p) }
                }
                pairs[i].value.value = .mapping(params)
            } else {
                pairs[i] = change
            }
        }
        return pairs
    }
}
