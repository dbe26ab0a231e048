/// The plan's response-time data (`territory.response`, `ResponseCover`), for the plan schema.
extension PlanSchema {
    public static let responseTarget = SchemaObject([
        SchemaProperty("risk", .scalarText, required: true, "The risk level the target is for, as communes give it in `risk` (urbain, rural…)."),
        SchemaProperty("max_minutes", .number, required: true, "The most minutes from the alert to the first engine on site, above 0."),
    ])

    public static let travelTime = SchemaObject([
        SchemaProperty("unit", .scalarText, required: true, "The unit that sets out."),
        SchemaProperty("commune", insee, required: true, "The INSEE code of the commune reached, quoted."),
        SchemaProperty("minutes", .number, required: true, "Minutes from the alert to the unit's engine on site in the commune, 0 or more."),
    ])

    public static let response = SchemaObject([
        SchemaProperty("reference", .scalarText, "The text that sets the targets (the SDACR and the préfet's order adopting it)."),
        SchemaProperty("targets", .list(.object(responseTarget)), required: true, "The response-time target of each risk level."),
        SchemaProperty("travel_times", .anyOf([.scalarText, .list(.object(travelTime))]), required: true,
                       "A CSV file (unit,commune,minutes), relative to the plan's folder, or the rows inline."),
    ])
}
