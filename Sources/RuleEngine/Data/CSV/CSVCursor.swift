/// An RFC 4180 reader over UTF-8 bytes that walks one record at a time and knows, for every
/// record and field, the physical line it starts on (quoted line breaks counted).
///
/// Fields are handed out as byte buffers into the input (or into a scratch buffer for quoted
/// fields), valid until the next call to `next()`; no String is built unless asked for, which
/// is what makes a million-row roster load in about a second.
final class CSVCursor {
    /// A malformed record: unterminated quote, a stray character after a closing quote.
    struct SyntaxError: Error {
        var line: Int
        var column: Int
        var message: String
    }

    let buf: UnsafeBufferPointer<UInt8>
    let separator: UInt8
    /// No record starting at or after this offset is read (one starting before it is read to
    /// its end, even past it): a chunk of a file read on its own core ends here.
    let stop: Int
    /// Records past this many are refused (`maxRecords` for a whole file).
    let recordLimit: Int
    private(set) var pos: Int
    private(set) var line = 1
    /// The physical line of the current record.
    private(set) var rowLine = 0
    private(set) var count = 0
    /// Per field of the current record: where it starts (in `buf`, or in `scratch` when quoted),
    /// its length, and its physical line. Raw buffers grown by hand: an `Array` append pays a
    /// uniqueness and capacity check per field.
    private struct FieldInfo {
        var start: Int
        var length: Int
        var line: Int
        var quoted: Bool
    }

    private var info: UnsafeMutablePointer<FieldInfo>
    private var fieldBuffers: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
    private var fieldCapacity = 16
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    static let comma: UInt8 = 44
    static let semicolon: UInt8 = 59

    /// Bounds that keep a hostile or broken file from exhausting memory (docs/robustness.md).
    /// A roster field is an id, a date, a number or a short text: 1 MiB is far beyond any.
    static let maxFieldBytes = 1 << 20
    /// Fields in one record: the widest roster has a few dozen columns.
    static let maxFields = 10_000
    /// Records in one file: ten times a national week of assignments (about 1 million rows).
    static let maxRecords = 10_000_000
    /// Records read so far (empty lines excluded).
    private(set) var records = 0

    /// - Parameters:
    ///   - buf: the whole file; a leading UTF-8 byte-order mark is skipped.
    ///   - separator: `,` or `;` (or any byte); nil detects it from the header line.
    ///   - recordLimit: records past this many throw (tests lower it).
    init(_ buf: UnsafeBufferPointer<UInt8>, separator: UInt8?, recordLimit: Int = CSVCursor.maxRecords) {
        self.buf = buf
        var p = 0
        if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { p = 3 }
        pos = p
        self.separator = separator ?? CSVCursor.detectSeparator(buf, from: p)
        stop = buf.count
        self.recordLimit = recordLimit
        scratchCapacity = 256
        scratch = .allocate(capacity: scratchCapacity)
        info = .allocate(capacity: fieldCapacity)
        fieldBuffers = .allocate(capacity: fieldCapacity)
    }

    /// A reader of the records that start in `start..<stop`, the first of them at a record
    /// boundary on physical line `line`: one chunk of a file split at line feeds.
    /// - Parameter recordLimit: records past this many throw; the caller checks the file's total.
    init(_ buf: UnsafeBufferPointer<UInt8>, separator: UInt8, from start: Int, line: Int, stop: Int,
         recordLimit: Int = .max) {
        self.buf = buf
        self.separator = separator
        pos = start
        self.line = line
        self.stop = stop
        self.recordLimit = recordLimit
        scratchCapacity = 256
        scratch = .allocate(capacity: scratchCapacity)
        info = .allocate(capacity: fieldCapacity)
        fieldBuffers = .allocate(capacity: fieldCapacity)
    }

    deinit {
        scratch.deallocate()
        info.deallocate()
        fieldBuffers.deallocate()
    }

    static func fieldTooLong(line: Int, column: Int) -> SyntaxError {
        SyntaxError(line: line, column: column,
                    message: "field is longer than \(maxFieldBytes) bytes; a roster field holds an id, a date or a short text (is a quote left open?)")
    }

    /// `;` if the header line holds at least as many semicolons as commas outside quotes
    /// (and at least one), else `,`.
    static func detectSeparator(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var commas = 0, semis = 0, inQuotes = false
        var i = start
        while i < buf.count {
            let c = buf[i]
            if c == 34 { inQuotes.toggle() }
            else if !inQuotes {
                if c == 10 || c == 13 { break }
                if c == comma { commas += 1 } else if c == semicolon { semis += 1 }
            }
            i += 1
        }
        return semis > 0 && semis >= commas ? semicolon : comma
    }

    /// The bytes of field `i` of the current record, unquoted.
    @inline(__always)
    func field(_ i: Int) -> UnsafeBufferPointer<UInt8> { fieldBuffers[i] }

    func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    /// The physical line field `i` starts on.
    func fieldLine(_ i: Int) -> Int { info[i].line }

    /// Moves to the next non-empty record.
    /// - Returns: false at the end of the input.
    /// - Throws: `SyntaxError` for an unterminated quoted field or text after a closing quote.
    func next() throws(SyntaxError) -> Bool {
        while true {
            guard pos < stop else { return false }
            try readRecord()
            // A wholly empty line is no record.
            if count == 1, info[0].length == 0, !info[0].quoted { continue }
            records += 1
            if records > recordLimit {
                throw SyntaxError(line: rowLine, column: 1,
                                  message: "file has more than \(recordLimit) rows; split it into several files")
            }
            return true
        }
    }

    private func readRecord() throws(SyntaxError) {
        // Locals instead of stored properties: the hot loop then pays no exclusivity checks.
        var info = self.info, fieldCapacity = self.fieldCapacity, nfields = 0
        var scratch = self.scratch, capacity = scratchCapacity, used = 0
        var pos = self.pos, line = self.line
        let buf = self.buf
        let sep = separator
        let n = buf.count
        rowLine = line
        defer {
            self.info = info
            self.fieldCapacity = fieldCapacity
            self.scratch = scratch
            self.scratchCapacity = capacity
            self.pos = pos
            self.line = line
        }
        @inline(__always) func append(_ b: UInt8) {
            if used == capacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: scratch, count: used)
                scratch.deallocate()
                scratch = bigger
                capacity *= 2
            }
            scratch[used] = b
            used += 1
        }
        @inline(__always) func addField(_ f: FieldInfo) {
            if nfields == fieldCapacity {
                let bigger = UnsafeMutablePointer<FieldInfo>.allocate(capacity: fieldCapacity * 2)
                bigger.moveInitialize(from: info, count: nfields)
                info.deallocate()
                info = bigger
                fieldCapacity *= 2
            }
            (info + nfields).initialize(to: f)
            nfields += 1
        }
        while true {
            let fieldLine = line
            if pos < n, buf[pos] == 34 {
                let openLine = line
                pos += 1
                let s = used
                var closed = false
                while pos < n {
                    let c = buf[pos]
                    if c == 34 {
                        if pos + 1 < n, buf[pos + 1] == 34 {
                            append(34)
                            pos += 2
                            continue
                        }
                        pos += 1
                        closed = true
                        break
                    }
                    if c == 10 { line += 1 } else if c == 13, !(pos + 1 < n && buf[pos + 1] == 10) { line += 1 }
                    append(c)
                    pos += 1
                    if used - s > CSVCursor.maxFieldBytes { throw CSVCursor.fieldTooLong(line: fieldLine, column: nfields + 1) }
                }
                if !closed {
                    throw SyntaxError(line: openLine, column: nfields + 1,
                                      message: "quoted field is never closed; add the closing '\"'")
                }
                addField(FieldInfo(start: s, length: used - s, line: fieldLine, quoted: true))
                if pos < n {
                    let c = buf[pos]
                    if c != sep, c != 10, c != 13 {
                        throw SyntaxError(line: line, column: nfields,
                                          message: "unexpected '\(Unicode.Scalar(c))' after a closing quote; double a quote inside a quoted field (\"\")")
                    }
                }
            } else {
                let s = pos
                while pos < n {
                    let c = buf[pos]
                    if c == sep || c == 10 || c == 13 { break }
                    pos += 1
                }
                if pos - s > CSVCursor.maxFieldBytes { throw CSVCursor.fieldTooLong(line: fieldLine, column: nfields + 1) }
                addField(FieldInfo(start: s, length: pos - s, line: fieldLine, quoted: false))
            }
            if pos >= n { break }
            let c = buf[pos]
            if c == sep {
                pos += 1
                if nfields >= CSVCursor.maxFields {
                    throw SyntaxError(line: line, column: nfields + 1,
                                      message: "row has more than \(CSVCursor.maxFields) fields; is the separator right?")
                }
                continue
            }
            // End of line.
            pos += 1
            if c == 13, pos < n, buf[pos] == 10 { pos += 1 }
            line += 1
            break
        }
        // The scratch buffer no longer moves: hand out pointers into it.
        if self.fieldCapacity < fieldCapacity {
            fieldBuffers.deallocate()
            fieldBuffers = .allocate(capacity: fieldCapacity)
        }
        let base = buf.baseAddress ?? UnsafePointer(scratch)
        for k in 0..<nfields {
            let f = info[k]
            fieldBuffers[k] = f.quoted ? UnsafeBufferPointer(start: scratch + f.start, count: f.length)
                                       : UnsafeBufferPointer(start: base + f.start, count: f.length)
        }
        count = nfields
    }
}
