/// The service plan (`plan.yaml`): what `PlanDecoder` reads, see docs/data-model.md.
///
/// Like rule files, a plan is closed: a key no mapping here lists is an error (a misspelt
/// `openning_hours` would otherwise leave a unit open 24/7). Data of the plan's own goes under
/// the `extra:` key of the records that rules read (`unit.extra.notes`). The decoder takes its
/// known keys from here, so a property added here is known to both.
public enum PlanSchema {
    static func choice<K: RawRepresentable & CaseIterable>(_ kind: K.Type) -> SchemaNode where K.RawValue == String {
        .choice(kind.allCases.map { .string($0.rawValue) })
    }

    /// The `extra:` key of a record rules read: a mapping of the plan's own names to any values.
    static func extraProperty(_ record: String) -> SchemaProperty {
        SchemaProperty("extra", .map(keyPattern: nil, values: .any),
                       "Data of your own, not checked; rules read it as \(record).extra.NAME.")
    }

    static let insee = SchemaNode.string(pattern: "^[0-9][0-9AB][0-9]{3}$")
    static let hours = SchemaNode.string()

    public static let fallback = SchemaObject([
        SchemaProperty("mode", .scalarText, required: true, "How the service is given when the unit cannot: taxi, neighbour_unit, none…"),
        SchemaProperty("max_delay_minutes", .integer(), "How soon the fallback acts, in minutes."),
        SchemaProperty("unit", .scalarText, "For neighbour_unit: the id of the unit that takes over."),
        SchemaProperty("provider", .scalarText, "Who provides the fallback (a company, a service)."),
    ])

    public static let staffing = SchemaObject([
        SchemaProperty("position", .scalarText, "The position required (chef_agres…); absent: anyone."),
        SchemaProperty("min", .integer(minimum: 0), required: true, "How many people at least."),
        SchemaProperty("hours", hours, "When (opening-hours syntax); absent: the unit's hours."),
    ])

    public static let unit = SchemaObject([
        SchemaProperty("id", .scalarText, required: true, "The unit's id, unique in the plan."),
        SchemaProperty("kind", choice(Unit.Kind.self), required: true, "What the unit is."),
        SchemaProperty("name", .scalarText, "The unit's name."),
        SchemaProperty("zone", .scalarText, "The id of its zone under territory.zones."),
        SchemaProperty("commune", insee, "The INSEE code of its commune, quoted (\"38053\")."),
        SchemaProperty("capacity", .integer(), "Places offered."),
        SchemaProperty("opening_hours", hours, "The promised hours (opening-hours syntax, e.g. \"Mo-Fr 08:00-18:00; PH off\")."),
        SchemaProperty("ratio_mode", .choice([.string("5-8"), .string("6"), .integer(6)]), "Crèches: the adult-to-children ratio rule."),
        SchemaProperty("staffing", .list(.object(staffing)), "The minimum staffing promised."),
        SchemaProperty("fallback", .object(fallback), "The unit's own fallback (else the plan's)."),
        SchemaProperty("stops", .strings, "Carpool lines: the stops served."),
        SchemaProperty("params", .map(keyPattern: nil, values: .map(keyPattern: nil, values: .any)),
                       "Parameter values for this unit only, by rule id then parameter, as the plan's params (docs/governance.md)."),
        extraProperty("unit"),
    ])

    public static let operatorInfo = SchemaObject([
        SchemaProperty("name", .scalarText, "The operator's name."),
        SchemaProperty("legal_form", .scalarText, "Its legal form (association, aom…)."),
        SchemaProperty("siren", .scalarText, "Its SIREN number."),
    ])

    public static let period = SchemaObject([
        SchemaProperty("start", .date, required: true, "The first day checked."),
        SchemaProperty("end", .date, required: true, "The day after the last day checked (excluded)."),
    ])

    public static let commune = SchemaObject([
        SchemaProperty("insee", insee, required: true, "The INSEE code, quoted (\"38053\", \"2A004\")."),
        SchemaProperty("name", .scalarText, "The commune's name."),
        SchemaProperty("population", .integer(minimum: 0), "Its population."),
        SchemaProperty("risk", .scalarText, "Its risk level, for the response-time targets of territory.response (urbain, rural…)."),
    ])

    public static let zone = SchemaObject([
        SchemaProperty("id", .scalarText, required: true, "The zone's id, unique in the plan."),
        SchemaProperty("name", .scalarText, "The zone's name."),
        SchemaProperty("communes", .list(.object(commune)), "The communes of the zone."),
        extraProperty("zone"),
    ])

    public static let territory = SchemaObject([
        SchemaProperty("cog_vintage", .integer(), "The year of the INSEE code list (COG) used."),
        SchemaProperty("zones", .list(.object(zone)), "The zones served."),
        SchemaProperty("response", .object(response), "Response-time targets by risk level and the travel times from units to communes (an SDACR)."),
    ])

    public static let tariff = SchemaObject([
        SchemaProperty("category", .scalarText, required: true, "The user category (resident, non_resident…)."),
        SchemaProperty("amount_eur", .number, required: true, "The price in euros."),
        SchemaProperty("per", .scalarText, "What the price is for (hour, trip, month…)."),
        SchemaProperty("income_based", .boolean, "Whether the price depends on income."),
        extraProperty("tariff"),
    ])

    public static let accessChannel = SchemaObject([
        SchemaProperty("kind", .scalarText, required: true, "How users reach the service (phone, web, counter…)."),
        SchemaProperty("description", .scalarText, "What the channel is."),
        SchemaProperty("hours", hours, "When it is open (opening-hours syntax)."),
        SchemaProperty("cost_eur", .number, "What using it costs, in euros."),
        extraProperty("access_channel"),
    ])

    public static let eligibility = SchemaObject([
        SchemaProperty("id", .scalarText, required: true, "The criterion's id."),
        SchemaProperty("description", .scalarText, "What it says."),
        SchemaProperty("min_age", .integer(), "The minimum age, in years."),
        SchemaProperty("max_age", .integer(), "The maximum age, in years."),
        SchemaProperty("zones", .strings, "The zones (ids) it is limited to."),
        extraProperty("eligibility"),
    ])

    public static let policy = SchemaObject([
        SchemaProperty("id", .scalarText, required: true, "The policy's id."),
        SchemaProperty("insurer", .scalarText, "The insurer."),
        SchemaProperty("type", .scalarText, required: true, "What it covers (civil_liability…)."),
        SchemaProperty("covered_roles", .strings, "The roles it covers."),
        SchemaProperty("valid_from", .date, "The first day it covers."),
        SchemaProperty("valid_until", .date, "The last day it covers (inclusive)."),
        extraProperty("policy"),
    ])

    public static let riskCover = SchemaObject([
        SchemaProperty("regimes", .strings, "The legal protection regimes that apply (e.g. accident du travail)."),
        SchemaProperty("policies", .list(.object(policy)), "The insurance policies held."),
    ])

    public static let rosterReference = SchemaObject([
        SchemaProperty("path", .string(), required: true, "The roster file, relative to the plan's folder."),
        SchemaProperty("kind", choice(RosterReference.Kind.self), "What it holds; absent: told by the file name."),
        SchemaProperty("extra_columns", .strings, "CSV: columns of your own, kept as the records' extra data; any other unknown column is an error."),
    ])

    public static let plan = SchemaObject([
        SchemaProperty("id", .scalarText, required: true, "The plan's id."),
        SchemaProperty("name", .scalarText, required: true, "The service's name."),
        SchemaProperty("kind", choice(Plan.Kind.self), required: true, "The kind of service; it chooses the standard pack that applies."),
        SchemaProperty("operator", .object(operatorInfo), "Who runs the service."),
        SchemaProperty("version", .integer(), "The plan's version number."),
        SchemaProperty("effective_from", .date, required: true, "The day this version takes effect."),
        SchemaProperty("effective_until", .date, "The last day it is in effect."),
        SchemaProperty("period", .object(period), required: true, "The checking period: {start: YYYY-MM-DD, end: YYYY-MM-DD}, end excluded."),
        SchemaProperty("time_zone", .string(), "An IANA time zone (default Europe/Paris)."),
        SchemaProperty("public_holidays", .anyOf([.choice([.string("france"), .string("none")]), .list(.date)]),
                       "france (default), none, or a list of dates."),
        SchemaProperty("opening_hours", hours, "The hours promised for every unit without its own."),
        SchemaProperty("territory", .object(territory), "The zones and communes served."),
        SchemaProperty("units", .list(.object(unit)), required: true, "The units that deliver the service."),
        SchemaProperty("fallback", .object(fallback), "The fallback when a unit cannot serve."),
        SchemaProperty("tariffs", .list(.object(tariff)), "What users pay."),
        SchemaProperty("access_channels", .list(.object(accessChannel)), "How users reach the service."),
        SchemaProperty("eligibility", .list(.object(eligibility)), "Who may use the service."),
        SchemaProperty("risk_cover", .object(riskCover), "How contributors are protected."),
        SchemaProperty("params", .map(keyPattern: nil, values: .map(keyPattern: nil, values: .any)),
                       "Rule parameters for this service: {RULE-ID: {name: value}}."),
        SchemaProperty("rosters", .list(.anyOf([.string(), .object(rosterReference)])),
                       "The roster files: a path, or {path, kind}."),
        SchemaProperty("overrides", .strings,
                       "Territory override files (département, SDIS règlement opérationnel, PMI, AOM), applied in order before params (docs/governance.md)."),
        extraProperty("service"),
    ], description: "A shared public service's plan: what it promises, where and when.")
}
