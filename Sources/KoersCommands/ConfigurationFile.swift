import Foundation
import KoersCore
import KoersPlanFiles
import Yams

/// A YAML configuration file:
///
/// ```yaml
/// database: postgres://koers@db.example/koers
/// serve: {host: 0.0.0.0, port: 8080, cache_mb: 256}
/// log: {level: info, format: json}
/// ```
///
/// Unknown keys and values that are not plain scalars are errors with the file, line and column: a misspelt key must
/// not be ignored while Koers runs on a default.
struct ConfigurationFile: Sendable {
    /// The file's name as given (for messages) and its text.
    var name: String
    var text: String

    /// Reads the file named by `path`.
    static func read(_ path: String) throws -> ConfigurationFile {
        do {
            return ConfigurationFile(name: path, text: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw ConfigurationError(problems: ["\(path): cannot read the configuration file (\((error as NSError).localizedDescription))"])
        }
    }

    /// Every setting the file gives, as text, with where it stands.
    func values() throws -> [SettingKey: (String, Location)] {
        let reader = YAMLReader(file: name)
        var values: [SettingKey: (String, Location)] = [:]
        if let root = reader.compose(text), !Self.isEmpty(root),
           let top = reader.fields(root, "configuration", allowed: ["database", "serve", "log", "approval", "mail", "follow_up"]) {
            let sections: [(String, [SettingKey])] = [("serve", [.host, .port, .cacheMB, .secureCookies, .trustedProxies, .uploadMB]), ("log", [.logLevel, .logFormat]),
                                                      ("approval", [.fourEyes]),
                                                      ("mail", [.smtpHost, .smtpPort, .mailFrom, .siteURL, .digest]),
                                                      ("follow_up", [.annualMonths, .quarterlyMonths, .monthlyMonths, .silentDays])]
            var groups: [(Fields, [SettingKey])] = [(top, [.database])]
            for (section, keys) in sections {
                if let node = top[section], let fields = reader.fields(node, section, allowed: Set(keys.map { String($0.rawValue.dropFirst(section.count + 1)) })) {
                    groups.append((fields, keys))
                }
            }
            for (fields, keys) in groups {
                for key in keys {
                    let name = String(key.rawValue.split(separator: ".").last!)
                    if fields[name] != nil, let value = fields.string(name, required: true) { values[key] = (value, fields.location(of: name)) }
                }
            }
        }
        guard reader.diagnostics.isEmpty else { throw ConfigurationError(problems: reader.diagnostics.map(\.descriptionWithColumn)) }
        return values
    }

    /// An empty file, or one with only comments, configures nothing.
    private static func isEmpty(_ node: Node) -> Bool {
        if case .scalar(let s) = node { return s.string.isEmpty || s.string == "~" || s.string == "null" }
        return false
    }
}
