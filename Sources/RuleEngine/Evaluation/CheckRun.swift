import Foundation
import StandardPacks

/// What `spp-check check` is asked to do.
public struct CheckOptions: Sendable {
    public var plan: String
    /// Rule files or folders; empty = the standard packs built into the binary.
    public var rulePaths: [String] = []
    /// Roster files besides those the plan names.
    public var rosters: [String] = []
    public var csvSeparator: Character?
    /// The date rules are taken in force at; default: the first day of the plan's period.
    public var asOf: CivilDate?
    public var lang: String?
    /// A waivers file (see `Waivers`).
    public var waivers: String?
    /// A baseline file: findings in it no longer count (see `Baseline`).
    public var baseline: String?
    /// The date waivers are judged at; default: today.
    public var today: CivilDate?
    /// Keep every result, passes included, in `Report.results` (JUnit lists passing tests).
    public var keepResults = false
    /// Told of each step (load, evaluate); nil = silent.
    public var progress: ProgressHandler?

    public init(plan: String) { self.plan = plan }
}

/// The outcome of a check: the report, facts about the run, and warnings that did not stop it.
public struct CheckResult: Sendable {
    public var report: Report
    public var run: RunInfo
    public var warnings: [Diagnostic]
    public var data: ServiceData
    public var rules: RuleSet
    /// Parameter values set above the standard packs, with their layer and basis.
    public var settings: [String: [String: ParamSetting]] = [:]
    /// The unit layer's values, by rule, unit and parameter (docs/governance.md).
    public var unitSettings: UnitParamSettings = [:]
}

/// The whole check: load the plan, its rosters and the rules, apply the plan's parameter
/// overrides, evaluate, report.
public enum CheckRun {
    /// - Throws: `DiagnosticList` for anything that stops a verdict (bad plan, roster or rule).
    public static func run(_ options: CheckOptions) throws -> CheckResult {
        options.progress?(.loading(plan: options.plan))
        let loadStart = Timing.now()
        let data = try PlanLoader.load(planPath: options.plan, extraRosters: options.rosters,
                                       csvSeparator: options.csvSeparator)
        Timing.note("phase load", since: loadStart)
        options.progress?(.loaded(files: data.files.count,
                                  rows: data.contributors.count + data.assignments.count + data.attendance.count + data.carpoolRequests.count))
        let kind = data.plan.kind.rawValue
        var rules = options.rulePaths.isEmpty
            ? try RuleLoader.loadStandardPacks()
            : try RuleLoader.load(paths: options.rulePaths)
        rules.rules = rules.rules.filter { $0.serviceKinds.isEmpty || $0.serviceKinds.contains(kind) }
        rules.packs = rules.packs.filter { $0.serviceKinds.isEmpty || $0.serviceKinds.contains(kind) }
        var warnings = data.warnings
        // Contributors' data no loaded rule reads is dropped before any rule runs (GDPR art. 5(1)(c)).
        let dropped = Minimisation.dropUnread(data, rules: rules.rules)
        warnings += dropped.map(Minimisation.warning)
        let asOf = options.asOf ?? data.plan.period.start
        let folder = (options.plan as NSString).deletingLastPathComponent
        var claims: [ExceptionClaim] = []
        var unitSettings: UnitParamSettings = [:]
        let settings = try ParamLayers.resolve(data.plan, rules: rules, at: asOf,
            inForce: { VersionParts.judging($0, period: data.plan.period, asOf: options.asOf) },
            read: { path in
                let file = path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
                return (file, try YAMLLoader.readFile(file, limits: YAMLLoader.Limits()))
            }, claims: &claims, warnings: &warnings, units: &unitSettings)
        let overrides = settings.mapValues { $0.mapValues(\.value) }
        let context = EvaluationContext(data: data, asOf: asOf, lang: options.lang)
        // The waivers and baseline files are read before evaluating, so that a bad one stops
        // the run early, with its location.
        let waivers = try options.waivers.map { try Waivers.load(file: $0) }
        let baseline = try options.baseline.map { try Baseline.load(file: $0) }
        // Without --as-of, a rule with dated versions is judged part by part; with it, as on that date.
        var report = Engine.run(rules.rules, on: context, overrides: overrides, keepResults: options.keepResults,
                                splitVersions: options.asOf == nil, progress: options.progress, unitOverrides: unitSettings)
        ParamLayers.attach(settings, to: &report)
        LawfulExceptions.apply(claims, to: &report)
        if let waivers { Waivers.apply(waivers, to: &report, today: options.today ?? CivilDate.today, rules: rules) }
        if let baseline { Baseline.apply(baseline, to: &report) }
        var run = RunInfo(plan: options.plan, asOf: asOf, packs: rules.packs.map(\.id), lang: options.lang)
        run.dataIgnored = dropped
        run.params = ParamProvenance.used(rules.rules, evaluated: report.evaluated, settings: settings, units: unitSettings) {
            ParamProvenance.judging($0, period: data.plan.period, asOf: options.asOf)
        }
        return CheckResult(report: report, run: run, warnings: warnings, data: data, rules: rules, settings: settings,
                           unitSettings: unitSettings)
    }

    /// The plan's `params:` checked against the rules: an unknown parameter or a value of the
    /// wrong type is an error; parameters for a rule not loaded are a warning (the plan may be
    /// checked with other packs too).
    static func paramOverrides(_ plan: Plan, rules: RuleSet, warnings: inout [Diagnostic]) throws -> [String: [String: Value]] {
        var units: UnitParamSettings = [:]
        return try paramOverrides(plan, rules: rules, warnings: &warnings, units: &units)
    }

    /// As above, with the units' own values in `units` (for `Engine.run`'s `unitOverrides`).
    static func paramOverrides(_ plan: Plan, rules: RuleSet, warnings: inout [Diagnostic],
                               units: inout UnitParamSettings) throws -> [String: [String: Value]] {
        var claims: [ExceptionClaim] = []
        return try ParamLayers.resolve(plan, rules: rules, at: plan.period.start, read: { path in
            throw Diagnostic.error(at: .start(of: path), "no override file in this context")
        }, claims: &claims, warnings: &warnings, units: &units).mapValues { $0.mapValues(\.value) }
    }
}

extension Value {
    /// This value as the type of `model` (an int where a double is expected is widened), or nil
    /// when the types do not fit.
    func converted(toTypeOf model: Value) -> Value? {
        switch (self, model) {
        case (.int(let i), .double): return .double(Double(i))
        case (.null, _): return nil
        default: return exprType == model.exprType || model.exprType == .null ? self : nil
        }
    }
}

extension CivilDate {
    /// Today's date in the French time zone the services run in.
    public static var today: CivilDate {
        let seconds = Int64(Date().timeIntervalSince1970)
        let local = ZoneRules.paris.local(utc: seconds)
        return CivilCalendar.civil(days: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }
}

extension RuleLoader {
    /// The standard packs built into the binary, named as in the repository (`Rules/…`).
    public static func loadStandardPacks() throws -> RuleSet {
        try load(sources: StandardPacks.files.map { (file: "Rules/\($0.name)", bytes: $0.bytes) })
    }
}
