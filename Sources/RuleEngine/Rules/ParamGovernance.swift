/// Reading what a parameter is in law: `nature:` (legal_floor, legal_ceiling, local),
/// `authority:` (who may choose a local value) and `derogations:` (the law's own derogations
/// to a bound, which an override may cite).
///
/// ```yaml
/// params:
///   min_adults: {default: 2, min: 2, basis: "CSP R2324-43-1", nature: legal_floor}
///   max_wait_minutes: {default: 15, nature: local, authority: "AOM (délibération)"}
///   capacity: {default: 20, max: 20, basis: "CSP R2324-46", nature: legal_ceiling,
///              derogations: [{id: pmi-capacity, max: 24, basis: "CSP R2324-27 (accord du PMI)"}]}
/// ```
extension RuleLoader {
    struct Governance {
        var nature: ParamNature?
        var authority: String?
        var derogations: [ParamDerogation] = []
    }

    static func readGovernance(_ r: inout MappingReader, bounds: (min: Double?, max: Double?, basis: String?)) -> Governance {
        var g = Governance()
        if let node = r.optional("nature") {
            if let text = node.string, let nature = ParamNature(rawValue: text) {
                g.nature = nature
                switch nature {
                case .legalFloor where bounds.min == nil:
                    r.report(.error(at: node.location, "\(r.what) is a legal floor but has no 'min': give the least value the law allows"))
                case .legalCeiling where bounds.max == nil:
                    r.report(.error(at: node.location, "\(r.what) is a legal ceiling but has no 'max': give the most value the law allows"))
                default: break
                }
            } else {
                let text = node.keyText ?? node.kindName
                r.report(.error(at: node.location, "'nature' of \(r.what) must be legal_floor, legal_ceiling or local, found '\(text)'"
                    + Suggestion.hint(for: text, in: ParamNature.allCases.map(\.rawValue))))
            }
        }
        g.authority = r.string("authority")
        if g.nature == .local && g.authority == nil {
            r.report(.error(at: r.node.location, "\(r.what) is a local choice but names no 'authority' (who may choose it, e.g. \"conseil d'administration du SDIS\")"))
        }
        if let list = r.optional("derogations") {
            for item in list.items ?? [] {
                var dr = MappingReader(item, what: "a derogation of \(r.what)")
                let id = dr.string("id", required: true)
                let basis = dr.string("basis", required: true)
                var lo: Double?, hi: Double?
                for key in ["min", "max"] {
                    guard let node = dr.optional(key) else { continue }
                    guard let x = Value(yaml: node).doubleValue else {
                        dr.report(.error(at: node.location, "'\(key)' of \(dr.what) must be a number"))
                        continue
                    }
                    if key == "min" { lo = x } else { hi = x }
                }
                let errors = dr.finish()
                r.report(contentsOf: errors)
                if errors.isEmpty, let id, let basis {
                    g.derogations.append(ParamDerogation(id: id, basis: basis, minimum: lo, maximum: hi, location: item.location))
                }
            }
            if list.items == nil {
                r.report(.error(at: list.location, "'derogations' of \(r.what) must be a list of {id, basis, min or max}"))
            }
        }
        return g
    }
}

extension Value {
    /// The value as a number, nil when it is not one.
    var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .uint(let u): Double(u)
        case .double(let d) where d.isFinite: d
        default: nil
        }
    }
}
