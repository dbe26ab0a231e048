import Foundation

/// The response-time targets of the territory and the travel times they are measured with:
/// `territory.response` in the plan. For a fire and rescue service these are the targets of the
/// *schéma départemental d'analyse et de couverture des risques* (SDACR), which the préfet
/// adopts (CGCT L1424-7): a time within which the first engine must reach a commune, by the
/// commune's risk level.
///
/// ```yaml
/// territory:
///   zones: [{id: nord, communes: [{insee: "38053", population: 28000, risk: urbain}]}]
///   response:
///     reference: "SDACR de l'Isère, arrêté préfectoral du 2023-06-12"
///     targets:
///       - {risk: urbain, max_minutes: 12}
///       - {risk: rural, max_minutes: 25}
///     travel_times: travel_times.csv   # unit,commune,minutes; or a list of {unit, commune, minutes}
/// ```
public struct ResponseCover: Hashable, Sendable {
    /// The text that sets the targets (an SDACR and its order), shown in findings.
    public var reference: String?
    public var targets: [ResponseTarget]
    /// The CSV file named by `travel_times:` (as written, relative to the plan's folder), if any.
    public var travelFile: String?
    /// Every travel time, inline or from the file, once the plan and the file are read.
    public var travel: TravelTimes
    public var location: Location
    /// Rows read but not yet checked against the units and communes (the loader resolves them
    /// into `travel` once the plan and the file are read).
    var unresolved: [TravelTimes.Pending] = []

    /// The target for a risk level, if the plan sets one.
    public func target(risk: String) -> ResponseTarget? { targets.first { $0.risk == risk } }
}

/// At most `maxMinutes` from the alert to the first engine on site, for communes of `risk`.
public struct ResponseTarget: Hashable, Sendable {
    public var risk: String
    public var maxMinutes: Double
    public var location: Location
}

/// Travel times from units to communes, sparse: a pair that is absent is not known (the table
/// lists, for each commune, the units that can reach it soon enough to matter).
public struct TravelTimes: Hashable, Sendable {
    /// One row: unit index (in `Plan.units`), commune INSEE code, minutes, and where it is written.
    public struct Row: Hashable, Sendable {
        public var unit: Int
        public var commune: String
        public var minutes: Double
        public var location: Location
    }

    public var rows: [Row] = []

    /// A row whose unit is still a name.
    struct Pending: Hashable, Sendable {
        var unit: String
        var row: Row
        var unitLocation: Location
    }

    public init(rows: [Row] = []) { self.rows = rows }

    /// The rows by commune, each sorted fastest first (then by unit index).
    public func byCommune() -> [String: [Row]] {
        var out: [String: [Row]] = [:]
        for r in rows { out[r.commune, default: []].append(r) }
        for k in out.keys { out[k]?.sort { ($0.minutes, $0.unit) < ($1.minutes, $1.unit) } }
        return out
    }
}

extension PlanDecoder {
    /// Reads `territory.response`; unit names are checked once the units are read
    /// (`checkTravel`), and a `travel_times:` file by the loader.
    mutating func responseCover(_ n: YAMLNode?) -> ResponseCover? {
        guard let n, !n.isNull, mapping(n, "'response'") != nil else { return nil }
        let what = "'territory.response'"
        _ = extras(n, known: PlanSchema.response.keys, what)
        var cover = ResponseCover(reference: string(n, "reference", what), targets: [], travelFile: nil,
                                  travel: TravelTimes(), location: n.location)
        var seen: [String: Location] = [:]
        for t in n["targets"].flatMap({ sequence($0, "'targets' of \(what)") }) ?? [] {
            guard mapping(t, "a response target") != nil else { continue }
            _ = extras(t, known: PlanSchema.responseTarget.keys, "a response target")
            let risk = string(t, "risk", "a response target", required: true)
            let minutes = double(t, "max_minutes", "a response target", required: true)
            if let m = minutes, m <= 0, let node = t["max_minutes"] {
                sink.error(node.location, "'max_minutes' of a response target must be above 0, found \(node.keyText ?? "")")
                continue
            }
            guard let risk, let minutes else { continue }
            if let first = seen[risk] {
                sink.error(t.location, "duplicate response target for risk '\(risk)'", notes: [.init(location: first, message: "first defined here")])
                continue
            }
            seen[risk] = t.location
            cover.targets.append(ResponseTarget(risk: risk, maxMinutes: minutes, location: t.location))
        }
        if n["targets"] == nil { sink.error(n.location, "missing required key 'targets' in \(what)") }
        if let tt = n["travel_times"], !tt.isNull {
            if let path = tt.string {
                if let problem = RosterPaths.problem(path) {
                    sink.error(tt.location, problem.replacingOccurrences(of: "roster path", with: "travel-time path"))
                } else {
                    cover.travelFile = path
                }
            } else {
                for row in sequence(tt, "'travel_times' of \(what)") ?? [] {
                    guard mapping(row, "a travel time") != nil else { continue }
                    _ = extras(row, known: PlanSchema.travelTime.keys, "a travel time")
                    let unit = string(row, "unit", "a travel time", required: true)
                    let commune = string(row, "commune", "a travel time", required: true)
                    let minutes = double(row, "minutes", "a travel time", required: true)
                    if let m = minutes, m < 0, let node = row["minutes"] {
                        sink.error(node.location, "travel time of \(node.keyText ?? "") minutes is negative")
                        continue
                    }
                    guard let unit, let commune, let minutes else { continue }
                    cover.unresolved.append(TravelTimes.Pending(unit: unit, row: TravelTimes.Row(unit: -1, commune: commune, minutes: minutes, location: row.location),
                                                                unitLocation: row["unit"]?.location ?? row.location))
                }
            }
        } else {
            sink.error(n.location, "missing required key 'travel_times' in \(what); give a CSV file (unit,commune,minutes) or a list")
        }
        return cover
    }
}

/// Checks travel rows against the plan's units and communes, and reads the `travel_times:` CSV.
enum TravelTimeReader {
    /// Resolves unit ids of inline rows and checks their communes; reports every bad row.
    static func resolve(_ pending: [TravelTimes.Pending], plan: Plan,
                        sink: inout DiagnosticSink) -> [TravelTimes.Row] {
        // Ids found in open-addressing tables and pairs keyed by two numbers: a national table
        // has 137,000 rows, and hashing a (unit, commune string) pair into a Dictionary with its
        // location was most of the time spent on it.
        var units = IDTable(capacity: plan.units.count)
        for (i, u) in plan.units.enumerated() { _ = units.insert(u.id, index: i) }
        let inseeCodes = plan.territory.zones.flatMap { $0.communes.map(\.insee) }
        var communes = IDTable(capacity: inseeCodes.count)
        for (i, insee) in inseeCodes.enumerated() { _ = communes.insert(insee, index: i) }
        // Unit × commune → the index in `out` of the first row for that pair.
        var seen: [Int: Int] = [:]
        seen.reserveCapacity(pending.count)
        var out: [TravelTimes.Row] = []
        out.reserveCapacity(pending.count)
        for p in pending {
            let (id, row, unitLocation) = (p.unit, p.row, p.unitLocation)
            guard let u = units.find(id) else {
                sink.error(unitLocation, "unknown unit '\(id)' in a travel time\(Suggest.hint(id, in: plan.units.map(\.id)))")
                continue
            }
            guard let c = communes.find(row.commune) else {
                sink.error(row.location, "unknown commune '\(row.commune)' in a travel time; list it under a zone of 'territory'")
                continue
            }
            let key = u * inseeCodes.count + c
            if let first = seen[key] {
                sink.error(row.location, "duplicate travel time from unit '\(id)' to commune '\(row.commune)'",
                           notes: [.init(location: out[first].location, message: "first defined here")])
                continue
            }
            seen[key] = out.count
            var r = row
            r.unit = u
            out.append(r)
        }
        return out
    }

    static let columns = ["unit", "commune", "minutes"]

    /// Reads the plan's `travel_times:` file if it names one, then checks every row (inline or
    /// from the file) against the plan's units and communes into `response.travel`.
    static func load(into plan: inout Plan, csvSeparator: Character?,
                     readBytes: (String) -> (name: String, bytes: FileBytes?), files: inout [String], sink: inout DiagnosticSink) {
        guard var cover = plan.territory.response else { return }
        var pending = cover.unresolved
        if let path = cover.travelFile {
            let (name, bytes) = readBytes(path)
            if let bytes {
                files.append(name)
                let rows = readCSV(bytes: bytes.buffer, file: name, separator: csvSeparator, sink: &sink)
                // Taken as they are when the plan lists none inline: no copy of 137,000 rows.
                pending = pending.isEmpty ? rows : pending + rows
            } else {
                sink.error(cover.location, "no such file: travel-time table '\(path)' (looked for \(name))")
            }
        }
        cover.travel = TravelTimes(rows: resolve(pending, plan: plan, sink: &sink))
        cover.unresolved = []
        plan.territory.response = cover
    }

    /// The rows of a `unit,commune,minutes` CSV file (header first, any column order), each
    /// located at its line; errors go to `sink`.
    static func readCSV(bytes: UnsafeBufferPointer<UInt8>, file: String, separator: Character?,
                        sink: inout DiagnosticSink) -> [TravelTimes.Pending] {
        let sep = separator.flatMap { $0.asciiValue }
        let cursor = CSVCursor(bytes, separator: sep)
        var out: [TravelTimes.Pending] = []
        out.reserveCapacity(CSVChunking.lineBreaks(bytes, 0..<bytes.count))
        var index: [String: Int] = [:]
        var errors = 0
        func error(_ loc: Location, _ message: String) {
            errors += 1
            if errors <= 1_000 { sink.error(loc, message) }
        }
        do {
            guard try cursor.next() else {
                error(.start(of: file), "empty travel-time file; it needs a header unit,commune,minutes")
                return []
            }
            for i in 0..<cursor.count {
                let name = cursor.string(i).trimmingCharacters(in: .whitespaces)
                if columns.contains(name) {
                    if index[name] != nil { error(Location(file: file, line: 1, column: i + 1), "duplicate column '\(name)' in the travel-time file") }
                    index[name] = i
                } else {
                    let hint = Suggest.hint(name, in: columns)
                    error(Location(file: file, line: 1, column: i + 1),
                          "unknown column '\(name)' in the travel-time file" + (hint.isEmpty ? "; expected unit, commune, minutes" : hint))
                }
            }
            for c in columns where index[c] == nil {
                error(.start(of: file), "missing required column '\(c)' in the travel-time file")
            }
            guard let u = index["unit"], let c = index["commune"], let m = index["minutes"], errors == 0 else { return [] }
            let width = cursor.count
            while try cursor.next() {
                let line = cursor.rowLine
                guard cursor.count == width else {
                    error(Location(file: file, line: line, column: 1), "row has \(cursor.count) fields, the header \(width)")
                    continue
                }
                let unit = cursor.string(u), commune = cursor.string(c), text = cursor.string(m)
                if unit.isEmpty { error(Location(file: file, line: line, column: u + 1), "empty unit in the travel-time file"); continue }
                guard FieldReader.isINSEE(commune) else {
                    error(Location(file: file, line: line, column: c + 1), FieldReader.badINSEEMessage(commune))
                    continue
                }
                // A decimal comma is read as a point; Foundation's replacing is only paid when there
                // is one, and looked for in the bytes (`String.contains` went through Foundation's
                // `range(of:)`: 40 % of reading the national table).
                let decimalComma = cursor.field(m).contains(UInt8(ascii: ","))
                guard let minutes = Double(decimalComma ? text.replacingOccurrences(of: ",", with: ".") : text), minutes.isFinite, minutes >= 0 else {
                    error(Location(file: file, line: line, column: m + 1), "bad number of minutes '\(text)' in column 'minutes'; expected a travel time of 0 or more")
                    continue
                }
                out.append(TravelTimes.Pending(unit: unit, row: TravelTimes.Row(unit: -1, commune: commune, minutes: minutes, location: Location(file: file, line: line, column: 1)),
                                               unitLocation: Location(file: file, line: line, column: u + 1)))
            }
        } catch {
            sink.error(Location(file: file, line: error.line, column: error.column), error.message)
            return []
        }
        if errors > 1_000 { sink.error(.start(of: file), "\(errors - 1_000) more errors in the travel-time file") }
        return out
    }
}
