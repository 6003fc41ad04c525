// Times every KoersProgress method over the series written by ../generate.py (see ../run.sh).
// Prints one line per method: `RESULT swift <method> <seconds> <score sum> <status counts>`, the best of twenty runs,
// timing the assessment only (not reading the file).
import Foundation
import KoersCore
import KoersProgress

/// Reads the series into one batch (points back to back); the file's format is described in ../generate.py.
func parse(_ text: String) -> ProgressBatch {
    var batch = ProgressBatch()
    for line in text.split(separator: "\n") {
        let parts = line.split(separator: " ")
        guard parts.count > 4, let targetYear = Int(parts[2]), let first = Int(parts[3]) else { continue }
        let points = parts[4...].enumerated().map { ProgressPoint(year: first + $0.offset, value: Double($0.element)!) }
        batch.append(ProgressQuestion(points: points, direction: parts[0] == "up" ? .up : .down,
                                          target: parts[1] == "-" ? nil : Double(parts[1]), targetYear: targetYear))
    }
    return batch
}

/// Assesses every series with every method, the best of twenty runs each (the minimum is the least disturbed by
/// other work on the machine). Local variables, not top-level ones: those are main-actor globals whose every access
/// is checked.
func run(_ batch: ProgressBatch) {
    for method in ProgressMethod.allCases {
        var best = Double.infinity
        var results: [ProgressAssessment] = []
        for _ in 0..<20 {
            let start = ContinuousClock.now
            results = method.assess(batch)
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        var sum = 0.0
        var counts: [String: Int] = [:]
        for r in results {
            sum += r.numbers?.score ?? 0
            counts[r.status?.rawValue ?? "not_available", default: 0] += 1
        }
        let countText = counts.keys.sorted().map { "\($0)=\(counts[$0]!)" }.joined(separator: ",")
        print("RESULT swift \(method.rawValue) \(String(format: "%.6f", best)) \(String(format: "%.9e", sum)) \(countText)")
    }
}

guard CommandLine.arguments.count == 2,
      let text = try? String(contentsOfFile: CommandLine.arguments[1], encoding: .utf8) else {
    print("usage: AssessBenchmark SERIES-FILE")
    exit(2)
}
run(parse(text))
