/// The waivers file (`--waivers FILE`): what `Waivers.load` reads. Every key of a waiver is
/// required, so that a derogation always says why, who approved it and until when.
public enum WaiverSchema {
    public static let waiver = SchemaObject([
        SchemaProperty("rule", .string(), required: true, "The id of the rule waived, e.g. spv.vsav-crew."),
        SchemaProperty("subject", .string(), required: true,
                       "The subject waived as findings name it (unit:cis-vizille), or a pattern where * stands for any text (unit:cis-*)."),
        SchemaProperty("justification", .string(pattern: "\\S"), required: true, "Why the derogation is granted; not empty."),
        SchemaProperty("approved_by", .string(pattern: "\\S"), required: true, "Who approved it (a board, a deliberation); not empty."),
        SchemaProperty("expires", .date, required: true, "The last day the waiver applies (inclusive), YYYY-MM-DD."),
    ], description: "A granted derogation: a rule may fail for some subjects until a date.")

    public static let file = SchemaObject([
        SchemaProperty("waivers", .list(.object(waiver)), required: true, "The derogations granted."),
    ])
}
