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

/// Records decoded from roster files, before cross-references are resolved.
struct RosterRecords {
    var contributors: [Contributor] = []
    var assignments: [Assignment] = []
    typealias QualificationRow = (contributor: String, qualification: Qualification, location: Location)
    /// Rows of qualification files, with their contributor id (the latest, after `qualificationParts`).
    var qualifications: [QualificationRow] = []
    /// Earlier rows, in file order: chunks read on other threads are kept as they were read,
    /// not copied into one array (70 MB for the national roster).
    var qualificationParts: [[QualificationRow]] = []

    /// Every qualification row in file order, part by part.
    var allQualifications: [[QualificationRow]] {
        qualifications.isEmpty ? qualificationParts : qualificationParts + [qualifications]
    }
    var attendance: [Attendance] = []
    var carpoolRequests: [CarpoolRequest] = []
    /// The plan's units, to resolve assignments while they are decoded.
    var unitTable = IDTable(capacity: 0)
    /// The contributors read so far (built when the first assignments file starts).
    var peopleTable: IDTable?
    /// (index, index of the first with the same id) for each repeated id in `peopleTable`.
    var duplicateContributors: [(Int, Int)] = []
    /// Whether assignment ids came in strictly increasing order (then none repeats).
    var assignmentIDsIncreasing = true
    var lastAssignmentID: String?

    /// Assignments waiting for their contributor lookup, resolved 32 at a time.
    private var pending: [Int] = []
    private var pendingHashes = [UInt64](repeating: 0, count: RosterRecords.batch)
    private static let batch = 32
    /// Keeps the batched loads observable.
    private(set) var touched: UInt64 = 0

    /// Appends an assignment; resolves its unit now and its contributor in the next batch.
    mutating func append(_ a: consuming Assignment) {
        a.index = assignments.count
        if let u = unitTable.find(a.unit) { a.unitIndex = u }
        if assignmentIDsIncreasing {
            if let last = lastAssignmentID, !(last < a.id) { assignmentIDsIncreasing = false }
            lastAssignmentID = a.id
        }
        assignments.append(a)
        if peopleTable != nil {
            pending.append(assignments.count - 1)
            if pending.count == RosterRecords.batch { flushPending() }
        }
    }

    /// Looks up the pending assignments' contributors: first every hash and a load of its slot
    /// (the cache misses overlap), then the real probes, which now hit the cache. One miss per
    /// assignment was most of the load time of a million-row roster.
    mutating func flushPending() {
        guard let table = peopleTable, !pending.isEmpty else { return }
        for (k, i) in pending.enumerated() { pendingHashes[k] = IDTable.hash(assignments[i].contributor) }
        let n = pending.count
        touched &+= pendingHashes.withUnsafeMutableBufferPointer { table.touch(UnsafeMutableBufferPointer(rebasing: $0[0..<n])) }
        for (k, i) in pending.enumerated() {
            if let p = table.find(assignments[i].contributor, hash: pendingHashes[k]) { assignments[i].contributorIndex = p }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Empty records that resolve units and contributors as these do: for one chunk of a file
    /// read on its own thread (the tables are shared, read only).
    func emptyForChunk() -> RosterRecords {
        var r = RosterRecords()
        r.unitTable = unitTable
        r.peopleTable = peopleTable
        return r
    }

    /// Appends a chunk's records, read after these: renumbers some and carries on the check
    /// that assignment ids increase, so that the result is the same as reading the rows here.
    mutating func append(chunk c: RosterRecords) {
        // Contributors and assignments keep their index within the chunk: `PlanLoader.resolve`
        // numbers them all, touching each anyway.
        contributors.append(contentsOf: c.contributors)
        if assignmentIDsIncreasing, let first = c.assignments.first {
            if !c.assignmentIDsIncreasing {
                assignmentIDsIncreasing = false
            } else if let last = lastAssignmentID, !(last < first.id) {
                assignmentIDsIncreasing = false
            } else {
                lastAssignmentID = c.lastAssignmentID
            }
        }
        assignments.append(contentsOf: c.assignments)
        if !c.qualifications.isEmpty {
            if !qualifications.isEmpty {
                qualificationParts.append(qualifications)
                qualifications = []
            }
            qualificationParts.append(c.qualifications)
        }
        let tb = attendance.count
        attendance.append(contentsOf: c.attendance)
        if tb > 0 { for i in tb..<attendance.count { attendance[i].index += tb } }
        let rb = carpoolRequests.count
        carpoolRequests.append(contentsOf: c.carpoolRequests)
        if rb > 0 { for i in rb..<carpoolRequests.count { carpoolRequests[i].index += rb } }
        touched &+= c.touched
    }

    /// Makes room for `n` more records of `kind`.
    mutating func reserve(_ n: Int, of kind: RosterReference.Kind) {
        switch kind {
        case .assignments: assignments.reserveCapacity(assignments.count + n)
        case .contributors: contributors.reserveCapacity(contributors.count + n)
        case .qualifications: qualifications.reserveCapacity(qualifications.count + n)
        default: break
        }
    }

    /// Indexes the contributors read so far, once, before assignments are decoded.
    mutating func prepareForAssignments() {
        guard peopleTable == nil, !contributors.isEmpty else { return }
        var t = IDTable(capacity: contributors.count)
        for i in contributors.indices {
            if let first = t.insert(contributors[i].id, index: i) { duplicateContributors.append((i, first)) }
        }
        peopleTable = t
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

/// Reads roster files (CSV or YAML) into records.
enum RosterReader {
    /// A CSV file's header as read: which column holds which field.
    struct CSVLayout {
        let kind: RosterReference.Kind
        let file: String
        let header: [String]
        let columnOf: [Int]
        let extraColumns: [Int]
        let specs: [FieldSpec]
    }

    /// Where reading a run of rows stopped: the next record's offset and line, the records
    /// read, and whether a syntax error ended the file there.
    struct RowsEnd {
        var pos: Int
        var line: Int
        var records: Int
        var failed: Bool
    }

    /// Reads one CSV file of `kind`; a large file is read in chunks on every core, with the
    /// same records and the same diagnostics, in the same order, as reading it row by row.
    /// - Parameter chunking: how the body is split; tests split small files.
    /// - Parameter declaredExtra: the columns the plan declares as its own (`extra_columns`).
    static func readCSV(bytes buf: UnsafeBufferPointer<UInt8>, file: String, kind: RosterReference.Kind, separator: Character?,
                        declaredExtra: [String] = [],
                        reader: inout FieldReader, into records: inout RosterRecords,
                        chunking: CSVChunking = .automatic) {
        let specs = RosterFields.specs(for: kind)
        let sepByte: UInt8? = separator.flatMap { $0.asciiValue }
        if kind == .assignments { records.prepareForAssignments() }
        let cursor = CSVCursor(buf, separator: sepByte, recordLimit: chunking.recordLimit)
        let layout: CSVLayout
        do {
            guard try cursor.next() else {
                reader.sink.error(.start(of: file), "empty \(kind.rawValue) file; the first line must be the header")
                return
            }
            var header: [String] = []
            for i in 0..<cursor.count { header.append(cursor.string(i)[...].trimmed(" ")) }
            var columnOf = [Int](repeating: -1, count: specs.count)
            var firstColumn: [String: Int] = [:]
            for (c, name) in header.enumerated() {
                if let first = firstColumn[name] {
                    reader.sink.error(Location(file: file, line: cursor.rowLine, column: c + 1),
                                      "duplicate column '\(name)'",
                                      notes: [.init(location: Location(file: file, line: cursor.rowLine, column: first + 1), message: "first defined here")])
                } else {
                    firstColumn[name] = c
                }
            }
            let known = specs.map(\.name)
            var extraColumns: [Int] = []
            // With a required column missing, that is the mistake to report (its hint names the
            // misspelt column): the unknown columns are not reported a second time.
            let requiredMissing = specs.contains { $0.required && firstColumn[$0.name] == nil }
            for (c, name) in header.enumerated() where firstColumn[name] == c {
                if let f = known.firstIndex(of: name) {
                    columnOf[f] = c
                } else if declaredExtra.contains(name) {
                    extraColumns.append(c)
                } else if !requiredMissing {
                    // Fail closed: an undeclared column is a typo until the plan says otherwise.
                    let hint = Suggest.closest(to: name, in: known).map { "; did you mean '\($0)'?" }
                        ?? "; declare columns of your own in the plan: {path: …, kind: \(kind.rawValue), extra_columns: [\(name)]}"
                    reader.sink.error(Location(file: file, line: cursor.rowLine, column: c + 1),
                                      "unknown column '\(name)' in the \(kind.rawValue) file\(hint)")
                }
            }
            var missingRequired = false
            for (f, spec) in specs.enumerated() where spec.required && columnOf[f] < 0 {
                missingRequired = true
                reader.sink.error(Location(file: file, line: cursor.rowLine, column: 1),
                                  "missing required column '\(spec.name)' in the \(kind.rawValue) file\(Suggest.hint(spec.name, in: header))")
            }
            if missingRequired { return }
            layout = CSVLayout(kind: kind, file: file, header: header, columnOf: columnOf, extraColumns: extraColumns, specs: specs)
        } catch {
            reader.sink.error(Location(file: file, line: error.line, column: error.column), error.message)
            return
        }
        reader.decimalComma = cursor.separator == CSVCursor.semicolon
        defer { reader.decimalComma = false }
        let chunks = chunking.chunks(forBytes: buf.count - cursor.pos)
        if chunks > 1, readChunks(buf, after: cursor, chunks: chunks, layout, reader: &reader, into: &records,
                                  recordLimit: chunking.recordLimit) { return }
        _ = readRows(cursor, layout, reader: &reader, into: &records)
    }

    /// Reads the rows of `cursor` up to its stop, reporting a syntax error as the last
    /// diagnostic (the rest of the file is not read, as no row boundary can be trusted after it).
    static func readRows(_ cursor: CSVCursor, _ layout: CSVLayout, reader: inout FieldReader,
                         into records: inout RosterRecords) -> RowsEnd {
        let header = layout.header
        let kind = layout.kind
        let source = CSVSource(cursor: cursor, columnOf: layout.columnOf, specs: layout.specs, header: header,
                               extraColumns: layout.extraColumns, file: layout.file, recordName: RosterFields.recordName(kind))
        // Growing an array of a million records by doubling copies it twenty times: once
        // 256 rows are read, reserve for the rest of the range at their mean length.
        var rows = 0
        let firstRowStart = cursor.pos
        var failed = false
        do {
            while try cursor.next() {
                rows += 1
                if rows == 256 {
                    let perRow = max(1, (cursor.pos - firstRowStart) / rows)
                    records.reserve(max(0, cursor.stop - cursor.pos) / perRow * 21 / 20 + 16, of: kind)
                }
                if cursor.count != header.count {
                    reader.sink.error(Location(file: layout.file, line: cursor.rowLine, column: 1),
                                      "row has \(cursor.count) field\(cursor.count == 1 ? "" : "s") but the header has \(header.count)\(cursor.count == 1 && header.count > 1 && cursor.separator == CSVCursor.comma ? "; is the separator ';'?" : "")")
                    continue
                }
                reader.decode(kind, source, into: &records)
            }
        } catch {
            reader.sink.error(Location(file: layout.file, line: error.line, column: error.column), error.message)
            failed = true
        }
        records.flushPending()
        return RowsEnd(pos: cursor.pos, line: cursor.line, records: cursor.records, failed: failed)
    }

    /// One chunk read on its own thread.
    private struct ChunkResult {
        var records: RosterRecords
        var sink: DiagnosticSink
        var end: RowsEnd
    }

    /// Reads the body after the header `cursor` has read in `chunks` chunks on every core, then
    /// joins them in file order. Exact: a chunk whose start the previous chunk did not end on (a
    /// quoted line break at the boundary) is read again from where that chunk ended.
    /// - Returns: false, having changed nothing, when the file must be read row by row (more
    ///   records than the file limit, whose error names the row that crosses it).
    private static func readChunks(_ buf: UnsafeBufferPointer<UInt8>, after cursor: CSVCursor, chunks: Int, _ layout: CSVLayout,
                                   reader: inout FieldReader, into records: inout RosterRecords, recordLimit: Int) -> Bool {
        let bounds = CSVChunking.bounds(buf, from: cursor.pos, chunks: chunks)
        let shared = UncheckedSendable((buf: buf, layout: layout, reader: reader, records: records.emptyForChunk(),
                                        separator: cursor.separator))
        let breaks = CSVChunking.map(chunks) { k in CSVChunking.lineBreaks(shared.value.buf, bounds[k]..<bounds[k + 1]) }
        var startLine = [cursor.line]
        for k in 0..<chunks { startLine.append(startLine[k] + breaks[k]) }
        @Sendable func read(_ from: Int, line: Int, stop: Int) -> ChunkResult {
            let s = shared.value
            // Every record retains its file name and field list: with one copy per chunk, threads
            // do not contend for the same reference counts (7 % of a national load's CPU).
            let l = s.layout
            let layout = CSVLayout(kind: l.kind, file: String(decoding: Array(l.file.utf8), as: UTF8.self),
                                   header: l.header.map { $0 }, columnOf: l.columnOf.map { $0 },
                                   extraColumns: l.extraColumns.map { $0 }, specs: l.specs.map { $0 })
            var r = s.reader
            r.sink = DiagnosticSink()
            var rec = s.records
            let c = CSVCursor(s.buf, separator: s.separator, from: from, line: line, stop: stop)
            let end = readRows(c, layout, reader: &r, into: &rec)
            return ChunkResult(records: rec, sink: r.sink, end: end)
        }
        var parts = CSVChunking.map(chunks) { k in read(bounds[k], line: startLine[k], stop: bounds[k + 1]) }
        // Each chunk must start where the one before it ended, else it is read again from there.
        var total = cursor.records
        var used = chunks
        for k in 0..<chunks {
            if k > 0 {
                let prev = parts[k - 1].end
                if prev.pos != bounds[k] || prev.line != startLine[k] {
                    parts[k] = read(prev.pos, line: prev.line, stop: max(prev.pos, bounds[k + 1]))
                }
            }
            total += parts[k].end.records
            if parts[k].end.failed {
                used = k + 1
                break
            }
        }
        if total > recordLimit { return false }
        if layout.kind == .assignments || layout.kind == .contributors {
            var count = 0
            for k in 0..<used { count += parts[k].records.assignments.count + parts[k].records.contributors.count }
            records.reserve(count, of: layout.kind)
        }
        for k in 0..<used {
            records.append(chunk: parts[k].records)
            parts[k].records = RosterRecords()
            reader.sink.merge(parts[k].sink)
        }
        return true
    }

    /// Reads one YAML roster: a mapping whose keys are record kinds, each holding a list.
    static func readYAML(root: YAMLNode, file: String, kind: RosterReference.Kind,
                         reader: inout FieldReader, into records: inout RosterRecords) {
        guard let pairs = root.pairs else {
            reader.sink.error(root.location, "expected a mapping of \(kind == .roster ? "record lists" : "'\(kind.rawValue)'") in a roster file, found a \(root.kindName)")
            return
        }
        let allowed: [RosterReference.Kind] = kind == .roster
            ? [.contributors, .assignments, .qualifications, .attendance, .carpoolRequests] : [kind]
        for pair in pairs {
            let key = pair.key.keyText ?? ""
            guard let k = RosterReference.Kind(rawValue: key), allowed.contains(k) else {
                reader.sink.error(pair.key.location, "unknown key '\(key)' in a roster file; expected \(allowed.map { "'\($0.rawValue)'" }.joined(separator: ", "))\(Suggest.hint(key, in: allowed.map(\.rawValue)))")
                continue
            }
            if pair.value.isNull { continue }
            guard let items = pair.value.items else {
                reader.sink.error(pair.value.location, "expected a list under '\(key)', found a \(pair.value.kindName)")
                continue
            }
            let specs = RosterFields.specs(for: k)
            if k == .assignments { records.prepareForAssignments() }
            for item in items {
                guard item.pairs != nil else {
                    reader.sink.error(item.location, "expected a mapping for a \(RosterFields.recordName(k)), found a \(item.kindName)")
                    continue
                }
                let source = YAMLSource(item, specs: specs, recordName: RosterFields.recordName(k), sink: &reader.sink)
                reader.decode(k, source, into: &records)
            }
            records.flushPending()
        }
    }
}
