import Foundation

/// One diagnostic to show in one file: a loader's error, a linter's warning or a finding.
public struct FileDiagnostic: Sendable, Hashable {
    public var location: Location
    /// LSP severities: 1 error, 2 warning, 3 information, 4 hint.
    public var severity: Int
    public var message: String
    /// The rule id of a finding.
    public var code: String?
    /// What a code action needs: for a finding, its rule and subject.
    public var data: JSON?

    public init(location: Location, severity: Int, message: String, code: String? = nil, data: JSON? = nil) {
        self.location = location
        self.severity = severity
        self.message = message
        self.code = code
        self.data = data
    }

    init(_ d: Diagnostic) {
        let notes = d.notes.map { "\n\($0.location): note: \($0.message)" }.joined()
        self.init(location: d.location, severity: d.severity == .error ? 1 : d.severity == .warning ? 2 : 3,
                  message: d.message + notes)
    }

    init(_ f: Finding, planFile: String) {
        var text = f.outcome == .indeterminate ? "(indeterminate) " + f.message : f.message
        var figures: [String] = []
        if let measured = f.measured { figures.append("measured: \(measured)") }
        if let expected = f.expected { figures.append("required: \(expected)") }
        if !figures.isEmpty { text += " (" + figures.joined(separator: ", ") + ")" }
        if let fix = f.fix, !fix.isEmpty { text += "\nfix: \(fix)" }
        if let w = f.waiver {
            // Still shown, no longer counted: as an information, with who waived it until when.
            text = "(waived until \(w.expires.iso), approved by \(w.approvedBy)) " + text
        }
        self.init(location: f.location ?? .start(of: planFile),
                  severity: f.waiver != nil ? 3 : f.severity == .error ? 1 : f.severity == .warning ? 2 : 3,
                  message: text, code: f.rule,
                  data: .object(["rule": .string(f.rule), "subject": .string(f.subject), "plan": .string(planFile)]))
    }
}

/// What the last check of a plan found, kept for hover, completion and navigation.
public struct PlanAnalysis: Sendable {
    public var plan: String
    /// The data as last loaded without error (nil until one load succeeds).
    public var data: ServiceData?
    public var rules: RuleSet?
    public var findings: [Finding] = []
    /// The files the plan reads (itself and its rosters), absolute.
    public var files: [String] = []
    /// The rule files the check used (empty: the standard packs).
    public var ruleFiles: [String] = []
}

/// The files the server knows: those open in the editor (their unsaved text wins over the disk),
/// the workspace folder, the rule files to check plans against, and what the last checks found.
/// Used from one queue only (the server's).
public final class Workspace: @unchecked Sendable {
    public var root: String?
    /// Rule files or folders plans are checked against (absolute); empty = the standard packs.
    public var rulePaths: [String] = []
    /// A waivers file applied to every plan's findings, as `check --waivers` does (absolute).
    public var waiversPath: String?
    public private(set) var documents: [String: TextDocument] = [:]
    public private(set) var plans: [String: PlanAnalysis] = [:]
    private var standardRules: RuleSet?
    private var ruleCache: (key: String, set: RuleSet)?
    /// The rules of each rule file as last loaded without error: while a file is being typed
    /// and does not load, hover, completion and navigation still know its rules.
    private var lastGoodRules: [String: [Rule]] = [:]

    public init(root: String? = nil) { self.root = root }

    // MARK: documents

    public func open(_ document: TextDocument) { documents[document.path] = document }
    public func close(_ path: String) { documents.removeValue(forKey: path) }

    /// Forgets what was read from disk (after the editor says files changed on disk).
    public func diskChanged() { ruleCache = nil }

    /// The bytes of `path`: the editor's text when open, else the file on disk.
    public func bytes(_ path: String) -> [UInt8]? {
        if let d = documents[path] { return d.bytes }
        return readFile(path)
    }

    /// The document of `path`, open or read from disk.
    public func document(_ path: String) -> TextDocument? {
        if let d = documents[path] { return d }
        return readFile(path).map { TextDocument(path: path, bytes: $0) }
    }

    public func role(_ path: String) -> FileRole {
        guard let bytes = bytes(path) else { return .notOurs }
        return FileRole.of(path: path, bytes: bytes)
    }

    // MARK: rules

    /// The rules plans are checked against: the configured files (their open text), or the
    /// standard packs; nil with the diagnostics when they do not load.
    public func ruleSet() -> (set: RuleSet?, files: [String], errors: [Diagnostic]) {
        if rulePaths.isEmpty {
            if standardRules == nil { standardRules = try? RuleLoader.loadStandardPacks() }
            return (standardRules, [], [])
        }
        var files: [String] = []
        var errors: [Diagnostic] = []
        for path in rulePaths {
            do { files += try RuleLoader.ruleFiles(at: path) } catch { errors += error.diagnostics }
        }
        let key = files.map { "\($0)#\(documents[$0]?.version ?? -1)" }.joined(separator: "|")
        if errors.isEmpty, let cache = ruleCache, cache.key == key { return (cache.set, files, []) }
        var sources: [(file: String, bytes: [UInt8])] = []
        for f in files {
            if let b = bytes(f) { sources.append((f, b)) } else { errors.append(.error(at: .start(of: f), "cannot read file")) }
        }
        do {
            let set = try RuleLoader.load(sources: sources, earlier: errors)
            ruleCache = (key, set)
            return (set, files, [])
        } catch {
            return (nil, files, error.diagnostics)
        }
    }

    /// Every rule the workspace knows, for hover, completion and navigation: the rules plans
    /// are checked against, the standard packs, and the rules of open rule files that load.
    public func knownRules() -> [Rule] {
        var out: [Rule] = []
        var seen = Set<String>()
        func add(_ rules: [Rule]) { for r in rules where seen.insert(r.id).inserted { out.append(r) } }
        for (path, d) in documents.sorted(by: { $0.key < $1.key }) where FileRole.of(path: path, bytes: d.bytes) == .rules {
            if let set = try? RuleLoader.load(sources: [(path, d.bytes)]) {
                lastGoodRules[path] = set.rules
            } else if lastGoodRules[path] == nil, let saved = readFile(path), let set = try? RuleLoader.load(sources: [(path, saved)]) {
                lastGoodRules[path] = set.rules  // the text as last saved
            }
            add(lastGoodRules[path] ?? [])
        }
        let (set, files, _) = ruleSet()
        if let set {
            for f in files { lastGoodRules[f] = set.rules.filter { $0.location.file == f } }
            add(set.rules)
        } else {
            for f in files { add(lastGoodRules[f] ?? []) }
        }
        if standardRules == nil { standardRules = try? RuleLoader.loadStandardPacks() }
        add(standardRules?.rules ?? [])
        return out
    }

    /// A rule's file on disk: standard packs are named `Rules/…`, found under the workspace
    /// folder when it is a checkout of spp-check.
    public func resolve(_ file: String) -> String? {
        if file.hasPrefix("/") { return file }
        guard let root else { return nil }
        let full = (root as NSString).appendingPathComponent(file)
        return FileManager.default.fileExists(atPath: full) ? full : nil
    }

    // MARK: plans

    /// The plans that read `roster`: plans checked before that read it, open plans, and plans
    /// in its folder or the folder above whose text names it.
    public func plans(reading roster: String) -> [String] {
        var out = Set(plans.values.filter { $0.files.contains(roster) }.map(\.plan))
        let name = (roster as NSString).lastPathComponent
        var candidates = documents.keys.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        let folder = (roster as NSString).deletingLastPathComponent
        for dir in [folder, (folder as NSString).deletingLastPathComponent] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            candidates += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.prefix(200).map { dir + "/" + $0 }
        }
        for c in Set(candidates) where !out.contains(c) {
            guard let b = bytes(c), FileRole.of(path: c, bytes: b) == .plan else { continue }
            if String(decoding: b.prefix(1 << 20), as: UTF8.self).contains(name) { out.insert(c) }
        }
        return out.sorted()
    }

    /// The plans whose last check used rule file `file`.
    public func plans(usingRules file: String) -> [String] {
        plans.values.filter { $0.ruleFiles.contains(file) }.map(\.plan).sorted()
    }

    /// Loads and checks a plan as `spp-check check` does, reading open files from the editor.
    /// - Returns: the diagnostics by file (absolute paths).
    public func checkPlan(_ planPath: String) -> [String: [FileDiagnostic]] {
        var out: [String: [FileDiagnostic]] = [:]
        func add(_ d: FileDiagnostic) { out[d.location.file, default: []].append(d) }
        var analysis = plans[planPath] ?? PlanAnalysis(plan: planPath)
        analysis.findings = []
        guard let planBytes = bytes(planPath) else { return [:] }
        let folder = (planPath as NSString).deletingLastPathComponent
        let data: ServiceData
        let loadStart = Timing.now()
        defer { Timing.note("lsp check \(planPath)", since: loadStart) }
        do {
            data = try PlanLoader.load(planBytes: planBytes, planFile: planPath, extraRosters: [], csvSeparator: nil,
                                       readBytes: { path in
                                           let full = (folder as NSString).appendingPathComponent(path)
                                           if let d = self.documents[full] { return (full, FileBytes(array: d.bytes)) }
                                           return (full, FileBytes(mapping: full))
                                       })
        } catch {
            for d in error.diagnostics { add(FileDiagnostic(d)) }
            // The files it names stay known, so that editing a roster re-checks the plan.
            analysis.files = Array(Set(analysis.files + [planPath] + out.keys)).sorted()
            plans[planPath] = analysis
            return out
        }
        Timing.note("lsp load", since: loadStart)
        for w in data.warnings { add(FileDiagnostic(w)) }
        analysis.files = data.files
        analysis.data = data
        let (loaded, ruleFiles, ruleErrors) = ruleSet()
        analysis.ruleFiles = ruleFiles
        guard var rules = loaded else {
            add(FileDiagnostic(location: .start(of: planPath), severity: 1,
                               message: "the rules do not load (\(ruleErrors.count) error\(ruleErrors.count == 1 ? "" : "s"), first: \(ruleErrors.first?.description ?? "?")); the plan is not checked"))
            plans[planPath] = analysis
            return out
        }
        let kind = data.plan.kind.rawValue
        rules.rules = rules.rules.filter { $0.serviceKinds.isEmpty || $0.serviceKinds.contains(kind) }
        rules.packs = rules.packs.filter { $0.serviceKinds.isEmpty || $0.serviceKinds.contains(kind) }
        analysis.rules = rules
        var warnings: [Diagnostic] = []
        let overrides: [String: [String: Value]]
        var units: UnitParamSettings = [:]
        do {
            overrides = try CheckRun.paramOverrides(data.plan, rules: rules, warnings: &warnings, units: &units)
        } catch {
            for d in error.diagnostics { add(FileDiagnostic(d)) }
            plans[planPath] = analysis
            return out
        }
        for w in warnings { add(FileDiagnostic(w)) }
        let context = EvaluationContext(data: data, asOf: data.plan.period.start, lang: "en")
        var report = Engine.run(rules.rules, on: context, overrides: overrides, keepResults: false, progress: nil, unitOverrides: units)
        if let waiversPath, let bytes = bytes(waiversPath) {
            // A waivers file that does not load shows its errors in itself (see `lint`).
            if let waivers = try? Waivers.load(bytes: bytes, file: waiversPath) {
                Waivers.apply(waivers, to: &report, today: CivilDate.today, rules: rules)
            }
        }
        analysis.findings = report.findings
        for f in report.findings { add(FileDiagnostic(f, planFile: planPath)) }
        plans[planPath] = analysis
        return out
    }

    // MARK: other files

    /// The diagnostics of a rule file, rule test or waivers file alone, by file.
    public func lint(_ path: String, role: FileRole) -> [String: [FileDiagnostic]] {
        guard let bytes = bytes(path) else { return [:] }
        var out: [String: [FileDiagnostic]] = [:]
        func add(_ d: FileDiagnostic) { out[d.location.file, default: []].append(d) }
        switch role {
        case .rules:
            do { _ = try RuleLoader.load(sources: [(path, bytes)]) } catch { error.diagnostics.forEach { add(FileDiagnostic($0)) } }
        case .waivers:
            do {
                let waivers = try Waivers.load(bytes: bytes, file: path)
                let ids = knownRules().map(\.id)
                for w in waivers where !ids.contains(w.rule) {
                    add(FileDiagnostic(location: w.location, severity: 2,
                                       message: "waiver names rule '\(w.rule)', which is not loaded\(Suggestion.hint(for: w.rule, in: ids))"))
                }
            } catch {
                error.diagnostics.forEach { add(FileDiagnostic($0)) }
            }
        case .ruleTest:
            do {
                let tests = try RuleTests.load(bytes: bytes, file: path)
                let files = RuleTests.ruleFiles(for: path, named: tests.first?.ruleFiles ?? [], folder: nil)
                let set: RuleSet
                if files.isEmpty {
                    if standardRules == nil { standardRules = try? RuleLoader.loadStandardPacks() }
                    set = standardRules ?? RuleSet()
                } else {
                    let folder = (path as NSString).deletingLastPathComponent
                    let sources = files.map { f -> (file: String, bytes: [UInt8]) in
                        let full = f.hasPrefix("/") ? f : (folder as NSString).appendingPathComponent(f)
                        let chosen = FileManager.default.fileExists(atPath: full) ? full : f
                        return (chosen, self.bytes(chosen) ?? [])
                    }
                    set = try RuleLoader.load(sources: sources)
                }
                for test in tests {
                    let result = RuleTests.run(test, rules: set)
                    if !result.passed {
                        add(FileDiagnostic(location: test.location, severity: 1,
                                           message: "test '\(test.name)' fails:\n" + result.failures.joined(separator: "\n")))
                    }
                }
            } catch {
                error.diagnostics.forEach { add(FileDiagnostic($0)) }
            }
        default:
            break
        }
        return out
    }
}
