import Testing
@testable import RuleEngine

@Suite struct YAMLJSONTests {
    @Test func printsLikeJq() throws {
        #expect(try json("name: Ana\nage: 41\nskills: [first aid, driving]\nnothing: ~\nempty: []\nnone: {}\nok: true\nratio: 0.5\n") == """
            {
              "name": "Ana",
              "age": 41,
              "skills": [
                "first aid",
                "driving"
              ],
              "nothing": null,
              "empty": [],
              "none": {},
              "ok": true,
              "ratio": 0.5
            }
            """)
    }

    @Test func scalarDocumentIsOneLine() throws {
        #expect(try json("'hi'") == "\"hi\"")
    }

    @Test func stringsAreEscapedAsJqEscapesThem() throws {
        #expect(try json("\"q\\\" b\\\\ n\\n t\\t c\\x01 d\\x7f é\"") == #""q\" b\\ n\n t\t c\u0001 d\u007f é""#)
    }

    @Test func nonStringKeysBecomeTheirText() throws {
        #expect(try json("1: a\ntrue: b\n~: c\n1.5: d\n") == """
            {
              "1": "a",
              "true": "b",
              "null": "c",
              "1.5": "d"
            }
            """)
    }

    @Test func nonFiniteFloatsPrintAsJqPrintsThem() throws {
        #expect(try json("[.inf, -.inf, .nan, 1e300]") ==
            "[\n  1.7976931348623157e+308,\n  -1.7976931348623157e+308,\n  null,\n  1e+300\n]")
    }

    @Test func collectionKeyIsALocatedError() throws {
        let document = try #require(try load("a: 1\n? [x, y]\n: z\n").documents.first)
        #expect(throws: Diagnostic.self) { try YAMLJSON.render(document) }
        do {
            _ = try YAMLJSON.render(document)
        } catch {
            #expect(error.diagnostics.first?.description ==
                "t.yaml:2:3: error: a sequence used as a mapping key cannot be shown as JSON; use a scalar key")
        }
    }

    @Test func locationsWrapEveryNode() throws {
        #expect(try json("a: !x 1\nb: [c]\n", locations: true) == """
            {
              "line": 1,
              "column": 1,
              "value": {
                "a": {
                  "key": {
                    "line": 1,
                    "column": 1
                  },
                  "line": 1,
                  "column": 4,
                  "tag": "!x",
                  "value": "1"
                },
                "b": {
                  "key": {
                    "line": 2,
                    "column": 1
                  },
                  "line": 2,
                  "column": 4,
                  "value": [
                    {
                      "line": 2,
                      "column": 5,
                      "value": "c"
                    }
                  ]
                }
              }
            }
            """)
    }

    @Test func streamingRenderWritesTheSameTextInPieces() throws {
        let text = (0..<20_000).map { "k\($0): [v\($0), \($0)]\n" }.joined()
        let document = try #require(try load(text).documents.first)
        var pieces: [String] = []
        try YAMLJSON.render(document, locations: true) { pieces.append($0) }
        #expect(pieces.count > 1)
        #expect(pieces.joined() == (try YAMLJSON.render(document, locations: true)))
    }

    @Test func nothingIsWrittenWhenADocumentCannotBeRendered() throws {
        let document = try #require(try load("a: 1\nb: {? [x]\n : y}\n").documents.first)
        var written = ""
        #expect(throws: Diagnostic.self) { try YAMLJSON.render(document) { written += $0 } }
        #expect(written.isEmpty)
    }

    @Test func deepDocumentRendersWithoutRecursion() throws {
        let text = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        let rendered = try json(text)
        #expect(rendered.filter { $0 == "[" }.count == 500)
        #expect(try JSON.parseStream(rendered).count == 1)
    }
}
