import Testing

@testable import KoersPostgres

/// What `--db postgres://…` accepts: a port the network has, and the password never in a message.
struct PostgresLocationTests {
    @Test(arguments: ["postgres://koers:geheim@127.0.0.1:99999/koers", "postgres://koers:geheim@127.0.0.1:0/koers"])
    func aPortBeyondTheNetworksIsRefusedWithoutThePassword(_ url: String) {
        #expect {
            try PostgresLocation(url: url)
        } throws: { error in
            let message = "\(error)"
            return message.contains("is not between 1 and 65535") && !message.contains("geheim")
        }
    }

    @Test func theUsualURLsStillRead() throws {
        let location = try PostgresLocation(url: "postgres://koers:geheim@db.example:65535/monitor?sslmode=require")
        #expect(location.port == 65535 && location.host == "db.example" && location.database == "monitor")
        #expect(try PostgresLocation(url: "postgresql://koers@localhost/koers").port == 5432)
    }
}
