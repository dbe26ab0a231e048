import Foundation
import Testing

/// `--redact` tells personal data by what a field is — its name's words in several languages,
/// the shape of its values — not by a closed list of column names.
@Suite struct RedactionByShapeTests {
    static let rules = """
        rules:
          - id: cl.driver-adult
            principle: risk-coverage
            severity: error
            title: {en: "Drivers are adults", fr: "Conducteur majeur"}
            params: {min_age: 18}
            kind: assert
            for_each: contributors
            where: contributor.role == "driver"
            assert: age_at(contributor.birth_date, as_of) >= params.min_age
            message: "driver {{contributor.id}} ({{contributor.extra.tel}} / {{contributor.extra.portable}} / {{contributor.extra.phone_number}} / {{contributor.extra.adresse}} / {{contributor.extra.joignable}} / {{contributor.extra.perso}} / {{contributor.extra.notes}} / {{contributor.extra.numTel}} / born {{contributor.birth_date}}) is under {{params.min_age}}"
            fix: "call {{contributor.extra.portable}} or write to {{contributor.extra.perso}}"

        """
    static let plan = """
        id: ligne-l1
        name: Ligne L1
        kind: carpool_line
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-09}
        units:
          - {id: line-l1, kind: line, opening_hours: "Mo-Fr 06:30-09:00"}
        rosters:
          - {path: contributors.csv, extra_columns: [tel, portable, phone_number, adresse, joignable, perso, notes, numTel]}

        """
    /// Column names no list of names would know; `joignable` ("reachable") and `perso` say
    /// nothing: only their values' shapes (a phone, an e-mail) do.
    static let contributors = """
        id,role,birth_date,tel,portable,phone_number,adresse,joignable,perso,notes,numTel
        d-01,driver,1980-01-01,04 76 00 00 01,06 11 11 11 11,+33 7 22 22 22 22,1 rue des Alpes 38000 Grenoble,04.76.11.22.33,alice.m@example.org,retards fréquents le lundi matin,0476998877
        d-02,driver,2009-06-01,04 76 00 00 02,06 12 34 56 78,+33 7 98 76 54 32,12 avenue Jean Jaurès 38100 Grenoble,04.76.44.55.66,jean.d@example.org,en arrêt maladie depuis mars,0476112233

        """
    static let secrets = ["04 76 00 00 02", "06 12 34 56 78", "7 98 76 54 32", "12 avenue Jean Jaurès", "04.76.44.55.66",
                          "jean.d@example.org", "en arrêt maladie depuis mars", "0476112233", "2009-06-01"]

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown", "html", "summary"])
    func personalDataIsRedactedInEveryFormatWhateverItsColumnIsCalled(_ format: String) throws {
        let dir = try Binary.folder(["plan.yaml": Self.plan, "rules.yaml": Self.rules, "contributors.csv": Self.contributors])
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", format, "--lang", "en"], in: dir)
        #expect(plain.status == 1, "\(plain.stderr)")
        // The data reaches the report unredacted: the test would see a leak.
        #expect(plain.stdout.contains("jean.d@example.org"))
        #expect(plain.stdout.contains("06 12 34 56 78"))
        let redacted = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", format, "--lang", "en", "--redact"], in: dir)
        #expect(redacted.status == 1)
        #expect(redacted.stdout.contains("contributor:d-02"))
        for secret in Self.secrets {
            #expect(!redacted.stdout.contains(secret), "\(format) --redact shows '\(secret)'")
        }
    }
}
