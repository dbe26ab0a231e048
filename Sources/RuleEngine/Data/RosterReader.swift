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
