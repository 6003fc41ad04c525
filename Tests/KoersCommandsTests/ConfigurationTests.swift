import Foundation
import KoersTestSupport
import KoersCore
import Testing

@testable import KoersCommands

/// Settings come from a flag, else the environment, else the configuration file, else the default; anything wrong
/// is named with where it stands.
@Suite struct ConfigurationTests {
    static let file = ConfigurationFile(name: "koers.yaml", text: """
        database: bestand.sqlite
        serve:
          host: 0.0.0.0
          port: 9000
          cache_mb: 128
        log: {level: debug, format: json}
        """)

    @Test func withNothingGivenEverySettingIsItsDefault() throws {
        let settings = try Configuration.resolve(flags: [:], environment: [:], file: nil)
        #expect(settings.database == "koers.sqlite")
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8080)
        #expect(settings.cacheBytes == 64 << 20)
        #expect(settings.logLevel == .info)
        #expect(settings.logFormat == .text)
        #expect(SettingKey.allCases.allSatisfy { settings[$0].source == .builtIn })
    }

    @Test func theFileBeatsTheDefaultsTheEnvironmentBeatsTheFileAndAFlagBeatsAll() throws {
        let fromFile = try Configuration.resolve(flags: [:], environment: [:], file: Self.file)
        #expect(fromFile.database == "bestand.sqlite")
        #expect(fromFile.port == 9000)
        #expect(fromFile.cacheBytes == 128 << 20)
        #expect(fromFile.logLevel == .debug && fromFile.logFormat == .json)
        #expect(fromFile[.port].source == .file(.init(file: "koers.yaml", line: 4, column: 9)))

        let environment = ["KOERS_DATABASE_URL": "omgeving.sqlite", "KOERS_PORT": "9100", "KOERS_LOG_FORMAT": "", "UNRELATED": "x"]
        let fromEnvironment = try Configuration.resolve(flags: [:], environment: environment, file: Self.file)
        #expect(fromEnvironment.database == "omgeving.sqlite")
        #expect(fromEnvironment[.database].source == .environment("KOERS_DATABASE_URL"))
        #expect(fromEnvironment.port == 9100)
        #expect(fromEnvironment.logFormat == .json, "an empty variable counts as unset")
        #expect(fromEnvironment.host == "0.0.0.0")

        let fromFlags = try Configuration.resolve(flags: [.database: "vlag.sqlite", .port: "9200"], environment: environment, file: Self.file)
        #expect(fromFlags.database == "vlag.sqlite")
        #expect(fromFlags[.database].source == .flag("--db"))
        #expect(fromFlags.port == 9200)
        #expect(fromFlags[.cacheMB].source == .file(.init(file: "koers.yaml", line: 5, column: 13)))
    }

    func problems(flags: [SettingKey: String] = [:], environment: [String: String] = [:], file text: String? = nil) -> [String] {
        do {
            _ = try Configuration.resolve(flags: flags, environment: environment, file: text.map { ConfigurationFile(name: "koers.yaml", text: $0) })
            return []
        } catch let error as ConfigurationError {
            return error.problems
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func unknownKeysWrongTypesAndBadValuesInTheFileAreNamedWithLineAndColumn() {
        #expect(problems(file: "databse: x.sqlite\n").first?.hasPrefix("koers.yaml:1:1: configuration: unknown key 'databse'") == true)
        #expect(problems(file: "serve:\n  prot: 9000\n").first?.hasPrefix("koers.yaml:2:3: serve: unknown key 'prot'") == true)
        #expect(problems(file: "serve:\n  port: negen\n")
            == ["koers.yaml:2:9: serve.port must be a port number 0…65535 (0: any free port), not 'negen'"])
        #expect(problems(file: "serve:\n  host: [a, b]\n") == ["koers.yaml:2:9: serve: 'host' must be text"])
        #expect(problems(file: "log: json\n") == ["koers.yaml:1:6: log must be a mapping of keys to values"])
        #expect(problems(file: "log: {level: luid}\n").first?.hasPrefix("koers.yaml:1:14: log.level must be one of trace, debug") == true)
        let syntax = problems(file: "serve: {port: 1\n")
        #expect(syntax.count == 1 && syntax[0].hasPrefix("koers.yaml:") && syntax[0].contains("YAML syntax"), "\(syntax)")
        // Checked even when a flag overrides it: the mistake is in the file either way.
        #expect(problems(flags: [.cacheMB: "16"], file: "serve: {cache_mb: -1}\n").count == 1)
    }

    @Test func badFlagsAndVariablesAreNamed() {
        #expect(problems(environment: ["KOERS_PORT": "70000"]) == ["KOERS_PORT: must be a port number 0…65535 (0: any free port), not '70000'"])
        #expect(problems(flags: [.logFormat: "xml"]) == ["--log-format: must be one of text, json, not 'xml'"])
        let postgres = problems(environment: ["KOERS_DATABASE_URL": "postgres://koers:geheim@db/koers?sslmode=soms"])
        #expect(postgres.count == 1 && postgres[0].hasPrefix("KOERS_DATABASE_URL: unknown sslmode 'soms'"))
        #expect(!postgres[0].contains("geheim"))
    }

    /// Every setting has its key in the file: the session, upload and approval settings too.
    @Test func theFileGivesTheSessionUploadAndApprovalSettings() throws {
        let file = ConfigurationFile(name: "koers.yaml", text: """
            serve: {secure_cookies: true, trusted_proxies: "127.0.0.1", upload_mb: 10}
            approval: {four_eyes: true}
            """)
        let settings = try Configuration.resolve(flags: [:], environment: [:], file: file)
        #expect(settings.secureCookies && settings.trustedProxies == ["127.0.0.1"])
        #expect(settings.uploadBytes == 10 << 20 && settings.fourEyes)
        #expect(settings[.fourEyes].source == .file(Location(file: "koers.yaml", line: 2, column: 23)))
        #expect(problems(flags: [.uploadMB: "0"]) == ["--upload-mb: must be a whole number of MB, 1 to 4096, not '0'"])
        #expect(problems(environment: ["KOERS_FOUR_EYES": "ja"]) == ["KOERS_FOUR_EYES: must be true or false, not 'ja'"])
    }

    @Test func theTableSaysWhereEachSettingComesFromAndHidesThePassword() throws {
        let settings = try Configuration.resolve(flags: [.port: "0"], environment: ["KOERS_DATABASE_URL": "postgres://koers:geheim@db:5432/koers"],
                                                 file: Self.file)
        let lines = settings.table(configurationFile: ("koers.yaml", .flag("--config"))).split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        #expect(lines == [
            "config koers.yaml flag --config",
            "database postgres://koers@db:5432/koers env KOERS_DATABASE_URL",
            "serve.host 0.0.0.0 file koers.yaml:3:9",
            "serve.port 0 flag --port",
            "serve.cache_mb 128 file koers.yaml:5:13",
            "serve.secure_cookies false default",
            "serve.trusted_proxies (none) default",
            "serve.upload_mb 50 default",
            "log.level debug file koers.yaml:6:14",
            "log.format json file koers.yaml:6:29",
            "approval.four_eyes false default",
            "mail.smtp_host (none) default",
            "mail.smtp_port 25 default",
            "mail.from (none) default",
            "mail.site_url http://127.0.0.1:8080 default",
            "mail.digest off default",
            "follow_up.annual_months 18 default",
            "follow_up.quarterly_months 6 default",
            "follow_up.monthly_months 3 default",
            "follow_up.silent_days 90 default",
        ])
    }

    @Test func theCommandLineReadsTheFileNamedByFlagOrEnvironmentAndRefusesABadOne() throws {
        let cli = CommandLineTests()
        let folder = try TemporaryFolder()
        try folder.write("koers.yaml", "database: uit-bestand.sqlite\nserve: {port: 9000}\n")
        let printed = try cli.koers(["serve", "--print-config", "--port", "9001"], in: folder, environment: ["KOERS_CONFIG": "koers.yaml"])
        #expect(printed.status == 0, "\(printed.errors)")
        #expect(printed.output.contains("env KOERS_CONFIG"))
        #expect(printed.output.contains("uit-bestand.sqlite"))
        #expect(printed.output.contains("flag --port"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("uit-bestand.sqlite")), "printing opens no store")

        #expect(try cli.koers(["plans", "--config", "koers.yaml"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("uit-bestand.sqlite")))

        try folder.write("kapot.yaml", "serve:\n  poort: 9000\n")
        let bad = try cli.koers(["plans", "--config", "kapot.yaml"], in: folder)
        #expect(bad.status != 0)
        #expect(bad.errors.contains("kapot.yaml:2:3: serve: unknown key 'poort'"), "\(bad.errors)")
        let missing = try cli.koers(["plans", "--config", "weg.yaml"], in: folder)
        #expect(missing.status != 0)
        #expect(missing.errors.contains("weg.yaml: cannot read the configuration file"), "\(missing.errors)")
    }
}
