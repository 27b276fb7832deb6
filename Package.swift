// swift-tools-version:6.1
import PackageDescription

// Release builds skip the run-time exclusivity checks on class and global state (about 4% of a
// night's instructions) and optimise across the floors as if they were one module; debug builds,
// which run the tests, keep the checks.
let releaseSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release))
]

let package = Package(
    name: "plan-rollup",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "plan-rollup", targets: ["plan-rollup"])
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
        // xxHash (Debian libxxhash-dev): XXH3-128, the checksum of the job's own files (the read cache's
        // entries, the published files it copies from one run to the next), checked on every use.
        .systemLibrary(
            name: "CXXHash",
            path: "Sources/CXXHash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        // zlib (Debian zlib1g-dev) inflates the parts of the bureaus' .xlsx workbooks, read by the
        // job's own bounded zip reader (RollupReading/Workbook/ZipFile.swift).
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libxlsxwriter (Debian libxlsxwriter-dev) writes the analysts' workbook, in its constant-memory mode.
        // glibc's <sys/vfs.h> (statfs), which Swift's Glibc module leaves out; nothing to link.
        .systemLibrary(name: "CFileSystem", path: "Sources/CFileSystem"),
        .systemLibrary(
            name: "CXlsxWriter",
            path: "Sources/CXlsxWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // libcurl (Debian libcurl4-openssl-dev) pulls HTTP sources with its own limits on size, total
        // time, low speed, protocols and decoding; this target only wraps its variadic setopt/getinfo.
        .target(
            name: "CCurl",
            path: "Sources/CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // The library is four floors; each imports only the floors below it, so no arrow runs back up.
        //
        //   PlanRollup     the job: pull, publish, operations, and the night that runs stages 0 to 7
        //   RollupCore     the rollup: plan, rows, matching, aggregating, and the output tables
        //   RollupReading  bytes, encodings, libcsv (the only caller of csv_*), tables, the raw archive
        //   RollupBase     Thai text, calendar and numbers (the cell normalizers), money, reject codes
        .target(
            name: "RollupBase",
            path: "Sources/RollupBase",
            swiftSettings: releaseSettings
        ),
        .target(
            name: "RollupReading",
            dependencies: [
                "RollupBase", "CLibCSV", "COpenSSLCrypto", "CXXHash", "CZlib", "CFileSystem",
            ],
            path: "Sources/RollupReading",
            swiftSettings: releaseSettings
        ),
        .target(
            name: "RollupCore",
            dependencies: ["RollupBase", "RollupReading", "CXlsxWriter", "CFileSystem"],
            path: "Sources/RollupCore",
            swiftSettings: releaseSettings
        ),
        .target(
            name: "PlanRollup",
            dependencies: [
                "RollupBase", "RollupReading", "RollupCore", "CCurl", "CFileSystem",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/PlanRollup",
            swiftSettings: releaseSettings
        ),
        .executableTarget(
            name: "plan-rollup",
            dependencies: [
                "PlanRollup", "RollupCore", "RollupReading", "RollupBase",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/plan-rollup"
        ),
        .testTarget(
            name: "PlanRollupTests",
            dependencies: [
                "PlanRollup", "RollupCore", "RollupReading", "RollupBase",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/PlanRollupTests",
            exclude: ["Fixtures"]
        ),
    ]
)
