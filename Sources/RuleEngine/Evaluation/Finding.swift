/// A failed or indeterminate rule × subject, as reports show it.
public struct Finding: Sendable, Hashable {
    public var rule: String
    public var principle: Principle
    public var severity: Severity
    /// `.fail` or `.indeterminate`.
    public var outcome: Outcome
    public var message: String
    public var location: Location?
    public var path: String?
    public var subject: String
    public var measured: String?
    public var expected: String?
    public var missing: [String]
    public var fix: String?
    /// Stable across edits that move lines or rows: rule, subject, key and outcome only.
    public var fingerprint: String
    /// The waiver that covers this finding, if any: still reported, no longer counted.
    public var waiver: Waiver? = nil
    /// Whether the finding was already in the baseline: still reported, no longer counted.
    public var inBaseline: Bool = false
    /// The version of the rule that judged it (`versions:`), nil for a rule without versions.
    public var version: String? = nil
    /// The parameter values set above the standard pack that the rule ran with, and who set
    /// them (a value not listed is the standard pack's).
    public var settings: [ParamSetting] = []
    /// The lawful exception that makes this failure a pass (see `LawfulExceptions`).
    public var exception: ExceptionClaim? = nil

    /// Whether the finding counts towards the exit status (not waived, not in the baseline).
    public var isActive: Bool { waiver == nil && !inBaseline && exception == nil }
}

/// A stable 128-bit fingerprint (two FNV-1a 64 hashes) in hex; no crypto needed, only stability.
enum Fingerprint {
    static func of(_ parts: [String]) -> String {
        var hash = Hash()
        for (i, part) in parts.enumerated() { hash.add(part, separated: i > 0) }
        return hash.text
    }

    /// `of([a, b, c, d])` without the array (a finding's rule, subject, key and outcome).
    static func of(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
        var hash = Hash()
        hash.add(a, separated: false)
        hash.add(b, separated: true)
        hash.add(c, separated: true)
        hash.add(d, separated: true)
        return hash.text
    }

    /// The parts joined by U+001F, hashed as they are read (no joined copy).
    private struct Hash {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x84222325_cbf29ce4

        mutating func add(_ part: String, separated: Bool) {
            if separated { mix(0x1F) }
            for byte in part.utf8 { mix(byte) }
        }

        @inline(__always) mutating func mix(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x100_0000_01b3
        }

        var text: String {
            let (a, b) = (a, b)
            return ASCIIText.make { w in
                Fingerprint.hex(a, &w)
                Fingerprint.hex(b, &w)
            } ?? ""
        }
    }

    fileprivate static func hex(_ v: UInt64, _ w: inout ASCIIText) {
        for shift in stride(from: 60, through: 0, by: -4) {
            let nibble = UInt8((v >> UInt64(shift)) & 0xF)
            w.byte(nibble < 10 ? 48 + nibble : 87 + nibble)
        }
    }
}
