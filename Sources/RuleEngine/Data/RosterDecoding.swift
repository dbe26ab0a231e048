/// The decoders' numbering of each roster record type's columns; the columns themselves (CSV
/// name, YAML path, required) are declared with the fields in the records' tables (`Data/Fields/`).
enum RosterFields {
    enum C: Int { case id, role, status, birthDate, grade, residenceInsee, homeToUnitMinutes, units, engagementStart,
                  employment, qualifications, medicalFrom, medicalUntil, medicalFit, bgType, bgFrom, bgUntil,
                  licenceCategory, licenceFrom, licenceUntil, insurancePolicy, insuranceFrom, insuranceUntil }
    static let contributor = Contributor.fields.specs

    enum Q: Int { case contributor, code, hours, obtained, validUntil }
    static let qualification = Qualification.fields.specs
    /// Nested in a YAML contributor: no `contributor` key.
    static let nestedQualification: [FieldSpec] = qualification.map { spec in
        spec.name == "contributor" ? FieldSpec(spec.name, yaml: spec.yamlPath, required: false) : spec
    }

    enum A: Int {
        case id, contributor, unit, position, start, end, kind, engine, countsInRatio, requested, source, engagement,
             reachMinutes
    }
    static let assignment = Assignment.fields.specs

    enum T: Int { case id, unit, start, end, walking, nonWalking, outing }
    static let attendance = Attendance.fields.specs

    enum R: Int { case id, line, stop, requestedAt, pickedAt, fulfilledBy, driver }
    static let carpoolRequest = CarpoolRequest.fields.specs

    static func specs(for kind: RosterReference.Kind) -> [FieldSpec] {
        switch kind {
        case .contributors: contributor
        case .assignments: assignment
        case .qualifications: qualification
        case .attendance: attendance
        case .carpoolRequests: carpoolRequest
        case .roster: []
        }
    }

    static func recordName(_ kind: RosterReference.Kind) -> String {
        switch kind {
        case .contributors: "contributor"
        case .assignments: "assignment"
        case .qualifications: "qualification"
        case .attendance: "attendance"
        case .carpoolRequests: "carpool request"
        case .roster: "roster"
        }
    }
}

extension FieldReader {
    typealias C = RosterFields.C

    mutating func contributor<S: RecordSource>(_ s: S) -> Contributor? {
        let specs = s.specs
        let id = required(s, C.id.rawValue, specs)
        let role = required(s, C.role.rawValue, specs)
        let c = Contributor(id: id ?? "", role: role ?? "", location: s.recordLocation)
        c.status = string(s, C.status.rawValue)
        c.birthDate = date(s, C.birthDate.rawValue)
        c.grade = string(s, C.grade.rawValue)
        c.residenceInsee = insee(s, C.residenceInsee.rawValue)
        c.homeToUnitMinutes = int(s, C.homeToUnitMinutes.rawValue)
        c.units = list(s, C.units.rawValue)
        c.engagementStart = date(s, C.engagementStart.rawValue)
        c.employment = string(s, C.employment.rawValue)
        // Qualifications: codes in CSV, records in YAML.
        let q = C.qualifications.rawValue
        if case .node(let n) = s.raw(q), let items = n.items {
            var out: [Qualification] = []
            for item in items {
                if let code = item.string {
                    out.append(Qualification(code: code, location: item.location))
                } else if item.pairs != nil {
                    let src = YAMLSource(item, specs: RosterFields.nestedQualification, recordName: "qualification", sink: &sink)
                    if let qual = qualification(src).map({ $0.1 }) { out.append(qual) }
                } else {
                    sink.error(item.location, "expected a qualification code or mapping in key 'qualifications', found a \(item.kindName)")
                }
            }
            c.qualifications = out
        } else if let codes = list(s, q) {
            let loc = s.location(q)
            c.qualifications = codes.map { Qualification(code: $0, location: loc) }
        }
        c.medical = document(s, .medical, label: nil, from: C.medicalFrom, until: C.medicalUntil, fit: C.medicalFit)
        c.backgroundCheck = document(s, .backgroundCheck, label: C.bgType, from: C.bgFrom, until: C.bgUntil, fit: nil)
        c.licence = document(s, .licence, label: C.licenceCategory, from: C.licenceFrom, until: C.licenceUntil, fit: nil)
        c.insurance = document(s, .insurance, label: C.insurancePolicy, from: C.insuranceFrom, until: C.insuranceUntil, fit: nil)
        c.extra = s.extras()
        guard id != nil, role != nil else { return nil }
        return c
    }

    private mutating func document<S: RecordSource>(_ s: S, _ kind: Document.Kind, label: C?, from: C, until: C, fit: C?) -> Document? {
        let l = label.flatMap { string(s, $0.rawValue) }
        let a = date(s, from.rawValue)
        let b = date(s, until.rawValue)
        let f = fit.flatMap { bool(s, $0.rawValue) }
        if l == nil, a == nil, b == nil, f == nil { return nil }
        return Document(kind: kind, label: l, validFrom: a, validUntil: b, fit: f)
    }

    /// The contributor id (nil when nested) and the qualification.
    mutating func qualification<S: RecordSource>(_ s: S) -> (String?, Qualification)? {
        typealias Q = RosterFields.Q
        let specs = s.specs
        let who = specs[0].required ? required(s, Q.contributor.rawValue, specs) : string(s, Q.contributor.rawValue)
        let code = required(s, Q.code.rawValue, specs)
        let q = Qualification(code: code ?? "", hours: double(s, Q.hours.rawValue), obtained: date(s, Q.obtained.rawValue),
                              validUntil: date(s, Q.validUntil.rawValue), location: s.recordLocation)
        guard let code, !code.isEmpty, !specs[0].required || who != nil else { return nil }
        return (who, q)
    }

    mutating func assignment<S: RecordSource>(_ s: S) -> Assignment? {
        typealias A = RosterFields.A
        let specs = s.specs
        let id = required(s, A.id.rawValue, specs)
        let who = required(s, A.contributor.rawValue, specs)
        let unit = required(s, A.unit.rawValue, specs)
        let position = string(s, A.position.rawValue)
        let start = requiredInstant(s, A.start.rawValue, specs)
        let end = requiredInstant(s, A.end.rawValue, specs)
        let kind = required(s, A.kind.rawValue, specs)
        let engine = string(s, A.engine.rawValue)
        let ratio = bool(s, A.countsInRatio.rawValue)
        let requested = bool(s, A.requested.rawValue)
        let source = string(s, A.source.rawValue)
        let stated = string(s, A.engagement.rawValue)
        let engagement = stated.flatMap(Engagement.init(rawValue:))
        if let stated, engagement == nil {
            sink.error(s.location(A.engagement.rawValue),
                       "bad engagement '\(stated)' in \(s.describe(A.engagement.rawValue)): expected "
                       + Engagement.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                       + Suggest.hint(stated, in: Engagement.allCases.map(\.rawValue)))
        }
        let reach = int(s, A.reachMinutes.rawValue)
        if let reach, reach < 0 {
            sink.error(s.location(A.reachMinutes.rawValue), "bad reach_minutes '\(reach)' in \(s.describe(A.reachMinutes.rawValue)): expected minutes, 0 or more")
        }
        guard let id, let who, let unit, let start, let end, let kind else { return nil }
        if end <= start {
            sink.error(s.location(A.end.rawValue), FieldReader.orderMessage("assignment '\(id)'", start, end, zone))
            return nil
        }
        return Assignment(id: id, contributor: who, unit: unit, position: position, start: start, end: end, kind: kind,
                          engine: engine, countsInRatio: ratio, requestedByAdministration: requested, source: source,
                          engagement: engagement, reachMinutes: reach, extra: s.extras(), location: s.recordLocation, contributorIndex: -1, unitIndex: -1)
    }

    static func orderMessage(_ what: String, _ start: Int64, _ end: Int64, _ zone: ZoneRules) -> String {
        let verb = end == start ? "ends when it starts" : "ends before it starts"
        return "\(what) \(verb) (start \(LocalTime.format(local: zone.local(utc: start))), end \(LocalTime.format(local: zone.local(utc: end))))"
    }

    mutating func attendance<S: RecordSource>(_ s: S) -> Attendance? {
        typealias T = RosterFields.T
        let specs = s.specs
        let id = string(s, T.id.rawValue)
        let unit = required(s, T.unit.rawValue, specs)
        let start = requiredInstant(s, T.start.rawValue, specs)
        let end = requiredInstant(s, T.end.rawValue, specs)
        var counts: [Int?] = []
        for f in [T.walking, T.nonWalking] {
            if FieldReader.isEmpty(s.raw(f.rawValue)) {
                missing(s, f.rawValue, specs)
                counts.append(nil)
            } else if let v = int(s, f.rawValue) {
                if v < 0 {
                    sink.error(s.location(f.rawValue), "negative count \(v) in \(s.describe(f.rawValue))")
                    counts.append(nil)
                } else {
                    counts.append(v)
                }
            } else {
                counts.append(nil)
            }
        }
        let outing = bool(s, T.outing.rawValue)
        guard let unit, let start, let end, let walking = counts[0], let nonWalking = counts[1] else { return nil }
        if end <= start {
            sink.error(s.location(T.end.rawValue), FieldReader.orderMessage("attendance slot", start, end, zone))
            return nil
        }
        return Attendance(id: id, unit: unit, start: start, end: end, walking: walking, nonWalking: nonWalking,
                          outing: outing, extra: s.extras(), location: s.recordLocation, unitIndex: -1)
    }

    mutating func carpoolRequest<S: RecordSource>(_ s: S) -> CarpoolRequest? {
        typealias R = RosterFields.R
        let specs = s.specs
        let id = required(s, R.id.rawValue, specs)
        let line = required(s, R.line.rawValue, specs)
        let stop = string(s, R.stop.rawValue)
        let requested = requiredInstant(s, R.requestedAt.rawValue, specs)
        let picked = instant(s, R.pickedAt.rawValue)
        let by = string(s, R.fulfilledBy.rawValue)
        let driver = string(s, R.driver.rawValue)
        guard let id, let line, let requested else { return nil }
        if let picked, picked < requested {
            sink.error(s.location(R.pickedAt.rawValue), "carpool request '\(id)' is picked up before it is made (requested_at \(LocalTime.format(local: zone.local(utc: requested))), picked_at \(LocalTime.format(local: zone.local(utc: picked))))")
            return nil
        }
        return CarpoolRequest(id: id, line: line, stop: stop, requestedAt: requested, pickedAt: picked, fulfilledBy: by,
                              driver: driver, extra: s.extras(), location: s.recordLocation, lineIndex: -1)
    }

    /// Decodes one record of `kind` into `records`.
    mutating func decode<S: RecordSource>(_ kind: RosterReference.Kind, _ s: S, into records: inout RosterRecords) {
        switch kind {
        case .contributors:
            if let c = contributor(s) {
                c.index = records.contributors.count
                records.contributors.append(c)
            }
        case .assignments: if let a = assignment(s) { records.append(a) }
        case .qualifications:
            if let (who, q) = qualification(s), let who { records.qualifications.append((who, q, s.recordLocation)) }
        case .attendance:
            if var a = attendance(s) {
                a.index = records.attendance.count
                records.attendance.append(a)
            }
        case .carpoolRequests:
            if var r = carpoolRequest(s) {
                r.index = records.carpoolRequests.count
                records.carpoolRequests.append(r)
            }
        case .roster: break
        }
    }
}
