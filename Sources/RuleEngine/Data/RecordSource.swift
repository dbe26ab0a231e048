/// One field of a record type: its CSV column name and where it sits in a YAML record.
struct FieldSpec: Sendable {
    let name: String
    let yamlPath: [String]
    let required: Bool

    init(_ name: String, yaml: [String]? = nil, required: Bool = false) {
        self.name = name
        self.yamlPath = yaml ?? [name]
        self.required = required
    }
}

/// A field as found in the input: CSV bytes, a YAML node, or nothing.
enum RawField {
    case absent
    case bytes(UnsafeBufferPointer<UInt8>)
    case node(YAMLNode)
}

/// A record being decoded, from a CSV row or a YAML mapping; fields are numbered as in the
/// record type's `[FieldSpec]`.
protocol RecordSource {
    var recordLocation: Location { get }
    /// What the record type is called in messages (`assignment`, `contributor`).
    var recordName: String { get }
    /// The record type's fields, as numbered in `raw(_:)`.
    var specs: [FieldSpec] { get }
    func raw(_ f: Int) -> RawField
    func location(_ f: Int) -> Location
    /// `column 'start'` or `key 'start'`.
    func describe(_ f: Int) -> String
    /// Whether the field can exist at all (a CSV file without the column: no).
    func declared(_ f: Int) -> Bool
    var isCSV: Bool { get }
    func extras() -> [String: DataValue]
}

extension Substring {
    func trimmed(_ set: Character) -> String {
        var s = self[...]
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

/// A CSV row seen through a record type's field specs.
struct CSVSource: RecordSource {
    let cursor: CSVCursor
    /// Spec index → column index, or -1 when the file has no such column.
    let columnOf: [Int]
    let specs: [FieldSpec]
    let header: [String]
    let extraColumns: [Int]
    let file: String
    let recordName: String

    var isCSV: Bool { true }
    var recordLocation: Location { Location(file: file, line: cursor.rowLine, column: 1) }

    func raw(_ f: Int) -> RawField {
        let c = columnOf[f]
        return c < 0 ? .absent : .bytes(cursor.field(c))
    }

    func location(_ f: Int) -> Location {
        let c = columnOf[f]
        return c < 0 ? recordLocation : Location(file: file, line: cursor.fieldLine(c), column: c + 1)
    }

    func describe(_ f: Int) -> String { "column '\(specs[f].name)'" }
    func declared(_ f: Int) -> Bool { columnOf[f] >= 0 }

    func extras() -> [String: DataValue] {
        if extraColumns.isEmpty { return [:] }
        var out: [String: DataValue] = [:]
        for c in extraColumns {
            let b = cursor.field(c)
            out[header[c]] = b.count == 0 ? .null : .string(String(decoding: b, as: UTF8.self))
        }
        return out
    }
}

/// A YAML mapping seen through a record type's field specs.
struct YAMLSource: RecordSource {
    let node: YAMLNode
    let fields: [YAMLNode?]
    let specs: [FieldSpec]
    let recordName: String
    private let extraPairs: [YAMLPair]

    /// - Parameter sink: receives an error for every key the record type does not know (with
    ///   its "did you mean"), nested documents included; data of one's own goes under `extra:`.
    init(_ node: YAMLNode, specs: [FieldSpec], recordName: String, sink: inout DiagnosticSink) {
        self.node = node
        self.specs = specs
        self.recordName = recordName
        fields = specs.map { spec in
            var n: YAMLNode? = node
            for key in spec.yamlPath { n = n?[key] }
            return n
        }
        // The known keys come from the field table: a field added there is known here.
        var known: [String] = []
        var nested: [String: [String]] = [:]
        for spec in specs {
            let top = spec.yamlPath[0]
            if !known.contains(top) { known.append(top) }
            if spec.yamlPath.count > 1 { nested[top, default: []].append(spec.yamlPath[1]) }
        }
        var extra: [YAMLPair] = []
        for pair in node.pairs ?? [] {
            let key = pair.key.keyText ?? ""
            if let inner = nested[key] {
                for q in pair.value.pairs ?? [] where !inner.contains(q.key.keyText ?? "") {
                    let k = q.key.keyText ?? ""
                    sink.error(q.key.location, "unknown key '\(k)' in '\(key)' of \(recordName)\(Suggest.closest(to: k, in: inner).map { "; did you mean '\($0)'?" } ?? "; expected one of \(inner.joined(separator: ", "))")")
                }
                continue
            }
            if known.contains(key) { continue }
            if key == "extra" {
                if pair.value.isNull { continue }
                if let pairs = pair.value.pairs { extra += pairs } else {
                    sink.error(pair.value.location, "expected a mapping for 'extra' in \(recordName) (names of your own and their values), found a \(pair.value.kindName)")
                }
                continue
            }
            sink.error(pair.key.location, "unknown key '\(key)' in \(recordName)\(Suggest.closest(to: key, in: known).map { "; did you mean '\($0)'?" } ?? "; put data of your own under 'extra:'")")
        }
        extraPairs = extra
    }

    var isCSV: Bool { false }
    var recordLocation: Location { node.location }
    func raw(_ f: Int) -> RawField { fields[f].map { .node($0) } ?? .absent }
    func location(_ f: Int) -> Location { fields[f]?.location ?? node.location }
    func describe(_ f: Int) -> String { "key '\(specs[f].yamlPath.joined(separator: "."))'" }
    func declared(_ f: Int) -> Bool { true }

    func extras() -> [String: DataValue] {
        var out: [String: DataValue] = [:]
        for p in extraPairs { out[p.key.keyText ?? ""] = DataValue(p.value) }
        return out
    }
}
