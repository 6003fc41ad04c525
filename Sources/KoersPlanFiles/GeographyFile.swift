import KoersCore
import Yams

/// Reads `data/geography/regions.yaml`: regions, custom compositions and municipal mergers.
enum GeographyFile {
    static let keys: Set<String> = ["regions", "compositions", "mergers"]

    static func read(_ root: Fields, into parsed: inout ParsedFiles) {
        let reader = root.reader
        for node in reader.sequence(root["regions"], "regions") {
            guard let f = reader.fields(node, "region", allowed: ["code", "level", "nl", "fr", "en", "nuts", "parent",
                                                                  "valid_from", "valid_to"]),
                  let code = f.string("code", required: true), let level = f.choice("level", RegionLevel.self, required: true),
                  let nl = f.string("nl", required: true) else { continue }
            let region = Region(code: code, name: LocalizedText(nl: nl, en: f.string("en"), fr: f.string("fr")),
                                level: level, nuts: f.string("nuts"), parent: f.string("parent"),
                                validFrom: f.day("valid_from"), validTo: f.day("valid_to"))
            parsed.regions.append((region, f.location))
            if let parent = region.parent {
                parsed.references.append(Reference(kind: .region, code: parent, location: f.location(of: "parent")))
            }
        }
        if let node = root["compositions"] {
            if case .mapping(let m) = node {
                for (key, value) in m {
                    guard let code = key.string else { continue }
                    let members = reader.sequence(value, "composition \(code)").compactMap(\.string)
                    parsed.compositions.append((code, members, reader.location(key)))
                    for (member, memberNode) in zip(members, reader.sequence(value, "composition \(code)")) {
                        parsed.references.append(Reference(kind: .region, code: member, location: reader.location(memberNode)))
                    }
                }
            } else {
                reader.report("compositions must map a region code to its municipalities", at: node)
            }
        }
        for node in reader.sequence(root["mergers"], "mergers") {
            guard let f = reader.fields(node, "merger", allowed: ["from", "to", "date"]),
                  let from = f.string("from", required: true), let to = f.string("to", required: true) else { continue }
            guard let date = f.day("date") else {
                if f["date"] == nil { reader.report("merger: 'date' is required", at: node) }
                continue
            }
            parsed.successions.append((RegionSuccession(from: from, to: to, date: date), f.location))
            parsed.references.append(Reference(kind: .region, code: from, location: f.location(of: "from")))
            parsed.references.append(Reference(kind: .region, code: to, location: f.location(of: "to")))
        }
    }
}
