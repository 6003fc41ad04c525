// swift-tools-version:6.0
import PackageDescription

// Layers point one way: Core → Data (files in, values out) → Store → Views → Web → the `koers` command.
let package = Package(
    name: "Koers",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "koers", targets: ["koers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        // withMetricsFactory: each application's own metrics factory, bound to the task answering a request.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // SHA-256 of imported files; any version PostgresNIO accepts, so that only one copy is built.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // bcrypt for passwords (HummingbirdBcrypt); sessions and TOTP come with it.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // multipart/form-data for the upload page.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        // Domain values and rules: regions, periods, indicators, plans, targets, actions. No I/O, no dependencies.
        .target(name: "KoersCore"),
        // The bundled data files (geography, the five seed plans, their indicators and observations).
        .target(name: "KoersBundledData", path: "data", exclude: ["FORMAT.md", "README.md"],
                resources: [.copy("geography"), .copy("plans"), .copy("indicators"), .copy("observations")]),
        // Reading plan, indicator, observation and geography files: YAML in, validated Core values out.
        .target(name: "KoersPlanFiles", dependencies: ["KoersCore", .product(name: "Yams", package: "Yams")]),
        // Reading indicator data as statistical offices send it (CSV, XLSX, SDMX-CSV, JSON-stat, Eurostat TSV, Open SDG)
        // into source records, and validating them against the catalogue into observations. Bytes in, values out.
        .target(name: "KoersImport", dependencies: ["KoersCore", "KoersPlanFiles", .product(name: "Yams", package: "Yams"),
                                                    .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                                                    .product(name: "Crypto", package: "swift-crypto")]),
        // Files into a store: one import's transaction (`ImportWriter`), its preview value by value, and drafts staged
        // from it. Shared by `koers import` and the upload page, so that both follow the same rules.
        .target(name: "KoersLoading", dependencies: ["KoersCore", "KoersImport", "KoersStore"]),
        // Progress towards targets by published methods (Open SDG, Eurostat, linear path, trend projection). Pure.
        .target(name: "KoersProgress", dependencies: ["KoersCore"]),
        // Persistence's interface and what every store shares: the `Store` protocols, row mapping, statements, the dump
        // format, the import pipe. Imports no database library.
        .target(name: "KoersStore", dependencies: ["KoersCore"]),
        // Accounts: the password rule, bcrypt hashes, secret tokens and the second factor (roles and the table of rights are Core's).
        .target(name: "KoersAccounts", dependencies: ["KoersCore", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                                                      .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                                                      .product(name: "Crypto", package: "swift-crypto")],
                exclude: ["Resources/SOURCES.md"], resources: [.copy("Resources/common-passwords.txt")]),
        // The embedded SQLite store over GRDB (the only module that imports GRDB).
        .target(name: "KoersSQLite", dependencies: ["KoersCore", "KoersStore", .product(name: "GRDB", package: "GRDB.swift"),
                                                   .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        // The PostgreSQL store: the same `Store`, migrations and answers as SQLite, over a PostgresNIO connection pool.
        .target(name: "KoersPostgres", dependencies: ["KoersCore", "KoersStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                                                      .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
        // The bundled data files read into one catalogue, and loaded into a new store: for the server, the commands and
        // the tests alike.
        .target(name: "KoersBundledCatalogue", dependencies: ["KoersCore", "KoersBundledData", "KoersPlanFiles", "KoersStore"]),
        // Assessment at the store's edge: reads the values a plan's or a target's indicators hold and gives them to the
        // one assessment step in KoersProgress. Used by the pages, the API, `koers assess` and reports.
        .target(name: "KoersAssessment", dependencies: ["KoersCore", "KoersProgress", "KoersStore"]),
        // What waits for someone (overdue indicators, silent actions, drafts and reports to approve) and the digests
        // that tell them; read from the stores, pure otherwise.
        .target(name: "KoersFollowUp", dependencies: ["KoersCore", "KoersStore", "KoersViews", "KoersMail"]),
        // Sending mail: a small SMTP client for a relay, and messages as RFC 5322 text. Foundation only.
        .target(name: "KoersMail"),
        // Server-rendered SVG charts and maps (line charts with target lines and bands, ranked bars, choropleths of
        // Core's outlines). Pure: numbers, labels and outlines in, SVG text out.
        .target(name: "KoersCharts", dependencies: ["KoersCore"]),
        // Pure presentation: number and period formatting per language, page view models, Mustache templates.
        .target(name: "KoersViews", dependencies: ["KoersCore", "KoersProgress", "KoersCharts", .product(name: "Mustache", package: "swift-mustache")],
                resources: [.copy("Templates")]),
        // HTTP: routes that read the store and render views.
        .target(name: "KoersWeb", dependencies: ["KoersCore", "KoersProgress", "KoersAssessment", "KoersStore", "KoersViews", "KoersAccounts",
                                                 "KoersImport", "KoersLoading", "KoersFollowUp", "KoersMail",
                                                 // Uploads: multipart/form-data bodies.
                                                 .product(name: "MultipartKit", package: "multipart-kit"),
                                                 .product(name: "Hummingbird", package: "hummingbird"),
                                                 .product(name: "Logging", package: "swift-log"),
                                                 .product(name: "CoreMetrics", package: "swift-metrics"),
                                                 .product(name: "Prometheus", package: "swift-prometheus"),
                                                 .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                                                 // For CloseAfterWritesHandler, a handler in Hummingbird's HTTP pipeline.
                                                 .product(name: "NIOCore", package: "swift-nio"),
                                                 .product(name: "NIOHTTPTypes", package: "swift-nio-extras")],
                resources: [.copy("OpenAPI")]),
        // The command line: serve, check, plans, targets, import, data, history, indicator. Loads the bundled data into a
        // new store.
        .target(name: "KoersCommands", dependencies: ["KoersCore", "KoersPlanFiles", "KoersBundledCatalogue", "KoersImport", "KoersLoading", "KoersFollowUp", "KoersMail", "KoersProgress",
                                                      "KoersAssessment", "KoersStore", "KoersSQLite", "KoersPostgres", "KoersViews", "KoersWeb", "KoersAccounts",
                                                      .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                                      .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                                                      .product(name: "Logging", package: "swift-log"),
                                                      .product(name: "Yams", package: "Yams")]),
        .executableTarget(name: "koers", dependencies: ["KoersCommands"]),
        // `bash benchmarks/assess/run.sh`: the progress methods over 100,000 generated series.
        .executableTarget(name: "AssessBenchmark", dependencies: ["KoersProgress"], path: "benchmarks/assess/AssessBenchmark"),

        // Shared by the test modules: where ../shared is, temporary folders.
        .target(name: "KoersTestSupport", path: "Tests/KoersTestSupport"),
        // A reading store for web tests that fails the test on any call it was not set up for, and throws where told.
        .target(name: "KoersStoreTesting", dependencies: ["KoersCore", "KoersStore"], path: "Tests/KoersStoreTesting"),
        .testTarget(name: "KoersCoreTests", dependencies: ["KoersCore"]),
        .testTarget(name: "KoersMailTests", dependencies: ["KoersMail", "KoersTestSupport"]),
        .testTarget(name: "KoersAccountsTests", dependencies: ["KoersAccounts", "KoersCore"]),
        .testTarget(name: "KoersPlanFilesTests", dependencies: ["KoersPlanFiles", "KoersBundledData", "KoersTestSupport"]),
        .testTarget(name: "KoersImportTests", dependencies: ["KoersImport", "KoersTestSupport", .product(name: "Crypto", package: "swift-crypto"),
                                                            // Deflated archives for the ZIP-bomb guard (the hand-made workbooks are stored).
                                                            .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "KoersStoreTests", dependencies: ["KoersStore", "KoersSQLite", "KoersPostgres", "KoersPlanFiles", "KoersBundledData", "KoersTestSupport",
                                                            .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "KoersProgressTests", dependencies: ["KoersProgress", "KoersImport", "KoersTestSupport",
                                                               .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "KoersChartsTests", dependencies: ["KoersCharts", "KoersCore", "KoersImport", "KoersTestSupport"]),
        .testTarget(name: "KoersViewsTests", dependencies: ["KoersViews", "KoersProgress"]),
        .testTarget(name: "KoersWebTests", dependencies: ["KoersWeb", "KoersAccounts", "KoersBundledCatalogue", "KoersStore", "KoersSQLite", "KoersImport", "KoersLoading", "KoersFollowUp", "KoersMail", "KoersStoreTesting", "KoersTestSupport",
                                                          .product(name: "HummingbirdTesting", package: "hummingbird"),
                                                          .product(name: "Prometheus", package: "swift-prometheus"),
                                                          .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                                                          .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "KoersCommandsTests", dependencies: ["KoersCommands", "KoersBundledCatalogue", "KoersTestSupport", "KoersImport", "KoersStore", "KoersSQLite", "KoersPostgres", "KoersAccounts",
                                                               "KoersCore", "KoersPlanFiles", "KoersBundledData", "KoersWeb",
                                                               .product(name: "HummingbirdTesting", package: "hummingbird"),
                                                               .product(name: "Yams", package: "Yams")]),
    ],
    swiftLanguageModes: [.v6]
)
