import Foundation

/// A territory override file a plan names (`overrides: [sdis69.yaml]`).
public struct OverrideFileReference: Hashable, Sendable {
    /// As written, relative to the plan's folder.
    public var path: String
    public var location: Location
}

/// Who sets a parameter's value, from the most general to the most particular.
public enum ParamLayer: String, Sendable, Hashable, CaseIterable {
    /// The rule's default, in the standard pack: national law.
    case standard
    /// A territory file: a département, an SDIS règlement opérationnel, a PMI, an AOM.
    case territory
    /// The plan's own `params:`.
    case plan
    /// A unit's own `params:`: the value judges that unit and its assignments only.
    case unit
}

/// The unit layer's values, by rule id, then unit id, then parameter name.
public typealias UnitParamSettings = [String: [String: [String: ParamSetting]]]

/// A parameter value set above the standard pack, with who approved it and on what basis.
public struct ParamSetting: Sendable, Hashable {
    public var rule: String
    public var name: String
    public var value: Value
    public var layer: ParamLayer
    /// Where the value is written.
    public var location: Location
    public var approvedBy: String?
    /// The decision: a deliberation, an arrêté… (`basis:`).
    public var basis: String?
    /// The decision's date and its last day of validity.
    public var date: CivilDate?
    public var validUntil: CivilDate?
    /// The derogation the law allows that the value relies on (`derogation:`).
    public var derogation: String?
    /// The unit whose `params:` set the value (layer `unit`).
    public var unit: String? = nil

    /// `max_weeks = 20 (territory, sdis69.yaml:7:18; approved by CA du SDIS; délibération 2025-14 of 2025-03-12, until 2027-12-31)`.
    public var text: String {
        var parts = ["\(layer.rawValue)\(unit.map { " \($0)" } ?? ""), \(location)"]
        if let approvedBy { parts.append("approved by \(approvedBy)") }
        var decision = basis ?? ""
        if let date { decision += (decision.isEmpty ? "" : " ") + "of \(date.iso)" }
        if let validUntil { decision += (decision.isEmpty ? "" : ", ") + "until \(validUntil.iso)" }
        if !decision.isEmpty { parts.append(decision) }
        if let derogation { parts.append("under derogation '\(derogation)'") }
        return "\(name) = \(value.displayText) (\(parts.joined(separator: "; ")))"
    }

    // Values are compared by their text: `Value` itself is not Hashable.
    public static func == (a: ParamSetting, b: ParamSetting) -> Bool { a.rule == b.rule && a.text == b.text }
    public func hash(into h: inout Hasher) { h.combine(rule); h.combine(text) }
}

/// Applies the override layers — standard pack → territory files → plan → unit — checking each
/// override against the rule's declared parameters and legal bounds.
public enum ParamLayers {
    /// The settings above the standard pack, by rule then parameter; the last layer wins.
    ///
    /// - Parameters:
    ///   - read: reads a territory file named relative to the plan (tests give bytes).
    ///   - date: the date overrides must be valid at (an expired one is not applied: a warning).
    ///   - inForce: the rule's versions that judge this run (their bounds are the ones checked).
    /// - Throws: `DiagnosticList`: an unknown parameter, a value of the wrong type, a bound
    ///   crossed without a derogation the rule declares, a territory override with no approval.
    public static func resolve(_ plan: Plan, rules: RuleSet, at date: CivilDate,
                               inForce: (Rule) -> [Rule] = { [$0] },
                               read: (String) throws -> (file: String, bytes: [UInt8]),
                               claims: inout [ExceptionClaim],
                               warnings: inout [Diagnostic]) throws -> [String: [String: ParamSetting]] {
        var units: UnitParamSettings = [:]
        return try resolve(plan, rules: rules, at: date, inForce: inForce, read: read, claims: &claims, warnings: &warnings, units: &units)
    }

    /// As `resolve` above, giving also the unit layer's values in `units` (checked as the
    /// plan's; a unit value for a rule the engine cannot split by unit is a warning, not applied).
    public static func resolve(_ plan: Plan, rules: RuleSet, at date: CivilDate,
                               inForce: (Rule) -> [Rule] = { [$0] },
                               read: (String) throws -> (file: String, bytes: [UInt8]),
                               claims: inout [ExceptionClaim],
                               warnings: inout [Diagnostic],
                               units: inout UnitParamSettings) throws -> [String: [String: ParamSetting]] {
        var errors: [Diagnostic] = []
        var entries: [Entry] = []
        for ref in plan.overrideFiles {
            do {
                let (file, bytes) = try read(ref.path)
                let read = try TerritoryFile.entries(bytes: bytes, file: file)
                entries += read.entries
                claims += read.claims
            } catch let list as DiagnosticList {
                errors += list.diagnostics
            } catch {
                errors.append(.error(at: ref.location, "cannot read override file '\(ref.path)'"))
            }
        }
        entries += planEntries(plan)
        do {
            let out = try check(entries, rules: rules, at: date, inForce: inForce, claims: &claims, warnings: &warnings, units: &units)
            if !errors.isEmpty { throw DiagnosticList(RuleLoader.sortedByLocation(errors)) }
            return out
        } catch {
            throw DiagnosticList(RuleLoader.sortedByLocation(errors + error.diagnostics))
        }
    }

    /// The settings `entries` make, in order (the last one wins), each checked against the
    /// rules; `claims` are checked too.
    static func check(_ entries: [Entry], rules: RuleSet, at date: CivilDate, inForce: (Rule) -> [Rule],
                      claims: inout [ExceptionClaim], warnings: inout [Diagnostic]) throws -> [String: [String: ParamSetting]] {
        var units: UnitParamSettings = [:]
        return try check(entries, rules: rules, at: date, inForce: inForce, claims: &claims, warnings: &warnings, units: &units)
    }

    /// As `check` above; the unit layer's values go to `units`.
    static func check(_ entries: [Entry], rules: RuleSet, at date: CivilDate, inForce: (Rule) -> [Rule],
                      claims: inout [ExceptionClaim], warnings: inout [Diagnostic],
                      units: inout UnitParamSettings) throws -> [String: [String: ParamSetting]] {
        var out: [String: [String: ParamSetting]] = [:]
        var errors: [Diagnostic] = []
        let ruleIDs = rules.rules.map(\.id)
        for e in entries {
            guard let rule = rules.rule(e.rule) else {
                warnings.append(Diagnostic(.warning, at: e.ruleLocation,
                    "params for rule '\(e.rule)', which is not loaded\(Suggestion.hint(for: e.rule, in: ruleIDs))"))
                continue
            }
            guard let declared = rule.params.first(where: { $0.name == e.name }) else {
                errors.append(.error(at: e.location, "rule '\(e.rule)' has no parameter '\(e.name)'"
                    + Suggestion.hint(for: e.name, in: rule.params.map(\.name))))
                continue
            }
            guard let value = e.value.converted(toTypeOf: declared.defaultValue) else {
                errors.append(.error(at: e.location, "parameter '\(e.name)' of rule '\(e.rule)' takes a \(declared.defaultValue.exprType), found \(e.value.exprType)"))
                continue
            }
            if e.layer == .territory && (e.approvedBy == nil || e.basis == nil) {
                errors.append(.error(at: e.location, "the override of '\(e.name)' of rule '\(e.rule)' does not say \(e.approvedBy == nil ? "who approved it ('approved_by')" : "on what basis ('basis': a deliberation, an arrêté…)")"))
                continue
            }
            if let until = e.validUntil, until < date {
                warnings.append(Diagnostic(.warning, at: e.location, "the override of '\(e.name)' of rule '\(e.rule)' expired on \(until.iso): not applied, the rule's value stands"))
                continue
            }
            var crossed = false
            for version in inForce(rule) {
                guard let p = version.params.first(where: { $0.name == e.name }) else { continue }
                var derogation: ParamDerogation?
                if let cited = e.derogation {
                    derogation = p.derogations.first { $0.id == cited }
                    if derogation == nil {
                        errors.append(.error(at: e.location, "parameter '\(e.name)' of rule '\(e.rule)' has no derogation '\(cited)'"
                            + (p.derogations.isEmpty ? ": the law allows none the rule declares" : Suggestion.hint(for: cited, in: p.derogations.map(\.id)))))
                        crossed = true
                        break
                    }
                }
                if let why = p.crossing(value, under: derogation) {
                    errors.append(.error(at: e.location, "parameter '\(e.name)' of rule '\(e.rule)' is \(value.displayText), \(why): \(e.layer.writer) may make the rule stricter, not cross the bound"
                        + (p.derogations.isEmpty || derogation != nil ? "" : " (unless it cites a derogation the law allows: \(p.derogations.map(\.id).joined(separator: ", ")))")))
                    crossed = true
                    break
                }
            }
            if crossed { continue }
            let setting = ParamSetting(rule: e.rule, name: e.name, value: value, layer: e.layer, location: e.location,
                approvedBy: e.approvedBy, basis: e.basis, date: e.date, validUntil: e.validUntil, derogation: e.derogation, unit: e.unit)
            if let unit = e.unit {
                if let judged = UnitParts.unsplittable(inForce(rule)) {
                    warnings.append(Diagnostic(.warning, at: e.location, "rule '\(e.rule)' judges \(judged), not units one by one: the value of '\(e.name)' for unit '\(unit)' is not applied: the value for the whole plan stands"))
                    continue
                }
                units[e.rule, default: [:]][unit, default: [:]][e.name] = setting
                continue
            }
            out[e.rule, default: [:]][e.name] = setting
        }
        let checked = LawfulExceptions.check(claims, rules: rules, at: date, warnings: &warnings)
        claims = checked.claims
        errors += checked.errors
        if !errors.isEmpty { throw DiagnosticList(RuleLoader.sortedByLocation(errors)) }
        return out
    }

    /// Gives each finding the settings of its rule (one shared list per rule): the values
    /// above the standard pack it was judged with, and who set them.
    /// A finding of a part by unit already holds its unit's values (set by the engine): the
    /// plan's are added for the other parameters.
    static func attach(_ settings: [String: [String: ParamSetting]], to report: inout Report) {
        guard !settings.isEmpty else { return }
        let lists = settings.mapValues { $0.values.sorted { $0.name < $1.name } }
        for i in report.findings.indices {
            guard let list = lists[report.findings[i].rule] else { continue }
            let own = report.findings[i].settings
            if own.isEmpty {
                report.findings[i].settings = list
            } else {
                let names = Set(own.map(\.name))
                report.findings[i].settings = (own + list.filter { !names.contains($0.name) }).sorted { $0.name < $1.name }
            }
        }
    }

    /// One override as written in a layer.
    struct Entry {
        var rule: String
        var ruleLocation: Location
        var name: String
        var value: Value
        var location: Location
        var layer: ParamLayer
        var approvedBy: String?
        var basis: String?
        var date: CivilDate?
        var validUntil: CivilDate?
        var derogation: String?
        /// The unit whose `params:` hold it (layer `unit`).
        var unit: String?
    }

    /// The plan's `params:`: a value, or `{value: …, approved_by: …, basis: …, date: …,
    /// valid_until: …, derogation: …}`.
    /// Then each unit's `params:`, the same shape, in the units' order.
    static func planEntries(_ plan: Plan) -> [Entry] {
        entries(plan.params, layer: .plan)
            + plan.units.flatMap { unit in entries(unit.params, layer: .unit).map { e in var e = e; e.unit = unit.id; return e } }
    }

    static func entries(_ layerParams: [String: RuleParams], layer: ParamLayer) -> [Entry] {
        var out: [Entry] = []
        for (ruleID, params) in layerParams.sorted(by: { $0.key < $1.key }) {
            for (name, raw) in params.values.sorted(by: { $0.key < $1.key }) {
                let at = params.locations[name] ?? params.location
                var e = Entry(rule: ruleID, ruleLocation: params.location, name: name, value: raw.value, location: at, layer: layer)
                if case .map(let fields) = raw, let v = fields.first(where: { $0.key == "value" }) {
                    func text(_ k: String) -> String? {
                        guard case .string(let s)? = fields.first(where: { $0.key == k })?.value else { return nil }
                        return s
                    }
                    e.value = v.value.value
                    e.approvedBy = text("approved_by")
                    e.basis = text("basis")
                    e.date = text("date").flatMap(CivilDate.init(iso:))
                    e.validUntil = text("valid_until").flatMap(CivilDate.init(iso:))
                    e.derogation = text("derogation")
                }
                out.append(e)
            }
        }
        return out
    }
}

extension ParamLayer {
    /// Who writes a value of this layer, in messages: `a plan may make the rule stricter…`.
    var writer: String {
        switch self {
        case .standard: "a rule pack"
        case .territory: "a territory file"
        case .plan: "a plan"
        case .unit: "a unit"
        }
    }
}
