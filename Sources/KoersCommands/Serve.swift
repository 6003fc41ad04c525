import ArgumentParser
import Foundation
import KoersBundledCatalogue
import KoersFollowUp
import KoersStore
import KoersWeb
import Logging
import ServiceLifecycle

/// `koers serve`: the web site.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the Koers web site.",
        discussion: """
            On first start with a new store, loads the bundled geography and the seed plans. Every setting also comes \
            from an environment variable or the configuration file (--print-config shows which); a flag wins. SIGTERM or \
            SIGINT stops accepting, lets the requests in flight finish, closes the store and exits 0.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on (default 127.0.0.1; $KOERS_HOST).") var host: String?
    @Option(help: "Port to listen on (default 8080, 0: any free one; $KOERS_PORT).") var port: Int?
    @Option(name: .customLong("cache-mb"),
            help: "Memory for finished pages and downloads, in MB (kept while the store's data is unchanged; 0: none; default 64; $KOERS_CACHE_MB).")
    var cacheMB: Int?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info; $KOERS_LOG_LEVEL).")
    var logLevel: String?
    @Option(name: .customLong("log-format"), help: "Log lines on standard error as text or json (default text; $KOERS_LOG_FORMAT).")
    var logFormat: String?
    @Option(name: .customLong("secure-cookies"), help: "true behind HTTPS: session cookies only over HTTPS (default false; $KOERS_SECURE_COOKIES).")
    var secureCookies: String?
    @Option(name: .customLong("trusted-proxies"),
            help: "Addresses of reverse proxies whose X-Forwarded-For names the client, separated by commas (default none; $KOERS_TRUSTED_PROXIES).")
    var trustedProxies: String?
    @Option(name: .customLong("upload-mb"), help: "The largest upload on the data page, in MB (default 50; $KOERS_UPLOAD_MB).")
    var uploadMB: Int?
    @Option(name: .customLong("four-eyes"),
            help: "true: a draft needs a steward other than the one who loaded it (default false; $KOERS_FOUR_EYES).")
    var fourEyes: String?
    @Flag(name: .customLong("print-config"), help: "Print the effective settings and where each comes from, and exit.")
    var printConfig = false

    var flags: [SettingKey: String] {
        var flags: [SettingKey: String] = [:]
        flags[.host] = host
        flags[.port] = port.map(String.init)
        flags[.cacheMB] = cacheMB.map(String.init)
        flags[.secureCookies] = secureCookies
        flags[.trustedProxies] = trustedProxies
        flags[.logLevel] = logLevel
        flags[.logFormat] = logFormat
        flags[.uploadMB] = uploadMB.map(String.init)
        flags[.fourEyes] = fourEyes
        return flags
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try store.configuration(flags: flags, environment: environment)
        if printConfig {
            let file = store.configurationFile(environment: environment)
            print(settings.table(configurationFile: file))
            return
        }
        // Before anything logs or opens the store: the PostgreSQL pool's logger is made when the store opens.
        LineLogHandler.bootstrap(format: settings.logFormat, level: settings.logLevel)
        let logger = Logger(label: "koers")
        let name = settings.databaseDisplayName
        let mail = try settings.mail()
        let opened = try await StoreOptions.openAsItIs(settings.database)
        var services: [any Service] = StoreOptions.services(of: opened)
        if let schedule = settings.digestSchedule, let mail, let sources = opened as? any FollowUpSources {
            services.append(DigestService(store: sources, schedule: schedule, mail: mail, rules: settings.staleness, logger: logger))
        }
        // PostgreSQL's pool runs as a service of the application's group, started before the server and shut down
        // after it; the bundled data goes into a new store once the pool runs and before the first request.
        let app = try await buildApplication(store: opened, accounts: opened as? any AccountStore,
                                             sessions: SessionSettings(secureCookies: settings.secureCookies, trustedProxies: settings.trustedProxies),
                                             drafts: DraftSettings(fourEyes: settings.fourEyes, uploadBytes: settings.uploadBytes),
                                             followUp: FollowUpSettings(rules: settings.staleness, mail: mail), host: settings.host, port: settings.port, cacheBytes: settings.cacheBytes,
                                             logger: logger, services: services,
                                             beforeServerStarts: {
                                                 await StoreOptions.untilRunning(opened)
                                                 try await BundledCatalogue.loadIfEmpty(opened)
                                             }) { port in
            logger.info("started", metadata: ["store": .string(name), "address": .string("\(settings.host):\(port)"),
                                              "cache_mb": .stringConvertible(settings.cacheBytes >> 20)])
            print("Koers serves \(name) at http://\(settings.host):\(port)")
            fflush(nil)  // a pipe buffers; whoever waits for this line must see it now
        }
        // Hummingbird's service group turns SIGTERM and SIGINT into a graceful shutdown: the listener closes, each
        // connection closes once its request in flight is answered, then the store's pool closes and `runService`
        // returns.
        try await app.runService()
        logger.info("stopped accepting; requests in flight answered")
        logger.info("store closed; shut down", metadata: ["store": .string(name)])
    }
}
