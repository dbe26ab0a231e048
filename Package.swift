// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "spp-check",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RuleEngine", targets: ["RuleEngine"]),
        .executable(name: "spp-check", targets: ["spp-check"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libyaml from the system (Debian's libyaml-dev); never vendored.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // The standard rule packs (Rules/*.yaml), embedded in the binary.
        .target(
            name: "StandardPacks",
            path: "Rules",
            // The rule tests beside the packs are run by `spp-check test Rules/`, not embedded.
            exclude: ["continuity.test.yaml", "equality.test.yaml", "risk-coverage.test.yaml", "sapeurs-pompiers.test.yaml", "creche-parentale.test.yaml", "covoiturage.test.yaml", "patients-experts.test.yaml"],
            resources: [
                .embedInCode("continuity.yaml"),
                .embedInCode("equality.yaml"),
                .embedInCode("risk-coverage.yaml"),
                .embedInCode("sapeurs-pompiers.yaml"),
                .embedInCode("creche-parentale.yaml"),
                .embedInCode("covoiturage.yaml"),
                .embedInCode("patients-experts.yaml"),
            ]
        ),
        .target(
            name: "RuleEngine",
            dependencies: ["CYAML", "StandardPacks"]
        ),
        .executableTarget(
            name: "spp-check",
            dependencies: [
                "RuleEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks/yaml/run.sh: times the YAML loader against a bare libyaml event loop.
        .executableTarget(name: "yaml-bench", dependencies: ["RuleEngine"], path: "Benchmarks/yaml/bench"),
        .testTarget(name: "YAMLTests", dependencies: ["RuleEngine"]),
        .testTarget(name: "DataTests", dependencies: ["RuleEngine"]),
        .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine"]),
        .testTarget(name: "SPPCheckTests", dependencies: ["RuleEngine", "spp-check"]),
        .testTarget(name: "ExpressionTests", dependencies: ["RuleEngine"]),
    ],
    swiftLanguageModes: [.v6]
)
