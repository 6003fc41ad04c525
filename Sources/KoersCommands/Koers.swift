import ArgumentParser

/// `koers`: the regional strategy monitor's command line.
public struct Koers: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "koers",
        abstract: "Koers: plans, ambitions and indicators of a region, monitored over time.",
        subcommands: [Serve.self, Check.self, Plans.self, Targets.self, Import.self, DataCommand.self, History.self, Derive.self,
                      IndicatorCommand.self, Assess.self, ImportBoundaries.self, Backup.self, ExportDB.self, ImportDB.self,
                      UserCommand.self, TokenCommand.self, AuditCommand.self, BatchCommand.self, Remind.self, ExportPlans.self])

    public init() {}
}
