// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "stocktake",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "StocktakeCore", targets: ["StocktakeModel", "StocktakeIngest", "StocktakeCore"]),
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
        // libxlsxwriter from Debian's libxlsxwriter-dev, for the run's Excel workbook (stocktake.xlsx).
        .systemLibrary(name: "CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // cmark-gfm (GitHub's CommonMark with the table extension) from Debian's libcmark-gfm-dev and
        // libcmark-gfm-extensions-dev, for the run's self-contained HTML reports.
        .systemLibrary(name: "CCMarkGFM", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // libpq (PostgreSQL's client library) from Debian's libpq-dev, for federated runs over a shared database
        // (`stocktake publish`, `source: store`). The binary then needs libpq5 at run time.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // A header-only C module for the one CPU hint Swift cannot spell (prefetch); nothing to install or link.
        .systemLibrary(name: "CHints"),
        // Value types every stage shares (records, cell statistics, results), diagnostics and small support.
        .target(name: "StocktakeModel"),
        // The ingest stage: reads an input spec, returns its ledger and survey cell aggregates or labour series.
        // libcsv, zlib and the respondent ledger's machinery stay behind this boundary.
        .target(
            name: "StocktakeIngest",
            dependencies: [
                "StocktakeModel",
                "CLibCSV",
                "CZlib",
                "CHints",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Normalize, score, propose, report, the store and the runner that ties the stages together.
        .target(
            name: "StocktakeCore",
            dependencies: [
                "StocktakeModel",
                "StocktakeIngest",
                "CXLSXWriter",
                "CCMarkGFM",
                "CLibPQ",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The string tables are compiled into the module (plugin EmbedFiles), not shipped as a resource bundle.
            exclude: ["Stages/Report/Strings"],
            plugins: ["EmbedFiles"]
        ),
        .executableTarget(name: "EmbedFilesTool"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        .executableTarget(
            name: "StocktakeCLI",
            dependencies: [
                "CHints",
                "StocktakeModel",
                "StocktakeIngest",
                "StocktakeCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "StocktakeCoreTests",
            dependencies: ["StocktakeModel", "StocktakeIngest", "StocktakeCore", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "StocktakeModelTests", dependencies: ["StocktakeModel"]),
        .testTarget(
            name: "StocktakeIngestTests",
            // Yams: the tests decode input specs from YAML as the pipeline definition does; StocktakeCore: the ledger
            // of `inspect` is compared with a whole run's, and the sample generator writes bulk files.
            dependencies: ["StocktakeModel", "StocktakeIngest", "StocktakeCore", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "StocktakeCLITests",
            dependencies: ["StocktakeModel", "StocktakeIngest", "StocktakeCore"],
            // Read by path by the built binary (goldens are rewritten with STOCKTAKE_UPDATE_GOLDEN=1), not bundled.
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
