import Foundation

/// Loads a plan and the rosters it names.
public enum PlanLoader {
    /// Loads `planPath` and its rosters, plus `extraRosters` (paths as given, kind from the
    /// file name), reporting every error of every file at once.
    /// - Parameters:
    ///   - csvSeparator: `,` or `;` for every CSV file; nil detects it per file from its header.
    /// - Throws: `DiagnosticList` with every located error.
    public static func load(planPath: String, extraRosters: [String] = [], csvSeparator: Character? = nil) throws -> ServiceData {
        try load(planPath: planPath, parsed: nil, extraRosters: extraRosters, csvSeparator: csvSeparator)
    }

    /// Loads `planPath` whose YAML the caller has parsed already (`YAMLLoader.load(file:)`), so
    /// that it is not parsed twice; otherwise as `load(planPath:extraRosters:csvSeparator:)`.
    public static func load(planPath: String, parsed stream: YAMLStream?, extraRosters: [String] = [],
                            csvSeparator: Character? = nil) throws -> ServiceData {
        // Bounded: a plan larger than the YAML size limit is refused before it is read.
        let bytes: [UInt8]
        do {
            bytes = try YAMLLoader.readFile(planPath, limits: YAMLLoader.Limits())
        } catch {
            throw DiagnosticList(error.diagnostics)
        }
        let folder = (planPath as NSString).deletingLastPathComponent
        return try load(planBytes: bytes, planFile: planPath, extraRosters: extraRosters, csvSeparator: csvSeparator,
                        parsed: stream, readBytes: { path in
                            let full = folder.isEmpty ? path : folder + "/" + path
                            return (full, FileBytes(mapping: full))
                        })
    }

    /// Loads a plan from bytes, reading rosters through `read` (relative path → shown name and
    /// bytes, nil if unreadable). Tests use it with in-memory files.
    public static func load(planBytes: [UInt8], planFile: String, extraRosters: [String] = [],
                            csvSeparator: Character? = nil,
                            read: (String) -> (name: String, bytes: [UInt8]?)) throws -> ServiceData {
        try load(planBytes: planBytes, planFile: planFile, extraRosters: extraRosters, csvSeparator: csvSeparator,
                 readBytes: { path in
                     let (name, bytes) = read(path)
                     return (name, bytes.map(FileBytes.init(array:)))
                 })
    }

    static func load(planBytes: [UInt8], planFile: String, extraRosters: [String], csvSeparator: Character?,
                     parsed: YAMLStream? = nil, readBytes: (String) -> (name: String, bytes: FileBytes?)) throws -> ServiceData {
        let stream = try parsed ?? YAMLLoader.load(bytes: planBytes, file: planFile)
        guard let root = stream.documents.first else {
            throw DiagnosticList([.error(at: .start(of: planFile), "empty plan file; it must hold a mapping with id, name, kind, period and units")])
        }
        var decoder = PlanDecoder(file: planFile, bytes: planBytes)
        if stream.documents.count > 1 {
            decoder.sink.error(stream.documents[1].location, "a plan file holds one YAML document; remove the second")
        }
        // The plan is decoded on another core while the first CSV rosters that need nothing from
        // it (contributors, qualifications: no unit, no time zone) are read; their references
        // are read ahead from the same YAML, and kept only if the decoded plan names the same.
        let pending = PendingPlan(decoder)
        let decoded = DispatchGroup()
        DispatchQueue.global().async(group: decoded) { pending.decode(root) }
        let early = readAhead(root, planFile: planFile, planBytes: planBytes, csvSeparator: csvSeparator, readBytes: readBytes)
        decoded.wait()
        decoder = pending.decoder
        var plan = pending.plan
        var reader = FieldReader(zone: decoder.zone)
        var records = RosterRecords()
        var files = [planFile]
        var skip = 0
        if let plan, plan.rosters.starts(with: early.refs) {
            reader.sink = early.reader.sink
            records = early.records
            files += early.files
            skip = early.refs.count
        }
        if let plan {
            records.unitTable = IDTable(capacity: plan.units.count)
            for (i, u) in plan.units.enumerated() { _ = records.unitTable.insert(u.id, index: i) }
        }
        for (path, loc) in decoder.kindless {
            let (name, bytes) = readBytes(path)
            decoder.sink.error(loc, bytes == nil ? PlanDecoder.noSuchRosterMessage(path, lookedFor: name) : PlanDecoder.kindlessMessage(path))
        }
        var refs = plan?.rosters ?? []
        for extra in extraRosters {
            let loc = Location.start(of: extra)
            if let kind = RosterPaths.inferKind(extra) {
                refs.append(RosterReference(path: extra, kind: kind, location: loc))
            } else if FileBytes(mapping: extra) == nil {
                decoder.sink.error(loc, PlanDecoder.noSuchRosterMessage(extra, lookedFor: extra))
            } else {
                decoder.sink.error(loc, "cannot tell what roster '\(extra)' holds; name it contributors…, assignments…, qualifications…, attendance…, carpool_requests… or roster…")
            }
        }
        let extraStart = (plan?.rosters.count ?? 0)
        for (i, ref) in refs.enumerated() where i >= skip {
            let (name, data): (String, FileBytes?)
            if i >= extraStart {
                data = FileBytes(mapping: ref.path)
                name = ref.path
            } else {
                (name, data) = readBytes(ref.path)
            }
            guard let data else {
                decoder.sink.error(ref.location, PlanDecoder.noSuchRosterMessage(ref.path, lookedFor: name))
                continue
            }
            files.append(name)
            let lower = ref.path.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                if !ref.extraColumns.isEmpty {
                    decoder.sink.error(ref.location, "'extra_columns' is for CSV files; in a YAML roster write a record's own data under its 'extra:' key")
                }
                // Refused before the mapped file is copied, rather than by the loader after.
                let limit = YAMLLoader.Limits().maxFileSize
                if data.buffer.count > limit {
                    reader.sink.error(.start(of: name), "file is \(data.buffer.count) bytes, larger than the limit of \(limit) bytes; split it into smaller files")
                    continue
                }
                do {
                    let s = try YAMLLoader.load(bytes: Array(data.buffer), file: name)
                    for doc in s.documents {
                        Minimisation.readYAML(root: doc, file: name, kind: ref.kind, reader: &reader, into: &records)
                    }
                } catch {
                    for d in error.diagnostics { reader.sink.error(d.location, d.message, notes: d.notes) }
                }
            } else if ref.kind == .roster {
                decoder.sink.error(ref.location, "a roster of kind 'roster' must be a YAML file; give CSV files one kind each")
            } else {
                Minimisation.readCSV(bytes: data.buffer, file: name, kind: ref.kind, separator: csvSeparator,
                                     declaredExtra: ref.extraColumns, reader: &reader, into: &records)
            }
        }
        var sink = decoder.sink
        sink.merge(reader.sink)
        if plan != nil { TravelTimeReader.load(into: &plan!, csvSeparator: csvSeparator, readBytes: readBytes, files: &files, sink: &sink) }
        guard let plan else {
            try sink.throwIfErrors()
            throw DiagnosticList([.error(at: .start(of: planFile), "the plan could not be read")])
        }
        var data = ServiceData(plan: plan, contributors: [], assignments: [], attendance: [], carpoolRequests: [],
                               warnings: [], unitIndex: [:], contributorIndex: [:], files: files)
        // `unitValues` is filled by `resolve`, once the units are numbered.
        // Moved, not copied: a second reference would make the first mutation copy a million records.
        swap(&data.contributors, &records.contributors)
        swap(&data.assignments, &records.assignments)
        swap(&data.attendance, &records.attendance)
        swap(&data.carpoolRequests, &records.carpoolRequests)
        resolve(&data, qualifications: records.allQualifications, assignmentIDsIncreasing: records.assignmentIDsIncreasing,
                people: records.peopleTable.map { ($0, records.duplicateContributors) },
                sink: &sink)
        data.warnings = sink.warnings
        try sink.throwIfErrors()
        return data
    }

    /// A plan being decoded on another thread; read after the group it runs in is waited for.
    private final class PendingPlan: @unchecked Sendable {
        var decoder: PlanDecoder
        var plan: Plan?
        init(_ decoder: PlanDecoder) { self.decoder = decoder }
        func decode(_ root: YAMLNode) { plan = decoder.plan(root) }
    }

    /// The leading CSV rosters of kind contributors or qualifications, read before the plan is
    /// decoded, with the references they were read for.
    static func readAhead(_ root: YAMLNode, planFile: String, planBytes: [UInt8], csvSeparator: Character?,
                          readBytes: (String) -> (name: String, bytes: FileBytes?))
        -> (refs: [RosterReference], files: [String], reader: FieldReader, records: RosterRecords) {
        // A scratch decoder: its errors are the plan decoder's to report.
        var scratch = PlanDecoder(file: planFile, bytes: planBytes)
        var reader = FieldReader(zone: .paris)
        var records = RosterRecords()
        var refs: [RosterReference] = []
        var files: [String] = []
        guard let list = root.pairs != nil ? root["rosters"]?.items : nil else { return ([], [], reader, records) }
        for node in list {
            guard let ref = scratch.rosterReference(node), ref.kind == .contributors || ref.kind == .qualifications else { break }
            let lower = ref.path.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { break }
            let (name, data) = readBytes(ref.path)
            guard let data else { break }
            Minimisation.readCSV(bytes: data.buffer, file: name, kind: ref.kind, separator: csvSeparator,
                                     declaredExtra: ref.extraColumns, reader: &reader, into: &records)
            refs.append(ref)
            files.append(name)
        }
        return (refs, files, reader, records)
    }

    /// Indexes ids, reports duplicates and dangling references, attaches qualification rows.
    static func resolve(_ data: inout ServiceData,
                        qualifications: [[RosterRecords.QualificationRow]],
                        assignmentIDsIncreasing: Bool, people: (table: IDTable, duplicates: [(Int, Int)])? = nil,
                        sink: inout DiagnosticSink) {
        // Roster records got their index when decoded (chunks: numbered below).
        // On a copy, assigned once: each change of `data.plan` boxes its units again.
        var plan = data.plan
        for i in plan.units.indices { plan.units[i].index = i }
        for i in plan.territory.zones.indices { plan.territory.zones[i].index = i }
        data.plan = plan
        var units: [String: Int] = [:]
        for (i, u) in data.plan.units.enumerated() where units[u.id] == nil { units[u.id] = i }
        data.unitIndex = units
        var unitTable = IDTable(capacity: data.plan.units.count)
        for (i, u) in data.plan.units.enumerated() { _ = unitTable.insert(u.id, index: i) }
        let unitIDs = data.plan.units.map(\.id)

        let contributorIDs = data.contributors.map(\.id)
        var peopleTable: IDTable
        var duplicates: [(Int, Int)] = []
        if let built = people, built.table.count + built.duplicates.count == data.contributors.count {
            // Indexed already, before the assignments were read, with every contributor.
            (peopleTable, duplicates) = built
        } else {
            peopleTable = IDTable(capacity: data.contributors.count)
            for i in contributorIDs.indices {
                if let first = peopleTable.insert(contributorIDs[i], index: i) { duplicates.append((i, first)) }
            }
        }
        for (i, first) in duplicates {
            sink.error(data.contributors[i].location, "duplicate contributor id '\(contributorIDs[i])'",
                       notes: [.init(location: data.contributors[first].location, message: "first defined here")])
        }
        // Numbered (records read in chunks were numbered within their chunk), and those naming
        // an unknown unit found, on every core; their errors are then reported in order.
        let contributors = data.contributors
        let knownUnits = unitTable
        // Small inputs are split too, so that tests run the same path.
        let parts = max(1, min(4, contributors.count))
        let unknownUnits = CSVChunking.map(parts) { k -> [Int] in
            var out: [Int] = []
            for c in (contributors.count * k / parts)..<(contributors.count * (k + 1) / parts) {
                let x = contributors[c]
                x.index = c
                if let list = x.units, list.contains(where: { knownUnits.find($0) == nil }) { out.append(c) }
            }
            return out
        }.flatMap { $0 }
        for c in unknownUnits {
            guard let list = data.contributors[c].units else { continue }
            for u in list where units[u] == nil {
                sink.error(data.contributors[c].location, "unknown unit '\(u)' in contributor '\(contributorIDs[c])'\(Suggest.hint(u, in: unitIDs))")
            }
        }

        // Did-you-mean scans every id: only for errors that will be shown.
        func suggestPerson(_ id: String) -> String {
            sink.errors.count < DiagnosticSink.limit ? Suggest.hint(id, in: contributorIDs) : ""
        }
        func person(_ id: String) -> Int? { peopleTable.find(id) }
        data.contributorTable = peopleTable
        // On every core at once, as neither reports anything: the id dictionary, and the
        // contributor of each qualification row (a hash probe each).
        let table = peopleTable
        var pieces: [(part: Int, rows: Range<Int>)] = []
        for (p, rows) in qualifications.enumerated() {
            let n = max(1, min(4, rows.count / 25_000))
            for k in 0..<n { pieces.append((p, (rows.count * k / n)..<(rows.count * (k + 1) / n))) }
        }
        let found = CSVChunking.map(pieces.count + 1) { k -> (people: [String: Int], owners: [Int]) in
            if k == pieces.count {
                var people: [String: Int] = [:]
                people.reserveCapacity(contributorIDs.count)
                for (i, id) in contributorIDs.enumerated() where people[id] == nil { people[id] = i }
                return (people, [])
            }
            let rows = qualifications[pieces[k].part]
            return ([:], pieces[k].rows.map { table.find(rows[$0].contributor) ?? -1 })
        }
        data.contributorIndex = found[pieces.count].people
        var owners: [[Int]] = qualifications.map { _ in [] }
        for k in pieces.indices { owners[pieces[k].part] += found[k].owners }
        if !assignmentIDsIncreasing {
            let assignmentIDs = data.assignments.map(\.id)
            var seenAssignments = IDTable(capacity: assignmentIDs.count)
            for i in assignmentIDs.indices {
                if let first = seenAssignments.insert(assignmentIDs[i], index: i) {
                    sink.error(data.assignments[i].location, "duplicate assignment id '\(assignmentIDs[i])'",
                               notes: [.init(location: data.assignments[first].location, message: "first defined here")])
                }
            }
        }
        // Most assignments were resolved while decoded (contributors and units already known);
        // only the rest are looked up here.
        // Numbered, and the unresolved ones found, on every core; those are resolved in order.
        let assignments = data.assignments
        let ranges = (0..<4).map { k in (assignments.count * k / 4)..<(assignments.count * (k + 1) / 4) }
        let unresolved = CSVChunking.map(ranges.count) { k -> [Int] in
            let range = ranges[k]
            var out: [Int] = []
            for i in range {
                let a = assignments[i]
                a.index = i
                if a.contributorIndex < 0 || a.unitIndex < 0 { out.append(i) }
            }
            return out
        }.flatMap { $0 }
        data.assignments.withUnsafeMutableBufferPointer { all in
            for i in unresolved {
                if all[i].contributorIndex >= 0 {
                } else if let p = person(all[i].contributor) {
                    all[i].contributorIndex = p
                } else {
                    sink.error(all[i].location, "unknown contributor '\(all[i].contributor)' in assignment '\(all[i].id)'\(suggestPerson(all[i].contributor))")
                }
                if all[i].unitIndex >= 0 {
                } else if let u = unitTable.find(all[i].unit) {
                    all[i].unitIndex = u
                } else {
                    sink.error(all[i].location, "unknown unit '\(all[i].unit)' in assignment '\(all[i].id)'\(Suggest.hint(all[i].unit, in: unitIDs))")
                }
            }
        }
        var seen: [String: Int] = [:]
        for i in data.attendance.indices {
            let a = data.attendance[i]
            if let id = a.id {
                if let first = seen[id] {
                    sink.error(a.location, "duplicate attendance id '\(id)'",
                               notes: [.init(location: data.attendance[first].location, message: "first defined here")])
                } else {
                    seen[id] = i
                }
            }
            if let u = units[a.unit] { data.attendance[i].unitIndex = u } else {
                sink.error(a.location, "unknown unit '\(a.unit)' in attendance\(Suggest.hint(a.unit, in: unitIDs))")
            }
        }
        seen = [:]
        for i in data.carpoolRequests.indices {
            let r = data.carpoolRequests[i]
            if let first = seen[r.id] {
                sink.error(r.location, "duplicate carpool request id '\(r.id)'",
                           notes: [.init(location: data.carpoolRequests[first].location, message: "first defined here")])
            } else {
                seen[r.id] = i
            }
            if let u = units[r.line] { data.carpoolRequests[i].lineIndex = u } else {
                sink.error(r.location, "unknown line '\(r.line)' in carpool request '\(r.id)'\(Suggest.hint(r.line, in: unitIDs))")
            }
            if let d = r.driver, person(d) == nil {
                sink.error(r.location, "unknown contributor '\(d)' as driver of carpool request '\(r.id)'\(suggestPerson(d))")
            }
        }
        // Unknown contributors first, in file order: attaching rows reports nothing.
        for (p, rows) in qualifications.enumerated() {
            for k in rows.indices where owners[p][k] < 0 {
                let who = rows[k].contributor
                sink.error(rows[k].location, "unknown contributor '\(who)' in qualification '\(rows[k].qualification.code)'\(suggestPerson(who))")
            }
        }
        // Then the rows are attached on every core, each contributor's rows by one thread in file
        // order; a run of rows of one contributor is attached at once.
        let people = data.contributors
        let threads = max(1, min(4, people.count))
        _ = CSVChunking.map(threads) { t in
            for (p, rows) in qualifications.enumerated() {
                let owner = owners[p]
                var i = 0
                while i < rows.count {
                    let who = owner[i]
                    var j = i + 1
                    while j < rows.count, owner[j] == who { j += 1 }
                    defer { i = j }
                    // Contributors by ranges: rows come by contributor, so each thread mostly
                    // reads the rows (and retains the file names) of its own chunks.
                    guard who >= 0, who * threads / people.count == t else { continue }
                    // Taken out of the contributor while changed, so that appending does not copy it.
                    let c = people[who]
                    var list = c.qualifications ?? []
                    c.qualifications = nil
                    list.reserveCapacity(list.count + j - i)
                    for k in i..<j {
                        let q = rows[k].qualification
                        // A detailed row replaces a bare code from the contributors file.
                        if let bare = list.firstIndex(where: { $0.code == q.code && $0.hours == nil && $0.obtained == nil && $0.validUntil == nil }) {
                            list[bare] = q
                        } else {
                            list.append(q)
                        }
                    }
                    c.qualifications = list
                }
            }
        }
        if !qualifications.isEmpty {
            // With a qualifications file, a contributor without rows is known to hold none.
            for i in data.contributors.indices where data.contributors[i].qualifications == nil {
                data.contributors[i].qualifications = []
            }
        }
    }
}

/// The bytes of a file, read straight into an array (no intermediate `Data` copy of a 100 MB
/// roster); nil if it cannot be read.
func readFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var st = stat()
    guard fstat(fileno(f), &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = Int(st.st_size)
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buf, count in
        var done = 0
        while done < size {
            let n = fread(buf.baseAddress! + done, 1, size - done, f)
            if n <= 0 { break }
            done += n
        }
        failed = done != size
        count = done
    }
    return failed ? nil : bytes
}

/// A file's bytes: mapped from disk for rosters (no copy, no anonymous memory for a 100 MB
/// file), or held in an array for in-memory input.
final class FileBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    private let array: [UInt8]?
    private let mapped: Bool

    init(array: [UInt8]) {
        self.array = array
        mapped = false
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(array.count, 1))
        _ = copy.initialize(from: array)
        buffer = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(copy)[0..<array.count])
    }

    /// Maps a regular file read-only; an empty file gets an empty buffer; nil if unreadable.
    init?(mapping path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(st.st_size)
        array = nil
        if size == 0 {
            mapped = false
            buffer = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        // MAP_POPULATE maps every page at once instead of one page fault per 4 KiB.
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), p != MAP_FAILED else { return nil }
        mapped = true
        buffer = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: size)
    }

    deinit {
        if mapped, let base = buffer.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), buffer.count)
        } else if array != nil, let base = buffer.baseAddress {
            UnsafeMutablePointer(mutating: base).deallocate()
        }
    }
}
