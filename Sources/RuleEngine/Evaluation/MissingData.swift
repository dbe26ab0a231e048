/// Missing data that names whose it is.
///
/// "cannot decide: missing contributor.qualifications" on a unit did not say which
/// contributor lacked them. The evaluator marks a missing field of a record with the record's
/// subject and place (`raw`); when a kind's result becomes a finding, the engine renders each
/// path (`rendered`): a field of the finding's own subject stays a plain path, as before; a
/// field of another record names it — `contributor.qualifications of contributor:c-07
/// (contributors.csv:8)`. Kinds pass the marked paths through untouched, so every kind gets
/// this without a change.
enum MissingData {
    /// Separates a path from its record; ends the record's place. Control characters that no
    /// path, subject or file name of the data holds.
    static let separator: Character = "\u{1F}"
    static let end: Character = "\u{1E}"

    /// `path`, marked with the record `object` is, when it is one.
    static func raw(_ path: String, of object: any ObjectValue) -> String {
        guard let record = object as? any Record else { return path }
        let at = record.location
        return path + String(separator) + record.subject + String(separator) + "\(at.file):\(at.line)" + String(end)
    }

    /// The path as a finding on `subject` shows it.
    static func rendered(_ raw: String, subject: String) -> String {
        guard let cut = raw.firstIndex(of: separator) else { return raw }
        let path = raw[..<cut]
        let rest = raw[raw.index(after: cut)...].split(separator: separator, maxSplits: 1, omittingEmptySubsequences: false)
        guard rest.count == 2 else { return String(path) }
        let owner = rest[0]
        let place = rest[1].hasSuffix(String(end)) ? rest[1].dropLast() : rest[1]
        return owner == subject ? String(path) : "\(path) of \(owner) (\(place))"
    }

    /// The result with its missing paths and message rendered for its subject.
    static func render(_ result: inout RuleResult) {
        guard result.missing.contains(where: { $0.contains(separator) }) || result.message.contains(separator) else { return }
        var seen = Set<String>()
        var missing: [String] = []
        for raw in result.missing {
            let shown = rendered(raw, subject: result.subject)
            if result.message.contains(separator) {
                result.message = result.message.replacingOccurrences(of: raw, with: shown)
            }
            if seen.insert(shown).inserted { missing.append(shown) }
        }
        result.missing = missing
        // Marked paths a kind wrote in its message only.
        while let cut = result.message.firstIndex(of: separator) {
            let close = result.message[cut...].firstIndex(of: end) ?? result.message.index(before: result.message.endIndex)
            var start = cut
            while start > result.message.startIndex {
                let before = result.message.index(before: start)
                if " ,:(".contains(result.message[before]) { break }
                start = before
            }
            let raw = String(result.message[start...close])
            result.message.replaceSubrange(start...close, with: rendered(raw, subject: result.subject))
        }
    }
}
