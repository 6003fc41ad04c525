import KoersCore
import KoersProgress
import KoersTestSupport
import Testing

/// The invariant of issue 4: no method ever puts a NaN or an infinity in a result, whatever the input.
@Suite struct FinitenessTests {
    /// A seeded generator (SplitMix64) so a failure can be replayed.
    struct Generator {
        var random: SplitMix64
        init(state: UInt64) { random = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { random.next() }
        mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
    }

    /// Values that break naive formulas: zero, signs, extremes, and the smallest and largest Doubles.
    static let hostile: [Double] = [0, -0.0, 1, -1, 0.001, 1e-300, -1e-300, 1e300, -1e300, .leastNonzeroMagnitude,
                                    .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 100, 99.999, 2015]

    @Test(arguments: [1, 2, 3])
    func everyResultIsFinite(seed: UInt64) {
        var g = Generator(state: seed)
        for _ in 0..<20_000 {
            let count = Int(g.next() % 6)
            let start = 2010 + Int(g.next() % 10)
            let points = (0..<count).map { i in
                ProgressPoint(year: start + (g.pick([true, false, false]) ? 0 : i) + (g.pick([true, false]) ? i : 0),
                              value: g.pick(Self.hostile))
            }
            let question = ProgressQuestion(points: points, direction: g.pick([.up, .down, .none]),
                                            target: g.pick([nil, 0, 1, -1, 1e300, 100, 1e-300]),
                                            targetYear: g.pick([nil, 2010, 2015, 2030, 3000]),
                                            baseYear: g.pick([nil, 2000, 2015, 2025]),
                                            limit: g.pick([nil, 0, 100, -5]), asOfYear: g.pick([nil, 2026]))
            for method in ProgressMethod.allCases {
                let a = method.assess(question)
                #expect(a.numbers?.isFinite ?? true, "\(method) \(question)")
                #expect((a.status == nil) != (a.reason == nil), "\(method): a status or a reason, never both")
            }
            if let first = points.first, let last = points.last {
                let r = OpenSDGMeasure.assess(OpenSDGInputs(baseYear: first.year, baseValue: first.value, currentYear: last.year,
                                                            currentValue: last.value, target: question.target,
                                                            direction: question.direction, limit: question.limit))
                #expect(r.progressValue?.isFinite ?? true && r.score?.isFinite ?? true, "\(r)")
                #expect((r.score == nil) == (r.status == .notAvailable))
            }
        }
    }
}
