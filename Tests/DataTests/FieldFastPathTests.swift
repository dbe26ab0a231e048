import Testing
@testable import RuleEngine

/// Numbers and booleans read straight from bytes agree with the general (String) path.
@Suite struct FieldFastPathTests {
    static let numbers = ["0", "-0", "+7", "232", "12.5", "12,5", "-4,25", ".5", "5.", "007", "123456789012345",
                          "1234567.89012345", "0.1", "0.3", "2.675", "9007199254740993", "1e3", "1,2,3", "1.2.3",
                          "+", "-", ".", ",", "", " 1", "1 ", "inf", "nan", "0x10", "٣"]

    /// What `Double(String)` gives, as the general path reads it.
    func general(_ t: String, decimalComma: Bool) -> Double? {
        let u = decimalComma ? String(t.map { $0 == "," ? "." : $0 }) : t
        guard let v = Double(u), v.isFinite, !u.contains(where: { $0.isLetter }) else { return nil }
        return v
    }

    @Test(arguments: [false, true])
    func plainDecimalsAreReadAsDoubleReadsThem(decimalComma: Bool) {
        var fast = 0
        for t in FieldFastPathTests.numbers {
            let bytes = Array(t.utf8)
            guard let v = bytes.withUnsafeBufferPointer({ FieldReader.plainDecimal($0, decimalComma: decimalComma) }) else { continue }
            fast += 1
            let expected = general(t, decimalComma: decimalComma)
            #expect(expected.map { $0.bitPattern } == v.bitPattern, "'\(t)'")
        }
        #expect(fast >= 12)
    }

    @Test func booleansAreReadAsLowercasedWords() {
        let cases: [(String, Bool??)] = [("true", true), ("TRUE", true), ("Oui", true), ("1", true), ("yes", true),
                                          ("false", false), ("NON", false), ("0", false), ("no", false),
                                          ("maybe", .some(nil)), ("\0true", nil), ("vrai", .some(nil)), ("truE ", .some(nil)),
                                          ("ÓUI", nil), ("falsey", .some(nil))]
        for (text, expected) in cases {
            let got = Array(text.utf8).withUnsafeBufferPointer { FieldReader.asciiBool($0) }
            #expect(got == expected, "'\(text)'")
        }
    }
}
