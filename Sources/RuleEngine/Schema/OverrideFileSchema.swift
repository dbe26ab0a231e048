/// A territory override file (`overrides: [FILE]` in a plan): parameter values a département,
/// an SDIS (règlement opérationnel), a PMI or an AOM sets, with who approved them and on what
/// basis. What `TerritoryFile` reads.
public enum OverrideFileSchema {
    static let governed = SchemaObject([
        SchemaProperty("value", .any, required: true, "The value."),
        SchemaProperty("approved_by", .string(pattern: "\\S"), "Who approved it (default: the file's)."),
        SchemaProperty("basis", .string(pattern: "\\S"), "The decision: a deliberation, an arrêté… (default: the file's)."),
        SchemaProperty("date", .date, "The decision's date (default: the file's)."),
        SchemaProperty("valid_until", .date, "The last day the value applies (default: the file's); expired, it is not applied."),
        SchemaProperty("derogation", .string(), "The id of a derogation the rule's parameter declares, which allows crossing its bound."),
    ], description: "A value with its approval and basis.")

    public static let file = SchemaObject([
        SchemaProperty("territory", .string(pattern: "\\S"), required: true, "Which territory or authority the file is for (e.g. SDIS 69, PMI de l'Isère, AOM du Grésivaudan)."),
        SchemaProperty("approved_by", .string(pattern: "\\S"), "Who approved the values (a board, an officer), unless a value says otherwise."),
        SchemaProperty("basis", .string(pattern: "\\S"), "The decision that sets them (délibération n°…, arrêté…), unless a value says otherwise."),
        SchemaProperty("date", .date, "The decision's date."),
        SchemaProperty("valid_until", .date, "The last day the values apply."),
        SchemaProperty("exceptions", .list(.object(SchemaObject([
            SchemaProperty("rule", .string(), required: true, "The rule whose exception is claimed."),
            SchemaProperty("id", .string(), required: true, "The exception, as the rule declares it."),
            SchemaProperty("subjects", .strings, "Subjects it covers (unit:s1; * for any text); absent: all."),
            SchemaProperty("approved_by", .string(pattern: "\\S"), "Who granted it (default: the file's)."),
            SchemaProperty("basis", .string(pattern: "\\S"), "The decision (default: the file's)."),
            SchemaProperty("valid_until", .date, "Its last day (default: the file's)."),
        ]))), "The law's own exceptions claimed (docs/governance.md): a failure they cover is a pass under the exception."),
        SchemaProperty("params", .map(keyPattern: nil, values: .map(keyPattern: nil, values: .anyOf([.object(governed), .any]))),
                       "Parameter values: {RULE-ID: {name: value or {value, approved_by, basis, date, valid_until, derogation}}}."),
    ], description: "Parameter values a territory sets, between the standard packs and the plan.")
}
