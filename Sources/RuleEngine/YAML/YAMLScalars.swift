internal import CYAML

/// How a scalar event becomes a value: the YAML 1.2 core schema, explicit tags and the
/// node the tree builder adds.
extension TreeBuilder {
    // inout: the event is 104 bytes, copied whole when passed by value.
    mutating func scalar(_ event: inout yaml_event_t) throws {
        let data = event.data.scalar
        var here = Mark(event.start_mark)
        try countNode(at: here)
        if data.length == 0, data.style == YAML_PLAIN_SCALAR_STYLE, stack.isEmpty, let documentStart {
            // libyaml places an empty document's null at the next token, possibly past the
            // last line; the document's own start is where a person would look.
            here = documentStart
        }
        let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
        let tag = data.tag.map { String(cString: $0) }
        let plain = data.style == YAML_PLAIN_SCALAR_STYLE
        var isMergeKey = false
        let value: YAMLNode.Value
        if let tag {
            value = try Self.resolve(bytes, tag: tag, at: location(here))
        } else if plain {
            if bytes.count == 2, bytes[0] == UInt8(ascii: "<"), bytes[1] == UInt8(ascii: "<") {
                isMergeKey = stack.last.map { $0.isMapping && (nodes.count - $0.start) & 1 == 0 } ?? false
            }
            value = try Self.resolvePlain(bytes, at: location(here))
        } else {
            value = .string(Self.string(bytes))
        }
        let style: YAMLNode.ScalarStyle = switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
        let nodeOrigin = origin(tag)
        if let anchor = data.anchor {
            anchors[String(cString: anchor)] = Anchored(node: node(value, at: here, origin: nodeOrigin, style: style), count: 1)
        }
        try add(value, at: here, origin: nodeOrigin, style: style, count: 1, isMergeKey: isMergeKey)
    }

    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // libyaml has already checked the UTF-8, so this is a copy.
        String(decoding: bytes, as: UTF8.self)
    }

    /// The YAML 1.2 core schema for an untagged plain scalar.
    static func resolvePlain(_ b: UnsafeBufferPointer<UInt8>, at location: @autoclosure () -> Location) throws -> YAMLNode.Value {
        if b.isEmpty { return .null }
        // Only these first bytes can start a non-string; everything else is a string at once.
        switch b[0] {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            if isNull(b) { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if let bool = boolValue(b) { return .bool(bool) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            if let number = try number(b, at: location()) { return number }
        default:
            break
        }
        return .string(string(b))
    }

    /// A scalar with an explicit tag: the tag decides, and a value that does not fit is an error.
    static func resolve(_ b: UnsafeBufferPointer<UInt8>, tag: String, at location: @autoclosure () -> Location) throws -> YAMLNode.Value {
        func mismatch() -> Diagnostic {
            Diagnostic.error(
                at: location(),
                "value '\(string(b))' does not match its tag \(Tag.short(tag)); fix the value or remove the tag")
        }
        switch tag {
        case Tag.str, "!":
            return .string(string(b))
        case Tag.null:
            if b.isEmpty || isNull(b) { return .null }
            throw mismatch()
        case Tag.bool:
            if let bool = boolValue(b) { return .bool(bool) }
            throw mismatch()
        case Tag.int:
            if let number = try number(b, at: location()), case .int = number { return number }
            throw mismatch()
        case Tag.float:
            switch try number(b, at: location()) {
            case .int(let i)?: return .float(Double(i))
            case .float(let d)?: return .float(d)
            default: throw mismatch()
            }
        case Tag.seq, Tag.map:
            throw Diagnostic.error(
                at: location(), "a scalar cannot have the tag \(Tag.short(tag)); remove the tag")
        default:
            // Unknown and local tags: keep the text; the tag is recorded on the node.
            return .string(string(b))
        }
    }

    private static func isNull(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b.count {
        case 1: return b[0] == UInt8(ascii: "~")
        case 4: return equals(b, "null") || equals(b, "Null") || equals(b, "NULL")
        default: return false
        }
    }

    private static func boolValue(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch b.count {
        case 4: if equals(b, "true") || equals(b, "True") || equals(b, "TRUE") { return true }
        case 5: if equals(b, "false") || equals(b, "False") || equals(b, "FALSE") { return false }
        default: break
        }
        return nil
    }

    private static func equals(_ b: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard b.count == text.utf8CodeUnitCount else { return false }
        let t = text.utf8Start
        for i in 0..<b.count where b[i] != t[i] { return false }
        return true
    }

    @inline(__always)
    private static func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

    /// Core-schema int or float, or nil when the text is neither.
    /// - Throws: when the text is an integer outside the range of `Int` (see docs/yaml.md).
    static func number(_ b: UnsafeBufferPointer<UInt8>, at location: @autoclosure () -> Location) throws -> YAMLNode.Value? {
        let n = b.count
        // An empty scalar (`!!int` with no value) is no number; never index into it.
        guard n > 0 else { return nil }
        // 0o… and 0x…
        if n > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") || b[1] == UInt8(ascii: "x") {
            let radix = b[1] == UInt8(ascii: "o") ? 8 : 16
            var value = 0
            for i in 2..<n {
                guard let d = digit(b[i], radix: radix) else { return nil }
                let (m, o1) = value.multipliedReportingOverflow(by: radix)
                let (s, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { throw outOfRange(b, at: location()) }
                value = s
            }
            return .int(value)
        }
        var i = 0
        let negative = b[0] == UInt8(ascii: "-")
        if negative || b[0] == UInt8(ascii: "+") { i = 1 }
        // Decimal integer: [-+]?[0-9]+
        var j = i
        var value = 0
        var overflow = false
        while j < n, isDigit(b[j]) {
            if !overflow {
                let d = Int(b[j] &- UInt8(ascii: "0"))
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                // Accumulate negatively so that Int.min fits.
                let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
                overflow = o1 || o2
                value = s
            }
            j += 1
        }
        let intDigits = j - i
        if j == n {
            if intDigits == 0 { return nil }
            if overflow { throw outOfRange(b, at: location()) }
            return .int(value)
        }
        // Infinity and NaN.
        if b[j] == UInt8(ascii: "."), intDigits == 0, n - j == 4 {
            let rest = UnsafeBufferPointer(rebasing: b[(j + 1)...])
            if equals(rest, "inf") || equals(rest, "Inf") || equals(rest, "INF") {
                return .float(negative ? -.infinity : .infinity)
            }
            if i == 0, equals(rest, "nan") || equals(rest, "NaN") || equals(rest, "NAN") {
                return .float(.nan)
            }
        }
        // Float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        var fractionDigits = 0
        if j < n, b[j] == UInt8(ascii: ".") {
            j += 1
            while j < n, isDigit(b[j]) { j += 1; fractionDigits += 1 }
        }
        if intDigits == 0 && fractionDigits == 0 { return nil }
        if j < n, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") {
            j += 1
            if j < n, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
            var exponentDigits = 0
            while j < n, isDigit(b[j]) { j += 1; exponentDigits += 1 }
            if exponentDigits == 0 { return nil }
        }
        if j != n { return nil }
        guard let double = Double(string(b)) else { return nil }
        return .float(double)
    }

    private static func digit(_ c: UInt8, radix: Int) -> Int? {
        let d: Int
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): d = Int(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): d = Int(c - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return d < radix ? d : nil
    }

    private static func outOfRange(_ b: UnsafeBufferPointer<UInt8>, at location: Location) -> Diagnostic {
        Diagnostic.error(
            at: location,
            "integer \(string(b)) is out of range (\(Int.min) to \(Int.max)); quote it to keep it as text")
    }
}

/// The core tags as libyaml expands them.
enum Tag {
    static let prefix = "tag:yaml.org,2002:"
    static let str = prefix + "str"
    static let int = prefix + "int"
    static let float = prefix + "float"
    static let bool = prefix + "bool"
    static let null = prefix + "null"
    static let seq = prefix + "seq"
    static let map = prefix + "map"

    /// `!!int` for `tag:yaml.org,2002:int`; other tags as they are.
    static func short(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}
