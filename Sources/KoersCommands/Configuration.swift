import Foundation
import KoersCore
import KoersFollowUp
import KoersMail
import KoersPostgres
import KoersWeb
import Logging

/// One setting of Koers: its key in the configuration file, its environment variable, its flag and its default.
enum SettingKey: String, CaseIterable, Sendable {
    case database, host = "serve.host", port = "serve.port", cacheMB = "serve.cache_mb", secureCookies = "serve.secure_cookies",
         trustedProxies = "serve.trusted_proxies", uploadMB = "serve.upload_mb", logLevel = "log.level", logFormat = "log.format",
         fourEyes = "approval.four_eyes",
         smtpHost = "mail.smtp_host", smtpPort = "mail.smtp_port", mailFrom = "mail.from", siteURL = "mail.site_url", digest = "mail.digest",
         annualMonths = "follow_up.annual_months", quarterlyMonths = "follow_up.quarterly_months",
         monthlyMonths = "follow_up.monthly_months", silentDays = "follow_up.silent_days"

    var variable: String {
        switch self {
        case .database: "KOERS_DATABASE_URL"
        case .host: "KOERS_HOST"
        case .port: "KOERS_PORT"
        case .cacheMB: "KOERS_CACHE_MB"
        case .secureCookies: "KOERS_SECURE_COOKIES"
        case .trustedProxies: "KOERS_TRUSTED_PROXIES"
        case .uploadMB: "KOERS_UPLOAD_MB"
        case .fourEyes: "KOERS_FOUR_EYES"
        case .smtpHost: "KOERS_SMTP_HOST"
        case .smtpPort: "KOERS_SMTP_PORT"
        case .mailFrom: "KOERS_MAIL_FROM"
        case .siteURL: "KOERS_SITE_URL"
        case .digest: "KOERS_DIGEST"
        case .annualMonths: "KOERS_ANNUAL_MONTHS"
        case .quarterlyMonths: "KOERS_QUARTERLY_MONTHS"
        case .monthlyMonths: "KOERS_MONTHLY_MONTHS"
        case .silentDays: "KOERS_SILENT_DAYS"
        case .logLevel: "KOERS_LOG_LEVEL"
        case .logFormat: "KOERS_LOG_FORMAT"
        }
    }

    var flag: String {
        switch self {
        case .database: "--db"
        case .host: "--host"
        case .port: "--port"
        case .cacheMB: "--cache-mb"
        case .secureCookies: "--secure-cookies"
        case .trustedProxies: "--trusted-proxies"
        case .uploadMB: "--upload-mb"
        case .fourEyes: "--four-eyes"
        case .smtpHost: "--smtp-host"
        case .smtpPort: "--smtp-port"
        case .mailFrom: "--mail-from"
        case .siteURL: "--site-url"
        case .digest: "--digest"
        case .annualMonths: "--annual-months"
        case .quarterlyMonths: "--quarterly-months"
        case .monthlyMonths: "--monthly-months"
        case .silentDays: "--silent-days"
        case .logLevel: "--log-level"
        case .logFormat: "--log-format"
        }
    }

    var builtIn: String {
        switch self {
        case .database: "koers.sqlite"
        case .host: "127.0.0.1"
        case .port: "8080"
        case .cacheMB: String(defaultCacheBytes >> 20)
        // Off for the README's plain-HTTP localhost; the deployment docs, behind HTTPS, turn it on.
        case .secureCookies: "false"
        // None: X-Forwarded-For is anyone's to send. The deployment docs name the reverse proxy.
        case .trustedProxies: ""
        // The default: a year of a large municipal series as CSV is a few MB.
        case .uploadMB: "50"
        // Off, so that an agency with one steward can publish; on, a draft needs a second steward (docs/steering.md).
        case .fourEyes: "false"
        // No relay: nothing is sent, and the follow-up page says so.
        case .smtpHost, .mailFrom: ""
        case .smtpPort: "25"
        case .siteURL: "http://127.0.0.1:8080"
        case .digest: "off"
        case .annualMonths: String(StalenessRules().annualMonths)
        case .quarterlyMonths: String(StalenessRules().quarterlyMonths)
        case .monthlyMonths: String(StalenessRules().monthlyMonths)
        case .silentDays: String(StalenessRules().silentDays)
        case .logLevel: Logger.Level.info.rawValue
        case .logFormat: LogFormat.text.rawValue
        }
    }

    /// What is wrong with `value` for this setting, or nil when it is fine.
    func problem(_ value: String) -> String? {
        switch self {
        case .database:
            if value.isEmpty { return "must name a SQLite file or a PostgreSQL URL" }
            guard PostgresLocation.isPostgres(value) else { return nil }
            do { _ = try PostgresLocation(url: value) } catch { return "\(error)" }
            return nil
        case .host: return value.isEmpty ? "must name an address to listen on" : nil
        case .port: return Int(value).map { (0...65535).contains($0) } == true ? nil : "must be a port number 0…65535 (0: any free port), not '\(value)'"
        case .cacheMB: return Int(value).map { $0 >= 0 && $0 <= 1 << 20 } == true ? nil : "must be a whole number of MB, 0 or more, not '\(value)'"
        case .secureCookies, .fourEyes: return ["true", "false"].contains(value) ? nil : "must be true or false, not '\(value)'"
        case .uploadMB: return Int(value).map { $0 >= 1 && $0 <= 4096 } == true ? nil : "must be a whole number of MB, 1 to 4096, not '\(value)'"
        case .smtpHost: return value.contains(where: { $0.isWhitespace || $0 == "/" }) ? "must be a host name or address, not '\(value)'" : nil
        case .smtpPort: return Int(value).map { (1...65535).contains($0) } == true ? nil : "must be a port number 1…65535, not '\(value)'"
        case .mailFrom:
            if value.isEmpty { return nil }
            do { try MailAddress.check(value) } catch { return "must be an e-mail address, not '\(value)'" }
            return nil
        case .siteURL:
            return (value.hasPrefix("http://") || value.hasPrefix("https://")) && URL(string: value) != nil && !value.contains(where: \.isWhitespace)
                ? nil : "must be the site's address, such as https://koers.pomwvl.be, not '\(value)'"
        case .digest: return value == "off" || DigestSchedule(value) != nil ? nil : "must be off or a weekday and a UTC time, such as 'monday 08:00', not '\(value)'"
        case .annualMonths, .quarterlyMonths, .monthlyMonths:
            return Int(value).map { (1...120).contains($0) } == true ? nil : "must be a whole number of months, 1 to 120, not '\(value)'"
        case .silentDays: return Int(value).map { (1...3650).contains($0) } == true ? nil : "must be a whole number of days, 1 to 3650, not '\(value)'"
        case .trustedProxies:
            let bad = Self.addresses(value).first { !$0.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) }
            return bad.map { "must be IP addresses separated by commas (e.g. 127.0.0.1,::1); '\($0)' is not one" }
        case .logLevel:
            return Logger.Level(rawValue: value) != nil ? nil
                : "must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'"
        case .logFormat:
            return LogFormat(rawValue: value) != nil ? nil : "must be one of \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'"
        }
    }
}

extension SettingKey {
    /// A list of addresses, separated by commas.
    static func addresses(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Koers's effective settings, each with where it came from.
///
/// Precedence, per setting: a flag, else its environment variable (an empty one counts as unset), else the
/// configuration file (`--config FILE`, else `$KOERS_CONFIG`; none by default), else the built-in default. Every
/// value given is checked, also one that a higher source overrides: a mistake does not wait for the day the flag is
/// dropped.
struct Configuration: Sendable {
    enum Source: Sendable, Equatable, CustomStringConvertible {
        case flag(String), environment(String), file(Location), builtIn

        var description: String {
            switch self {
            case .flag(let flag): "flag \(flag)"
            case .environment(let variable): "env \(variable)"
            case .file: "file \(origin)"
            case .builtIn: "default"
            }
        }

        /// Where the value stands, for messages: `--port`, `KOERS_PORT`, `koers.yaml:3:9`.
        var origin: String {
            switch self {
            case .flag(let flag): flag
            case .environment(let variable): variable
            case .file(let location): "\(location.file):\(location.line):\(location.column)"
            case .builtIn: "default"
            }
        }
    }

    struct Setting: Sendable, Equatable {
        var value: String
        var source: Source
    }

    private(set) var settings: [SettingKey: Setting]

    /// Resolves every setting from the flags given on the command line, the environment and the file's text.
    static func resolve(flags: [SettingKey: String], environment: [String: String], file: ConfigurationFile?) throws -> Configuration {
        var problems: [String] = []
        let fromFile = try file?.values() ?? [:]
        var settings: [SettingKey: Setting] = [:]
        for key in SettingKey.allCases {
            var candidates: [Setting] = []
            if let value = flags[key] { candidates.append(Setting(value: value, source: .flag(key.flag))) }
            if let value = environment[key.variable], !value.isEmpty { candidates.append(Setting(value: value, source: .environment(key.variable))) }
            if let given = fromFile[key] { candidates.append(Setting(value: given.0, source: .file(given.1))) }
            for candidate in candidates {
                guard let problem = key.problem(candidate.value) else { continue }
                // A file's problem names the key; a flag or variable is its own name.
                let named = if case .file = candidate.source { " \(key.rawValue)" } else { "" }
                problems.append("\(candidate.source.origin):\(named) \(problem)")
            }
            settings[key] = candidates.first ?? Setting(value: key.builtIn, source: .builtIn)
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return Configuration(settings: settings)
    }

    subscript(key: SettingKey) -> Setting { settings[key]! }

    var database: String { self[.database].value }
    var host: String { self[.host].value }
    // Checked by `resolve`, so these always convert.
    var port: Int { Int(self[.port].value)! }
    var cacheBytes: Int { Int(self[.cacheMB].value)! << 20 }
    var secureCookies: Bool { self[.secureCookies].value == "true" }
    var fourEyes: Bool { self[.fourEyes].value == "true" }
    var uploadBytes: Int { Int(self[.uploadMB].value)! << 20 }
    var staleness: StalenessRules {
        StalenessRules(annualMonths: Int(self[.annualMonths].value)!, quarterlyMonths: Int(self[.quarterlyMonths].value)!,
                       monthlyMonths: Int(self[.monthlyMonths].value)!, silentDays: Int(self[.silentDays].value)!)
    }
    var siteURL: String { self[.siteURL].value }
    var digestSchedule: DigestSchedule? { DigestSchedule(self[.digest].value) }

    /// The relay, when one is configured; a relay without a sender address is a configuration error.
    func mail() throws -> MailSettings? {
        guard !self[.smtpHost].value.isEmpty else { return nil }
        guard !self[.mailFrom].value.isEmpty else {
            throw ConfigurationError(problems: ["\(self[.smtpHost].source.origin): mail.smtp_host is set, so mail.from must name the sender (KOERS_MAIL_FROM)"])
        }
        return MailSettings(smtp: SMTPSettings(host: self[.smtpHost].value, port: Int(self[.smtpPort].value)!), from: self[.mailFrom].value,
                            site: siteURL)
    }
    var trustedProxies: Set<String> { Set(SettingKey.addresses(self[.trustedProxies].value)) }
    var logLevel: Logger.Level { Logger.Level(rawValue: self[.logLevel].value)! }
    var logFormat: LogFormat { LogFormat(rawValue: self[.logFormat].value)! }

    /// The database for messages: a PostgreSQL URL without its password.
    var databaseDisplayName: String { Self.displayName(database) }

    static func displayName(_ location: String) -> String {
        (try? PostgresLocation(url: location))?.description ?? location
    }

    /// One line per setting, `key  value  source`, aligned, after the configuration file's; passwords left out.
    func table(configurationFile file: (path: String, source: Source)?) -> String {
        let rows = [("config", file?.path ?? "(none)", file?.source.description ?? "default")] + SettingKey.allCases.map { key in
            (key.rawValue, key == .database ? databaseDisplayName : self[key].value.isEmpty ? "(none)" : self[key].value, self[key].source.description)
        }
        let keyWidth = rows.map(\.0.count).max()!, valueWidth = rows.map(\.1.count).max()!
        return rows.map { key, value, source in
            key.padding(toLength: keyWidth + 2, withPad: " ", startingAt: 0) + value.padding(toLength: valueWidth + 2, withPad: " ", startingAt: 0) + source
        }.joined(separator: "\n")
    }
}

/// Settings that cannot be used; every problem, each naming where the value came from.
struct ConfigurationError: Error, CustomStringConvertible {
    var problems: [String]

    var description: String { problems.joined(separator: "\n") }
}
