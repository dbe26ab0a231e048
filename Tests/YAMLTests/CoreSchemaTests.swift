import Testing
@testable import RuleEngine

@Suite struct CoreSchemaTests {
    /// YAML 1.2 core schema for plain scalars (and the 1.1 forms that must stay strings).
    static let table: [(String, YAMLNode.Value)] = [
        ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("", .null),
        ("nULL", .string("nULL")), ("none", .string("none")),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")), ("NO", .string("NO")),
        ("Off", .string("Off")), ("y", .string("y")), ("tRUE", .string("tRUE")),
        ("0", .int(0)), ("-0", .int(0)), ("+12", .int(12)), ("-12", .int(-12)),
        ("0777", .int(777)), ("0o17", .int(15)), ("0o777", .int(511)), ("0x1F", .int(31)), ("0xff", .int(255)),
        ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
        ("0o8", .string("0o8")), ("0xG", .string("0xG")), ("-0x1", .string("-0x1")), ("+0o7", .string("+0o7")),
        ("1_000", .string("1_000")), ("0b101", .string("0b101")), ("1:20", .string("1:20")),
        ("1.5", .float(1.5)), ("-1.5", .float(-1.5)), ("+.5", .float(0.5)), (".5", .float(0.5)),
        ("1.", .float(1)), ("1e3", .float(1000)), ("1E-3", .float(0.001)), ("-2.5e+2", .float(-250)),
        (".inf", .float(.infinity)), ("+.Inf", .float(.infinity)), ("-.INF", .float(-.infinity)),
        (".iNF", .string(".iNF")), ("1e", .string("1e")), (".", .string(".")), ("--", .string("--")),
        ("+", .string("+")), ("1.2.3", .string("1.2.3")), ("e3", .string("e3")), (".e3", .string(".e3")),
        ("2026-11-27", .string("2026-11-27")), ("12:30", .string("12:30")), ("<<", .string("<<")),
        ("Ana", .string("Ana")), ("12 ans", .string("12 ans")),
    ]

    @Test(arguments: table)
    func plainScalarResolvesByTheCoreSchema(text: String, expected: YAMLNode.Value) throws {
        let node = try #require(try load("- \(text)\n").documents.first?.items?.first)
        #expect(node.value == expected)
        #expect(node.tag == nil)
    }

    @Test(arguments: [".nan", ".NaN", ".NAN"])
    func notANumberResolvesToNaN(text: String) throws {
        let node = try #require(try load(text).documents.first)
        #expect(node.number?.isNaN == true)
    }

    @Test(arguments: ["'true'", "\"12\"", "\"~\"", "'null'", "|\n  12\n", ">\n  true\n"])
    func quotedAndBlockScalarsAreAlwaysStrings(text: String) throws {
        let node = try #require(try load(text).documents.first)
        #expect(node.string != nil)
    }

    @Test func integerBeyondIntRangeIsALocatedError() {
        #expect(diagnostic("a: 9223372036854775808\n") ==
            "t.yaml:1:4: error: integer 9223372036854775808 is out of range (-9223372036854775808 to 9223372036854775807); quote it to keep it as text")
        #expect(diagnostic("- 0x1FFFFFFFFFFFFFFFF\n") ==
            "t.yaml:1:3: error: integer 0x1FFFFFFFFFFFFFFFF is out of range (-9223372036854775808 to 9223372036854775807); quote it to keep it as text")
    }
}

@Suite struct TagTests {
    static let table: [(String, YAMLNode.Value)] = [
        ("!!str 12", .string("12")), ("!!str true", .string("true")), ("!!str", .string("")),
        ("!!int \"12\"", .int(12)), ("!!int 0x10", .int(16)), ("!!float 1", .float(1)), ("!!float '2.5'", .float(2.5)),
        ("!!bool 'true'", .bool(true)), ("!!null ''", .null), ("!!null ~", .null),
        ("! 12", .string("12")), ("! true", .string("true")),
    ]

    @Test(arguments: table)
    func explicitCoreTagDecidesTheType(text: String, expected: YAMLNode.Value) throws {
        let node = try #require(try load(text).documents.first)
        #expect(node.value == expected)
    }

    @Test func unknownAndLocalTagsKeepTheTextAndRecordTheTag() throws {
        let items = try #require(try load("- !local 12\n- !!binary aGk=\n- !<tag:x.org,2000:y> true\n").documents.first?.items)
        #expect(items.map(\.value) == [.string("12"), .string("aGk="), .string("true")])
        #expect(items.map(\.tag) == ["!local", "tag:yaml.org,2002:binary", "tag:x.org,2000:y"])
    }

    @Test func taggedCollectionsKeepTheirTag() throws {
        let node = try #require(try load("!!map {a: !!seq [1], b: !set {x: }}").documents.first)
        #expect(node.tag == "tag:yaml.org,2002:map")
        #expect(node["a"]?.tag == "tag:yaml.org,2002:seq")
        #expect(node["b"]?.tag == "!set")
    }

    @Test func valueThatDoesNotFitItsTagIsALocatedError() {
        #expect(diagnostic("a: !!int twelve\n") ==
            "t.yaml:1:4: error: value 'twelve' does not match its tag !!int; fix the value or remove the tag")
        #expect(diagnostic("- !!bool yes\n") ==
            "t.yaml:1:3: error: value 'yes' does not match its tag !!bool; fix the value or remove the tag")
        #expect(diagnostic("- !!float 1.2.3\n") ==
            "t.yaml:1:3: error: value '1.2.3' does not match its tag !!float; fix the value or remove the tag")
        #expect(diagnostic("- !!null 0\n") ==
            "t.yaml:1:3: error: value '0' does not match its tag !!null; fix the value or remove the tag")
    }

    @Test func collectionTagOnTheWrongKindIsALocatedError() {
        #expect(diagnostic("a: !!seq x\n") == "t.yaml:1:4: error: a scalar cannot have the tag !!seq; remove the tag")
        #expect(diagnostic("a: !!map [1]\n") == "t.yaml:1:4: error: a sequence cannot have the tag !!map; remove the tag")
        #expect(diagnostic("a: !!str {b: 1}\n") == "t.yaml:1:4: error: a mapping cannot have the tag !!str; remove the tag")
    }
}
