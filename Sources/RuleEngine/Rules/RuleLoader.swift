import Foundation

/// Rules loaded from one or more packs, all checked.
public struct RuleSet: Sendable {
    public var rules: [Rule] = []
    public var packs: [PackInfo] = []

    public init() {}

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}

/// What a pack says about itself (its `pack:` mapping).
public struct PackInfo: Sendable {
    public var id: String
    public var title: LocalizedText
    public var file: String
    /// Service kinds the pack is for (`fire_rescue`…); empty = every kind.
    public var serviceKinds: [String]
    /// Principles the pack defines besides the standard ones.
    public var principles: [Principle]
}

/// Reads rule files into checked rules. A rule file with any error is never half-used: every
/// error of every file is collected and thrown together as a `DiagnosticList`.
public enum RuleLoader {
    /// The keys every rule may have, whatever its kind (from the rule-file schema, which
    /// `spp-check schema rules` renders for editors).
    public static let commonKeys = RuleFileSchema.common.keys
    static let packKeys = RuleFileSchema.pack.keys

    /// Loads rule files and folders (folders: every `.yaml`/`.yml` file below, in name order,
    /// except rule tests ending in `.test.yaml`).
    /// - Throws: `DiagnosticList` with every error found.
    public static func load(paths: [String]) throws -> RuleSet {
        var sources: [(file: String, bytes: [UInt8])] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            do {
                for file in try ruleFiles(at: path) {
                    sources.append((file, try readFile(file)))
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        do {
            return try load(sources: sources, earlier: diagnostics)
        }
    }

    /// Loads rule files given as bytes (for the packs built into the binary, and for tests).
    public static func load(sources: [(file: String, bytes: [UInt8])], earlier: [Diagnostic] = []) throws -> RuleSet {
        var diagnostics = earlier
        var set = RuleSet()
        var firstSeen: [String: Location] = [:]
        for (file, bytes) in sources {
            do {
                let stream = try YAMLLoader.load(bytes: bytes, file: file)
                guard stream.documents.count == 1, let root = stream.documents.first else {
                    diagnostics.append(.error(at: .start(of: file),
                        "a rule file holds exactly one YAML document, found \(stream.documents.count)"))
                    continue
                }
                let (pack, rules, errors) = readPack(root, file: file)
                diagnostics += errors
                for rule in rules {
                    if let first = firstSeen[rule.id] {
                        diagnostics.append(.error(at: rule.location, "duplicate rule id '\(rule.id)'",
                            notes: [.init(location: first, message: "'\(rule.id)' is first defined here")]))
                    } else {
                        firstSeen[rule.id] = rule.location
                        set.rules.append(rule)
                    }
                }
                if let pack { set.packs.append(pack) }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticList(sortedByLocation(diagnostics)) }
        return set
    }

    /// Diagnostics in file order (files as given), then by line and column; stable.
    static func sortedByLocation(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var fileOrder: [String: Int] = [:]
        for d in diagnostics where fileOrder[d.location.file] == nil { fileOrder[d.location.file] = fileOrder.count }
        return diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element.location, b.element.location)
            let (fx, fy) = (fileOrder[x.file] ?? 0, fileOrder[y.file] ?? 0)
            if fx != fy { return fx < fy }
            if x.line != y.line { return x.line < y.line }
            if x.column != y.column { return x.column < y.column }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The rule files a path names: the file itself, or the YAML files below a folder.
    static func ruleFiles(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic.error(at: .start(of: path), "no such file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw Diagnostic.error(at: .start(of: path), "cannot read folder")
        }
        var files: [String] = []
        for case let relative as String in enumerator {
            guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else { continue }
            guard !relative.hasSuffix(".test.yaml") && !relative.hasSuffix(".test.yml") else { continue }
            files.append((path as NSString).appendingPathComponent(relative))
        }
        if files.isEmpty {
            throw Diagnostic.error(at: .start(of: path), "folder holds no rule file (.yaml or .yml)")
        }
        return files.sorted()
    }

    /// A rule file's bytes; one larger than the YAML size limit is refused before it is read.
    static func readFile(_ path: String) throws -> [UInt8] {
        try YAMLLoader.readFile(path, limits: YAMLLoader.Limits())
    }

    static func readPack(_ root: YAMLNode, file: String) -> (PackInfo?, [Rule], [Diagnostic]) {
        var top = MappingReader(root, what: "the rule file")
        var pack = PackInfo(id: (file as NSString).lastPathComponent, title: .empty, file: file,
                            serviceKinds: [], principles: [])
        if let packNode = top.optional("pack") {
            var reader = MappingReader(packNode, what: "the pack")
            if let id = reader.string("id") { pack.id = id }
            if let title = reader.optional("title") { pack.title = localized(title, "title", &reader) }
            _ = reader.optional("description")
            pack.serviceKinds = reader.strings("service_kinds")
            if let list = reader.optional("principles") {
                for item in list.items ?? [list] {
                    if let name = item.string ?? item["id"]?.string {
                        pack.principles.append(Principle(name))
                    } else {
                        reader.report(.error(at: item.location, "a principle is a name or a mapping with 'id'"))
                    }
                }
            }
            top.report(contentsOf: reader.finish())
        }
        var rules: [Rule] = []
        if let list = top.required("rules") {
            if let items = list.items {
                for item in items {
                    var reader = MappingReader(item, what: "a rule")
                    if let rule = readRule(&reader, pack: pack) { rules.append(rule) }
                    let errors = reader.finish()
                    top.report(contentsOf: errors)
                    if !errors.isEmpty, let rule = rules.last, rule.location == item.location { rules.removeLast() }
                }
            } else {
                top.report(.error(at: list.location, "'rules' must be a list of rules, found a \(list.kindName)"))
            }
        }
        return (pack, rules, top.finish())
    }

    static func readRule(_ r: inout MappingReader, pack: PackInfo) -> Rule? {
        guard r.node.pairs != nil else { return nil }
        let idNode = r.required("id")
        let id = idNode?.string ?? idNode?.keyText ?? "?"
        if let idNode, !isValidID(id) {
            r.report(.error(at: idNode.location, "rule id '\(id)' may only hold letters, digits, '.', '_' and '-'"))
        }
        r = MappingReader(r.node, what: "rule '\(id)'", carrying: r)
        var principle = Principle("?")
        if let node = r.required("principle") {
            if let name = node.string {
                principle = Principle(name)
                let known = Principle.standard + pack.principles
                if !known.contains(principle) {
                    r.report(.error(at: node.location, "unknown principle '\(name)' in rule '\(id)'"
                        + Suggestion.hint(for: name, in: known.map(\.id))
                        + " (a pack may define its own under pack.principles)"))
                }
            } else {
                r.report(.error(at: node.location, "'principle' must be a string"))
            }
        }
        var severity = Severity.error
        if let node = r.required("severity") {
            if let s = node.string.flatMap(Severity.init(rawValue:)) { severity = s } else {
                let text = node.keyText ?? node.kindName
                r.report(.error(at: node.location, "severity '\(text)' of rule '\(id)' must be error, warning or info"
                    + Suggestion.hint(for: text, in: Severity.allCases.map(\.rawValue))))
            }
        }
        let title = r.required("title").map { localized($0, "title", &r) } ?? .empty
        let rationale = r.optional("rationale").map { localized($0, "rationale", &r) } ?? .empty
        let references = r.strings("references")
        let tags = r.strings("tags")
        r.allow(["versions"])  // read last, once the rule they patch is known good
        let exceptions = r.optional("exceptions").map { readExceptions($0, rule: id, &r) } ?? []
        let validFrom = r.optional("valid_from").flatMap { date($0, "valid_from", &r) }
        let validUntil = r.optional("valid_until").flatMap { date($0, "valid_until", &r) }
        if let validFrom, let validUntil, validUntil < validFrom, let node = r.node["valid_until"] {
            r.report(.error(at: node.location, "valid_until is before valid_from in rule '\(id)'"))
        }
        let params = r.optional("params").map { readParams($0, rule: id, &r) } ?? []
        var kinds = r.strings("service_kinds")
        if kinds.isEmpty { kinds = pack.serviceKinds }

        // Without a known kind, the keys of every kind are accepted unread: the kind is the one
        // mistake (`kind: coverge` is one error, not one more per key of coverage).
        let anyKindKeys = RuleKinds.all.flatMap { $0.keys }
        guard let kindNode = r.required("kind") else {
            r.allow(anyKindKeys)
            return nil
        }
        guard let kindName = kindNode.string else {
            r.report(.error(at: kindNode.location, "'kind' must be a string"))
            r.allow(anyKindKeys)
            return nil
        }
        guard let kind = RuleKinds.named(kindName) else {
            r.report(.error(at: kindNode.location, "unknown rule kind '\(kindName)' in rule '\(id)'"
                + Suggestion.hint(for: kindName, in: RuleKinds.all.map { $0.identifier })))
            r.allow(anyKindKeys)
            return nil
        }
        r.allow(kind.keys)
        let context = RuleContext(ruleID: id, params: params, serviceKinds: kinds)
        guard let check = kind.parse(&r, context: context) else { return nil }
        if !r.diagnostics.isEmpty { return nil }
        var rule = Rule(id: id, principle: principle, severity: severity, title: title, rationale: rationale,
                        references: references, validFrom: validFrom, validUntil: validUntil, tags: tags,
                        params: params, serviceKinds: kinds, location: r.node.location, pack: pack.id, check: check)
        rule.condition = kind.keys.filter { $0 != "message" && $0 != "fix" }.compactMap { key in
            r.node[key].map { RuleCondition(key: key, text: $0.flowText) }
        }
        rule.exceptions = exceptions
        if let node = r.optional("versions") {
            rule.versions = readVersions(node, base: r.node, ruleID: id, kindKeys: kind.keys, pack: pack, &r)
        }
        return rule
    }

    /// `exceptions: [{id: parent-stand-in, basis: "CSP R2324-50-1"}]`.
    static func readExceptions(_ node: YAMLNode, rule: String, _ r: inout MappingReader) -> [RuleException] {
        var out: [RuleException] = []
        for item in node.items ?? [] {
            var er = MappingReader(item, what: "an exception of rule '\(rule)'")
            let id = er.string("id", required: true)
            let basis = er.string("basis", required: true)
            let errors = er.finish()
            r.report(contentsOf: errors)
            if errors.isEmpty, let id, let basis { out.append(RuleException(id: id, basis: basis, location: item.location)) }
        }
        if node.items == nil { r.report(.error(at: node.location, "'exceptions' of rule '\(rule)' is a list of {id, basis}")) }
        return out
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }

    /// `"text"` or `{fr: "…", en: "…"}`.
    static func localized(_ node: YAMLNode, _ key: String, _ r: inout MappingReader) -> LocalizedText {
        if let s = node.string { return LocalizedText(s) }
        guard let pairs = node.pairs else {
            r.report(.error(at: node.location, "'\(key)' must be a string or a mapping of language codes to strings"))
            return .empty
        }
        var texts: [(lang: String, text: String)] = []
        for pair in pairs {
            guard let lang = pair.key.string, lang.count == 2, lang.allSatisfy({ $0.isLowercase }) else {
                r.report(.error(at: pair.key.location, "'\(key)' languages are two-letter codes like 'fr' or 'en'"))
                continue
            }
            guard let text = pair.value.string else {
                r.report(.error(at: pair.value.location, "'\(key).\(lang)' must be a string"))
                continue
            }
            texts.append((lang, text))
        }
        return LocalizedText(texts)
    }

    static func date(_ node: YAMLNode, _ key: String, _ r: inout MappingReader) -> CivilDate? {
        guard let text = node.string, let date = CivilDate(iso: text) else {
            r.report(.error(at: node.location, "'\(key)' must be a date written YYYY-MM-DD, found '\(node.keyText ?? node.kindName)'"))
            return nil
        }
        return date
    }

    static func readParams(_ node: YAMLNode, rule: String, _ r: inout MappingReader) -> [RuleParam] {
        guard let pairs = node.pairs else {
            r.report(.error(at: node.location, "'params' of rule '\(rule)' must be a mapping of names to default values"))
            return []
        }
        var params: [RuleParam] = []
        for pair in pairs {
            guard let name = pair.key.string, isIdentifier(name) else {
                r.report(.error(at: pair.key.location, "parameter names are identifiers like 'min_age'"))
                continue
            }
            var valueNode = pair.value
            var description: String?
            var bounds: (min: Double?, max: Double?, basis: String?) = (nil, nil, nil)
            var governance = Governance()
            if let pairs = pair.value.pairs, pairs.contains(where: { $0.key.string == "default" }) {
                var pr = MappingReader(pair.value, what: "parameter '\(name)' of rule '\(rule)'")
                valueNode = pr.required("default") ?? valueNode
                description = pr.string("description")
                bounds = readBounds(&pr)
                governance = readGovernance(&pr, bounds: bounds)
                r.report(contentsOf: pr.finish())
            }
            var param = RuleParam(name: name, defaultValue: Value(yaml: valueNode), description: description,
                                  location: pair.key.location, minimum: bounds.min, maximum: bounds.max, basis: bounds.basis)
            param.nature = governance.nature
            param.authority = governance.authority
            param.derogations = governance.derogations
            if let why = param.crossing(param.defaultValue) {
                r.report(.error(at: valueNode.location, "the default of parameter '\(name)' of rule '\(rule)' is \(param.defaultValue.displayText), \(why)"))
            }
            params.append(param)
        }
        return params
    }

    /// A parameter's `min:`, `max:` (numbers) and `basis:` (the text that sets them, required
    /// with a bound).
    static func readBounds(_ r: inout MappingReader) -> (min: Double?, max: Double?, basis: String?) {
        func number(_ key: String) -> Double? {
            guard let node = r.optional(key) else { return nil }
            switch Value(yaml: node) {
            case .int(let i): return Double(i)
            case .uint(let u): return Double(u)
            case .double(let d) where d.isFinite: return d
            default:
                r.report(.error(at: node.location, "'\(key)' of \(r.what) must be a number"))
                return nil
            }
        }
        let lo = number("min"), hi = number("max")
        let basis = r.string("basis")
        if let lo, let hi, lo > hi, let node = r.node["min"] {
            r.report(.error(at: node.location, "'min' of \(r.what) is above its 'max'"))
        }
        if (lo != nil || hi != nil) && basis == nil && r.node["basis"] == nil {
            r.report(.error(at: r.node.location, "\(r.what) has a bound but no 'basis': say which text sets it (e.g. basis: \"CSP R2324-46-4\")"))
        }
        return (lo, hi, basis)
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}

extension MappingReader {
    /// A reader over the same mapping with a new description, keeping what `other` read.
    init(_ node: YAMLNode, what: String, carrying other: MappingReader) {
        self = other
        self.what = what
    }

    mutating func report(contentsOf diagnostics: [Diagnostic]) {
        for d in diagnostics { report(d) }
    }
}

extension Value {
    /// The value a YAML node stands for (mappings with scalar keys become maps).
    public init(yaml node: YAMLNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(Int64(i))
        case .float(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .sequence(let items): self = .list(items.map(Value.init(yaml:)))
        case .mapping(let pairs):
            self = .map(pairs.map { MapEntry(key: Value(yaml: $0.key), value: Value(yaml: $0.value)) })
        }
    }
}

extension CivilDate {
    /// `YYYY-MM-DD`.
    public var iso: String {
        if let text = ASCIIText.make({ $0.date(self) }) { return text }
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
