import Foundation

/// `spp-check lint`: what a reviewer of rules checks without data, beyond what loading a rule
/// file already refuses (keys, types, expressions, and one id per rule across every pack
/// given — a duplicate id is an error of `RuleLoader`).
///
/// The deeper checks, each a located diagnostic:
/// - an `error` rule that cites no legal text (warning: a finding at error speaks in the name
///   of the law, so it should say which text);
/// - a `where:` that can never hold given the data model's types and enumerations (error: the
///   rule would never have a subject, and a check would pass it silently);
/// - a declared parameter that nothing in the rule reads (warning).
public enum RuleSetLint {
    public struct Result: Sendable {
        public var rules: RuleSet
        /// The deeper checks' findings, in file and line order.
        public var diagnostics: [Diagnostic]
    }

    /// Loads and checks rule files and folders.
    /// - Throws: `DiagnosticList` with every loading error, and with the deeper checks' errors
    ///   (their warnings too) when there is any.
    public static func run(paths: [String]) throws -> Result {
        let result = try review(paths: paths)
        if result.diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticList(result.diagnostics) }
        return result
    }

    /// Loads rule files and folders and returns the deeper checks' errors and warnings
    /// without throwing them, so that a caller can add its own before reporting.
    /// - Throws: `DiagnosticList` with every loading error.
    public static func review(paths: [String]) throws -> Result {
        let set = try RuleLoader.load(paths: paths)
        var sources: [(file: String, bytes: [UInt8])] = []
        for pack in set.packs { sources.append((pack.file, try RuleLoader.readFile(pack.file))) }
        return Result(rules: set, diagnostics: review(set, sources: sources))
    }

    /// The deeper checks of an already loaded set, whose files' bytes are `sources`.
    /// - Throws: `DiagnosticList` with every diagnostic when one is an error.
    public static func check(_ set: RuleSet, sources: [(file: String, bytes: [UInt8])]) throws -> Result {
        let diagnostics = review(set, sources: sources)
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticList(diagnostics) }
        return Result(rules: set, diagnostics: diagnostics)
    }

    /// The deeper checks' diagnostics, in file and line order.
    static func review(_ set: RuleSet, sources: [(file: String, bytes: [UInt8])]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (file, bytes) in sources {
            guard let root = try? YAMLLoader.load(bytes: bytes, file: file).documents.first,
                  let items = root["rules"]?.items else { continue }
            for item in items {
                guard let id = item["id"]?.string, let rule = set.rule(id), rule.location.file == file else { continue }
                diagnostics += missingReference(rule, item)
                diagnostics += NeverHoldingConditions.check(item, rule: rule)
                diagnostics += unreadParameters(rule, item)
            }
        }
        return RuleLoader.sortedByLocation(diagnostics)
    }

    static func missingReference(_ rule: Rule, _ node: YAMLNode) -> [Diagnostic] {
        guard rule.severity == .error, !rule.references.contains(where: LegalReference.isLegalText) else { return [] }
        let at = node["references"]?.location ?? rule.location
        let cited = rule.references.isEmpty ? "cites no reference" : "cites no legal text (only \(rule.references.joined(separator: "; ")))"
        return [Diagnostic(.warning, at: at, "error rule '\(rule.id)' \(cited): say under 'references' which article it applies, or lower its severity")]
    }

    /// Declared parameters that no string of the rule (expression, message, kind key) names as
    /// `params.NAME` or `params["NAME"]`.
    static func unreadParameters(_ rule: Rule, _ node: YAMLNode) -> [Diagnostic] {
        guard !rule.params.isEmpty, let pairs = node.pairs else { return [] }
        var read = Set<String>()
        for pair in pairs where pair.key.string != "params" { collectParamNames(pair.value, into: &read) }
        return rule.params.filter { !read.contains($0.name) }.map {
            Diagnostic(.warning, at: $0.location, "parameter '\($0.name)' of rule '\(rule.id)' is read by no expression: a plan overriding it would change nothing; use it or remove it")
        }
    }

    static func collectParamNames(_ node: YAMLNode, into names: inout Set<String>) {
        if let s = node.string { names.formUnion(paramNames(in: s)); return }
        for item in node.items ?? [] { collectParamNames(item, into: &names) }
        for pair in node.pairs ?? [] { collectParamNames(pair.value, into: &names) }
    }

    /// `params.min_age`, `params["min_age"]`, `params['min_age']` in a text.
    static func paramNames(in text: String) -> Set<String> {
        var out = Set<String>()
        let scalars = Array(text.unicodeScalars)
        let word = Array("params".unicodeScalars)
        func isIdent(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) }
        var i = 0
        while i + word.count < scalars.count {
            if Array(scalars[i..<(i + word.count)]) == word, i == 0 || !isIdent(scalars[i - 1]) {
                var j = i + word.count
                if scalars[j] == "." {
                    j += 1
                    let start = j
                    while j < scalars.count, isIdent(scalars[j]) { j += 1 }
                    if j > start { out.insert(String(String.UnicodeScalarView(scalars[start..<j]))) }
                } else if scalars[j] == "[", j + 1 < scalars.count, scalars[j + 1] == "\"" || scalars[j + 1] == "'" {
                    let quote = scalars[j + 1]
                    j += 2
                    let start = j
                    while j < scalars.count, scalars[j] != quote { j += 1 }
                    out.insert(String(String.UnicodeScalarView(scalars[start..<min(j, scalars.count)])))
                }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }
}
