import Foundation

/// The data files shipped with Koers: geography, the seed plans, their indicators and observations.
///
/// They are plain YAML, reviewed like code (see `data/FORMAT.md`); this type only says where they are.
public enum BundledData {
    /// The folder holding `geography/`, `plans/`, `indicators/` and `observations/`.
    public static var root: URL { Bundle.module.resourceURL! }

    public static var geography: URL { root.appendingPathComponent("geography") }
    public static var plans: URL { root.appendingPathComponent("plans") }
    public static var indicators: URL { root.appendingPathComponent("indicators") }
    public static var observations: URL { root.appendingPathComponent("observations") }
}
