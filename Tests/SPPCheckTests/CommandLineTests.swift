import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test func anUnknownFlagIsAnErrorWithStatus2() throws {
        let run = try Binary.run(["lint", "--no-such-flag", "x"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Unknown option '--no-such-flag'"))
    }

    @Test func helpTeachesTheSubcommandsAndExitsZero() throws {
        let run = try Binary.run(["--help"])
        #expect(run.status == 0)
        for word in ["check", "lint", "inspect", "Exit status"] {
            #expect(run.stdout.contains(word), "help lacks \(word)")
        }
    }

    @Test func aMissingFileIsALocatedErrorWithStatus2() throws {
        let run = try Binary.run(["inspect", "no/such/file.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("no/such/file.yaml:1:1: error: "))
    }

    @Test func lintReportsEveryErrorOfAFileNotJustTheFirst() throws {
        let dir = try Binary.folder(["rules.yaml": """
            rules:
              - id: R-1
                principle: continuity
                severty: error
                title: first
                kind: assert
              - id: R-2
                principle: equalty
                severity: error
                title: second
                kind: assert
            """])
        let run = try Binary.run(["lint", "rules.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("rules.yaml:4:5: error: unknown key 'severty' in rule 'R-1'; did you mean 'severity'?"))
        #expect(run.stderr.contains("rules.yaml:8:16: error: unknown principle 'equalty' in rule 'R-2'; did you mean 'equality'?"))
    }
}
