import Foundation
import Testing
@testable import RuleEngine

@Suite struct RedactionTests {
    func redactor(_ values: [(String, String)]) -> Redactor {
        var r = Redactor()
        for (value, replacement) in values { r.add(value: value, replacement: replacement) }
        return r
    }

    @Test func aNameIsReplacedByTheSubjectWhereverItStandsAsWholeWords() {
        let r = redactor([("Jean Dupont", "contributor:d-02")])
        #expect(r.redact("driver Jean Dupont is under 18") == "driver contributor:d-02 is under 18")
        #expect(r.redact("(jean dupont)") == "(contributor:d-02)")
        #expect(r.redact("Jean Duponthe") == "Jean Duponthe")
    }

    @Test func theLongestValueWinsOverOneThatStartsIt() {
        let r = redactor([("Jean", "contributor:a"), ("Jean Dupont", "contributor:b")])
        #expect(r.redact("Jean Dupont and Jean") == "contributor:b and contributor:a")
    }

    @Test func emailsAndPhonesWithPunctuationAreReplaced() {
        let r = redactor([("jean.dupont@example.org", "contributor:d-02"), ("+33 6 12 34 56 78", "contributor:d-02")])
        #expect(r.redact("write to jean.dupont@example.org, or call +33 6 12 34 56 78.") == "write to contributor:d-02, or call +contributor:d-02.")
    }

    @Test func oneLetterValuesAreNotHidden() {
        let r = redactor([("J", "contributor:x")])
        #expect(r.isEmpty)
        #expect(r.redact("J and j") == "J and j")
    }

    @Test(arguments: ["name", "first_name", "LastName", "e-mail", "Email", "phone", "téléphone", "address", "prénom", "nom", "tel", "portable", "phone_number", "adresse", "numTel", "date_naissance", "birth_date", "Telefonnummer", "correo_electronico", "notes", "commentaire", "indirizzo"])
    func identifyingFieldNames(_ field: String) {
        #expect(Redactor.isIdentifying(field))
    }

    @Test(arguments: ["role", "status", "unit", "grade", "security_level", "parent_id", "hotel", "nombre_places"])
    func otherFieldsAreNotIdentifying(_ field: String) {
        #expect(!Redactor.isIdentifying(field))
    }

    @Test func nestedMappingsUnderAnyKeyAreSearchedForIdentifyingKeys() {
        var r = Redactor()
        r.add(["contact_info": .map([DataEntry(key: "email", value: .string("a.b@c.fr")), DataEntry(key: "city", value: .string("Grenoble"))]),
               "guardian": .list([.string("Marie Curie")])], replacement: "contributor:x")
        #expect(r.redact("a.b@c.fr, Marie Curie, Grenoble") == "contributor:x, contributor:x, Grenoble")
    }

    @Test func theRosterNamesNeverShowInAnyFormatOnceRedacted() throws {
        let (result, input) = try Fixture.check(lang: "en", explain: true)
        var redacted = input
        redacted.report = Redactor(result.data).redact(input.report)
        for format in OutputFormat.allCases {
            let plain = format.render(input)
            #expect(plain.contains("Jean Dupont"), "\(format) shows the name unredacted: the test data must reach it")
            let text = format.render(redacted)
            for secret in Fixture.personalData {
                #expect(!text.contains(secret), "\(format) shows '\(secret)'")
            }
            #expect(text.contains("contributor:d-02"))
        }
    }
}

@Suite struct RedactionDocTests {
    @Test func docsFormatsListsEveryIdentifyingField() throws {
        let doc = try String(contentsOf: SchemaValidator.root.appendingPathComponent("docs/formats.md"), encoding: .utf8)
        for field in Redactor.identifyingFields {
            #expect(doc.contains("`\(field)`"), "docs/formats.md does not list '\(field)'")
        }
    }
}
