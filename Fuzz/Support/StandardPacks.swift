// Stand-in for the `StandardPacks` module in fuzz builds (Fuzz/build.sh). The real module is a
// SwiftPM target whose packs may be embedded as resources (`.embedInCode`), which a bare swiftc
// invocation can not generate; no harness loads the standard packs, so none are listed here.

/// No packs: fuzz harnesses feed their own rule files.
public enum StandardPacks {
    public static var files: [(name: String, bytes: [UInt8])] { [] }
}
