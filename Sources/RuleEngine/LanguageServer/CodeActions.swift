import Foundation

/// Quick fixes: the "did you mean" a diagnostic already suggests, and a waiver for a finding,
/// written with empty justification and approver and a placeholder expiry so that the waivers
/// file does not load until someone accountable fills them in.
public enum CodeActions {
    public static func actions(_ ws: Workspace, _ doc: TextDocument, _ params: JSON) -> JSON {
        var out: [JSON] = []
        for d in params["context"]?["diagnostics"]?.array ?? [] {
            guard let message = d["message"]?.string, let start = Position(d["range"]?["start"]) else { continue }
            if let fix = didYouMean(message, doc, line: start.line) {
                out.append(.object([
                    "title": .string("Replace '\(fix.old)' with '\(fix.new)'"),
                    "kind": "quickfix", "isPreferred": .bool(true), "diagnostics": .array([d]),
                    "edit": .object(["changes": .object([FileURI.uri(doc.path): .array([
                        .object(["range": fix.range.json, "newText": .string(fix.new)]),
                    ])])]),
                ]))
            }
            if let rule = d["data"]?["rule"]?.string, let subject = d["data"]?["subject"]?.string,
               !rule.hasPrefix("waiver."), let plan = d["data"]?["plan"]?.string {
                out.append(addWaiver(ws, rule: rule, subject: subject, plan: plan, diagnostic: d))
            }
        }
        return .array(out)
    }

    /// `unknown key 'severty' …; did you mean 'severity'?`: the misspelt word on the line and its fix.
    static func didYouMean(_ message: String, _ doc: TextDocument, line: Int) -> (old: String, new: String, range: TextRange)? {
        guard let hint = message.range(of: "did you mean '") else { return nil }
        let rest = message[hint.upperBound...]
        guard let close = rest.firstIndex(of: "'") else { return nil }
        let new = String(rest[..<close])
        // The quoted words before the hint, last first: the one found on the line is the typo.
        let head = message[..<hint.lowerBound]
        let quoted = head.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        let text = Array(doc.line(line).utf16)
        for old in quoted.reversed() where !old.isEmpty && old != new {
            let target = Array(old.utf16)
            var i = 0
            while i + target.count <= text.count {
                if Array(text[i..<i + target.count]) == target {
                    return (old, new, TextRange(start: Position(line: line, character: i), end: Position(line: line, character: i + target.count)))
                }
                i += 1
            }
        }
        return nil
    }

    /// A waiver for `rule` on `subject` appended to `waivers.yaml` beside the plan (created when missing).
    static func addWaiver(_ ws: Workspace, rule: String, subject: String, plan: String, diagnostic: JSON) -> JSON {
        let file = ((plan as NSString).deletingLastPathComponent as NSString).appendingPathComponent("waivers.yaml")
        let uri = FileURI.uri(file)
        let entry = """
          - rule: \(rule)
            subject: "\(subject)"
            justification: ""   # why the rule may fail here; required, the file does not load while empty
            approved_by: ""     # who granted the derogation (a decision, a deliberation); required
            expires: YYYY-MM-DD # the last day it applies; required

        """
        var changes: [JSON] = []
        let existing = ws.document(file)
        if let existing {
            let last = existing.lineCount - 1
            let end = Position(line: last, character: existing.line(last).utf16.count)
            let text = existing.line(last).isEmpty ? entry : "\n" + entry
            changes.append(.object(["textDocument": .object(["uri": .string(uri), "version": .null]),
                                    "edits": .array([.object(["range": TextRange(start: end, end: end).json, "newText": .string(text)])])]))
        } else {
            changes.append(.object(["kind": "create", "uri": .string(uri), "options": .object(["ignoreIfExists": .bool(true)])]))
            let zero = Position(line: 0, character: 0)
            changes.append(.object(["textDocument": .object(["uri": .string(uri), "version": .null]),
                                    "edits": .array([.object(["range": TextRange(start: zero, end: zero).json, "newText": .string("waivers:\n" + entry)])])]))
        }
        return .object([
            "title": .string("Add a waiver for \(rule) on \(subject) (to fill in: justification, approver, expiry)"),
            "kind": "quickfix", "diagnostics": .array([diagnostic]),
            "edit": .object(["documentChanges": .array(changes)]),
        ])
    }
}
