/// Reads a territory override file (see `OverrideFileSchema`) into override entries, every
/// value located, each carrying its approval and basis (its own, else the file's).
///
/// ```yaml
/// territory: SDIS 69
/// approved_by: "conseil d'administration du SDIS du Rhône"
/// basis: "délibération n° 2025-14 (règlement opérationnel)"
/// date: 2025-03-12
/// valid_until: 2027-12-31
/// params:
///   spv.astreinte-weeks: {max_weeks: 20}
/// ```
enum TerritoryFile {
    static let keys = OverrideFileSchema.file.keys
    static let valueKeys = OverrideFileSchema.governed.keys

    /// - Throws: `DiagnosticList` with every error of the file.
    static func entries(bytes: [UInt8], file: String) throws -> (entries: [ParamLayers.Entry], claims: [ExceptionClaim]) {
        let stream = try YAMLLoader.load(bytes: bytes, file: file)
        guard stream.documents.count == 1, let root = stream.documents.first else {
            throw DiagnosticList([.error(at: .start(of: file), "an override file holds exactly one YAML document, found \(stream.documents.count)")])
        }
        var r = MappingReader(root, what: "the override file")
        var out: [ParamLayers.Entry] = []
        let territory = r.string("territory", required: true)
        let approvedBy = r.string("approved_by")
        let basis = r.string("basis")
        let date = r.optional("date").flatMap { RuleLoader.date($0, "date", &r) }
        let validUntil = r.optional("valid_until").flatMap { RuleLoader.date($0, "valid_until", &r) }
        var claims: [ExceptionClaim] = []
        for item in r.optional("exceptions")?.items ?? [] {
            var cr = MappingReader(item, what: "an exception claim")
            let rule = cr.string("rule", required: true)
            let id = cr.string("id", required: true)
            let subjects = cr.strings("subjects")
            let by = cr.string("approved_by") ?? approvedBy
            let why = cr.string("basis") ?? basis
            let until = cr.optional("valid_until").flatMap { RuleLoader.date($0, "valid_until", &cr) } ?? validUntil
            let errors = cr.finish()
            r.report(contentsOf: errors)
            if errors.isEmpty, let rule, let id {
                claims.append(ExceptionClaim(rule: rule, id: id, subjects: subjects, approvedBy: by ?? territory, basis: why,
                                             validUntil: until, location: item.location))
            }
        }
        if let params = r.optional("params") {
            for rulePair in params.pairs ?? [] {
                let ruleID = rulePair.key.keyText ?? ""
                guard let values = rulePair.value.pairs else {
                    r.report(.error(at: rulePair.value.location, "the parameters of rule '\(ruleID)' are a mapping of names to values"))
                    continue
                }
                for pair in values {
                    var e = ParamLayers.Entry(rule: ruleID, ruleLocation: rulePair.key.location, name: pair.key.keyText ?? "",
                                              value: Value(yaml: pair.value), location: pair.value.location, layer: .territory,
                                              approvedBy: approvedBy ?? territory, basis: basis, date: date, validUntil: validUntil)
                    if let fields = pair.value.pairs, fields.contains(where: { $0.key.keyText == "value" }) {
                        var vr = MappingReader(pair.value, what: "the override of '\(e.name)' of rule '\(ruleID)'")
                        if let v = vr.required("value") { e.value = Value(yaml: v); e.location = v.location }
                        e.approvedBy = vr.string("approved_by") ?? e.approvedBy
                        e.basis = vr.string("basis") ?? e.basis
                        e.date = vr.optional("date").flatMap { RuleLoader.date($0, "date", &vr) } ?? e.date
                        e.validUntil = vr.optional("valid_until").flatMap { RuleLoader.date($0, "valid_until", &vr) } ?? e.validUntil
                        e.derogation = vr.string("derogation")
                        r.report(contentsOf: vr.finish())
                    }
                    out.append(e)
                }
            }
            if params.pairs == nil {
                r.report(.error(at: params.location, "'params' of the override file is a mapping of rule ids to parameter values"))
            }
        }
        let errors = r.finish()
        if !errors.isEmpty { throw DiagnosticList(errors) }
        return (out, claims)
    }
}
