// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "stocktake",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "StocktakeCore", targets: ["StocktakeCore"]),
        .executable(name: "stocktake", targets: ["StocktakeCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // libcsv from Debian's libcsv-dev (it ships no pkg-config file).
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        // zlib from Debian's zlib1g-dev, for reading .csv.gz inputs directly.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // A header-only C module for the one CPU hint Swift cannot spell (prefetch); nothing to install or link.
        .systemLibrary(name: "CHints"),
        .target(
            name: "StocktakeCore",
            dependencies: [
                "CLibCSV",
                "CZlib",
                "CHints",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Stages/Report/Strings")]
        ),
        .executableTarget(
            name: "StocktakeCLI",
            dependencies: [
                "StocktakeCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "StocktakeCoreTests",
            dependencies: ["StocktakeCore", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "StocktakeCLITests",
            dependencies: ["StocktakeCore"],
            // Read by path by the built binary (goldens are rewritten with STOCKTAKE_UPDATE_GOLDEN=1), not bundled.
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
