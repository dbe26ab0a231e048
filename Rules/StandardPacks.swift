// The standard rule packs, embedded in the binary so that `spp-check check` works from any
// folder. Each pack file of this folder is listed in Package.swift as `.embedInCode` and here;
// a test checks that no pack is left out.

/// The standard packs' file names and bytes, generic packs first.
public enum StandardPacks {
    public static var files: [(name: String, bytes: [UInt8])] {
        [
            ("continuity.yaml", PackageResources.continuity_yaml),
            ("equality.yaml", PackageResources.equality_yaml),
            ("risk-coverage.yaml", PackageResources.risk_coverage_yaml),
            ("sapeurs-pompiers.yaml", PackageResources.sapeurs_pompiers_yaml),
            ("creche-parentale.yaml", PackageResources.creche_parentale_yaml),
            ("covoiturage.yaml", PackageResources.covoiturage_yaml),
            ("patients-experts.yaml", PackageResources.patients_experts_yaml),
        ]
    }
}
