import Foundation
import Testing
@testable import RuleEngine

/// Health and criminal-record data (GDPR art. 9 and 10) is accepted only in its minimised form:
/// a column or key that holds more is a located error, and no message quotes its content.
@Suite struct MinimisationTests {
    /// What a diagnosis, a treatment and an extract's content look like in a roster.
    static let secrets = ["asthme sévère", "ventoline", "condamné en 2019 pour vol", "trouble anxieux"]

    @Test func aDiagnosisColumnIsALocatedErrorThatQuotesNothing() {
        let errors = loadErrors(withRosters(["contributors.csv": """
            id,role,diagnosis,medical_fit
            c-1,spv,asthme sévère,true
            c-2,spv,,false

            """], extraColumns: ["contributors.csv": ["diagnosis"]]))
        #expect(errors == ["contributors.csv:1:3: error: column 'diagnosis' holds health data (GDPR art. 9): a roster keeps only fitness (medical_fit: true or false) and its dates (medical_valid_from, medical_valid_until); remove the column (its content is not shown)"])
        for secret in Self.secrets { #expect(!errors.joined().contains(secret)) }
    }

    @Test func anUndeclaredSensitiveColumnIsNotInvitedIntoExtraColumns() {
        // Without the GDPR message, the loader's own would say to declare it in extra_columns.
        let errors = loadErrors(withRosters(["contributors.csv": """
            id,role,casier_judiciaire
            c-1,spv,condamné en 2019 pour vol

            """]))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("contributors.csv:1:3: error: column 'casier_judiciaire' holds criminal-record data (GDPR art. 10)") == true)
        #expect(errors.first?.contains("extra_columns") == false)
    }

    @Test func aMinimisedColumnHoldingMoreIsAnErrorAtItsCellWithoutTheLoadersQuote() {
        // medical_fit holds a diagnosis, background_check_type an extract's content, a date
        // column free text: each is reported at its cell, and the loader's "bad bool '…'" is withdrawn.
        let errors = loadErrors(withRosters(["contributors.csv": """
            id,role,medical_fit,medical_valid_until,background_check_type
            c-1,spv,trouble anxieux,2026-12-31,B2
            c-2,spv,true,ventoline,B2
            c-3,spv,true,2026-12-31,condamné en 2019 pour vol
            c-4,spv,oui,2026-12-31,honorabilite

            """]))
        #expect(errors == [
            "contributors.csv:2:3: error: 'medical_fit' holds more than true or false: health data (GDPR art. 9) is accepted only as fitness (medical_fit: true or false) and its dates (medical_valid_from, medical_valid_until); write the minimised form (the content is not shown)",
            "contributors.csv:3:4: error: 'medical_valid_until' holds more than a date: health data (GDPR art. 9) is accepted only as fitness (medical_fit: true or false) and its dates (medical_valid_from, medical_valid_until); write the minimised form (the content is not shown)",
            "contributors.csv:4:5: error: 'background_check_type' holds more than a short code: criminal-record data (GDPR art. 10) is accepted only as the extract's type (background_check_type: B2, honorabilite…) and its dates (background_check_valid_from, background_check_valid_until); write the minimised form (the content is not shown)",
        ])
        for secret in Self.secrets { #expect(!errors.joined().contains(secret)) }
    }

    @Test func anImpossibleDateKeepsTheLoadersMessageWhichQuotesOnlyADate() {
        let errors = loadErrors(withRosters(["contributors.csv": """
            id,role,medical_valid_until
            c-1,spv,2026-02-30

            """]))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("contributors.csv:2:3: error: bad date '2026-02-30'") == true)
    }

    @Test func aYAMLRosterIsScreenedToo() {
        let errors = loadErrors(withRosters(["roster.yaml": """
            contributors:
              - id: p-1
                role: parent
                medical: {fit: "asthme sévère", valid_until: 2026-12-31}
                extra: {traitement: ventoline, family: f1}
              - id: p-2
                role: parent
                background_check: {type: B2, contenu: "condamné en 2019 pour vol"}

            """]))
        #expect(errors == [
            "roster.yaml:4:20: error: 'medical.fit' holds more than true or false: health data (GDPR art. 9) is accepted only as fitness (medical_fit: true or false) and its dates (medical_valid_from, medical_valid_until); write the minimised form (the content is not shown)",
            "roster.yaml:5:13: error: key 'extra.traitement' holds health data (GDPR art. 9): a roster keeps only fitness (medical_fit: true or false) and its dates (medical_valid_from, medical_valid_until); remove it (its content is not shown)",
            "roster.yaml:8:34: error: key 'background_check.contenu' holds criminal-record data (GDPR art. 10): a roster keeps only the extract's type (background_check_type: B2, honorabilite…) and its dates (background_check_valid_from, background_check_valid_until); remove it (its content is not shown)",
        ])
        for secret in Self.secrets { #expect(!errors.joined().contains(secret)) }
    }

    @Test(arguments: [("diagnosis", Minimisation.Category.health), ("Pathologie_déclarée", .health),
                      ("b2_extract_text", .criminalRecord), ("condamnations", .criminalRecord),
                      ("medical_fit", nil), ("employer_convention", nil), ("specialty", nil), ("family", nil)])
    func namesAreClassedByTheirWords(name: String, category: Minimisation.Category?) {
        #expect(Minimisation.category(ofName: name) == category)
    }

    @Test func minimisedDataLoads() throws {
        let data = try loadFiles(withRosters(["contributors.csv": """
            id,role,medical_fit,medical_valid_until,background_check_type,background_check_valid_until
            c-1,spv,true,2026-12-31,B2,2027-01-10
            c-2,spv,,,,

            """]))
        #expect(data.contributors.first?.medical?.fit == true)
        #expect(data.contributors.first?.backgroundCheck?.label == "B2")
    }
}
