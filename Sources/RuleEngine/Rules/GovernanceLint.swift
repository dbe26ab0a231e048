/// What `spp-check lint` checks of versions and override files, without data: versions that
/// leave a hole between them (overlaps are load errors), and override files that name an
/// unknown rule, parameter, derogation or exception, or cross a bound of any version.
public enum GovernanceLint {
    /// Warnings about the rules' versions: days between two versions when none is in force
    /// (the rule silently stops applying then).
    public static func versionWarnings(_ rules: RuleSet) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for rule in rules.rules {
            for (a, b) in zip(rule.versions, rule.versions.dropFirst()) {
                guard let until = a.until, let from = b.from, until.daysSinceEpoch + 1 < from.daysSinceEpoch else { continue }
                let first = CivilDate(daysSinceEpoch: until.daysSinceEpoch + 1), last = CivilDate(daysSinceEpoch: from.daysSinceEpoch - 1)
                out.append(Diagnostic(.warning, at: b.location,
                    "versions of rule '\(rule.id)' leave a hole from \(first.iso) to \(last.iso): no version is in force then, so the rule is not checked; extend '\(a.id)' or start '\(b.id)' earlier"))
            }
        }
        return out
    }

    /// `overrideErrors` of the files at `paths` (an unreadable one is an error at its start).
    public static func overrideErrors(_ rules: RuleSet, paths: [String]) -> [Diagnostic] {
        var files: [(file: String, bytes: [UInt8])] = []
        var out: [Diagnostic] = []
        for path in paths {
            do { files.append((path, try YAMLLoader.readFile(path, limits: YAMLLoader.Limits()))) } catch { out += error.diagnostics }
        }
        return out + overrideErrors(rules, files: files)
    }

    /// Errors of override files against the rules: every version's bounds are checked, as a
    /// file may be used for any period; an unknown rule is an error here (lint is given the
    /// rules the file is for).
    public static func overrideErrors(_ rules: RuleSet, files: [(file: String, bytes: [UInt8])]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (file, bytes) in files {
            do {
                var (entries, claims) = try TerritoryFile.entries(bytes: bytes, file: file)
                var warnings: [Diagnostic] = []
                for e in entries where rules.rule(e.rule) == nil {
                    out.append(.error(at: e.ruleLocation, "override of rule '\(e.rule)', which the rules given do not declare"
                        + Suggestion.hint(for: e.rule, in: rules.rules.map(\.id))))
                }
                entries = entries.filter { rules.rule($0.rule) != nil }
                // Validity is a matter of the checking date, not of the file's soundness.
                for i in entries.indices { entries[i].validUntil = nil }
                for i in claims.indices { claims[i].validUntil = nil }
                _ = try ParamLayers.check(entries, rules: rules, at: CivilDate(daysSinceEpoch: 0),
                                          inForce: { $0.versions.isEmpty ? [$0] : $0.versions.map(\.rule) },
                                          claims: &claims, warnings: &warnings)
                out += warnings.map { Diagnostic.error(at: $0.location, $0.message) }
            } catch {
                out += error.diagnostics
            }
        }
        return RuleLoader.sortedByLocation(out)
    }
}
