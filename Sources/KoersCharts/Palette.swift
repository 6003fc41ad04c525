/// Colours that stay distinguishable for colour-blind readers.
public enum Palette {
    /// Okabe & Ito (2008) for categories, black left out (it marks the emphasised series) and yellow last (weak on
    /// white).
    public static let categorical = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]
    /// The emphasised series: the reader's own region.
    public static let emphasis = "#000000"
    /// Text, axes and overlays.
    public static let ink = "#222222"
    public static let muted = "#595959"
    public static let grid = "#e3e3e3"
    /// Bars, and the reader's own bar (light and dark "Blues").
    public static let bar = "#9ecae1"
    public static let barHighlight = "#08519c"
    /// ColorBrewer "Blues", sequential, by number of classes (1–5).
    public static func blues(_ count: Int) -> [String] {
        switch count {
        case ...0: []
        case 1: ["#6baed6"]
        case 2: ["#9ecae1", "#3182bd"]
        case 3: ["#deebf7", "#9ecae1", "#3182bd"]
        case 4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"]
        default: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
        }
    }
}
