import Foundation

/// The part of a plan and its rosters that a set of findings needs, as text to embed in a rule
/// test: the units, contributors and assignments the findings name, and what the rules need to
/// judge them (a unit's assignments, an assignment's contributor and unit, a contributor's
/// assignments and qualifications, a unit's fallback unit).
struct ScaffoldData {
    var plan: String
    /// Roster path as the plan writes it → trimmed text, in the plan's order.
    var files: [(name: String, text: String)]
    /// Remarks for the reviewer (files kept whole, and why).
    var notes: [String]
    var units: Set<String>
    var contributors: Set<String>
    var assignments: Set<String>

    /// Trims `data` (loaded from `planPath`) to what findings on `subjects` need.
    static func trim(_ data: ServiceData, planPath: String, subjects: Set<String>) throws -> ScaffoldData {
        var units = Set<String>(), contributors = Set<String>(), assignments = Set<String>()
        for s in subjects {
            // A subject that is neither a unit, a contributor nor an assignment (the plan, an
            // insurance policy, a zone) is judged on the plan's own text, which is kept, and on
            // the records kept for the others; whether that reproduces its finding is checked.
            guard let colon = s.firstIndex(of: ":") else { continue }
            let (kind, id) = (s[..<colon], String(s[s.index(after: colon)...]))
            switch kind {
            case "unit": units.insert(id)
            case "contributor": contributors.insert(id)
            case "assignment": assignments.insert(id)
            default: continue
            }
        }
        var kept = Set<String>()
        for a in data.assignments where assignments.contains(a.id) || units.contains(a.unit) || contributors.contains(a.contributor) {
            kept.insert(a.id)
        }
        assignments = kept
        for a in data.assignments where kept.contains(a.id) {
            contributors.insert(a.contributor)
            units.insert(a.unit)
        }
        // A unit's fallback must name a unit of the plan (the loader refuses it otherwise), and
        // that unit's own fallback too.
        var grew = true
        while grew {
            grew = false
            for u in data.plan.units where units.contains(u.id) {
                if let other = u.fallback?.unit, data.unitIndex[other] != nil, units.insert(other).inserted { grew = true }
            }
        }

        // The lines of each file that hold a kept record.
        var lines: [String: Set<Int>] = [:]
        func keep(_ l: Location) { lines[ReportFile.canonical(l.file), default: []].insert(l.line) }
        for c in data.contributors where contributors.contains(c.id) {
            keep(c.location)
            for q in c.qualifications ?? [] { keep(q.location) }
        }
        for a in data.assignments where assignments.contains(a.id) { keep(a.location) }
        for a in data.attendance where units.contains(a.unit) { keep(a.location) }
        for r in data.carpoolRequests where units.contains(r.line) || r.driver.map(contributors.contains) == true { keep(r.location) }

        var notes: [String] = []
        let planText = try String(contentsOfFile: planPath, encoding: .utf8)
        let trimmedPlan = trimUnits(planText, units: data.plan.units, keeping: units) ?? {
            notes.append("the plan's units are not one per line block: the plan is kept whole")
            return planText
        }()
        let folder = (planPath as NSString).deletingLastPathComponent
        var files: [(String, String)] = []
        for ref in data.plan.rosters {
            let full = ref.path.hasPrefix("/") || folder.isEmpty ? ref.path : (folder as NSString).appendingPathComponent(ref.path)
            let text = try String(contentsOfFile: full, encoding: .utf8)
            if ref.path.lowercased().hasSuffix(".csv") {
                files.append((ref.path, trimCSV(text, keeping: lines[ReportFile.canonical(full)] ?? [])))
            } else {
                notes.append("\(ref.path) is kept whole (only CSV rosters are trimmed)")
                files.append((ref.path, text))
            }
        }
        // The travel-time table a plan names: the rows of the units kept (a row naming a unit the
        // plan no longer has would not load).
        if let travel = data.plan.territory.response?.travelFile {
            let full = travel.hasPrefix("/") || folder.isEmpty ? travel : (folder as NSString).appendingPathComponent(travel)
            files.append((travel, trimTravel(try String(contentsOfFile: full, encoding: .utf8), units: units)))
        }
        for ref in data.plan.overrideFiles {
            let full = ref.path.hasPrefix("/") || folder.isEmpty ? ref.path : (folder as NSString).appendingPathComponent(ref.path)
            files.append((ref.path, try String(contentsOfFile: full, encoding: .utf8)))
        }
        return ScaffoldData(plan: trimmedPlan, files: files, notes: notes, units: units,
                            contributors: contributors, assignments: assignments)
    }

    /// A travel-time table (`unit,commune,minutes`, unquoted) with its header and the rows whose
    /// `unit` column names a kept unit.
    static func trimTravel(_ text: String, units: Set<String>) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return text }
        let header = lines.removeFirst()
        guard let column = header.split(separator: ",", omittingEmptySubsequences: false)
            .firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "unit" }) else { return text }
        let kept = lines.filter { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return column < fields.count && units.contains(fields[column].trimmingCharacters(in: .whitespaces))
        }
        return ([header] + kept).joined(separator: "\n") + "\n"
    }

    /// The CSV text with its header and the records starting on `keeping`; a line inside a
    /// quoted field opened on an earlier line follows its record.
    static func trimCSV(_ text: String, keeping: Set<Int>) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [Substring] = []
        var inKept = false, open = false
        for (i, line) in lines.enumerated() {
            if i == 0 { out.append(line) } else {
                if !open { inKept = keeping.contains(i + 1) }
                if inKept { out.append(line) }
            }
            for c in line where c == "\"" { open.toggle() }
        }
        var result = out.joined(separator: "\n")
        if !result.hasSuffix("\n") { result += "\n" }
        return result
    }

    /// The plan's text without the unit items not kept, or nil when units share lines (flow
    /// style) and cannot be cut out line by line. A unit's item runs from its first line to the
    /// line before the next unit, the last one to the next line at column 1.
    static func trimUnits(_ text: String, units: [Unit], keeping: Set<String>) -> String? {
        if units.allSatisfy({ keeping.contains($0.id) }) { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let starts = units.map(\.location.line)
        guard Set(starts).count == starts.count, starts == starts.sorted(), let first = starts.first,
              first - 1 < lines.count, lines[first - 1].trimmingCharacters(in: .whitespaces).hasPrefix("- ") else { return nil }
        var end = lines.count
        if let last = starts.last {
            end = last
            while end < lines.count, !(lines[end].first.map { !$0.isWhitespace } ?? false) { end += 1 }
        }
        var drop = Set<Int>()
        for (k, u) in units.enumerated() where !keeping.contains(u.id) {
            let upTo = k + 1 < starts.count ? starts[k + 1] - 1 : end
            for l in starts[k]...upTo { drop.insert(l) }
        }
        // A plan may keep no unit: the sequence is then empty.
        if units.allSatisfy({ !keeping.contains($0.id) }), first >= 2, lines[first - 2].hasSuffix("units:") {
            lines[first - 2] += " []"
        }
        return lines.enumerated().filter { !drop.contains($0.offset + 1) }.map(\.element).joined(separator: "\n")
    }
}
