// The standard rule packs, embedded in the binary so that `spp-check check` works from any
// folder. Each pack file of this folder is listed in Package.swift as `.embedInCode` and here;
// a test checks that no pack is left out.

/// The standard packs' file names and bytes.
public enum StandardPacks {
    public static var files: [(name: String, bytes: [UInt8])] {
        []
    }
}
