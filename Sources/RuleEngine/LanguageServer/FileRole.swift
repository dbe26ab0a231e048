/// What one of our files is, from its name and its top-level keys, so that the server knows
/// which loader reads it; a file that is none of them is left alone.
public enum FileRole: String, Sendable {
    case rules, ruleTest, waivers, plan, roster, notOurs

    /// The role of `path` holding `text`.
    public static func of(path: String, bytes: [UInt8]) -> FileRole {
        let lower = path.lowercased()
        if lower.hasSuffix(".test.yaml") || lower.hasSuffix(".test.yml") { return .ruleTest }
        if lower.hasSuffix(".csv") { return RosterPaths.inferKind(path) != nil || looksLikeCSVRoster(bytes) ? .roster : .notOurs }
        guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") else { return .notOurs }
        let keys = topLevelKeys(bytes)
        if keys.contains("rules") || keys.contains("pack") { return .rules }
        if keys.contains("tests") { return .ruleTest }
        if keys.contains("waivers") { return .waivers }
        if keys.contains("units") || keys.contains("period") || keys.contains("rosters") { return .plan }
        let rosterKeys: Set<String> = ["contributors", "assignments", "qualifications", "attendance", "carpool_requests"]
        if !keys.isDisjoint(with: rosterKeys) { return .roster }
        return .notOurs
    }

    /// Keys written at the start of a line (block mappings at the top level), read from the
    /// first 64 KiB: enough to tell a file's role without parsing a large roster.
    static func topLevelKeys(_ bytes: [UInt8]) -> Set<String> {
        var keys = Set<String>()
        let text = String(decoding: bytes.prefix(64 << 10), as: UTF8.self)
        for line in text.split(separator: "\n") {
            guard let first = line.first, first.isLetter || first == "_" else { continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            if key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { keys.insert(String(key)) }
        }
        return keys
    }

    /// A CSV file whose name says nothing, with a header naming a roster's id column.
    static func looksLikeCSVRoster(_ bytes: [UInt8]) -> Bool {
        let header = String(decoding: bytes.prefix(4096).prefix { $0 != 10 }, as: UTF8.self)
        let columns = Set(header.split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) })
        return columns.contains("id") || columns.contains("contributor")
    }
}
