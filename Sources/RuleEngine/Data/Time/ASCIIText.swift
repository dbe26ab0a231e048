/// Short fixed-layout texts (ASCII digits, with short separators) — dates, clock times, UTC offsets — written byte by byte into a
/// string's own storage. A national run formats a million of them (every finding's window,
/// key and message), and string interpolation made several small strings for each.
///
/// ```swift
/// let text = ASCIIText.make { w in w.date(CivilDate(year: 2026, month: 3, day: 2)) }
/// // "2026-03-02"; nil when a part does not fit its layout (a year outside 0…9999)
/// ```
struct ASCIIText {
    /// Room for the longest text made here: `Mon 2026-03-02 19:00:00 – Tue 2026-03-03 07:00:00`.
    static let capacity = 64

    private let base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    /// False once a part did not fit: the caller formats another way.
    private(set) var fits = true

    private init(base: UnsafeMutablePointer<UInt8>) { self.base = base }

    /// The text `body` writes, or nil when a part did not fit its layout.
    static func make(_ body: (inout ASCIIText) -> Void) -> String? {
        var ok = true
        let s = String(unsafeUninitializedCapacity: capacity) { buffer in
            var w = ASCIIText(base: buffer.baseAddress!)
            body(&w)
            ok = w.fits
            return ok ? w.count : 0
        }
        return ok ? s : nil
    }

    mutating func byte(_ b: UInt8) {
        guard count < Self.capacity else { fits = false; return }
        base[count] = b
        count += 1
    }

    /// A short text (a day's name, a separator such as `–`), as its UTF-8 bytes.
    mutating func text(_ s: String) {
        for b in s.utf8 { byte(b) }
    }

    /// `v` in `digits` digits, zero-padded; does not fit outside `0 ..< 10^digits`.
    mutating func digits(_ v: Int64, _ digits: Int) {
        var limit: Int64 = 1
        for _ in 0..<digits { limit &*= 10 }
        guard v >= 0, v < limit else { fits = false; return }
        var divisor = limit / 10
        while divisor > 0 {
            byte(UInt8(48 + (v / divisor) % 10))
            divisor /= 10
        }
    }

    /// `YYYY-MM-DD`, as `CivilDate.iso` for years 0…9999.
    mutating func date(_ d: CivilDate) {
        digits(Int64(d.year), 4)
        byte(UInt8(ascii: "-"))
        digits(Int64(d.month), 2)
        byte(UInt8(ascii: "-"))
        digits(Int64(d.day), 2)
    }

    /// `hh:mm`, with `:ss` only when the seconds are not zero, of seconds into a day.
    mutating func clock(_ secs: Int64) {
        digits(secs / 3600, 2)
        byte(UInt8(ascii: ":"))
        digits((secs % 3600) / 60, 2)
        if secs % 60 != 0 {
            byte(UInt8(ascii: ":"))
            digits(secs % 60, 2)
        }
    }
}
