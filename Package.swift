// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "plan-rollup",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "plan-rollup", targets: ["plan-rollup"]),
        .library(name: "PlanRollup", targets: ["PlanRollup"]),
    ],
    dependencies: [
        // Command-line parsing: one small file per subcommand.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Logging: one line per stage and per file, to a terminal or the nightly log file.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // libcsv 3 (Debian libcsv-dev): the project's one CSV parser. No pkg-config file, so the
        // module map links "csv" itself.
        .systemLibrary(
            name: "CLibCSV",
            path: "Sources/CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // OpenSSL's libcrypto (Debian libssl-dev): SHA-256 names each archived input file.
        .systemLibrary(
            name: "COpenSSLCrypto",
            path: "Sources/COpenSSLCrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // libcurl (Debian libcurl4-openssl-dev) pulls HTTP sources with its own limits on size, total
        // time, low speed, protocols and decoding; this target only wraps its variadic setopt/getinfo.
        .target(
            name: "CCurl",
            path: "Sources/CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        .target(
            name: "PlanRollup",
            dependencies: ["CLibCSV", "COpenSSLCrypto", "CCurl", .product(name: "Logging", package: "swift-log")],
            path: "Sources/PlanRollup",
            // Release builds skip the run-time exclusivity checks on class and global state (about 4%
            // of a night's instructions); debug builds, which run the tests, keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "plan-rollup",
            dependencies: [
                "PlanRollup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/plan-rollup"
        ),
        .testTarget(
            name: "PlanRollupTests",
            dependencies: ["PlanRollup", .product(name: "Logging", package: "swift-log")],
            path: "Tests/PlanRollupTests",
            exclude: ["Fixtures"]
        ),
    ]
)
