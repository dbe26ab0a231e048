/// A rule file (a pack): `pack:` and `rules:`, each rule with the common keys and those of its
/// kind. `RuleLoader` takes its common and pack key lists from here; each kind's keys come from
/// the kind itself (`RuleKind.keys`, read by the loader) and are described in `kindProperties`
/// — a test checks that the two name the same keys, so neither can gain a key silently.
///
/// How kinds are expressed in JSON Schema (draft-07): a rule's `properties` are the common keys
/// plus the union of every kind's keys (so editors complete them all and a misspelt key is an
/// "additional property"), `kind` is an enum of the kinds, and `allOf` holds one
/// `if: {kind: const K} then: {…}` per kind, whose `then` gives that kind's key types, its
/// required keys, and `propertyNames` limited to the common keys and the kind's own — so a key of
/// another kind is rejected too. `if`/`then` rather than `oneOf`: an error then names the one
/// kind the rule has, not every kind it failed to be.
public enum RuleFileSchema {
    // MARK: shared shapes

    static let paramPattern = "^params\\.[A-Za-z_][A-Za-z0-9_]*$"
    /// A number, or `params.NAME` naming a declared parameter.
    static let number = SchemaNode.anyOf([.number, .string(pattern: paramPattern)])
    /// A whole number, or `params.NAME`.
    static let integer = SchemaNode.anyOf([.integer(), .string(pattern: paramPattern)])
    /// A duration like 7d, 48h, 90m or 1h30m.
    static let duration = SchemaNode.anyOf([.string(pattern: "^([0-9]+[a-z]+)+$"), .integer()])
    static let identifierPattern = "^[A-Za-z_][A-Za-z0-9_]*$"

    static let message = SchemaProperty("message", .text,
        "The finding's message: a template with {{expression}} holes, in one language or {fr: …, en: …}.")
    static let fix = SchemaProperty("fix", .text, "How to fix a finding: a template like message.")
    static let units = SchemaProperty("units", .expression, "Which units the rule checks: a boolean expression over unit (default: all).")
    static func filter(over what: String) -> SchemaProperty {
        SchemaProperty("where", .expression, "Which \(what) count: a boolean expression (default: all).")
    }

    // MARK: pack and common keys

    static let principle = SchemaNode.anyOf([
        .string(),
        .object(SchemaObject([SchemaProperty("id", .string(), required: true, "The principle's name.")], allowsOtherKeys: true)),
    ])

    /// The keys of `pack:`.
    public static let pack = SchemaObject([
        SchemaProperty("id", .string(), "The pack's id (default: the file name)."),
        SchemaProperty("title", .text, "The pack's title, in one language or {fr: …, en: …}."),
        SchemaProperty("description", .text, "What the pack checks."),
        SchemaProperty("service_kinds", .strings, "The service kinds the pack is for (fire_rescue…); absent: every kind."),
        SchemaProperty("principles", .list(principle), "Principles the pack defines besides the standard ones."),
    ], description: "What the pack says about itself.")

    /// The keys every rule may have, whatever its kind.
    public static let common = SchemaObject([
        SchemaProperty("id", .string(pattern: "^[A-Za-z0-9._-]+$"), required: true,
                       "The rule's id, unique across the packs loaded: letters, digits, '.', '_' and '-'."),
        SchemaProperty("principle", .string(), required: true,
                       "The principle the rule serves: \(Principle.standard.map(\.id).joined(separator: ", ")), or one the pack defines."),
        SchemaProperty("severity", .choice(Severity.allCases.map { .string($0.rawValue) }), required: true, "How serious a failure is."),
        SchemaProperty("title", .text, required: true, "A short title, in one language or {fr: …, en: …}."),
        SchemaProperty("rationale", .text, "Why the rule exists."),
        SchemaProperty("references", .strings, "Legal texts and decisions the rule rests on."),
        SchemaProperty("valid_from", .date, "The first day the rule applies."),
        SchemaProperty("valid_until", .date, "The last day the rule applies."),
        SchemaProperty("tags", .strings, "Free tags."),
        SchemaProperty("params", .map(keyPattern: identifierPattern, values: .any),
                       "Parameters with their default values ({min_age: 18}, or {min_age: {default: 18, description: …, min: 18, basis: …, nature: legal_floor}}); a plan may override them, within min and max (legal bounds, with the basis that sets them). nature: legal_floor (needs min), legal_ceiling (needs max) or local (needs authority: who may choose it); derogations: [{id, basis, min, max}] the law allows, which an override may cite."),
        SchemaProperty("exceptions", .list(.object(SchemaObject([
            SchemaProperty("id", .string(), required: true, "The exception's name, which an override file claims."),
            SchemaProperty("basis", .string(), required: true, "The text that allows it (e.g. CSP R2324-50-1)."),
        ]))), "The law's own exceptions to the rule: a claimed one turns a failure into a pass under that exception (docs/governance.md)."),
        SchemaProperty("versions", .list(.object(SchemaObject([
            SchemaProperty("id", .string(), "The version's name in findings (default: its first day)."),
            SchemaProperty("from", .date, "The version's first day."),
            SchemaProperty("until", .date, "The version's last day (default: the day before the next version's from)."),
            SchemaProperty("source", .string(), "The text that brought this version in force."),
        ], allowsOtherKeys: true))),
                       "Dated versions of the rule, in date order; each names the keys it changes (params, severity, message, references, the expression…), the rest is the rule's."),
        SchemaProperty("service_kinds", .strings, "The service kinds the rule is for; absent: the pack's."),
        SchemaProperty("kind", .choice(RuleKinds.all.map { .string($0.identifier) }), required: true,
                       "What the rule checks; each kind has its own keys (docs/rule-language.md)."),
    ])

    // MARK: the kinds' keys

    static let coverageSpec: [SchemaProperty] = [
        units,
        filter(over: "assignments"),
        SchemaProperty("min", integer, "How many distinct contributors at least (absent: the plan's unit staffing)."),
        SchemaProperty("position", .string(), "The position required, with min."),
        SchemaProperty("hours", .string(), "When (opening-hours syntax); default the unit's promised hours."),
        SchemaProperty("demand", .choice([.string("attendance")]), "attendance: each attendance slot demands adults (crèche ratios)."),
        SchemaProperty("slots", .expression, "With demand: which attendance slots count (boolean expression over attendance)."),
        SchemaProperty("required", .expression, "With demand: adults required per slot (an int expression over attendance)."),
        SchemaProperty("engagements", .list(.choice(Engagement.allCases.map { .string($0.rawValue) })),
                       "Which engagements count (default duty and on_call; declared availability is no obligation and counts only when listed)."),
    ]

    /// The keys of each kind besides the common ones, by kind identifier. Every kind's
    /// `RuleKind.keys` must be described here, and nothing else (checked by a test).
    public static let kindProperties: [String: [SchemaProperty]] = [
        "assert": [
            SchemaProperty("for_each", .choice(RecordCollection.all.map { .string($0.name) }), required: true, "The collection whose every record must meet the condition."),
            filter(over: "records"),
            SchemaProperty("assert", .expression, required: true, "The condition each record must meet (boolean expression)."),
            SchemaProperty("message", .text, required: true, message.description),
            fix,
        ],
        "coverage": coverageSpec + [
            SchemaProperty("granularity", duration, "Count per slot of this length (15m, 1h, 1d: it divides a day) that an assignment touches, instead of at each instant."),
            message, fix,
        ],
        "resilience": coverageSpec + [
            SchemaProperty("absences", integer, "How many contributors may be absent at once (default 1)."),
            message, fix,
        ],
        "concentration": [
            units,
            filter(over: "assignments"),
            SchemaProperty("max_share", number, "The largest share of a unit's served hours one contributor may carry (0 < x ≤ 1)."),
            SchemaProperty("min_share", number, "With group: the smallest share of the hours the group must serve (0 ≤ x ≤ 1)."),
            SchemaProperty("group", .expression, "Which contributors form the group (boolean expression over contributor)."),
            SchemaProperty("per", .choice([.string("period"), .string("month")]), "The window: the whole period (default) or each calendar month."),
            message, fix,
        ],
        "fallback": [
            units,
            SchemaProperty("modes", .strings, "The acceptable fallback modes (taxi, vtc, neighbour_unit…); default any but none."),
            SchemaProperty("max_delay_minutes", integer, "The longest acceptable delay, in minutes."),
            SchemaProperty("require_provider", .boolean, "Whether the fallback must name its provider (default false)."),
            message, fix,
        ],
        "validity": [
            SchemaProperty("document", .choice(ValidityRule.DocumentKind.allCases.map { .string($0.rawValue) }), required: true,
                           "The dated document that must be valid over every assignment."),
            SchemaProperty("code", .strings, "With document: qualification, the qualification's code, or a list of codes any of which may cover (each judged on its own span)."),
            filter(over: "assignments"),
            SchemaProperty("require", .expression, "A condition on the document (boolean expression over document)."),
            SchemaProperty("issued_within", .string(), "The document's valid_from is at most this old on every day (e.g. 3y)."),
            SchemaProperty("issued_within_years", integer, "The same in whole years."),
            SchemaProperty("until", .expression, "A last valid day of the rule's own: a date expression over the document and its contributor (a periodicity computed from age…), null for none; valid_until still applies when earlier."),
            message, fix,
        ],
        "limit": [
            filter(over: "assignments"),
            SchemaProperty("group_by", .expression, "Measure groups (subject group:VALUE) instead of people: an expression over contributor."),
            SchemaProperty("max_hours", number, "The most hours in any rolling window."),
            SchemaProperty("window", duration, "The rolling window of max_hours (default 7d)."),
            SchemaProperty("calendar", .choice([.string("day"), .string("week"), .string("month")]),
                           "Instead of window: max_hours in each calendar day, week (Monday to Sunday) or month, each assignment counted in the period of its start."),
            SchemaProperty("min_rest_hours", number, "The least rest between consecutive blocks, in hours."),
            SchemaProperty("max_block_hours", number, "The longest unbroken block, in hours."),
            SchemaProperty("compensated_block_hours", number, "With max_block_hours: longer blocks up to this many hours are allowed when followed by a rest at least as long (compensatory rest)."),
            SchemaProperty("max_weeks", integer, "The most weeks served in any weeks_window."),
            SchemaProperty("weeks_window", duration, "The window of max_weeks (default 365d)."),
            SchemaProperty("min_hours", number, "The least hours in each calendar week with promised hours."),
            message, fix,
        ],
        "average_hours": [
            filter(over: "assignments"),
            SchemaProperty("max_average_hours", number, required: true, "The most hours per 7 days, on average over the reference period."),
            SchemaProperty("reference_weeks", number, "The averaging period in weeks, 1 to 52 (default 17: about four months)."),
            message, fix,
        ],
        "age": [
            filter(over: "assignments"),
            SchemaProperty("bands", .list(.object(SchemaObject([
                SchemaProperty("when", .expression, "To whom the band applies (boolean expression); absent: everyone."),
                SchemaProperty("min", integer, "The least age, in completed years."),
                SchemaProperty("max", integer, "The age from which one may no longer serve."),
            ]))), required: true, "Age bands; the first whose when holds gives the bounds."),
            message, fix,
        ],
        "disparity": [
            SchemaProperty("group", .choice(DisparityRule.GroupKind.allCases.map { .string($0.rawValue) }), required: true,
                           "The groups compared."),
            SchemaProperty("measure", .string(), required: true,
                           "A named measure (served_hours_per_1000…) or an expression over the group and them."),
            filter(over: "assignments"),
            SchemaProperty("max_ratio", number, "Best group / this group at most this (≥ 1)."),
            SchemaProperty("min_share_of_mean", number, "This group at least this × the mean over the groups."),
            SchemaProperty("min_groups", integer, "Fewer groups: nothing to compare (default 2)."),
            message, fix,
        ],
        "uniform": [
            SchemaProperty("for_each", .choice(RecordCollection.all.map { .string($0.name) }), "The collection compared (default tariffs)."),
            SchemaProperty("value", .string(), "The value that must be the same: a field of the record or an expression."),
            SchemaProperty("group", .string(), "What tells groups apart: a field or an expression."),
            SchemaProperty("per", .string(), "Compare only records with the same value of this field or expression."),
            filter(over: "records"),
            SchemaProperty("ignore_where", .expression, "Records left out of the comparison (boolean expression)."),
            SchemaProperty("except", .list(.object(SchemaObject([
                SchemaProperty("group", .string(), required: true, "The group allowed to differ."),
                SchemaProperty("justification", .string(pattern: "\\S"), required: true, "Why it may differ."),
            ]))), "Groups allowed to differ, each with its justification."),
            message, fix,
        ],
    ]

    /// The keys of a kind as the schema describes them: in the kind's own order (`RuleKind.keys`,
    /// what the loader accepts). A key the kind reads but `kindProperties` does not describe
    /// still appears, as "anything", so that the schema never rejects what the loader accepts.
    public static func properties(of kind: any RuleKind.Type) -> [SchemaProperty] {
        let described = kindProperties[kind.identifier] ?? []
        return kind.keys.map { key in
            described.first { $0.name == key } ?? SchemaProperty(key, .any, "(not described yet)")
        }
    }

    // MARK: JSON Schema

    static var ruleSchema: JSONText {
        var union: [SchemaProperty] = []
        var usedBy: [String: [String]] = [:]
        for kind in RuleKinds.all {
            for p in properties(of: kind) where common[p.name] == nil {
                if usedBy[p.name] == nil { union.append(p) }
                usedBy[p.name, default: []].append(kind.identifier)
            }
        }
        // A key several kinds share may mean different things: its type is in each kind's `then`.
        let unionMembers: [(String, JSONText)] = union.map { p in
            let kinds = usedBy[p.name] ?? []
            return kinds.count == 1
                ? (p.name, p.node.jsonSchema(description: "\(p.description) (kind: \(kinds[0]))"))
                : (p.name, .object([("description", .string("Kinds \(kinds.joined(separator: ", ")); its meaning depends on the kind."))]))
        }
        let commonMembers = common.properties.map { ($0.name, $0.node.jsonSchema(description: $0.description)) }
        let branches: [JSONText] = RuleKinds.all.map { kind in
            let own = properties(of: kind)
            let required = own.filter(\.required).map(\.name)
            var then: [(String, JSONText)] = [
                ("properties", .object(own.map { ($0.name, $0.node.jsonSchema(description: $0.description)) })),
            ]
            if !required.isEmpty { then.append(("required", .array(required.map(JSONText.string)))) }
            then.append(("propertyNames", .object([("enum", .array((common.keys + own.map(\.name)).map(JSONText.string)))])))
            return .object([
                ("if", .object([("properties", .object([("kind", .object([("const", .string(kind.identifier))]))])),
                                ("required", .array([.string("kind")]))])),
                ("then", .object(then)),
            ])
        }
        return .object([
            ("description", .string("A rule: the common keys and those of its kind.")),
            ("type", .string("object")),
            ("properties", .object(commonMembers + unionMembers)),
            ("required", .array(common.requiredKeys.map(JSONText.string))),
            ("additionalProperties", .bool(false)),
            ("allOf", .array(branches)),
        ])
    }

    static var jsonSchema: JSONText {
        .object([
            ("$schema", .string(SchemaDocument.draft)),
            ("title", .string("spp-check rule file")),
            ("description", .string("A pack of rules (docs/rule-language.md).")),
            ("type", .string("object")),
            ("properties", .object([
                ("pack", JSONText.object(pack.jsonSchemaMembers())),
                ("rules", .object([("description", .string("The rules of the pack.")), ("type", .string("array")),
                                   ("items", ruleSchema)])),
            ])),
            ("required", .array([.string("rules")])),
            ("additionalProperties", .bool(false)),
        ])
    }

    /// The keys of the rule file's top mapping.
    public static let fileKeys = ["pack", "rules"]
}
