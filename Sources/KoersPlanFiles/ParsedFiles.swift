import KoersCore

/// What has been read from a set of data files, each value with the place it was read from, before references between
/// files are checked.
struct ParsedFiles {
    var regions: [(Region, Location)] = []
    var compositions: [(String, [String], Location)] = []
    var successions: [(RegionSuccession, Location)] = []
    var organisations: [(Organisation, Location)] = []
    var fundingProgrammes: [(FundingProgramme, Location)] = []
    var indicators: [(Indicator, Location)] = []
    var plans: [(Plan, Location)] = []
    var observations: [(Observation, Location)] = []
    var references: [Reference] = []
}

/// A code one file uses that must be defined somewhere in the set (or in the context the set is checked against).
struct Reference {
    enum Kind: String {
        case region, indicator, organisation, fundingProgramme = "funding programme"
        /// A plan's target, as `plan/code`.
        case target
    }

    var kind: Kind
    var code: String
    var location: Location
    /// For regions: the period the use refers to, to check that the region exists then.
    var period: Period?
}
