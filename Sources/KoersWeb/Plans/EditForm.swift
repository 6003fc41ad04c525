import Foundation
import KoersCore
import KoersViews

/// One field of a plan edit form: its name in the posted form, its label, how it is entered, and what it shows.
struct EditField {
    enum Kind {
        /// One line of text; `list` names a `<datalist>` of suggestions.
        case line(list: String? = nil)
        /// Several lines.
        case text
        /// A number in the page's language (`NumberInput`).
        case number
        /// A period in the notation of the plan files.
        case period
        /// One of `options` (value, label); the first may be "" for none.
        case select([(String, String)])
        case checkbox
        /// Several of `options`, each a checkbox named `name.value`.
        case checkboxes([(String, String)])
    }

    var name: String
    var label: String
    var kind: Kind
    var hint: String? = nil
    var required = false

    /// The template's view of the field, showing `value` (for checkboxes: the checked values, comma-separated) and
    /// `error`.
    func view(value: String, error: String?) -> [String: Any] {
        let id = "f-" + name.replacingOccurrences(of: ".", with: "-")
        let describedBy = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }.joined(separator: " ")
        // Sections open on true and on any text, the empty one too: what may be absent is a flag beside its text.
        var v: [String: Any] = ["id": id, "name": name, "label": label, "value": value, "hint": hint ?? "", "hasHint": hint != nil,
                                "error": error ?? "", "hasError": error != nil, "required": required,
                                "describedBy": describedBy, "isDescribed": !describedBy.isEmpty]
        switch kind {
        case .line(let list):
            v["isLine"] = true
            if let list { v["list"] = list }
        case .text: v["isText"] = true
        case .number: v["isLine"] = true; v["inputMode"] = "decimal"
        case .period: v["isLine"] = true
        case .select(let options):
            v["isSelect"] = true
            v["options"] = options.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == value] }
        case .checkbox: v["isCheckbox"] = true; v["checked"] = value == "true"
        case .checkboxes(let options):
            let checked = Set(value.split(separator: ",").map(String.init))
            v["isCheckboxes"] = true
            v["options"] = options.map { ["value": $0.0, "label": $0.1, "checked": checked.contains($0.0), "id": id + "-" + $0.0,
                                          "name": name + "." + $0.0] }
        }
        return v
    }
}

/// A fieldset of an edit form.
struct EditGroup {
    var legend: String
    var fields: [EditField]
}

/// Numbers as people type them in a form: Dutch with a decimal comma (dots may group thousands: 2.391), English with
/// a decimal point (commas may group thousands: 2,391). A form shows a stored number the way it reads it back.
enum NumberInput {
    static func text(_ value: Double, _ language: Language) -> String {
        let plain = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        return language == .nl ? plain.replacingOccurrences(of: ".", with: ",") : plain
    }

    static func parse(_ text: String, _ language: Language) -> Double? {
        var t = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" }
        let (decimal, grouping): (Character, Character) = language == .nl ? (",", ".") : (".", ",")
        let grouped = "^-?\\d{1,3}(\\\(grouping)\\d{3})+(\\\(decimal)\\d+)?$"
        if t.range(of: grouped, options: .regularExpression) != nil { t.removeAll { $0 == grouping } }
        // The other sign on its own is taken as the decimal sign too: 7.5 in a Dutch form is seven and a half.
        t = String(t.map { $0 == grouping || $0 == decimal ? "." : $0 })
        guard t.range(of: #"^-?\d+(\.\d+)?$"#, options: .regularExpression) != nil, let value = Double(t), value.isFinite,
              abs(value) < 1e15 else { return nil }
        return value
    }
}

/// Reads a posted edit form field by field, collecting what is wrong by field name, in the page's language.
struct FormReader {
    let form: [String: String]
    let language: Language
    private(set) var errors: [String: String] = [:]

    init(_ form: [String: String], _ language: Language) {
        self.form = form
        self.language = language
    }

    private var t: [String: String] { UIText.table(language) }

    /// The trimmed text; nil when empty (an error when `required`).
    mutating func text(_ name: String, required: Bool = false, limit: Int = 4_000) -> String? {
        let value = (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            if required { errors[name] = t["edit_required", default: ""] }
            return nil
        }
        if value.count > limit {
            errors[name] = t["edit_too_long", default: ""].replacingOccurrences(of: "{maximum}", with: String(limit))
            return nil
        }
        return value
    }

    mutating func number(_ name: String, required: Bool = false) -> Double? {
        guard let text = text(name, required: required) else { return nil }
        guard let value = NumberInput.parse(text, language) else {
            errors[name] = t["edit_not_a_number", default: ""].replacingOccurrences(of: "{text}", with: text)
            return nil
        }
        return value
    }

    mutating func period(_ name: String, required: Bool = false) -> Period? {
        guard let text = text(name, required: required) else { return nil }
        guard let period = Period(text) else {
            errors[name] = t["edit_not_a_period", default: ""].replacingOccurrences(of: "{text}", with: text)
            return nil
        }
        return period
    }

    /// One of `allowed` (nil for ""), else an error.
    mutating func choice(_ name: String, among allowed: [String], required: Bool = false) -> String? {
        guard let value = text(name, required: required) else { return nil }
        guard allowed.contains(value) else {
            errors[name] = t["edit_not_a_choice", default: ""]
            return nil
        }
        return value
    }

    func checked(_ name: String) -> Bool { form[name] != nil }

    /// A localized text from `name.nl` and `name.en`; Dutch required when `required`.
    mutating func localized(_ name: String, required: Bool = false) -> LocalizedText? {
        let nl = text(name + ".nl", required: required)
        let en = text(name + ".en")
        if nl == nil, en != nil { errors[name + ".nl"] = t["edit_dutch_first", default: ""] }
        return nl.map { LocalizedText(nl: $0, en: en) }
    }

    /// A problem found beyond the field's own reading (which, if it failed, is the one kept).
    mutating func report(_ name: String, _ message: String) {
        if errors[name] == nil { errors[name] = message }
    }
}
