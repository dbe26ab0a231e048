/// Turns the plan's YAML tree into a `Plan`, collecting every error with its location.
struct PlanDecoder {
    var sink = DiagnosticSink()
    let file: String
    /// The plan's bytes and where each line starts, to place errors inside a quoted scalar.
    /// Lines are decoded only when asked: splitting a national plan (40,000 lines) into arrays
    /// of scalars up front took 60 ms of every load.
    let bytes: [UInt8]
    let lineStarts: [Int]
    var zone: ZoneRules = .paris
    /// Roster paths whose kind neither the plan nor the file name tells, with their locations.
    var kindless: [(path: String, location: Location)] = []

    static func kindlessMessage(_ path: String) -> String {
        "cannot tell what roster '\(path)' holds; write {path: \(path), kind: …} with kind one of \(RosterReference.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
    }

    static func noSuchRosterMessage(_ path: String, lookedFor name: String) -> String {
        "no such file: roster '\(path)'" + (name == path ? "" : " (looked for \(name))")
    }

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The Unicode scalar at 0-based `column` of 0-based `line`, if there is one.
    func scalar(line: Int, column: Int) -> Unicode.Scalar? {
        guard line >= 0, line < lineStarts.count, column >= 0 else { return nil }
        let end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        let text = String(decoding: bytes[lineStarts[line]..<end], as: UTF8.self)
        var k = 0
        for s in text.unicodeScalars {
            if k == column { return s }
            k += 1
        }
        return nil
    }

    // MARK: generic readers

    /// The pairs of a mapping, with a located error otherwise.
    mutating func mapping(_ n: YAMLNode, _ what: String) -> [YAMLPair]? {
        if let p = n.pairs { return p }
        sink.error(n.location, "expected a mapping for \(what), found a \(n.kindName)")
        return nil
    }

    mutating func sequence(_ n: YAMLNode, _ what: String) -> [YAMLNode]? {
        if n.isNull { return [] }
        if let i = n.items { return i }
        sink.error(n.location, "expected a list for \(what), found a \(n.kindName)")
        return nil
    }

    /// The record's own data, from its `extra:` mapping; any key not in `known` is an error with
    /// its "did you mean": plans fail closed, a misspelt key is never silently ignored.
    /// - Parameter known: the keys the schema lists (with `extra` for records that keep extras).
    mutating func extras(_ n: YAMLNode, known: [String], _ what: String) -> [String: DataValue] {
        var out: [String: DataValue] = [:]
        for p in n.pairs ?? [] {
            let k = p.key.keyText ?? ""
            if k == "extra", known.contains(k) {
                if p.value.isNull { continue }
                guard let pairs = p.value.pairs else {
                    sink.error(p.value.location, "expected a mapping for 'extra' in \(what) (names of your own and their values), found a \(p.value.kindName)")
                    continue
                }
                for q in pairs { out[q.key.keyText ?? ""] = DataValue(q.value) }
                continue
            }
            if known.contains(k) { continue }
            sink.error(p.key.location, PlanDecoder.unknownKeyMessage(k, in: what, known: known))
        }
        return out
    }

    /// `unknown key 'openning_hours' in unit 'u1'; did you mean 'opening_hours'?`, or where data
    /// of one's own goes when no known key is close.
    static func unknownKeyMessage(_ key: String, in what: String, known: [String]) -> String {
        let candidates = known.filter { $0 != "extra" }
        if let near = Suggest.closest(to: key, in: candidates) {
            return "unknown key '\(key)' in \(what); did you mean '\(near)'?"
        }
        let tail = known.contains("extra") ? "; put data of your own under 'extra:'" : "; expected one of \(candidates.joined(separator: ", "))"
        return "unknown key '\(key)' in \(what)\(tail)"
    }

    /// The value under `key`, or nil when absent or null (an error then if it is required).
    mutating func present(_ n: YAMLNode, _ key: String, _ what: String, required: Bool) -> YAMLNode? {
        guard let v = n[key], !v.isNull else {
            if required { sink.error(n.location, "missing required key '\(key)' in \(what)") }
            return nil
        }
        return v
    }

    mutating func string(_ n: YAMLNode, _ key: String, _ what: String, required: Bool = false) -> String? {
        guard let v = present(n, key, what, required: required) else { return nil }
        switch v.value {
        case .string(let s): return s
        case .int, .float, .bool: return v.keyText
        default:
            sink.error(v.location, "expected a string for '\(key)' in \(what), found a \(v.kindName)")
            return nil
        }
    }

    mutating func int(_ n: YAMLNode, _ key: String, _ what: String, required: Bool = false) -> Int? {
        guard let v = present(n, key, what, required: required) else { return nil }
        if let i = v.int { return i }
        sink.error(v.location, "bad integer '\(v.keyText ?? "a \(v.kindName)")' for '\(key)' in \(what)")
        return nil
    }

    mutating func double(_ n: YAMLNode, _ key: String, _ what: String, required: Bool = false) -> Double? {
        guard let v = present(n, key, what, required: required) else { return nil }
        if let d = v.number, d.isFinite { return d }
        sink.error(v.location, "bad number '\(v.keyText ?? "a \(v.kindName)")' for '\(key)' in \(what)")
        return nil
    }

    mutating func bool(_ n: YAMLNode, _ key: String, _ what: String) -> Bool? {
        guard let v = n[key], !v.isNull else { return nil }
        if let b = v.bool { return b }
        sink.error(v.location, "bad boolean '\(v.keyText ?? "a \(v.kindName)")' for '\(key)' in \(what); expected true or false")
        return nil
    }

    mutating func date(_ n: YAMLNode, _ key: String, _ what: String, required: Bool = false) -> CivilDate? {
        guard let v = present(n, key, what, required: required) else { return nil }
        let r = v.string.map { DateTimeText.date($0) } ?? .failure(.init(reason: DateTimeText.dateFormatReason))
        switch r {
        case .success(let d): return d
        case .failure(let p):
            sink.error(v.location, "bad date '\(v.keyText ?? "a \(v.kindName)")' for '\(key)' in \(what)\(p.reason)")
            return nil
        }
    }

    mutating func strings(_ n: YAMLNode, _ key: String, _ what: String) -> [String]? {
        guard let v = n[key], !v.isNull else { return nil }
        if let s = v.string { return [s] }
        guard let items = sequence(v, "'\(key)' in \(what)") else { return nil }
        var out: [String] = []
        for i in items {
            if let t = i.string ?? (i.items == nil && i.pairs == nil ? i.keyText : nil) { out.append(t) } else {
                sink.error(i.location, "expected a string in '\(key)' of \(what), found a \(i.kindName)")
            }
        }
        return out
    }

    /// Where the text of a scalar starts: after its opening quote if it has one.
    func contentStart(_ n: YAMLNode) -> Location {
        var loc = n.location
        if let q = scalar(line: loc.line - 1, column: loc.column - 1), q == "\"" || q == "'" {
            loc.column += 1
        }
        return loc
    }

    mutating func openingHours(_ n: YAMLNode, _ key: String, _ what: String) -> OpeningHours? {
        guard let v = n[key], !v.isNull else { return nil }
        guard let text = v.string else {
            sink.error(v.location, "expected opening hours text for '\(key)' in \(what), found a \(v.kindName); quote it")
            return nil
        }
        do {
            return try OpeningHours(parsing: text)
        } catch let e as OpeningHours.SyntaxError {
            var loc = contentStart(v)
            loc.column += e.offset
            sink.error(loc, e.message)
        } catch {
            sink.error(v.location, "\(error)")
        }
        return nil
    }

    // MARK: the plan

    static let maxPeriodDays: Int64 = 3653

    // The known keys of each mapping come from the plan's schema (Schema/PlanSchema.swift), which
    // `spp-check schema plan` renders for editors: the two cannot drift apart.
    static let planKeys = PlanSchema.plan.keys

    mutating func plan(_ root: YAMLNode) -> Plan? {
        guard mapping(root, "the plan") != nil else { return nil }
        let what = "the plan"
        let id = string(root, "id", what, required: true)
        let name = string(root, "name", what, required: true)
        var kind: Plan.Kind?
        if let k = string(root, "kind", what, required: true) {
            kind = Plan.Kind(rawValue: k)
            if kind == nil, let node = root["kind"] {
                let all = Plan.Kind.allCases.map(\.rawValue)
                sink.error(node.location, "unknown service kind '\(k)'; expected one of \(all.joined(separator: ", "))\(Suggest.hint(k, in: all))")
            }
        }
        // Time zone first: every local time depends on it.
        if let tz = string(root, "time_zone", what) {
            if let z = ZoneRules(identifier: tz) { zone = z } else if let node = root["time_zone"] {
                sink.error(node.location, "unknown time zone '\(tz)'; use an IANA name like Europe/Paris")
            }
        }
        var op: Operator?
        if let o = root["operator"], !o.isNull, mapping(o, "'operator'") != nil {
            op = Operator(name: string(o, "name", "'operator'"), legalForm: string(o, "legal_form", "'operator'"),
                          siren: string(o, "siren", "'operator'"))
            _ = extras(o, known: PlanSchema.operatorInfo.keys, "'operator'")
        }
        let version = int(root, "version", what)
        let from = date(root, "effective_from", what, required: true)
        let until = date(root, "effective_until", what)
        if let from, let until, until < from, let n = root["effective_until"] {
            sink.error(n.location, "effective_until \(until.iso) is before effective_from \(from.iso)")
        }
        var period: Period?
        if let p = root["period"], mapping(p, "'period'") != nil {
            _ = extras(p, known: PlanSchema.period.keys, "'period'")
            let s = date(p, "start", "'period'", required: true)
            let e = date(p, "end", "'period'", required: true)
            if let s, let e {
                if e <= s {
                    sink.error(p["end"]?.location ?? p.location, "period end \(e.iso) must be after its start \(s.iso) (the end day is excluded)")
                } else if e.daysSinceEpoch - s.daysSinceEpoch > PlanDecoder.maxPeriodDays {
                    // Opening hours are expanded day by day over the period, for every unit.
                    sink.error(p["end"]?.location ?? p.location, "period of \(e.daysSinceEpoch - s.daysSinceEpoch) days is longer than 10 years; check a shorter period")
                } else {
                    period = Period(start: s, end: e, startInstant: zone.startOfDay(s), endInstant: zone.startOfDay(e), location: p.location)
                }
            }
        } else if root["period"] == nil {
            sink.error(root.location, "missing required key 'period' in the plan; add period: {start: YYYY-MM-DD, end: YYYY-MM-DD}")
        }
        var holidays = PublicHolidays.france
        if let h = root["public_holidays"], !h.isNull {
            if let s = h.string {
                switch s {
                case "france": holidays = .france
                case "none": holidays = PublicHolidays(.none)
                default: sink.error(h.location, "unknown public_holidays '\(s)'; expected france, none or a list of dates")
                }
            } else if let items = sequence(h, "'public_holidays'") {
                var dates: [CivilDate] = []
                for i in items {
                    switch i.string.map({ DateTimeText.date($0) }) ?? .failure(.init(reason: DateTimeText.dateFormatReason)) {
                    case .success(let d): dates.append(d)
                    case .failure(let p): sink.error(i.location, "bad date '\(i.keyText ?? "a \(i.kindName)")' in 'public_holidays'\(p.reason)")
                    }
                }
                holidays = PublicHolidays(.list(dates))
            }
        }
        let hours = openingHours(root, "opening_hours", what)
        let territory = self.territory(root["territory"])
        let zoneIDs = Set(territory.zones.map(\.id))
        var units: [Unit] = []
        if let u = root["units"] {
            for item in sequence(u, "'units'") ?? [] {
                if let unit = self.unit(item, zones: zoneIDs) { units.append(unit) }
            }
        } else {
            sink.error(root.location, "missing required key 'units' in the plan")
        }
        checkDuplicates(units.map { ($0.id, $0.location) }, "unit")
        checkDuplicates(territory.zones.map { ($0.id, $0.location) }, "zone")
        let unitIDs = units.map(\.id)
        for unit in units {
            if let f = unit.fallback, let other = f.unit, !unitIDs.contains(other) {
                sink.error(f.location, "unknown unit '\(other)' in the fallback of unit '\(unit.id)'\(Suggest.hint(other, in: unitIDs))")
            }
        }
        let fallback = root["fallback"].flatMap { self.fallback($0, "the plan's fallback") }
        var tariffs: [Tariff] = []
        for t in root["tariffs"].flatMap({ sequence($0, "'tariffs'") }) ?? [] {
            guard mapping(t, "a tariff") != nil else { continue }
            let cat = string(t, "category", "a tariff", required: true)
            let amount = double(t, "amount_eur", "a tariff", required: true)
            let extra = extras(t, known: PlanSchema.tariff.keys, "a tariff")
            if let cat, let amount {
                tariffs.append(Tariff(category: cat, amountEUR: amount, per: string(t, "per", "a tariff"),
                                      incomeBased: bool(t, "income_based", "a tariff"), extra: extra, location: t.location))
            }
        }
        var channels: [AccessChannel] = []
        for c in root["access_channels"].flatMap({ sequence($0, "'access_channels'") }) ?? [] {
            guard mapping(c, "an access channel") != nil else { continue }
            let extra = extras(c, known: PlanSchema.accessChannel.keys, "an access channel")
            if let k = string(c, "kind", "an access channel", required: true) {
                channels.append(AccessChannel(kind: k, description: string(c, "description", "an access channel"),
                                              hours: openingHours(c, "hours", "an access channel"),
                                              costEUR: double(c, "cost_eur", "an access channel"), extra: extra, location: c.location))
            }
        }
        var criteria: [EligibilityCriterion] = []
        for c in root["eligibility"].flatMap({ sequence($0, "'eligibility'") }) ?? [] {
            guard mapping(c, "an eligibility criterion") != nil else { continue }
            let w = "an eligibility criterion"
            let extra = extras(c, known: PlanSchema.eligibility.keys, w)
            let zs = strings(c, "zones", w)
            for z in zs ?? [] where !zoneIDs.contains(z) {
                sink.error(c["zones"]?.location ?? c.location, "unknown zone '\(z)' in eligibility\(Suggest.hint(z, in: zoneIDs))")
            }
            if let id = string(c, "id", w, required: true) {
                criteria.append(EligibilityCriterion(id: id, description: string(c, "description", w), minAge: int(c, "min_age", w),
                                                     maxAge: int(c, "max_age", w), zones: zs, extra: extra, location: c.location))
            }
        }
        var cover = RiskCover(regimes: [], policies: [])
        if let r = root["risk_cover"], !r.isNull, mapping(r, "'risk_cover'") != nil {
            _ = extras(r, known: PlanSchema.riskCover.keys, "'risk_cover'")
            cover.regimes = strings(r, "regimes", "'risk_cover'") ?? []
            for p in r["policies"].flatMap({ sequence($0, "'policies'") }) ?? [] {
                guard mapping(p, "an insurance policy") != nil else { continue }
                let w = "an insurance policy"
                let extra = extras(p, known: PlanSchema.policy.keys, w)
                let pid = string(p, "id", w, required: true)
                let type = string(p, "type", w, required: true)
                let vf = date(p, "valid_from", w), vu = date(p, "valid_until", w)
                if let pid, let type {
                    cover.policies.append(InsurancePolicy(id: pid, insurer: string(p, "insurer", w), type: type,
                                                          coveredRoles: strings(p, "covered_roles", w), validFrom: vf,
                                                          validUntil: vu, extra: extra, location: p.location))
                }
            }
        }
        let params = ruleParams(root["params"], "'params'")
        var rosters: [RosterReference] = []
        for r in root["rosters"].flatMap({ sequence($0, "'rosters'") }) ?? [] {
            if let ref = rosterReference(r) { rosters.append(ref) }
        }
        let extra = extras(root, known: PlanDecoder.planKeys, what)
        // Territory override files (docs/governance.md), read by `ParamLayers` with the rules.
        _ = strings(root, "overrides", what)  // reports an item that is not a path
        let overrideNodes = root["overrides"].map { $0.items ?? [$0] } ?? []
        let overrideFiles = overrideNodes.compactMap { n in n.string.map { OverrideFileReference(path: $0, location: n.location) } }
        guard let id, let name, let kind, let from, let period else { return nil }
        var plan = Plan(id: id, name: name, kind: kind, operatorInfo: op, version: version, effectiveFrom: from,
                    effectiveUntil: until, period: period, timeZone: zone, publicHolidays: holidays, openingHours: hours,
                    territory: territory, units: units, fallback: fallback, tariffs: tariffs, accessChannels: channels,
                    eligibility: criteria, riskCover: cover, params: params, rosters: rosters, extra: extra, file: file,
                    location: root.location)
        plan.overrideFiles = overrideFiles
        return plan
    }

    mutating func checkDuplicates(_ items: [(String, Location)], _ what: String) {
        var seen: [String: Location] = [:]
        for (id, loc) in items {
            if let first = seen[id] {
                sink.error(loc, "duplicate \(what) id '\(id)'", notes: [.init(location: first, message: "first defined here")])
            } else {
                seen[id] = loc
            }
        }
    }

    mutating func territory(_ n: YAMLNode?) -> Territory {
        var t = Territory(cogVintage: nil, zones: [])
        guard let n, !n.isNull, mapping(n, "'territory'") != nil else { return t }
        _ = extras(n, known: PlanSchema.territory.keys, "'territory'")
        t.cogVintage = int(n, "cog_vintage", "'territory'")
        var seenCommunes: [String: Location] = [:]
        for z in n["zones"].flatMap({ sequence($0, "'zones'") }) ?? [] {
            guard mapping(z, "a zone") != nil else { continue }
            let zoneExtra = extras(z, known: PlanSchema.zone.keys, "a zone")
            guard let id = string(z, "id", "a zone", required: true) else { continue }
            var zone = Zone(id: id, name: string(z, "name", "zone '\(id)'"), communes: [], extra: zoneExtra, location: z.location)
            for c in z["communes"].flatMap({ sequence($0, "the communes of zone '\(id)'") }) ?? [] {
                guard mapping(c, "a commune") != nil else { continue }
                _ = extras(c, known: PlanSchema.commune.keys, "a commune")
                guard let code = c["insee"] else {
                    sink.error(c.location, "missing required key 'insee' in a commune of zone '\(id)'")
                    continue
                }
                let insee: String
                switch code.value {
                case .int(let i):
                    sink.error(code.location, FieldReader.inseeNumberMessage(i))
                    continue
                case .string(let s) where FieldReader.isINSEE(s):
                    insee = s
                default:
                    sink.error(code.location, FieldReader.badINSEEMessage(code.keyText ?? "a \(code.kindName)"))
                    continue
                }
                if let first = seenCommunes[insee] {
                    sink.error(code.location, "duplicate commune '\(insee)'", notes: [.init(location: first, message: "first defined here")])
                    continue
                }
                seenCommunes[insee] = code.location
                zone.communes.append(Commune(insee: insee, name: string(c, "name", "commune '\(insee)'"),
                                             population: int(c, "population", "commune '\(insee)'"), zone: id, location: c.location,
                                             risk: string(c, "risk", "commune '\(insee)'")))
            }
            t.zones.append(zone)
        }
        t.response = responseCover(n["response"])
        return t
    }
}
