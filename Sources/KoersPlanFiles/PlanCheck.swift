import KoersCore

/// The check `koers check` makes of a plan file, made of a plan held in memory: a plan edited in the browser is
/// written as its file (`PlanFileWriter`) and read back by the same reader, against the rest of the store, so that a
/// form accepts exactly what a reviewed YAML file would.
public enum PlanCheck {
    /// The problems of `plan`'s file, checked against `catalogue` (the store: its geography, indicators, organisations,
    /// funding programmes and the other plans, whose targets the plan's actions may serve). Empty when it passes.
    public static func problems(of plan: Plan, in catalogue: Catalogue) -> [Diagnostic] {
        let plan = PlanFileWriter.completingLists(plan)
        let text = PlanFileWriter.text(of: plan, organisations: catalogue.organisations, funding: catalogue.fundingProgrammes)
        var context = catalogue
        context.plans.removeAll { $0.id == plan.id }
        do {
            let read = try CatalogueLoader.load([.init(name: "plans/\(plan.id).yaml", text: text)], context: context)
            // What the reader makes of the file must be the plan itself: a text the file cannot carry is a problem too.
            guard read.plans.first == plan else {
                return [Diagnostic(file: "plans/\(plan.id).yaml", line: 1, column: 1,
                                   message: "the plan does not read back as it was written")]
            }
            return []
        } catch {
            return error.diagnostics
        }
    }
}
