/// The fields of the plan's terms of service as rules read them: tariffs, access channels,
/// eligibility criteria and insurance policies; tables (docs/data-model.md, *Tariffs, access
/// channels, eligibility, risk cover*) and accessors.
extension Tariff: ObjectValue, ExtraFieldRecord {
    enum Field: String, CaseIterable, Sendable {
        case category
        case amountEUR = "amount_eur"
        case per
        case incomeBased = "income_based"
    }

    static let fields = FieldTable<Tariff>("tariff", [
        FieldRow(.category, .string, "the user category"),
        FieldRow(.amountEUR, .double, "the price in euros"),
        FieldRow(.per, .string, "what the price is for (hour, trip, month…)"),
        FieldRow(.incomeBased, .bool, "whether the price depends on income"),
    ])

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .category: found(.string(category))
        case .amountEUR: found(.double(amountEUR))
        case .per: opt(per)
        case .incomeBased: opt(incomeBased)
        }
    }
}

extension AccessChannel: ObjectValue, ExtraFieldRecord {
    enum Field: String, CaseIterable, Sendable {
        case kind, description, hours
        case costEUR = "cost_eur"
    }

    static let fields = FieldTable<AccessChannel>("access_channel", [
        FieldRow(.kind, .string, "phone, web, counter…"),
        FieldRow(.description, .string, "what the channel is"),
        FieldRow(.hours, .string, "when it is open (opening-hours syntax)"),
        FieldRow(.costEUR, .double, "what using it costs, in euros"),
    ])

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .kind: found(.string(kind))
        case .description: opt(description)
        case .hours: opt(hours)
        case .costEUR: opt(costEUR)
        }
    }
}

extension EligibilityCriterion: ObjectValue, ExtraFieldRecord {
    enum Field: String, CaseIterable, Sendable {
        case id, description
        case minAge = "min_age"
        case maxAge = "max_age"
        case zones
    }

    static let fields = FieldTable<EligibilityCriterion>("eligibility", [
        FieldRow(.id, .string, "the criterion's id"),
        FieldRow(.description, .string, "what it says"),
        FieldRow(.minAge, .int, "the minimum age, in years"),
        FieldRow(.maxAge, .int, "the maximum age, in years"),
        FieldRow(.zones, .list(.string), "the zones it is limited to"),
    ])

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .id: found(.string(id))
        case .description: opt(description)
        case .minAge: opt(minAge)
        case .maxAge: opt(maxAge)
        case .zones: opt(zones)
        }
    }
}

extension InsurancePolicy: ObjectValue, ExtraFieldRecord {
    enum Field: String, CaseIterable, Sendable {
        case id, insurer, type
        case coveredRoles = "covered_roles"
        case validFrom = "valid_from"
        case validUntil = "valid_until"
    }

    static let fields = FieldTable<InsurancePolicy>("policy", [
        FieldRow(.id, .string, "the policy's id"),
        FieldRow(.insurer, .string, "the insurer"),
        FieldRow(.type, .string, "what it covers"),
        FieldRow(.coveredRoles, .list(.string), "the roles it covers"),
        FieldRow(.validFrom, .date, "the first day it covers"),
        FieldRow(.validUntil, .date, "the last day it covers (inclusive)"),
    ])

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .id: found(.string(id))
        case .insurer: opt(insurer)
        case .type: found(.string(type))
        case .coveredRoles: opt(coveredRoles)
        case .validFrom: opt(validFrom)
        case .validUntil: opt(validUntil)
        }
    }
}
