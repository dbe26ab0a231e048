/// The plan's units, their fallbacks and the parameter overrides a plan or a unit carries.
extension PlanDecoder {
    static let unitKeys = PlanSchema.unit.keys

    mutating func unit(_ n: YAMLNode, zones: Set<String>) -> Unit? {
        guard mapping(n, "a unit") != nil else { return nil }
        guard let id = string(n, "id", "a unit", required: true) else { return nil }
        let what = "unit '\(id)'"
        var kind: Unit.Kind?
        if let k = string(n, "kind", what, required: true) {
            kind = Unit.Kind(rawValue: k)
            if kind == nil {
                let all = Unit.Kind.allCases.map(\.rawValue)
                sink.error(n["kind"]?.location ?? n.location, "unknown unit kind '\(k)' in \(what); expected one of \(all.joined(separator: ", "))\(Suggest.hint(k, in: all))")
            }
        }
        let zone = string(n, "zone", what)
        if let zone, !zones.contains(zone) {
            sink.error(n["zone"]?.location ?? n.location, "unknown zone '\(zone)' in \(what)\(Suggest.hint(zone, in: zones))")
        }
        var commune: String?
        if let c = n["commune"], !c.isNull {
            switch c.value {
            case .int(let i): sink.error(c.location, FieldReader.inseeNumberMessage(i))
            case .string(let s) where FieldReader.isINSEE(s): commune = s
            default: sink.error(c.location, FieldReader.badINSEEMessage(c.keyText ?? "a \(c.kindName)"))
            }
        }
        let capacity = int(n, "capacity", what)
        let hours = openingHours(n, "opening_hours", what)
        var ratio: String?
        if let r = string(n, "ratio_mode", what) {
            if r == "5-8" || r == "6" { ratio = r } else {
                sink.error(n["ratio_mode"]?.location ?? n.location, "unknown ratio_mode '\(r)' in \(what); expected \"5-8\" or \"6\"")
            }
        }
        var staffing: [StaffingRequirement] = []
        for s in n["staffing"].flatMap({ sequence($0, "the staffing of \(what)") }) ?? [] {
            guard mapping(s, "a staffing requirement") != nil else { continue }
            let w = "a staffing requirement of \(what)"
            _ = extras(s, known: PlanSchema.staffing.keys, w)
            guard let min = int(s, "min", w, required: true) else { continue }
            if min < 0 {
                sink.error(s["min"]?.location ?? s.location, "negative min \(min) in \(w)")
                continue
            }
            staffing.append(StaffingRequirement(position: string(s, "position", w), min: min,
                                                hours: openingHours(s, "hours", w), location: s.location))
        }
        let fb = n["fallback"].flatMap { fallback($0, "the fallback of \(what)") }
        let stops = strings(n, "stops", what) ?? []
        let extra = extras(n, known: PlanDecoder.unitKeys, what)
        let params = ruleParams(n["params"], "the params of \(what)")
        guard let kind else { return nil }
        var unit = Unit(id: id, kind: kind, name: string(n, "name", what), zone: zone, commune: commune, capacity: capacity,
                        openingHours: hours, ratioMode: ratio, staffing: staffing, fallback: fb, stops: stops, extra: extra,
                        location: n.location)
        unit.params = params
        return unit
    }

    mutating func fallback(_ n: YAMLNode, _ what: String) -> Fallback? {
        if n.isNull { return nil }
        guard mapping(n, what) != nil else { return nil }
        _ = extras(n, known: PlanSchema.fallback.keys, what)
        guard let mode = string(n, "mode", what, required: true) else { return nil }
        return Fallback(mode: mode, maxDelayMinutes: int(n, "max_delay_minutes", what), unit: string(n, "unit", what),
                        provider: string(n, "provider", what), location: n.location)
    }

    /// `params:` of the plan or of a unit: `{RULE-ID: {name: value or {value: …, approved_by: …}}}`,
    /// each value located (checked against the rules by `ParamLayers`).
    mutating func ruleParams(_ n: YAMLNode?, _ what: String) -> [String: RuleParams] {
        var params: [String: RuleParams] = [:]
        guard let n, !n.isNull, let pairs = mapping(n, what) else { return params }
        for pair in pairs {
            let rule = pair.key.keyText ?? ""
            guard let inner = mapping(pair.value, "the parameters of rule '\(rule)'") else { continue }
            var values: [String: DataValue] = [:]
            var locs: [String: Location] = [:]
            for q in inner {
                let name = q.key.keyText ?? ""
                values[name] = DataValue(q.value)
                locs[name] = q.value.location
            }
            params[rule] = RuleParams(ruleID: rule, values: values, locations: locs, location: pair.key.location)
        }
        return params
    }
}
