internal import CYAML

/// libyaml's own errors (reader, scanner, parser), said as located diagnostics.
extension TreeBuilder {
    func libyamlError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return Diagnostic.error(at: .start(of: file), "out of memory while parsing YAML")
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a mark.
            let at = locate(offset: parser.problem_offset)
            let value = parser.problem_value
            if problem.hasPrefix("control characters") {
                if value == 0 {
                    return Diagnostic.error(at: at, "NUL byte is not allowed in YAML; remove it")
                }
                return Diagnostic.error(
                    at: at,
                    "control character U+\(hex(value, width: 4)) is not allowed in YAML; remove it")
            }
            if problem.contains("UTF") || problem.contains("octet") {
                let detail = value >= 0 ? " (byte 0x\(hex(value, width: 2)))" : ""
                return Diagnostic.error(
                    at: at, "invalid UTF-8: \(problem)\(detail); save the file as UTF-8")
            }
            return Diagnostic.error(at: at, problem)
        default:
            var notes: [Diagnostic.Note] = []
            if let context = parser.context {
                notes.append(.init(location: location(parser.context_mark), message: String(cString: context)))
            }
            return Diagnostic.error(at: location(parser.problem_mark), problem, notes: notes)
        }
    }

    private func hex(_ value: Int32, width: Int) -> String {
        let digits = String(UInt32(bitPattern: value), radix: 16, uppercase: width == 4)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset of the input.
    private func locate(offset: Int) -> Location {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, input.count)
        // A UTF-8 BOM is not a column.
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { i = min(3, end) }
        while i < end {
            let c = input[i]
            if c == 0x0A || (c == 0x0D && !(i + 1 < input.count && input[i + 1] == 0x0A)) {
                line += 1
                column = 1
            } else if c & 0xC0 != 0x80 && c != 0x0D {
                column += 1
            }
            i += 1
        }
        return Location(file: file, line: line, column: column)
    }
}
