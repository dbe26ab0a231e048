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

    /// Whether the finding counts towards the exit status (not waived, not in the baseline).
    public var isActive: Bool { waiver == nil && !inBaseline }
}

/// A stable 128-bit fingerprint (two FNV-1a 64 hashes) in hex; no crypto needed, only stability.
enum Fingerprint {
    static func of(_ parts: [String]) -> String {
        let joined = Array(parts.joined(separator: "\u{1F}").utf8)
        func fnv(_ seed: UInt64) -> UInt64 {
            var h = seed
            for byte in joined {
                h ^= UInt64(byte)
                h = h &* 0x100_0000_01b3
            }
            return h
        }
        let a = fnv(0xcbf2_9ce4_8422_2325), b = fnv(0x84222325_cbf29ce4)
        return hex(a) + hex(b)
    }

    private static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
