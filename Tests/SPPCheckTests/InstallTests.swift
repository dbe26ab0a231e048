import Foundation
import Testing

/// `make install PREFIX=…` and `make deb`: the release binary, its generated manual page and
/// completions where each belongs, and a Debian package that runs from where it unpacks.
/// Both need the release build (`make dist`, several minutes): under CI=true they run (and
/// build it, once: the second `make` finds it built); elsewhere they run only when it is
/// already built, and are skipped otherwise.
@Suite(.serialized, .enabled(if: ReleaseBuild.wanted, "the release build (make dist) is absent; CI=true runs it"))
struct InstallTests {
    /// Runs a program (by absolute path or from PATH) and captures its output.
    static func sh(_ command: String, in directory: URL = Binary.root) throws -> Binary.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("spp-sh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (o, e) = (tmp.appendingPathComponent("o"), tmp.appendingPathComponent("e"))
        _ = FileManager.default.createFile(atPath: o.path, contents: nil)
        _ = FileManager.default.createFile(atPath: e.path, contents: nil)
        let (out, err) = (try FileHandle(forWritingTo: o), try FileHandle(forWritingTo: e))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Binary.Run(status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: o), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: e), as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The shared libraries a binary loads, by file name.
    static func libraries(_ binary: String) throws -> [String] {
        let run = try sh("ldd '\(binary)'")
        return run.stdout.split(separator: "\n").compactMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) }
    }

    static let example = "Examples/sapeurs-pompiers/violations/plan.yaml"

    @Test func makeInstallPutsEachFileWhereItBelongsUnderThePrefix() throws {
        let prefix = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let make = try Self.sh("make --no-print-directory install PREFIX='\(prefix.path)'")
        #expect(make.status == 0, "\(make.stderr)")
        let bin = prefix.appendingPathComponent("bin/spp-check").path
        #expect(FileManager.default.isExecutableFile(atPath: bin))
        // The manual page is generated from the command's help: it names every subcommand.
        let man = try String(contentsOfFile: prefix.appendingPathComponent("share/man/man1/spp-check.1").path, encoding: .utf8)
        #expect(man.contains(".Dt SPP-CHECK 1"))
        for sub in ["check", "lint", "test", "inspect", "explain", "docs", "schema"] { #expect(man.contains(sub)) }
        #expect(man.contains("--coverage"))
        let rendered = try Self.sh("groff -mandoc -Tutf8 '\(prefix.path)/share/man/man1/spp-check.1' 2>/dev/null | head -n 5")
        #expect(rendered.stdout.contains("SPP-CHECK(1)"))
        let bash = try String(contentsOfFile: prefix.appendingPathComponent("share/bash-completion/completions/spp-check").path, encoding: .utf8)
        #expect(bash.contains("complete -o filenames -F _spp-check spp-check"))
        // And bash completes with it: a subcommand, then an option of `test`.
        let script = prefix.appendingPathComponent("share/bash-completion/completions/spp-check").path
        for (line, word) in [("spp-check ch", "check"), ("spp-check test --cov", "--coverage")] {
            let words = line.split(separator: " ").joined(separator: " ")
            let complete = try Self.sh("""
                bash -c 'source "\(script)"; COMP_LINE="\(line)"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(\(words)); \
                COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _spp-check spp-check "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; \
                echo "${COMPREPLY[*]}"'
                """)
            #expect(complete.stdout == "\(word)\n", "\(line): \(complete.stdout)\(complete.stderr)")
        }
        let zsh = try String(contentsOfFile: prefix.appendingPathComponent("share/zsh/site-functions/_spp-check").path, encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef spp-check"))
        let fish = try String(contentsOfFile: prefix.appendingPathComponent("share/fish/vendor_completions.d/spp-check.fish").path, encoding: .utf8)
        #expect(fish.contains("complete -c 'spp-check' -f"))
        // The installed binary needs no Swift library: only glibc's and libyaml.
        let libs = try Self.libraries(bin)
        #expect(libs.contains { $0.hasPrefix("libyaml-0.so") })
        #expect(!libs.contains { $0.contains("swift") || $0.contains("Foundation") || $0.contains("dispatch") || $0.contains("icu") }, "\(libs)")
        // And it runs: the violations example has error findings (status 1).
        let run = try Self.sh("'\(bin)' check \(Self.example) --format summary")
        #expect(run.status == 1, "\(run.stderr)")
    }

    @Test func makeDebBuildsAPackageThatRunsFromATemporaryRoot() throws {
        // Under `make test` this make is a sub-make, which would print "Leaving directory" last.
        let make = try Self.sh("make --no-print-directory deb")
        #expect(make.status == 0, "\(make.stderr)")
        let deb = make.stdout.split(separator: "\n").last { $0.hasSuffix(".deb") }.map(String.init) ?? ""
        #expect(deb.hasSuffix(".deb"))
        let fields = try Self.sh("dpkg-deb --field '\(deb)' Package Depends")
        #expect(fields.stdout.contains("Package: spp-check"))
        let depends = fields.stdout.split(separator: "\n").first { $0.hasPrefix("Depends:") } ?? ""
        #expect(depends.contains("libyaml-0-2"))
        #expect(depends.contains("libc6"))
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let unpack = try Self.sh("dpkg-deb -x '\(deb)' '\(root.path)'")
        #expect(unpack.status == 0, "\(unpack.stderr)")
        for path in ["usr/share/man/man1/spp-check.1.gz", "usr/share/bash-completion/completions/spp-check",
                     "usr/share/zsh/site-functions/_spp-check", "usr/share/fish/vendor_completions.d/spp-check.fish"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "\(path)")
        }
        let bin = root.appendingPathComponent("usr/bin/spp-check").path
        let run = try Self.sh("'\(bin)' check \(Self.example) --format json")
        #expect(run.status == 1, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((json["findings"] as? [Any])?.isEmpty == false)
    }
}

/// Whether the tests that need the release build run: always under CI, else when it is built.
enum ReleaseBuild {
    static var wanted: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true"
            || FileManager.default.isExecutableFile(atPath: Binary.root.appendingPathComponent(".build-dist/release/spp-check").path)
    }
}
