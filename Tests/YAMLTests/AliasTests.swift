import Testing
@testable import RuleEngine

@Suite struct AliasTests {
    @Test func aliasRepeatsTheAnchoredNode() throws {
        #expect(try json("a: &x [1, two]\nb: *x\n") == """
            {
              "a": [
                1,
                "two"
              ],
              "b": [
                1,
                "two"
              ]
            }
            """)
    }

    @Test func billionLaughsFailsAtTheExpansionBound() {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        // a..e expand to 672,588 nodes; the first *f in g (597,871 nodes) crosses 1,000,000.
        #expect(diagnostic(text) ==
            "t.yaml:7:8: error: aliases expand to more than 1000000 nodes (alias bomb?); use fewer or smaller aliases")
    }

    @Test func expansionBoundIsALimit() throws {
        var limits = YAMLLoader.Limits()
        limits.maxAliasExpansion = 6
        let text = "a: &a [1, 2]\nb: [*a, *a]\n"
        #expect(try load(text, limits: limits).documents.count == 1)
        #expect(diagnostic(text + "c: *a\n", limits: limits) ==
            "t.yaml:3:4: error: aliases expand to more than 6 nodes (alias bomb?); use fewer or smaller aliases")
    }

    @Test func undefinedAliasIsALocatedError() {
        #expect(diagnostic("a: 1\nb: *nope\n") ==
            "t.yaml:2:4: error: undefined alias '*nope'; define the anchor '&nope' before using it")
    }

    @Test func aliasBeforeItsAnchorIsUndefined() {
        #expect(diagnostic("a: *x\nb: &x 1\n") ==
            "t.yaml:1:4: error: undefined alias '*x'; define the anchor '&x' before using it")
    }

    @Test func anchorsDoNotCrossDocuments() {
        #expect(diagnostic("a: &x 1\n---\nb: *x\n") ==
            "t.yaml:3:4: error: undefined alias '*x'; define the anchor '&x' before using it")
    }

    @Test func recursiveAliasIsALocatedErrorWithANoteAtTheAnchor() {
        #expect(diagnostic("a: &loop\n  b: *loop\n") == """
            t.yaml:2:6: error: alias '*loop' refers to its own enclosing node (recursive alias); aliases may only refer to finished nodes
            t.yaml:1:4: note: anchor '&loop' opens here
            """)
    }

    @Test func redefinedAnchorRefersToTheLatest() throws {
        #expect(try json("- &x 1\n- &x 2\n- *x\n") == "[\n  1,\n  2,\n  2\n]")
    }
}

@Suite struct MergeKeyTests {
    @Test func mergedKeysGoWhereTheMergeKeyIsAndExplicitKeysWin() throws {
        #expect(try json("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n  z: 4\n") == """
            {
              "base": {
                "x": 1,
                "y": 2
              },
              "c": {
                "x": 1,
                "y": 3,
                "z": 4
              }
            }
            """)
    }

    @Test func explicitKeyBeforeTheMergeKeyAlsoWins() throws {
        let c = try #require(try load("base: &b {x: 1, y: 2}\nc: {y: 3, <<: *b}\n").documents.first?["c"])
        #expect(c.pairs?.map(\.key.keyText) == ["y", "x"])
        #expect(c["y"]?.int == 3)
    }

    @Test func sequenceOfMappingsMergesFirstOneFirst() throws {
        let text = "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n"
        let c = try #require(try load(text).documents.first?["c"])
        #expect(c.pairs?.map(\.key.keyText) == ["x", "y"])
        #expect(c["x"]?.int == 1)
        #expect(c["y"]?.int == 2)
    }

    @Test func mergedKeysAreNotDuplicates() throws {
        let c = try #require(try load("a: &a {x: 1}\nc:\n  x: 0\n  <<: *a\n").documents.first?["c"])
        #expect(c["x"]?.int == 0)
        #expect(c.pairs?.count == 1)
    }

    @Test func inlineMappingCanBeMerged() throws {
        #expect(try load("<<: {a: 1}\nb: 2\n").documents.first?.pairs?.count == 2)
    }

    @Test func mergeValueMustBeMappings() {
        #expect(diagnostic("a:\n  <<: 1\n") ==
            "t.yaml:2:7: error: merge key '<<' expects a mapping or a sequence of mappings, found an integer")
        #expect(diagnostic("m: &m {a: 1}\na:\n  <<: [*m, x]\n") ==
            "t.yaml:3:12: error: merge key '<<' expects mappings, found a string; list only mappings (e.g. aliases '*name')")
    }

    @Test func quotedLessLessIsAnOrdinaryKey() throws {
        #expect(try json("'<<': 1\n") == "{\n  \"<<\": 1\n}")
    }

    @Test func secondMergeKeyIsADuplicate() {
        #expect(diagnostic("a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n") == """
            t.yaml:4:3: error: duplicate key '<<' in mapping; remove or rename one of them
            t.yaml:3:3: note: '<<' first appears here
            """)
    }
}

@Suite struct DuplicateKeyTests {
    @Test func duplicateKeyIsReportedAtTheSecondKeyWithANoteAtTheFirst() {
        #expect(diagnostic("name: Ana\nrole: chef\nname: Bea\n") == """
            t.yaml:3:1: error: duplicate key 'name' in mapping; remove or rename one of them
            t.yaml:1:1: note: 'name' first appears here
            """)
    }

    @Test func duplicateInAFlowMapping() {
        #expect(diagnostic("- {a: 1, b: 2, a: 3}\n") == """
            t.yaml:1:16: error: duplicate key 'a' in mapping; remove or rename one of them
            t.yaml:1:4: note: 'a' first appears here
            """)
    }

    @Test func duplicateInALargeMappingIsFound() {
        let text = (0..<100).map { "k\($0): \($0)\n" }.joined() + "k7: again\n"
        #expect(diagnostic(text) == """
            t.yaml:101:1: error: duplicate key 'k7' in mapping; remove or rename one of them
            t.yaml:8:1: note: 'k7' first appears here
            """)
    }

    @Test func keysAreComparedByTheirText() {
        #expect(diagnostic("1: a\n\"1\": b\n") == """
            t.yaml:2:1: error: duplicate key '1' in mapping; remove or rename one of them
            t.yaml:1:1: note: '1' first appears here
            """)
        #expect(diagnostic("~: a\nnull: b\n") == """
            t.yaml:2:1: error: duplicate key 'null' in mapping; remove or rename one of them
            t.yaml:1:1: note: 'null' first appears here
            """)
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        #expect(try load("- {a: 1}\n- {a: 2, b: {a: 3}}\n").documents.first?.items?.count == 2)
    }
}
